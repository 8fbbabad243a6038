"""A decorated task's context argument fixed by a chained partial()."""
from airflow.sdk import DAG, task

with DAG(dag_id="decorated_partial_context_key", schedule=None):
    @task
    def add(a, b, ti=None):
        return a + b

    add.partial(a=1).partial(ti=None).expand(b=[1])
