"""A classic mapped operator in a plain group inside a mapped task group: refused as well."""
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, TaskGroup, task_group

with DAG(dag_id="mapped_classic_in_nested_group", schedule=None):
    @task_group
    def grp(x):
        with TaskGroup("inner"):
            BashOperator.partial(task_id="echo").expand_kwargs([{"bash_command": "echo 1"}])

    grp.expand(x=[1, 2])
