"""A mapped task expanded over an XCom other than return_value."""
from airflow.sdk import DAG, task

with DAG(dag_id="mapped_task_custom_xcom_key", schedule=None):
    @task
    def make():
        return {"k": [1, 2]}

    @task
    def show(v):
        return v

    show.expand(v=make()["k"])
