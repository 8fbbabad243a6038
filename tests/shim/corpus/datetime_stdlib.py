import pendulum
from datetime import timedelta, datetime

import datetime as dt
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("datetime_stdlib", schedule=dt.timedelta(days=1), start_date=dt.datetime(2024, 1, 1, 12),
         default_args={"retry_delay": dt.timedelta(seconds=45), "retries": 1}):
    EmptyOperator(task_id="t", start_date=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))
