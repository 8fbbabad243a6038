import pendulum
from datetime import timedelta, datetime

from airflow.timetables.interval import DeltaDataIntervalTimetable
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("timetable_delta_data_interval", schedule=DeltaDataIntervalTimetable(timedelta(days=2)),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
