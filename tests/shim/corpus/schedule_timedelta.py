import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("schedule_timedelta", schedule=timedelta(hours=6), start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
