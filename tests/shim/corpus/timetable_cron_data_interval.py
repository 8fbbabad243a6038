import pendulum
from datetime import timedelta, datetime

from airflow.timetables.interval import CronDataIntervalTimetable
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("timetable_cron_data_interval", schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
         start_date=pendulum.datetime(2024, 1, 1), catchup=True):
    EmptyOperator(task_id="t")
