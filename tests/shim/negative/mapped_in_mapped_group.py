"""A mapped task inside a mapped task group: Airflow 3.2 refuses the file."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="mapped_in_mapped_group", schedule=None):
    @task
    def double(x, y):
        return x * y

    @task_group
    def grp(x):
        return double.partial(x=x).expand(y=[10, 20, 30])

    grp.expand(x=[1, 2])
