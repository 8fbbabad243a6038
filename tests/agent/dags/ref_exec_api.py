"""A DAG shaped like the one the Execution API reference was recorded with (``ref_exec_api``)."""

from __future__ import annotations

from typing import Any

import pendulum

from airflow.exceptions import AirflowSkipException
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, Asset, TaskGroup, AssetAlias, Connection, Variable, get_current_context, task


def _third_poke() -> bool:
    """True on the third poke (the run answers carry task_reschedule_count 0, 1, 2)."""
    return get_current_context()["task_reschedule_count"] >= 2


with DAG(
    "ref_exec_api",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    params={"who": "nobody"},
    tags=["reference"],
):
    bash_echo = BashOperator(
        task_id="bash_echo", bash_command="echo 'ref bash for {{ dag_run.conf.who }}' && echo ref-bash-last-line"
    )

    @task(multiple_outputs=True)
    def push_multi() -> dict:
        return {"number": 42, "text": "hello", "nested": {"k": [1, 2]}}

    @task
    def pull_xcom(number: int, text: str) -> str:
        ti = get_current_context()["ti"]
        pulled = ti.xcom_pull(task_ids="bash_echo")
        ti.xcom_push(key="custom_key", value={"pulled_from_bash": pulled})
        return f"{text}-{number}"

    @task(retries=1)
    def fail_with_retry() -> None:
        raise ValueError("always fails")

    @task.branch
    def choose_branch() -> str:
        return "branch_a"

    @task
    def branch_a() -> str:
        return "a ran"

    @task
    def branch_b() -> str:
        return "b ran"

    join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")

    @task
    def add_one(x: int) -> int:
        return x + 1

    @task
    def total(values: list) -> int:
        return sum(values)

    @task
    def read_conn_var():  # type: ignore[no-untyped-def]  # "-> dict" would imply multiple_outputs
        conn = Connection.get("ref_exec_conn")
        out = {
            "conn_type": conn.conn_type,
            "host": conn.host,
            "var": Variable.get("ref_exec_var"),
            "json": Variable.get("ref_exec_json", deserialize_json=True),
            "missing": Variable.get("ref_missing_var", default="fallback"),
        }
        Variable.set("ref_exec_written", "written-by-task")
        try:
            Connection.get("ref_missing_conn")
        except Exception as exc:
            out["missing_conn"] = type(exc).__name__
        return out

    @task
    def skip_me() -> None:
        raise AirflowSkipException("skipping on purpose")

    @task(outlets=[Asset("ref_exec_asset", uri="ref://assets/exec"), AssetAlias("ref_exec_alias")])
    def produce_asset(*, outlet_events: Any = None) -> str:
        outlet_events[Asset("ref_exec_asset", uri="ref://assets/exec")].extra = {"rows": 10}
        outlet_events[AssetAlias("ref_exec_alias")].add(
            Asset("ref_from_alias", uri="ref://assets/from-alias"), extra={"via": "alias"}
        )
        return "produced"

    wait_reschedule = PythonSensor(
        task_id="wait_reschedule", python_callable=_third_poke, mode="reschedule", poke_interval=5,
        timeout=100 * 365 * 86400,
    )

    with TaskGroup("grp"):
        BashOperator(task_id="inner_one", bash_command="echo inner-one") >> BashOperator(
            task_id="inner_two", bash_command="echo inner-two"
        )

    multi = push_multi()
    pull = pull_xcom(multi["number"], multi["text"])
    bash_echo >> pull
    choose_branch() >> [branch_a(), branch_b()] >> join
    total(add_one.expand(x=[1, 2, 3]))
    fail_with_retry()
    read_conn_var()
    skip_me()
    produce_asset()
    wait_reschedule
