"""A mapped task group expanded over an argument its function does not take."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_expand_unknown_arg", schedule=None):
    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.expand(x=[1, 2], y=[3])
