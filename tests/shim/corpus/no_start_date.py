import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("no_start_date", schedule=None):
    EmptyOperator(task_id="t")
