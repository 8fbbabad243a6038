import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, Asset

orders = Asset("s3://warehouse/orders")
report = Asset(name="report", uri="file:///reports/daily.csv")


@dag(schedule=[orders], start_date=pendulum.datetime(2024, 1, 1))
def asset_inlets_outlets():
    @task(inlets=[orders], outlets=[report])
    def build():
        return 1

    build()


asset_inlets_outlets()
