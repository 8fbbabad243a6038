import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, get_parsing_context
from airflow.providers.standard.operators.empty import EmptyOperator

ctx = get_parsing_context()
for i in range(2):
    dag_id = f"generated_{i}"
    if ctx.dag_id is not None and ctx.dag_id != dag_id:
        continue
    with DAG(dag_id, schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
        EmptyOperator(task_id="t")
