import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, TaskGroup
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("task_group_default_args", schedule=None, start_date=pendulum.datetime(2024, 1, 1),
         default_args={"retries": 1, "pool": "dag_pool"}):
    with TaskGroup("g", default_args={"retries": 5, "queue": "gq"}):
        EmptyOperator(task_id="inherit")
        EmptyOperator(task_id="own", retries=0)
    EmptyOperator(task_id="outside")
