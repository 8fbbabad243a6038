"""A task group's override() given an argument TaskGroup does not take."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_override_bad_kwarg", schedule=None):
    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.override(bogus=1).expand(x=[1])
