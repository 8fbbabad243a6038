import pendulum
from airflow.sdk import DAG

blocks = []
while True:
    blocks.append(bytearray(64 * 1024 * 1024))

with DAG("memory_bomb", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    pass
