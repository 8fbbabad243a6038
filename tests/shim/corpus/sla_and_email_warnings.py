import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("sla_and_email_warnings", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t", sla=timedelta(hours=1))
