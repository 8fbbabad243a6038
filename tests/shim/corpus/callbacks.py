import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator


def on_fail(context):
    pass


def on_ok(context):
    pass


def on_retry(context):
    pass


with DAG("callbacks", schedule=None, start_date=pendulum.datetime(2024, 1, 1),
         on_failure_callback=on_fail, on_success_callback=[on_ok],
         default_args={"on_retry_callback": on_retry}):
    BashOperator(task_id="t", bash_command="true", on_failure_callback=[on_fail, on_ok],
                 on_success_callback=on_ok, on_execute_callback=on_ok, on_skipped_callback=on_fail)
