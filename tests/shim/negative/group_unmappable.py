"""A mapped task group expanded over a value that is not a list, dict or XComArg."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_unmappable", schedule=None):
    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.expand(x=3)
