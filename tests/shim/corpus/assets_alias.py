import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, Asset, AssetAlias
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("assets_alias", schedule=[AssetAlias("my-alias")], start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t", outlets=[AssetAlias("other-alias")])

with DAG("assets_ref", schedule=Asset.ref(name="clean") | Asset("x"), start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
