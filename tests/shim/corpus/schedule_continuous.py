import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("schedule_continuous", schedule="@continuous", max_active_runs=1,
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
