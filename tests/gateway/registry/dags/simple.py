"""A small daily DAG for the registry tests."""
from __future__ import annotations

import pendulum

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG(
    "reg_simple",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    description="registry test DAG",
    tags=["registry", "basic"],
    default_args={"owner": "reg"},
):
    first = BashOperator(task_id="first", bash_command="echo 1")
    second = BashOperator(task_id="second", bash_command="echo 2", pool="no_such_pool")
    first >> second
