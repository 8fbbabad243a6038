import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.http.operators.http import HttpOperator
from airflow.providers.http.sensors.http import HttpSensor

with DAG("http_operators", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    wait = HttpSensor(task_id="wait", http_conn_id="api", endpoint="health", poke_interval=5, timeout=60)
    post = HttpOperator(task_id="post", http_conn_id="api", endpoint="items", method="POST",
                        data='{"d": "{{ ds }}"}', headers={"Content-Type": "application/json"})
    wait >> post
