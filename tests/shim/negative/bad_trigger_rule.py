import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("bad_trigger_rule", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    EmptyOperator(task_id="t", trigger_rule="sometimes")
