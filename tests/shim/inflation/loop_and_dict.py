"""A loop over runtime-varying values and a dict argument; a second DAG in the same file gets the same warning."""
from datetime import date, timedelta

import pendulum
from airflow import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

DEFAULTS = {"owner": "infl", "retry_delay": timedelta(minutes=5), "start": pendulum.today()}

with DAG("infl_loop", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1), default_args=DEFAULTS):
    for day in [date.today(), date(2024, 1, 1)]:
        EmptyOperator(task_id=f"day_{day.day}")

with DAG("infl_loop_second", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t")
