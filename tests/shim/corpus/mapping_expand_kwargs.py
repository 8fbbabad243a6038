import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task
from airflow.providers.standard.operators.bash import BashOperator


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def mapping_expand_kwargs():
    @task
    def configs():
        return [{"bash_command": "echo a"}, {"bash_command": "echo b", "env": {"X": "1"}}]

    BashOperator.partial(task_id="literal").expand_kwargs([{"bash_command": "echo 1"}, {"bash_command": "echo 2"}])
    BashOperator.partial(task_id="from_xcom").expand_kwargs(configs())

    @task
    def show(a, b):
        print(a, b)

    show.expand_kwargs([{"a": 1, "b": 2}, {"a": 3, "b": 4}])


mapping_expand_kwargs()
