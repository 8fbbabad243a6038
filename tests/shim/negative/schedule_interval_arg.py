import pendulum
from airflow.sdk import DAG

with DAG("schedule_interval_arg", schedule_interval="@daily", start_date=pendulum.datetime(2024, 1, 1)):
    pass
