"""A mapped task inside a mapped task group, end to end: Airflow 3.2.2 does not import such a file
(``NotImplementedError: operator expansion in an expanded task group is not yet supported``, raised by the Task
SDK's ``MappedOperator``), so ``airgate lite`` lists it as an import error, never registers the DAG and cannot
trigger it, while a mapped group whose members are unmapped, next to it, runs as before."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.e2e.lite_harness import Lite

NESTED = '''
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="nested_map", schedule=None):
    @task
    def double(x, y):
        return x * y

    @task
    def collect(values):
        return sorted(values)

    @task_group
    def grp(x):
        return double.partial(x=x).expand(y=[10, 20, 30])

    collect(grp.expand(x=[1, 2]))
'''

PLAIN_GROUP = '''
from airflow.sdk import DAG, task, task_group

with DAG(dag_id="group_map", schedule=None):
    @task
    def double(x, y):
        return x * y

    @task
    def collect(values):
        return sorted(values)

    @task_group
    def grp(x):
        return double(x, 10)

    collect(grp.expand(x=[1, 2]))
'''

MESSAGE = "NotImplementedError: operator expansion in an expanded task group is not yet supported"


def _import_error(lite: Lite, filename: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listed = lite.client.get("/api/v2/importErrors").json()["import_errors"]
        found = [error for error in listed if error["filename"] == filename]
        if found:
            return dict(found[0])
        time.sleep(0.2)
    raise AssertionError(f"no import error for {filename}: {lite.output()[-3000:]}")


@pytest.mark.slow
def test_mapped_task_in_mapped_group_is_an_import_error(lite: Lite) -> None:
    (lite.home / "dags" / "nested_map.py").write_text(NESTED)
    lite.add_dag("group_map.py", PLAIN_GROUP, "group_map")
    error = _import_error(lite, "nested_map.py")
    assert error["bundle_name"] == "dags-folder"
    assert error["stack_trace"].rstrip().endswith(MESSAGE)
    assert f'"{lite.home / "dags" / "nested_map.py"}", line 15' in error["stack_trace"]
    assert lite.client.get("/api/v2/dags/nested_map").status_code == 404
    refused = lite.client.post("/api/v2/dags/nested_map/dagRuns", json={"logical_date": None})
    assert refused.status_code == 404
    assert lite.query("SELECT count(*) FROM task_instance WHERE dag_id = 'nested_map'") == [(0,)]

    created = lite.trigger("group_map")
    run = lite.wait_run("group_map", created["dag_run_id"])
    assert run["state"] == "success"
    listed = lite.client.get(f"/api/v2/dags/group_map/dagRuns/{created['dag_run_id']}/taskInstances").json()
    assert sorted((ti["task_id"], ti["map_index"], ti["state"]) for ti in listed["task_instances"]) == [
        ("collect", -1, "success"), ("grp.double", 0, "success"), ("grp.double", 1, "success"),
    ]
    def pushed(task_id: str, map_index: int) -> Any:
        url = f"/api/v2/dags/group_map/dagRuns/{created['dag_run_id']}/taskInstances/{task_id}/xcomEntries/return_value"
        return lite.client.get(url, params={"map_index": map_index}).json()["value"]

    assert [pushed("grp.double", 0), pushed("grp.double", 1), pushed("collect", -1)] == [10, 20, [10, 20]]
