"""Expanding a decorated task over an argument its function does not take."""
from airflow.sdk import DAG, task

with DAG(dag_id="unknown_expand", schedule=None):
    @task
    def double(x):
        return 2 * x

    double.partial(x=1).expand(y=[1, 2])
