import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, PokeReturnValue


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def sensor_decorator():
    @task.sensor(poke_interval=30, timeout=3600, mode="reschedule")
    def wait_for_it() -> PokeReturnValue:
        return PokeReturnValue(is_done=True, xcom_value="x")

    @task
    def after(v):
        print(v)

    after(wait_for_it())


sensor_decorator()
