import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, Label
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("labels", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    check = EmptyOperator(task_id="check")
    good = EmptyOperator(task_id="good")
    bad = EmptyOperator(task_id="bad")
    report = EmptyOperator(task_id="report")
    check >> Label("valid") >> good
    check >> Label("invalid") >> bad
    [good, bad] >> Label("always report") >> report
