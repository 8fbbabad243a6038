import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("duplicate_task_id", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="same")
    EmptyOperator(task_id="same")
