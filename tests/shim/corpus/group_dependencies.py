import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, TaskGroup
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("group_dependencies", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    with TaskGroup("g1") as g1:
        a = EmptyOperator(task_id="a")
        b = EmptyOperator(task_id="b")
        c = EmptyOperator(task_id="c")
        a >> [b, c]
    with TaskGroup("g2") as g2:
        d = EmptyOperator(task_id="d")
        e = EmptyOperator(task_id="e")
    start = EmptyOperator(task_id="start")
    end = EmptyOperator(task_id="end")
    start >> g1 >> g2 >> end
    [start] >> end
