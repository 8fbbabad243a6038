"""A mapped task group argument given to partial() twice."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_duplicate_partial", schedule=None):
    @task
    def show(v, w):
        return v

    @task_group
    def grp(x, y):
        show(x, y)

    grp.partial(x=1).partial(x=2).expand(y=[3])
