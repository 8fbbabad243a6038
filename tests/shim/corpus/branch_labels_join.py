import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, Label
from airflow.providers.standard.operators.empty import EmptyOperator


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def branch_labels_join():
    @task.branch
    def decide():
        return "fast"

    fast = EmptyOperator(task_id="fast")
    slow = EmptyOperator(task_id="slow")
    join = EmptyOperator(task_id="join", trigger_rule="one_success")
    d = decide()
    d >> Label("quick path") >> fast >> join
    d >> Label("slow path") >> slow >> join


branch_labels_join()
