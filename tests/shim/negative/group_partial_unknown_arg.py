"""A mapped task group given partial() arguments its function does not take."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_partial_unknown_arg", schedule=None):
    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.partial(y=1, z=2).expand(x=[1, 2])
