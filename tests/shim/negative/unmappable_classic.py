"""Expanding a classic operator over a string."""
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

with DAG(dag_id="unmappable_classic", schedule=None):
    BashOperator.partial(task_id="echo").expand(bash_command="echo hi")
