"""The stock UI's DAG pages on a real ``airgate lite`` with a DAG folder and real runs, in headless Chromium.

Every page of the reference list that shows DAGs, runs and task instances is visited; each check asserts what
is on screen against the store (read through the API), that no request was answered 4xx/5xx (beyond the
operations still listed in :data:`NOT_YET_IMPLEMENTED`) and that the page logged no error. The actions a user
takes there — trigger a DAG, clear a task, mark a run failed — are done with the UI's own buttons and their
effect is checked in the store. Screenshots go to ``test-artifacts/ui/``.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from ui_pages import WAIT_MS, check, new_page, read, token, visible, visit
from ui_server import Server
from ui_tracking import Tracker

pytestmark = pytest.mark.ui

# Operations these pages call that Airgate does not serve yet (answered 404): none any more.
NOT_YET_IMPLEMENTED: set[str] = set()

ETL = '''
from datetime import datetime
from airflow.sdk import DAG, Asset, task
from airflow.providers.standard.operators.bash import BashOperator

with DAG("ui_etl", schedule=None, start_date=datetime(2026, 1, 1), catchup=False, tags=["ui", "etl"],
         doc_md="Moves rows for the UI test") as dag:
    extract = BashOperator(task_id="extract", bash_command="echo extracted-rows-42")

    @task
    def transform(line):
        print("transforming", line)
        return {"rows": int(line.rsplit("-", 1)[1])}

    @task(outlets=[Asset("file:///ui/rows.csv")])
    def load(summary):
        print("loaded rows:", summary["rows"])

    load(transform(extract.output))
'''

FANOUT = '''
from datetime import datetime
from airflow.sdk import DAG, TaskGroup, task
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("ui_fanout", schedule=None, start_date=datetime(2026, 1, 1), catchup=False, tags=["ui"]) as dag:
    @task
    def numbers():
        return [1, 2, 3]

    @task
    def square(n):
        print("squaring", n)
        return n * n

    with TaskGroup("fan") as fan:
        for i in range(3):
            EmptyOperator(task_id=f"work_{i}")

    square.expand(n=numbers()) >> fan
'''

SLOW = '''
from datetime import datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("ui_slow", schedule=None, start_date=datetime(2026, 1, 1), catchup=False) as dag:
    BashOperator(task_id="nap", bash_command="sleep 120")
'''

RUN_TIMEOUT_S = 60.0


@pytest.fixture(scope="module")
def server(
    start_server: Callable[..., contextlib.AbstractContextManager[Server]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``airgate lite`` over a DAG folder with three DAGs; ``ui_etl`` and ``ui_fanout`` have one finished run."""
    dags = tmp_path_factory.mktemp("ui_dags")
    for name, source in (("ui_etl.py", ETL), ("ui_fanout.py", FANOUT), ("ui_slow.py", SLOW)):
        (dags / name).write_text(source)
    with start_server(AIRFLOW__CORE__DAGS_FOLDER=str(dags),
                      AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION="False") as running:
        with running.api() as api:
            for dag_id in ("ui_etl", "ui_fanout", "ui_slow"):
                _wait(lambda d=dag_id: api.get(f"api/v2/dags/{d}").status_code == 200, f"{dag_id} registered")
            for dag_id in ("ui_etl", "ui_fanout"):
                created = api.post(f"api/v2/dags/{dag_id}/dagRuns", json={"logical_date": None})
                assert created.status_code == 200, created.text
                _wait_run(api, dag_id, created.json()["dag_run_id"], {"success"})
        yield running


def _wait(condition: Callable[[], bool], what: str, timeout: float = RUN_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        time.sleep(0.2)


def _wait_run(api: Any, dag_id: str, run_id: str, states: set[str]) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def done() -> bool:
        seen.update(api.get(f"api/v2/dags/{dag_id}/dagRuns/{quote(run_id, safe='')}").json())
        return seen.get("state") in states

    _wait(done, f"run {dag_id}/{run_id} in {states}")
    return seen


@pytest.fixture(scope="module")
def admin(browser: Any, server: Server) -> Iterator[tuple[Any, Tracker]]:
    page, tracker = new_page(browser, server, token(server))
    yield page, tracker
    page.context.close()


def _runs(server: Server, dag_id: str) -> list[dict[str, Any]]:
    return list(read(server, f"api/v2/dags/{dag_id}/dagRuns", order_by="-run_after")["dag_runs"])


def _tis(server: Server, dag_id: str, run_id: str) -> list[dict[str, Any]]:
    return list(read(server, f"api/v2/dags/{dag_id}/dagRuns/{quote(run_id, safe='')}/taskInstances")
                ["task_instances"])


def _run_url(server: Server, dag_id: str, run_id: str) -> str:
    return f"{server.base}dags/{dag_id}/runs/{quote(run_id, safe='')}"


def test_dags_list(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}dags")
    dags = read(server, "api/v2/dags")["dags"]
    assert sorted(d["dag_id"] for d in dags) == ["ui_etl", "ui_fanout", "ui_slow"]
    for dag in dags:
        visible(page, dag["dag_id"])
    check("dags_list", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_home_dashboard(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, server.base)
    expect(page.get_by_text("Welcome")).to_be_visible(timeout=WAIT_MS)
    check("home_with_dags", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_dag_grid_shows_the_run(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}dags/ui_etl")
    [run] = _runs(server, "ui_etl")
    states = {ti["task_id"]: ti["state"] for ti in _tis(server, "ui_etl", run["dag_run_id"])}
    assert states == {"extract": "success", "transform": "success", "load": "success"}
    for task_id in states:
        visible(page, task_id)
    check("dag_grid", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_dag_graph(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    [run] = _runs(server, "ui_etl")
    page, tracker = visit(admin, _run_url(server, "ui_etl", run["dag_run_id"]))
    page.get_by_role("button", name=re.compile(r"^Show Graph")).first.click()
    for ti in _tis(server, "ui_etl", run["dag_run_id"]):
        node = page.get_by_test_id(f"rf__node-{ti['task_id']}")
        expect(node).to_be_visible(timeout=WAIT_MS)
        expect(node).to_contain_text(ti["task_id"])
        expect(node).to_contain_text(ti["state"], timeout=WAIT_MS)  # the state of the task in the run
    edges = page.locator("[data-testid^=rf__edge-]")
    expect(edges).to_have_count(2, timeout=WAIT_MS)  # extract >> transform >> load
    check("dag_graph", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


@pytest.mark.parametrize("tab", ["runs", "tasks", "calendar", "events", "code", "details"])
def test_dag_tabs(admin: tuple[Any, Tracker], server: Server, artifacts: Path, tab: str) -> None:
    page, tracker = visit(admin, f"{server.base}dags/ui_etl/{tab}")
    if tab == "runs":
        visible(page, _runs(server, "ui_etl")[0]["dag_run_id"])
    elif tab == "tasks":
        for task in read(server, "api/v2/dags/ui_etl/tasks")["tasks"]:
            visible(page, task["task_id"])
    elif tab == "code":
        visible(page, "extracted-rows-42", exact=False)
    elif tab == "details":
        dag = read(server, "api/v2/dags/ui_etl/details")
        for tag in dag["tags"]:
            visible(page, tag["name"])
        visible(page, dag["fileloc"], exact=False)
    check(f"dag_{tab}", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_dag_run_page(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    [run] = _runs(server, "ui_etl")
    page, tracker = visit(admin, _run_url(server, "ui_etl", run["dag_run_id"]))
    for ti in _tis(server, "ui_etl", run["dag_run_id"]):
        visible(page, ti["task_id"])
    check("dag_run", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_task_instance_logs(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    [run] = _runs(server, "ui_etl")
    page, tracker = visit(admin, f"{_run_url(server, 'ui_etl', run['dag_run_id'])}/tasks/transform")
    visible(page, "transforming extracted-rows-42", exact=False)
    check("ti_logs", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_task_instance_xcom(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    [run] = _runs(server, "ui_etl")
    entries = read(server, f"api/v2/dags/ui_etl/dagRuns/{quote(run['dag_run_id'], safe='')}"
                           "/taskInstances/transform/xcomEntries")["xcom_entries"]
    assert [e["key"] for e in entries] == ["return_value"]
    page, tracker = visit(admin, f"{_run_url(server, 'ui_etl', run['dag_run_id'])}/tasks/transform/xcom")
    visible(page, "return_value")
    visible(page, "rows", exact=False)
    visible(page, "42", exact=False)
    check("ti_xcom", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_mapped_task_and_group(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    [run] = _runs(server, "ui_fanout")
    mapped = read(server, f"api/v2/dags/ui_fanout/dagRuns/{quote(run['dag_run_id'], safe='')}"
                          "/taskInstances/square/listMapped")["task_instances"]
    assert sorted(ti["map_index"] for ti in mapped) == [0, 1, 2]
    page, tracker = visit(admin, f"{_run_url(server, 'ui_fanout', run['dag_run_id'])}/tasks/square/mapped")
    visible(page, f"square [{len(mapped)}]")
    cells = page.get_by_test_id("table-cell-rendered_map_index")  # the Map Index column
    expect(cells).to_have_count(len(mapped), timeout=WAIT_MS)
    assert sorted(cells.all_inner_texts()) == sorted(ti["rendered_map_index"] for ti in mapped) == ["0", "1", "2"]
    check("mapped_ti_list", tracker, page, artifacts, NOT_YET_IMPLEMENTED)
    page, tracker = visit(admin, f"{server.base}dags/ui_fanout")
    visible(page, "fan")
    check("fan_dag_grid", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


@pytest.mark.parametrize("route", ["dag_runs", "task_instances", "xcoms", "jobs", "required_actions",
                                   "assets", "providers", "plugins"])
def test_browse_pages(admin: tuple[Any, Tracker], server: Server, artifacts: Path, route: str) -> None:
    page, tracker = visit(admin, f"{server.base}{route}")
    if route == "dag_runs":
        for dag_id in ("ui_etl", "ui_fanout"):
            visible(page, dag_id)
    elif route == "task_instances":
        visible(page, "extract")
    elif route == "xcoms":
        visible(page, "return_value")
    check(f"browse_{route}", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_trigger_from_the_ui(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    before = {r["dag_run_id"] for r in _runs(server, "ui_etl")}
    page, tracker = visit(admin, f"{server.base}dags/ui_etl")
    page.get_by_role("button", name="Trigger Dag").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "trigger_dialog.png"))
    dialog.get_by_role("button", name="Trigger").click()
    _wait(lambda: len(_runs(server, "ui_etl")) == len(before) + 1, "a new ui_etl run")
    [new] = [r for r in _runs(server, "ui_etl") if r["dag_run_id"] not in before]
    assert (new["run_type"], new["triggered_by"]) == ("manual", "ui")
    with server.api() as api:
        _wait_run(api, "ui_etl", new["dag_run_id"], {"success"})
    check("trigger_dag_submit", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_clear_a_task_reruns_it(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    run = _runs(server, "ui_fanout")[0]
    before = {ti["task_id"]: ti["try_number"] for ti in _tis(server, "ui_fanout", run["dag_run_id"])
              if ti["map_index"] == -1}
    page, tracker = visit(admin, f"{_run_url(server, 'ui_fanout', run['dag_run_id'])}/tasks/fan.work_1")
    page.get_by_role("button", name="Clear Task Instance").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "ti_clear_dialog.png"))
    dialog.get_by_role("button", name="Confirm").click()

    def rerun() -> bool:
        tis = {ti["task_id"]: ti for ti in _tis(server, "ui_fanout", run["dag_run_id"]) if ti["map_index"] == -1}
        return tis["fan.work_1"]["try_number"] == before["fan.work_1"] + 1 and tis["fan.work_1"]["state"] == "success"

    _wait(rerun, "fan.work_1 cleared and run again")
    check("ti_clear", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_mark_a_running_run_failed_stops_it(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    with server.api() as api:
        created = api.post("api/v2/dags/ui_slow/dagRuns", json={"logical_date": None}).json()
        run_id = created["dag_run_id"]
        _wait(lambda: _tis(server, "ui_slow", run_id)[0]["state"] == "running", "nap running")
    page, tracker = visit(admin, _run_url(server, "ui_slow", run_id))
    page.get_by_role("button", name=re.compile(r"^Mark .* as\.\.\.$")).first.click()
    page.get_by_role("menuitem", name=re.compile("failed", re.IGNORECASE)).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "mark_run_failed_dialog.png"))
    dialog.get_by_role("button", name="Confirm").click()
    with server.api() as api:
        run = _wait_run(api, "ui_slow", run_id, {"failed"})
    assert run["state"] == "failed"
    _wait(lambda: _tis(server, "ui_slow", run_id)[0]["state"] == "failed", "nap stopped as failed")
    check("mark_run_failed", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


@pytest.mark.parametrize("tab", ["details", "code"])
def test_dag_run_tabs(admin: tuple[Any, Tracker], server: Server, artifacts: Path, tab: str) -> None:
    run = _runs(server, "ui_etl")[-1]
    page, tracker = visit(admin, f"{_run_url(server, 'ui_etl', run['dag_run_id'])}/{tab}")
    if tab == "details":
        visible(page, run["dag_run_id"], exact=False)
    else:
        visible(page, "extracted-rows-42", exact=False)
    check(f"dag_run_{tab}", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


@pytest.mark.parametrize(("task_id", "tab"), [("extract", "details"), ("extract", "rendered_templates"),
                                              ("load", "asset_events")])
def test_task_instance_tabs(admin: tuple[Any, Tracker], server: Server, artifacts: Path, task_id: str,
                            tab: str) -> None:
    run = _runs(server, "ui_etl")[-1]
    page, tracker = visit(admin, f"{_run_url(server, 'ui_etl', run['dag_run_id'])}/tasks/{task_id}/{tab}")
    if tab == "details":
        visible(page, "BashOperator")
    elif tab == "rendered_templates":
        visible(page, "echo extracted-rows-42", exact=False)
    else:
        events = read(server, "api/v2/assets/events", source_run_id=run["dag_run_id"])["asset_events"]
        assert [e["uri"] for e in events] == ["file:///ui/rows.csv"]
        visible(page, "file:///ui/rows.csv", exact=False)
    check(f"ti_{tab}", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_mapped_instance_logs_and_group(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    run = _runs(server, "ui_fanout")[-1]
    page, tracker = visit(admin, f"{_run_url(server, 'ui_fanout', run['dag_run_id'])}/tasks/square/mapped/2")
    visible(page, "squaring 3", exact=False)
    check("mapped_ti_logs", tracker, page, artifacts, NOT_YET_IMPLEMENTED)
    page, tracker = visit(admin, f"{_run_url(server, 'ui_fanout', run['dag_run_id'])}/tasks/group/fan")
    for i in range(3):
        visible(page, f"fan.work_{i}", exact=False)
    check("fan_task_group", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_assets_and_an_asset(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    [asset] = read(server, "api/v2/assets")["assets"]
    assert (asset["uri"], [p["dag_id"] for p in asset["producing_tasks"]]) == ("file:///ui/rows.csv", ["ui_etl"])
    page, tracker = visit(admin, f"{server.base}assets")
    visible(page, asset["name"], exact=False)
    check("assets", tracker, page, artifacts, NOT_YET_IMPLEMENTED)
    page, tracker = visit(admin, f"{server.base}assets/{asset['id']}")
    visible(page, asset["name"], exact=False)
    visible(page, "ui_etl", exact=False)
    check("asset_detail", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_pause_and_unpause_from_the_ui(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    def paused() -> bool:
        return bool(read(server, "api/v2/dags/ui_fanout")["is_paused"])

    assert not paused()
    page, tracker = visit(admin, f"{server.base}dags/ui_fanout")
    toggle = page.get_by_test_id("toggle-pause").first
    toggle.click()
    _wait(paused, "ui_fanout paused")
    toggle.click()
    _wait(lambda: not paused(), "ui_fanout unpaused")
    check("dag_pause_unpause", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_search_dags(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}dags")
    visible(page, "ui_etl")
    page.get_by_placeholder(re.compile("^Search Dags")).first.fill("fanout")
    visible(page, "ui_fanout")
    expect(page.get_by_text("ui_etl", exact=True)).to_have_count(0, timeout=WAIT_MS)  # filtered out
    check("search_dags", tracker, page, artifacts, NOT_YET_IMPLEMENTED)
