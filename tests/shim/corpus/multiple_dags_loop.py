import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

for team in ["alpha", "beta", "gamma"]:
    dag_id = f"team_{team}"
    with DAG(dag_id, schedule="@hourly", start_date=pendulum.datetime(2024, 1, 1), tags=[team]) as d:
        BashOperator(task_id="report", bash_command=f"echo {team}", owner=team)
