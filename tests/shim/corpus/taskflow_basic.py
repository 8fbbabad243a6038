import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), tags=["taskflow"])
def taskflow_basic():
    """Extract, transform, load."""

    @task
    def extract() -> list:
        return [1, 2, 3]

    @task(retries=2)
    def transform(values: list) -> int:
        return sum(values)

    @task
    def load(total: int) -> None:
        print(total)

    load(transform(extract()))


taskflow_basic()
