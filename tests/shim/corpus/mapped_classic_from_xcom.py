import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task
from airflow.providers.standard.operators.bash import BashOperator


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def mapped_classic_from_xcom():
    @task
    def commands():
        return ["echo 1", "echo 2"]

    mapped = BashOperator.partial(task_id="run", retries=2, max_active_tis_per_dag=1).expand(
        bash_command=commands())

    @task(trigger_rule="all_done")
    def summary():
        pass

    mapped >> summary()


mapped_classic_from_xcom()
