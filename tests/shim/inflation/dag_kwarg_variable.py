"""A DAG argument taken from a name assigned by random.choice (the DAG warning Airflow shows)."""
import random

import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

START = pendulum.datetime(2024, 1, 1, tz="UTC")
DESCRIPTION = random.choice(["one", "two"])

with DAG(dag_id="infl_dag_kwarg", description=DESCRIPTION, schedule=None, start_date=START):
    EmptyOperator(task_id="only")
