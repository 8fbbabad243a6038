"""A classic operator's expand_kwargs() given a list with an item that is not a dict."""
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

with DAG(dag_id="mapped_classic_expand_kwargs_item", schedule=None):
    BashOperator.partial(task_id="echo").expand_kwargs([{"bash_command": "echo 1"}, "echo 2"])
