"""A decorated task's argument given to chained partial() calls twice."""
from airflow.sdk import DAG, task

with DAG(dag_id="decorated_duplicate_partial", schedule=None):
    @task
    def add(a, b, c):
        return a + b + c

    add.partial(a=1).override(task_id="again").partial(c=2, a=3).expand(b=[1])
