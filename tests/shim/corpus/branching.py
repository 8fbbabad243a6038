import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, task
from airflow.providers.standard.operators.python import BranchPythonOperator
from airflow.providers.standard.operators.empty import EmptyOperator


def choose():
    return "left"


with DAG("branching", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    branch = BranchPythonOperator(task_id="branch", python_callable=choose)
    left = EmptyOperator(task_id="left")
    right = EmptyOperator(task_id="right")
    join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
    branch >> [left, right] >> join

    @task.branch
    def pick():
        return ["x"]

    x = EmptyOperator(task_id="x")
    y = EmptyOperator(task_id="y")
    join >> pick() >> [x, y]
