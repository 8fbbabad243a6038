import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("pools_priorities", schedule=None, start_date=pendulum.datetime(2024, 1, 1), max_active_tasks=3):
    a = EmptyOperator(task_id="a", pool="small", pool_slots=3, priority_weight=10, weight_rule="absolute")
    b = EmptyOperator(task_id="b", priority_weight=2, weight_rule="upstream", max_active_tis_per_dag=1)
    c = EmptyOperator(task_id="c", max_active_tis_per_dagrun=2, queue="q2")
    a >> b >> c
