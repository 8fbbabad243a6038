"""Run by the real ``apache-airflow-task-sdk`` interpreter: drives its own Execution API client against Airgate.

Usage: ``python sdk_session.py <base_url> <workload token> <ti_id> <dag_id> <run_id> <task_id>``. Prints one JSON
object with what the client parsed; any error (a response its pydantic models reject included) exits non-zero.
"""

import datetime as dt
import json
import os
import sys
import uuid

from airflow.sdk.api.client import Client
from airflow.sdk.execution_time.comms import ErrorResponse

base_url, token, ti_text, dag_id, run_id, task_id = sys.argv[1:7]
ti = uuid.UUID(ti_text)
client = Client(base_url=base_url, token=token)
now = dt.datetime.now(dt.UTC)
context = client.task_instances.start(ti, os.getpid(), now)
client.task_instances.heartbeat(ti, os.getpid())
client.task_instances.set_rtif(ti, {"bash_command": "echo hi"})
client.xcoms.set(dag_id, run_id, task_id, "return_value", {"answer": 42})
xcom = client.xcoms.get(dag_id, run_id, task_id, "return_value")
count = client.xcoms.head(dag_id, run_id, task_id, "return_value")
client.variables.set("sdk_var", "from-sdk")
variable = client.variables.get("sdk_var")
missing_var = client.variables.get("sdk_missing")
missing_conn = client.connections.get("sdk_missing")
state = client.dag_runs.get_state(dag_id, run_id)
previous = client.task_instances.get_previous_successful_dagrun(ti)
client.task_instances.succeed(ti, dt.datetime.now(dt.UTC), [], [], None)
print(
    json.dumps(
        {
            "dag_id": context.dag_run.dag_id,
            "conf": context.dag_run.conf,
            "max_tries": context.max_tries,
            "xcom": xcom.value,
            "count": count.len,
            "variable": variable.value,
            "missing_var": isinstance(missing_var, ErrorResponse) and missing_var.error.value,
            "missing_conn": isinstance(missing_conn, ErrorResponse) and missing_conn.error.value,
            "run_state": state.state.value,
            "previous": previous.start_date,
        }
    )
)
