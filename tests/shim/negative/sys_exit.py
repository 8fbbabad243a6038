import sys

import pendulum
from airflow.sdk import DAG

with DAG("sys_exit", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    sys.exit(4)
