"""expand_kwargs() on a task group function taking **kwargs."""
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_expand_kwargs_varargs", schedule=None):
    @task
    def show(v):
        return v

    @task_group
    def grp(**kwargs):
        show(kwargs)

    grp.expand_kwargs([{"x": 1}])
