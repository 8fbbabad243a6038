"""A mapped task group's expand_kwargs() given neither a list nor an XComArg."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_expand_kwargs_not_list", schedule=None):
    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.expand_kwargs({"x": 1})
