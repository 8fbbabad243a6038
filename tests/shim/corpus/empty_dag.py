import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG

with DAG("empty_dag", schedule=None, start_date=pendulum.datetime(2024, 1, 1), description="No tasks"):
    pass
