"""A mapped task group argument given both to partial() and to expand()."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_mapping_already_partial", schedule=None):
    @task
    def show(v, w):
        return v

    @task_group
    def grp(x, y):
        show(x, y)

    grp.partial(x=1).expand(x=[1, 2], y=[3])
