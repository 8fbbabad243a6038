import pendulum
from datetime import timedelta, datetime

from airflow.timetables.trigger import DeltaTriggerTimetable
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("timetable_delta_trigger", schedule=DeltaTriggerTimetable(timedelta(minutes=30)),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
