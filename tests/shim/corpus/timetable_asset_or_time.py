import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, Asset, AssetOrTimeSchedule, CronTriggerTimetable
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("timetable_asset_or_time",
         schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable("0 1 * * 3", timezone="UTC"),
                                      assets=[Asset("s3://bucket/a"), Asset("s3://bucket/b")]),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
