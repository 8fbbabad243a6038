"""No runtime-varying value reaches a constructor: no warning (a varying value used only in a task body)."""
import datetime

import pendulum
from airflow.sdk import DAG, task

with DAG(dag_id="infl_stable", schedule=None, start_date=pendulum.datetime(2024, 1, 1, tz="UTC")):

    @task
    def now() -> str:
        return datetime.datetime.now().isoformat()

    now()
