import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("setup_teardown_methods", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    create = BashOperator(task_id="create", bash_command="echo create").as_setup()
    work = BashOperator(task_id="work", bash_command="echo work")
    delete = BashOperator(task_id="delete", bash_command="echo delete").as_teardown(setups=create)
    create >> work >> delete
