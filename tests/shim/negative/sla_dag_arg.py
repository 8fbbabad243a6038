from datetime import timedelta

import pendulum
from airflow.sdk import DAG

with DAG("sla_dag_arg", schedule=None, start_date=pendulum.datetime(2024, 1, 1), sla=timedelta(hours=1)):
    pass
