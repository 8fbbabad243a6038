import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, BaseSensorOperator


class WaitForThing(BaseSensorOperator):
    def __init__(self, thing: str, **kwargs):
        super().__init__(**kwargs)
        self.thing = thing

    def poke(self, context):
        raise RuntimeError("never at parse time")


with DAG("custom_sensor", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    WaitForThing(task_id="wait", thing="x", poke_interval=30, timeout=600, mode="reschedule")
