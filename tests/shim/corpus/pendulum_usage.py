import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

start = pendulum.datetime(2024, 1, 31, 6, 30, tz="America/New_York").add(months=1)
tz = pendulum.timezone("Asia/Tokyo")

with DAG("pendulum_usage", schedule="0 6 * * *", start_date=start,
         dagrun_timeout=pendulum.duration(hours=2, minutes=30)):
    EmptyOperator(task_id="t", execution_timeout=pendulum.duration(minutes=5),
                  end_date=pendulum.datetime(2030, 1, 1, tz=tz))
