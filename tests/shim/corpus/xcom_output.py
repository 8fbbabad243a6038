import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator

with DAG("xcom_output", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    produce = BashOperator(task_id="produce", bash_command="echo 42")

    @task
    def consume(value):
        return int(value)

    consumed = consume(produce.output)
    BashOperator(task_id="templated", bash_command="echo {{ ti.xcom_pull('produce') }}")
    BashOperator(task_id="from_arg", bash_command=consumed)
