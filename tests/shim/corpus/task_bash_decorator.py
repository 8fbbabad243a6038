import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def task_bash_decorator():
    @task.bash
    def say(name: str) -> str:
        return f"echo hello {name}"

    @task.bash(env={"X": "1"}, cwd="/tmp")
    def listing() -> str:
        return "ls"

    say("world") >> listing()


task_bash_decorator()
