import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("executor_queue", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    BashOperator(task_id="default_exec", bash_command="true", queue="gpu",
                 executor_config={"resources": {"cpu": 2}}, run_as_user="etl", do_xcom_push=False,
                 map_index_template="{{ task.task_id }}")
