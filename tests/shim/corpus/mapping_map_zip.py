import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def mapping_map_zip():
    @task
    def left():
        return [1, 2]

    @task
    def right():
        return ["a", "b"]

    @task
    def pair(values):
        return values

    @task
    def square(v):
        return v * v

    l = left()
    pair.expand(values=l.zip(right()))
    square.expand(v=l.map(lambda x: x + 1))


mapping_map_zip()
