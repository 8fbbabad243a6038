import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, task_group


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def mapped_group_with_partial():
    @task_group
    def region(name, env):
        @task
        def deploy(n, e):
            return f"{n}-{e}"

        deploy(name, env)

    region.partial(env="prod").expand(name=["eu", "us"])
    region.override(group_id="regions_kwargs").expand_kwargs([{"name": "a", "env": "x"}])


mapped_group_with_partial()
