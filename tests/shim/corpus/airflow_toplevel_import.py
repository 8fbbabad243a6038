import pendulum
from datetime import timedelta, datetime

from airflow import DAG
from airflow.sdk import Variable
from airflow.providers.standard.operators.bash import BashOperator

with DAG("airflow_toplevel_import", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    BashOperator(task_id="t", bash_command="echo {{ var.value.get('x', 'y') }}")
