"""@dag and @task with runtime-varying arguments; the finding inside the DAG function counts once it is called."""
import time
from random import randint

import pendulum
from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1), tags=[str(time.time())])
def infl_decorated():
    @task(retries=randint(1, 3))
    def pick() -> int:
        return 1

    @task.bash(pool_slots=1)
    def shell() -> str:
        return "echo hi"

    pick() >> shell()


infl_decorated()
