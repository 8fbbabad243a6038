"""A mapped task group's expand_kwargs() given a list with an item that is not a dict."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_expand_kwargs_bad_item", schedule=None):
    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.expand_kwargs([{"x": 1}, 2])
