import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, task_group


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def task_group_decorator():
    @task
    def begin():
        return 1

    @task_group(tooltip="Process things")
    def process(value):
        @task
        def double(v):
            return v * 2

        @task
        def inc(v):
            return v + 1

        return inc(double(value))

    @task_group
    def empty_return():
        @task
        def noop():
            pass

        noop()

    @task
    def finish(v):
        print(v)

    result = process(begin())
    finish(result)
    result >> empty_return()
    process.override(group_id="process_again")(5)


task_group_decorator()
