import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(schedule="@daily", start_date=pendulum.datetime(2024, 1, 1))
def taskflow_multiple_outputs():
    @task
    def split() -> dict[str, int]:
        return {"a": 1, "b": 2}

    @task(multiple_outputs=True)
    def explicit():
        return {"x": 1}

    @task
    def use(a, x):
        return a + x

    parts = split()
    use(parts["a"], explicit()["x"])


taskflow_multiple_outputs()
