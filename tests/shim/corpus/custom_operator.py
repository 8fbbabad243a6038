import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, BaseOperator
from airflow.providers.standard.operators.empty import EmptyOperator


class HelloOperator(BaseOperator):
    template_fields = ("name",)
    ui_color = "#abcdef"

    def __init__(self, name: str, greeting: str = "hello", **kwargs):
        super().__init__(**kwargs)
        self.name = name
        self.greeting = greeting

    def execute(self, context):
        raise RuntimeError("must never run at parse time")


class LoudHello(HelloOperator):
    def __init__(self, volume: int = 11, **kwargs):
        super().__init__(**kwargs)
        self.volume = volume


with DAG("custom_operator", schedule=None, start_date=pendulum.datetime(2024, 1, 1),
         default_args={"name": "from-defaults", "retries": 1}):
    h = HelloOperator(task_id="hello", name="{{ ds }}")
    l = LoudHello(task_id="loud", volume=3)
    h >> l >> EmptyOperator(task_id="end")
