import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def override():
    @task
    def work(x):
        return x

    a = work.override(task_id="first", retries=4, pool="p")(1)
    b = work.override(task_id="second", trigger_rule="all_done", owner="ops")(a)
    work.override(task_id="mapped", max_active_tis_per_dag=2).expand(x=[1, 2])


override()
