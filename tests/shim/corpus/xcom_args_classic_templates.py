import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.python import PythonOperator


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def xcom_args_classic_templates():
    @task
    def make_cmd():
        return "echo hi"

    BashOperator(task_id="run", bash_command=make_cmd())
    PythonOperator(task_id="py", python_callable=print, op_args=[make_cmd.override(task_id="second")()])


xcom_args_classic_templates()
