"""Expanding over a set: Airflow refuses it at parse time (a set is neither a sequence nor a mapping)."""
from airflow.sdk import DAG, task

with DAG(dag_id="unmappable_set", schedule=None):
    @task
    def double(x):
        return 2 * x

    double.expand(x={1, 2, 3})
