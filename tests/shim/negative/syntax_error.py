import pendulum
from airflow.sdk import DAG

with DAG("syntax_error", schedule=None, start_date=pendulum.datetime(2024, 1, 1))
    pass
