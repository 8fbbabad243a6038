"""A mapped task group expanded over an XCom other than return_value."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_custom_xcom_key", schedule=None):
    @task
    def make():
        return {"k": [1, 2]}

    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.expand(x=make()["k"])
