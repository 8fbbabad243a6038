import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def mapping_taskflow():
    @task
    def numbers():
        return [1, 2, 3]

    @task
    def add(x, y):
        return x + y

    @task
    def total(values):
        return sum(values)

    added = add.partial(y=10).expand(x=numbers())
    total(added)
    add.expand(x=[1, 2], y=[3, 4])


mapping_taskflow()
