import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, chain_linear
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("chain_linear", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    t = [EmptyOperator(task_id=f"t{i}") for i in range(6)]
    chain_linear(t[0], [t[1], t[2]], [t[3], t[4]], t[5])
