import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.python import PythonOperator


def add(x, y):
    return x + y


with DAG("mapping_classic", schedule=None, start_date=pendulum.datetime(2024, 1, 1)) as dag:
    echo = BashOperator.partial(task_id="echo", retries=1).expand(bash_command=["echo 1", "echo 2"])
    adds = PythonOperator.partial(task_id="adds", python_callable=add).expand(op_args=[[1, 2], [3, 4]])
    echo >> adds
