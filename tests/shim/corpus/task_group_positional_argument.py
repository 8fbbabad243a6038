"""@task_group given a positional string: Airflow 3.2 ignores it (the group is named after its function), and
task_group(fn, **kwargs) makes a decorator, not a group."""

from airflow.sdk import DAG, task, task_group


@task
def show(value):
    return value


with DAG(dag_id="task_group_positional_argument", schedule=None):

    @task_group("custom_name")
    def named_after_function():
        show.override(task_id="inner")(1)

    named_after_function()

    def plain(value):
        show.override(task_id="leaf")(value)

    decorator = task_group(plain, tooltip="made by a call")
    decorator(plain)(2)
