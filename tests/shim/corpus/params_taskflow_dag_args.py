import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, Param


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1), params={"extra": Param(1, type="integer")})
def params_taskflow_dag_args(greeting: str = "hi", times: int = 2):
    @task
    def say(g, n):
        print(g * n)

    say(greeting, times)


params_taskflow_dag_args()
