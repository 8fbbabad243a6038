import pendulum
from airflow.sdk import DAG

while True:
    pass

with DAG("infinite_loop", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    pass
