import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def task_ids_repeated():
    @task
    def step(i):
        return i

    prev = step(0)
    for i in range(1, 4):
        nxt = step(i)
        prev >> nxt
        prev = nxt


task_ids_repeated()
