import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

default_args = {
    "owner": "data-team",
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
    "execution_timeout": timedelta(hours=1),
    "depends_on_past": True,
    "wait_for_downstream": True,
    "pool": "etl",
    "pool_slots": 2,
    "queue": "heavy",
    "priority_weight": 5,
    "weight_rule": "upstream",
    "trigger_rule": "all_done",
    "max_active_tis_per_dag": 2,
    "start_date": pendulum.datetime(2024, 2, 1),
}

with DAG("default_args_full", schedule="@daily", default_args=default_args) as dag:
    a = BashOperator(task_id="a", bash_command="true")
    b = BashOperator(task_id="b", bash_command="true", retries=0, owner="someone-else")
    a >> b
