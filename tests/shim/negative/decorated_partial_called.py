"""A decorated task with fixed arguments called instead of expanded (its op_kwargs are given twice)."""
from airflow.sdk import DAG, task

with DAG(dag_id="decorated_partial_called", schedule=None):
    @task
    def add(a, b):
        return a + b

    add.partial(a=1)(b=2)
