import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

for preset in ["@hourly", "@daily", "@weekly", "@monthly", "@yearly"]:
    name = "preset_" + preset[1:]
    with DAG(name, schedule=preset, start_date=pendulum.datetime(2024, 1, 1)) as d:
        EmptyOperator(task_id="t")
    globals()[name] = d
