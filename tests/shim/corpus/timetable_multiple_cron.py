import pendulum
from datetime import timedelta, datetime

from airflow.timetables.trigger import MultipleCronTriggerTimetable
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("timetable_multiple_cron",
         schedule=MultipleCronTriggerTimetable("0 8 * * *", "30 17 * * *", timezone="UTC"),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
