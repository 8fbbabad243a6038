import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("invalid_operator_arg", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    BashOperator(task_id="t", bash_command="true", not_an_arg=1)
