import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("lshift_and_lists", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    a, b, c, d = (EmptyOperator(task_id=x) for x in "abcd")
    d << [b, c]
    [b, c] << a
