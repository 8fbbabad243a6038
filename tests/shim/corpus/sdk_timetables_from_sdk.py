import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, DeltaTriggerTimetable, CronDataIntervalTimetable, DeltaDataIntervalTimetable
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("sdk_delta_trigger", schedule=DeltaTriggerTimetable(timedelta(hours=12)),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
with DAG("sdk_cron_interval", schedule=CronDataIntervalTimetable("0 4 * * 1", timezone="Europe/Berlin"),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
with DAG("sdk_delta_interval", schedule=DeltaDataIntervalTimetable(timedelta(days=7)),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
