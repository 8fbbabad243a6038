import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, cross_downstream
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("cross_downstream", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    a = [EmptyOperator(task_id=f"a{i}") for i in range(3)]
    b = [EmptyOperator(task_id=f"b{i}") for i in range(2)]
    cross_downstream(a, b)
