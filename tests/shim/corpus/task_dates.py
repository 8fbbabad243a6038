import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("task_dates", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1),
         end_date=pendulum.datetime(2024, 12, 31)):
    EmptyOperator(task_id="later_start", start_date=pendulum.datetime(2024, 3, 1))
    EmptyOperator(task_id="earlier_start", start_date=pendulum.datetime(2023, 3, 1))
    EmptyOperator(task_id="early_end", end_date=pendulum.datetime(2024, 6, 30))
    EmptyOperator(task_id="late_end", end_date=pendulum.datetime(2026, 6, 30))
