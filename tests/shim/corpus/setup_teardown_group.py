import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, TaskGroup, task, setup, teardown
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("setup_teardown_group", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    with TaskGroup("resources") as group:
        @setup
        def provision():
            return 1

        @teardown(on_failure_fail_dagrun=True)
        def release(r):
            pass

        @task
        def use(r):
            pass

        r = provision()
        use(r) >> release(r)
    group >> EmptyOperator(task_id="after")
