"""Runs, task instances, tries and XComs written straight into the store (no scheduler needed), and the
bodies the public API must answer for them. Shared by the DagRun, Task Instance, XCom and DagStats tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    dag,
    dag_run,
    dag_version,
    serialized_dag,
    task_instance,
    task_instance_history,
    xcom,
)

T0 = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)
VERSION_ID = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7c"
ALPHA_JSON = {"schema_version": 1, "dag_id": "alpha", "tasks": [
    {"task_id": "extract", "upstream_task_ids": [], "downstream_task_ids": ["load"], "retries": 0},
    {"task_id": "fan", "upstream_task_ids": [], "downstream_task_ids": [], "retries": 0, "is_mapped": True},
    {"task_id": "load", "upstream_task_ids": ["extract"], "downstream_task_ids": [], "retries": 1},
]}
"""The parts of alpha's dag.json the task-instance operations read: the graph, retries, mapped-ness."""


def iso(value: datetime | None) -> str | None:
    """A datetime as the REST API writes it."""
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def at(seconds: float) -> datetime:
    """T0 plus ``seconds``."""
    return T0 + timedelta(seconds=seconds)


RUNS: list[dict[str, Any]] = [
    {"dag_id": "alpha", "run_id": "run_1", "state": "success", "run_type": "manual", "run_after": at(0),
     "queued_at": at(0), "start_date": at(1), "end_date": at(11), "conf": {"k": "one"},
     "triggered_by": "rest_api", "triggering_user_name": "admin"},
    {"dag_id": "alpha", "run_id": "run_2", "state": "failed", "run_type": "scheduled", "run_after": at(100),
     "logical_date": at(100), "data_interval_start": at(40), "data_interval_end": at(100),
     "queued_at": at(100), "start_date": at(101), "end_date": at(103), "conf": {}, "triggered_by": "timetable"},
    {"dag_id": "alpha", "run_id": "run_3", "state": "running", "run_type": "manual", "run_after": at(200),
     "queued_at": at(200), "start_date": at(201), "conf": {}, "triggered_by": "rest_api",
     "triggering_user_name": "op"},
    {"dag_id": "beta", "run_id": "run_1", "state": "queued", "run_type": "manual", "run_after": at(300),
     "queued_at": at(300), "conf": {}, "triggered_by": "rest_api", "triggering_user_name": "admin"},
]

# (run index, task_id, map_index, state, try_number, start offset, end offset, operator)
TIS: list[tuple[int, str, int, str | None, int, float | None, float | None, str]] = [
    (0, "extract", -1, "success", 1, 2, 4, "BashOperator"),
    (0, "load", -1, "success", 1, 5, 10, "_PythonDecoratedOperator"),
    (1, "extract", -1, "success", 1, 101, 102, "BashOperator"),
    (1, "load", -1, "failed", 2, 102.5, 103, "_PythonDecoratedOperator"),
    (2, "extract", -1, "running", 1, 202, None, "BashOperator"),
    (2, "load", -1, None, 0, None, None, "_PythonDecoratedOperator"),
    (2, "fan", 0, "success", 1, 203, 204, "_PythonDecoratedOperator"),
    (2, "fan", 1, "queued", 0, None, None, "_PythonDecoratedOperator"),
    (3, "only", -1, None, 0, None, None, "EmptyOperator"),
]


def ti_id(n: int) -> str:
    """The id seeded for ``TIS[n]``."""
    return f"01a20a65-0000-7000-8000-{n:012d}"


async def seed(store: Store) -> None:
    """Two DAGs (``alpha`` shown as ``Alpha``), one version of ``alpha``, :data:`RUNS`, :data:`TIS`, an
    archived first try of ``alpha/run_2/load`` and XComs of ``alpha/run_1``."""
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="alpha", bundle_name="dags-folder",
                                                 dag_display_name="Alpha"))
        await conn.execute(sa.insert(dag).values(dag_id="beta", bundle_name="dags-folder"))
        await conn.execute(sa.insert(dag_version).values(id=VERSION_ID, version_number=1, dag_id="alpha",
                                                         bundle_name="dags-folder", created_at=T0))
        await conn.execute(sa.insert(serialized_dag).values(id="01a20a4a-0000-7000-8000-000000000001",
                                                            dag_id="alpha", dag_hash="0" * 32,
                                                            dag_version_id=VERSION_ID, data=ALPHA_JSON))
        for row in RUNS:
            await conn.execute(sa.insert(dag_run).values(**row))
        for n, (run, task_id, map_index, state, try_number, start, end, operator) in enumerate(TIS):
            spec = RUNS[run]
            await conn.execute(sa.insert(task_instance).values(
                id=ti_id(n), dag_id=spec["dag_id"], run_id=spec["run_id"], task_id=task_id, map_index=map_index,
                state=state, try_number=try_number, max_tries=1 if task_id == "load" else 0,
                start_date=at(start) if start is not None else None,
                end_date=at(end) if end is not None else None,
                duration=(end - start) if start is not None and end is not None else None,
                operator=operator, custom_operator_name="@task" if operator.startswith("_Python") else None,
                pool="default_pool", pool_slots=1, queue="default", priority_weight=1, hostname="vm",
                unixname="root", executor_config={},
                dag_version_id=VERSION_ID if spec["dag_id"] == "alpha" else None,
            ))
        await conn.execute(sa.insert(task_instance_history).values(
            task_instance_id="01a20a65-0000-7000-8000-999999999999", dag_id="alpha", run_id="run_2",
            task_id="load", map_index=-1, state="up_for_retry", try_number=1, max_tries=1, start_date=at(101.5),
            end_date=at(102), duration=0.5, operator="_PythonDecoratedOperator", custom_operator_name="@task",
            pool="default_pool", pool_slots=1, queue="default", priority_weight=1, hostname="vm",
            unixname="root", executor_config={}, dag_version_id=VERSION_ID))
        run_pk = await conn.scalar(sa.select(dag_run.c.id).where(dag_run.c.dag_id == "alpha",
                                                                dag_run.c.run_id == "run_1"))
        for task_id, key, value, offset in (("extract", "return_value", 42, 4), ("load", "return_value",
                                            {"rows": 3}, 10), ("load", "custom", "text", 9)):
            await conn.execute(sa.insert(xcom).values(dag_run_id=run_pk, dag_id="alpha", run_id="run_1",
                                                      task_id=task_id, map_index=-1, key=key, value=value,
                                                      timestamp=at(offset)))


VERSION = {"id": VERSION_ID, "version_number": 1, "dag_id": "alpha", "bundle_name": "dags-folder",
           "bundle_version": None, "created_at": iso(T0), "dag_display_name": "Alpha", "bundle_url": None}


def run_body(n: int, **changes: Any) -> dict[str, Any]:
    """The ``DAGRunResponse`` of ``RUNS[n]`` as seeded (``changes`` override fields)."""
    spec = RUNS[n]
    start, end = spec.get("start_date"), spec.get("end_date")
    body = {
        "dag_run_id": spec["run_id"], "dag_id": spec["dag_id"], "logical_date": iso(spec.get("logical_date")),
        "queued_at": iso(spec.get("queued_at")), "start_date": iso(start), "end_date": iso(end),
        "duration": (end - start).total_seconds() if start and end else None,
        "data_interval_start": iso(spec.get("data_interval_start")),
        "data_interval_end": iso(spec.get("data_interval_end")), "run_after": iso(spec["run_after"]),
        "last_scheduling_decision": None, "run_type": spec["run_type"], "state": spec["state"],
        "triggered_by": spec.get("triggered_by"), "triggering_user_name": spec.get("triggering_user_name"),
        "conf": spec["conf"], "note": None, "dag_versions": [VERSION] if spec["dag_id"] == "alpha" else [],
        "bundle_version": None, "dag_display_name": "Alpha" if spec["dag_id"] == "alpha" else "beta",
        "partition_key": None,
    }
    body.update(changes)
    return body


def ti_body(n: int, **changes: Any) -> dict[str, Any]:
    """The ``TaskInstanceResponse`` of ``TIS[n]`` as seeded."""
    run, task_id, map_index, state, try_number, start, end, operator = TIS[n]
    spec = RUNS[run]
    alpha = spec["dag_id"] == "alpha"
    body = {
        "id": ti_id(n), "task_id": task_id, "dag_id": spec["dag_id"], "dag_run_id": spec["run_id"],
        "map_index": map_index, "logical_date": iso(spec.get("logical_date")), "run_after": iso(spec["run_after"]),
        "start_date": iso(at(start)) if start is not None else None,
        "end_date": iso(at(end)) if end is not None else None,
        "duration": (end - start) if start is not None and end is not None else None,
        "state": state, "try_number": try_number, "max_tries": 1 if task_id == "load" else 0,
        "task_display_name": task_id, "dag_display_name": "Alpha" if alpha else "beta",
        "hostname": "vm", "unixname": "root", "pool": "default_pool", "pool_slots": 1, "queue": "default",
        "priority_weight": 1, "operator": operator,
        "operator_name": "@task" if operator.startswith("_Python") else operator,
        "queued_when": None, "scheduled_when": None, "pid": None, "executor": None, "executor_config": "{}",
        "note": None, "rendered_map_index": str(map_index) if map_index >= 0 else None,  # as Airflow reads it
        "rendered_fields": {}, "trigger": None, "triggerer_job": None,
        "dag_version": VERSION if alpha else None,
    }
    body.update(changes)
    return body
