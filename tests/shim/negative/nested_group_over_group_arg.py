"""A mapped task group expanding over an argument of the mapped group it is in."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="nested_group_over_group_arg", schedule=None):
    @task
    def show(y):
        return y

    @task_group
    def inner(y):
        show(y)

    @task_group
    def outer(x):
        inner.expand(y=x)

    outer.expand(x=[[1], [2]])
