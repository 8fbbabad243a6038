import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, Asset
from airflow.providers.standard.operators.bash import BashOperator

raw = Asset("s3://lake/raw.csv")
clean = Asset(name="clean", uri="s3://lake/clean.parquet", group="lake")

with DAG("assets_producer", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1)):
    BashOperator(task_id="produce", bash_command="true", outlets=[raw, clean])

with DAG("assets_consumer", schedule=[raw, clean], start_date=pendulum.datetime(2024, 1, 1)):
    BashOperator(task_id="consume", bash_command="true", inlets=[raw])

with DAG("assets_single", schedule=raw, start_date=pendulum.datetime(2024, 1, 1)):
    BashOperator(task_id="consume", bash_command="true")
