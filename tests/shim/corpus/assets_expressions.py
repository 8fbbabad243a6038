import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, Asset, AssetAll, AssetAny
from airflow.providers.standard.operators.empty import EmptyOperator

a, b, c = Asset("a"), Asset("b"), Asset("c")

with DAG("assets_or_and", schedule=(a | b) & c, start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")

with DAG("assets_explicit", schedule=AssetAny(a, AssetAll(b, c)), start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
