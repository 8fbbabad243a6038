"""A custom-key XCom in a mapped task group's expand_kwargs()."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_expand_kwargs_custom_key", schedule=None):
    @task
    def make():
        return {"k": 1}

    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.expand_kwargs([{"x": make()["k"]}])
