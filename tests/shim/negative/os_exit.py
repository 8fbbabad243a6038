import os

import pendulum
from airflow.sdk import DAG

with DAG("os_exit", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    os._exit(3)
