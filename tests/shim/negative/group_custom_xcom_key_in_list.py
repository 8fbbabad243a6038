"""A custom-key XCom inside a literal list given to a mapped task group's expand()."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_custom_xcom_key_in_list", schedule=None):
    @task
    def make():
        return {"k": 1}

    @task
    def show(v):
        return v

    @task_group
    def grp(x):
        show(x)

    grp.expand(x=[1, make()["k"]])
