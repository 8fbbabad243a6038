import pendulum
from airflow.sdk import DAG, NotARealThing

with DAG("unknown_airflow_name", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    pass
