import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, TaskGroup
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("task_groups_nested", schedule=None, start_date=pendulum.datetime(2024, 1, 1)) as dag:
    start = EmptyOperator(task_id="start")
    with TaskGroup("outer", tooltip="The outer group", default_args={"retries": 4}) as outer:
        o1 = EmptyOperator(task_id="o1")
        with TaskGroup("inner") as inner:
            i1 = EmptyOperator(task_id="i1")
            i2 = EmptyOperator(task_id="i2", retries=1)
            i1 >> i2
        o1 >> inner
    with TaskGroup("flat", prefix_group_id=False) as flat:
        f1 = EmptyOperator(task_id="f1")
        f2 = EmptyOperator(task_id="f2")
    end = EmptyOperator(task_id="end")
    start >> outer >> flat >> end
