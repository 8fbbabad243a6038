import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, CronTriggerTimetable
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("timetable_cron_trigger",
         schedule=CronTriggerTimetable("0 3 * * *", timezone="Europe/Amsterdam", interval=timedelta(hours=1)),
         start_date=pendulum.datetime(2024, 1, 1, tz="Europe/Amsterdam")):
    EmptyOperator(task_id="t")
