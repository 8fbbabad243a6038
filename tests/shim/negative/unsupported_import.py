import pendulum
from airflow.sdk import DAG
from airflow.contrib.operators.ssh_operator import SSHOperator

with DAG("unsupported_import", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    SSHOperator(task_id="t")
