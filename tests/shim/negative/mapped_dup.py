"""An argument both given to partial() and expanded."""
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

with DAG(dag_id="mapped_dup", schedule=None):
    BashOperator.partial(task_id="echo", bash_command="x").expand(bash_command=["a"])
