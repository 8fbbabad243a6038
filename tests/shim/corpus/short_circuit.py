import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, task
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("short_circuit", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    cond = ShortCircuitOperator(task_id="cond", python_callable=lambda: True, ignore_downstream_trigger_rules=False)

    @task.short_circuit
    def check():
        return False

    cond >> check() >> EmptyOperator(task_id="after")
