import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, TaskGroup
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("deep_nesting", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    with TaskGroup("l1"):
        with TaskGroup("l2"):
            with TaskGroup("l3"):
                EmptyOperator(task_id="leaf")
    with TaskGroup("dup", add_suffix_on_collision=True):
        EmptyOperator(task_id="x")
    with TaskGroup("dup", add_suffix_on_collision=True):
        EmptyOperator(task_id="x")
