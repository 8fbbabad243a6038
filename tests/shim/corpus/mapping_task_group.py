import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, task_group


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def mapping_task_group():
    @task
    def items():
        return ["a", "b"]

    @task_group
    def per_item(name):
        @task
        def fetch(n):
            return n

        @task
        def store(v):
            print(v)

        store(fetch(name))

    @task
    def done():
        pass

    per_item.expand(name=items()) >> done()


mapping_task_group()
