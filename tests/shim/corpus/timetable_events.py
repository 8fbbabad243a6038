import pendulum
from datetime import timedelta, datetime

from airflow.timetables.events import EventsTimetable
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("timetable_events", schedule=EventsTimetable(event_dates=[
        pendulum.datetime(2024, 3, 1, 8), pendulum.datetime(2024, 1, 1, 8), pendulum.datetime(2024, 2, 1, 8)]),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")

with DAG("timetable_events_described", schedule=EventsTimetable(
        event_dates=[pendulum.datetime(2024, 5, 1)], description="Launch day", restrict_to_events=True),
         start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
