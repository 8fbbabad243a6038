import pendulum
from datetime import timedelta, datetime

import json
import os
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

CONFIG = json.loads('{"tables": ["users", "orders", "items"]}')
BASE = os.path.join("/data", "raw")

with DAG("top_level_code", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    prev = None
    for table in sorted(CONFIG["tables"]):
        t = BashOperator(task_id=f"load_{table}", bash_command=f"load {BASE}/{table}")
        if prev:
            prev >> t
        prev = t
