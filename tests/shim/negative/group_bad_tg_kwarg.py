"""@task_group given an argument TaskGroup does not take."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_bad_tg_kwarg", schedule=None):
    @task
    def show(v):
        return v

    @task_group(tooltipp="x")
    def grp(x):
        show(x)

    grp.expand(x=[1])
