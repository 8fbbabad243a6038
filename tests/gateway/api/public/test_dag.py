"""DAG operations over DAGs registered from real files by the in-app DAG processor (SQLite and PostgreSQL),
against Airflow 3.2.2's recorded shapes and messages."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from apitest import ANY, Timestamp
from litestar import Litestar

from airgate.gateway.app import create_app
from airgate.gateway.config import Settings
from airgate.gateway.store import migrate

AssertJson = Callable[[httpx.Response, int, Any], None]
DAGS = Path(__file__).parents[2] / "registry" / "dags"
SECRET = "test-secret"
# made with itsdangerous.URLSafeSerializer("test-secret").dumps(...), as Airflow builds file_token
SIMPLE_TOKEN = "eyJidW5kbGVfbmFtZSI6ImRhZ3MtZm9sZGVyIiwicmVsYXRpdmVfZmlsZWxvYyI6InNpbXBsZS5weSJ9.QdTRAcGnDcx1Ote2_C_TYFVNRbI"


@pytest.fixture
def dags_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "dags"
    shutil.copytree(DAGS, folder)
    return folder


@pytest.fixture
def settings_env(settings_env: dict[str, str], dags_dir: Path) -> dict[str, str]:
    return {**settings_env, "AIRFLOW__CORE__DAGS_FOLDER": str(dags_dir), "AIRFLOW__API__SECRET_KEY": SECRET}


@pytest.fixture
async def app(settings: Settings) -> Litestar:
    await migrate(settings.sql_alchemy_conn)
    return create_app(settings, parse_dags=True)


async def wait_for(client: httpx.AsyncClient, check: Callable[[], Any], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        assert time.monotonic() < deadline, "the DAG processor did not register the files in time"
        await asyncio.sleep(0.05)


@pytest.fixture
async def viewer(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> AsyncIterator[httpx.AsyncClient]:
    client.headers.update(tokens["admin"])

    async def registered() -> bool:
        body = (await client.get("/api/v2/dags", params={"exclude_stale": "false"})).json()
        errors = (await client.get("/api/v2/importErrors")).json()
        return body["total_entries"] == 2 and errors["total_entries"] == 1

    await wait_for(client, registered)
    yield client


def simple_body(dags_dir: Path, **changes: Any) -> dict[str, Any]:
    tags = [{"name": n, "dag_id": "reg_simple", "dag_display_name": "reg_simple"} for n in ("basic", "registry")]
    body = {
        "dag_id": "reg_simple", "dag_display_name": "reg_simple", "is_paused": True, "is_stale": False,
        "last_parsed_time": Timestamp(), "last_parse_duration": ANY, "last_expired": None,
        "bundle_name": "dags-folder", "bundle_version": None, "relative_fileloc": "simple.py",
        "fileloc": str(dags_dir / "simple.py"), "description": "registry test DAG",
        "timetable_summary": "0 0 * * *", "timetable_description": "At 00:00", "timetable_partitioned": False,
        "tags": tags, "max_active_tasks": 16, "max_active_runs": 16, "max_consecutive_failed_dag_runs": 0,
        "has_task_concurrency_limits": False, "has_import_errors": False, "next_dagrun_logical_date": None,
        "next_dagrun_data_interval_start": None, "next_dagrun_data_interval_end": None,
        "next_dagrun_run_after": None, "allowed_run_types": None, "owners": ["reg"], "file_token": SIMPLE_TOKEN,
    }
    body.update(changes)
    return body


class TestGetDag:
    async def test_whole_body(self, viewer: httpx.AsyncClient, dags_dir: Path, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/reg_simple"), 200, simple_body(dags_dir))

    async def test_null_timetable_summary(self, viewer: httpx.AsyncClient) -> None:
        body = (await viewer.get("/api/v2/dags/reg_taskflow")).json()
        assert (body["timetable_summary"], body["timetable_description"]) == (None, "Never, external triggers only")

    async def test_unknown(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/no_such_dag"), 404,
                    {"detail": "The Dag with ID: `no_such_dag` was not found"})


class TestGetDagDetails:
    async def test_whole_body(self, viewer: httpx.AsyncClient, dags_dir: Path, assert_json: AssertJson) -> None:
        response = await viewer.get("/api/v2/dags/reg_taskflow/details")
        body = response.json()
        assert body["latest_dag_version"]["id"] == ANY
        expected = {
            **simple_body(dags_dir), "dag_id": "reg_taskflow", "dag_display_name": "reg_taskflow",
            "relative_fileloc": "taskflow.py", "fileloc": str(dags_dir / "taskflow.py"), "description": None,
            "timetable_summary": None, "timetable_description": "Never, external triggers only",
            "tags": [{"name": "registry", "dag_id": "reg_taskflow", "dag_display_name": "reg_taskflow"}],
            "owners": ["airflow"], "file_token": ANY,
            "catchup": False, "dag_run_timeout": None, "asset_expression": None, "doc_md": None,
            "start_date": "2024-01-01T00:00:00Z", "end_date": None, "is_paused_upon_creation": None,
            "params": {"who": {"value": "me", "schema": {}, "description": None, "source": None}},
            "render_template_as_native_obj": False, "template_search_path": None, "timezone": "UTC",
            "last_parsed": Timestamp(), "default_args": {}, "owner_links": {}, "is_favorite": False,
            "active_runs_count": 0, "concurrency": 16,
            "latest_dag_version": {"id": ANY, "version_number": 1, "dag_id": "reg_taskflow",
                                   "bundle_name": "dags-folder", "bundle_version": None, "created_at": Timestamp(),
                                   "dag_display_name": "reg_taskflow", "bundle_url": None},
        }
        assert_json(response, 200, expected)

    async def test_unknown(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/no_such_dag/details"), 404,
                    {"detail": "The Dag with ID: `no_such_dag` was not found"})


class TestGetDags:
    async def test_default(self, viewer: httpx.AsyncClient, dags_dir: Path) -> None:
        body = (await viewer.get("/api/v2/dags")).json()
        assert [d["dag_id"] for d in body["dags"]] == ["reg_simple", "reg_taskflow"]
        assert body["dags"][0] == simple_body(dags_dir) and body["total_entries"] == 2

    @pytest.mark.parametrize(("query", "expected"), [
        ({"tags": ["registry", "basic"], "tags_match_mode": "all"}, ["reg_simple"]),
        ({"tags": ["basic", "registry"], "tags_match_mode": "any"}, ["reg_simple", "reg_taskflow"]),
        ({"dag_id_pattern": "TASK"}, ["reg_taskflow"]),
        ({"dag_id_prefix_pattern": "reg_s"}, ["reg_simple"]),
        ({"dag_display_name_pattern": "simple|flow"}, ["reg_simple", "reg_taskflow"]),
        ({"owners": ["reg"]}, ["reg_simple"]),
        ({"paused": "false"}, []),
        ({"has_import_errors": "true"}, []),
        ({"timetable_type": ["NullTimetable"]}, ["reg_taskflow"]),
        ({"bundle_name": "other"}, []),
        ({"is_favorite": "true"}, []),
        ({"last_dag_run_state": "failed"}, []),
        ({"order_by": "-dag_id", "limit": "1", "offset": "1"}, ["reg_simple"]),
        ({"order_by": ["-last_run_state", "dag_display_name"]}, ["reg_simple", "reg_taskflow"]),
    ])
    async def test_filters(self, viewer: httpx.AsyncClient, query: dict[str, Any], expected: list[str]) -> None:
        response = await viewer.get("/api/v2/dags", params=query)
        assert response.status_code == 200, response.text
        assert [d["dag_id"] for d in response.json()["dags"]] == expected

    async def test_unknown_order_by(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags", params={"order_by": "no_such_field"}), 400,
                    {"detail": "Ordering with 'no_such_field' is disallowed or the attribute does not exist on the model"})

    async def test_stale_excluded_by_default(self, viewer: httpx.AsyncClient, dags_dir: Path) -> None:
        (dags_dir / "taskflow.py").unlink()

        async def stale() -> bool:
            return (await viewer.get("/api/v2/dags")).json()["total_entries"] == 1

        await wait_for(viewer, stale, 5)
        body = (await viewer.get("/api/v2/dags", params={"exclude_stale": "false", "dag_id_pattern": "flow"})).json()
        assert [(d["dag_id"], d["is_stale"]) for d in body["dags"]] == [("reg_taskflow", True)]


class TestPatchDag:
    async def test_unpause_then_pause_with_mask(self, viewer: httpx.AsyncClient, dags_dir: Path,
                                                assert_json: AssertJson) -> None:
        assert_json(await viewer.patch("/api/v2/dags/reg_simple", json={"is_paused": False}), 200,
                    simple_body(dags_dir, is_paused=False))
        response = await viewer.patch("/api/v2/dags/reg_simple", params={"update_mask": "is_paused"},
                                      json={"is_paused": True})
        assert_json(response, 200, simple_body(dags_dir, is_paused=True))

    async def test_bad_mask(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        response = await viewer.patch("/api/v2/dags/reg_simple", params={"update_mask": "description"},
                                      json={"is_paused": False})
        assert_json(response, 400, {"detail": "Only `is_paused` field can be updated through the REST API"})

    async def test_unknown(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.patch("/api/v2/dags/no_such_dag", json={"is_paused": True}), 404,
                    {"detail": "Dag with id: no_such_dag was not found"})


class TestPatchDags:
    async def test_pattern_required_then_matches(self, viewer: httpx.AsyncClient) -> None:
        response = await viewer.patch("/api/v2/dags", json={"is_paused": False})
        assert response.json() == {"dags": [], "total_entries": 0}
        response = await viewer.patch("/api/v2/dags", params={"dag_id_pattern": "~", "update_mask": "is_paused"},
                                      json={"is_paused": False})
        body = response.json()
        assert [(d["dag_id"], d["is_paused"]) for d in body["dags"]] == [("reg_simple", False), ("reg_taskflow", False)]
        assert (await viewer.get("/api/v2/dags", params={"paused": "false"})).json()["total_entries"] == 2

    async def test_bad_mask(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        response = await viewer.patch("/api/v2/dags", params={"update_mask": "tags", "dag_id_pattern": "reg"},
                                      json={"is_paused": False})
        assert_json(response, 400, {"detail": "Only `is_paused` field can be updated through the REST API"})


class TestDeleteDag:
    async def test_delete_then_404(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        response = await viewer.delete("/api/v2/dags/reg_taskflow")
        assert response.status_code == 204 and response.content == b""
        assert_json(await viewer.delete("/api/v2/dags/reg_taskflow"), 404,
                    {"detail": "Dag with id: reg_taskflow was not found"})
        versions = await viewer.get("/api/v2/dags/reg_taskflow/dagVersions")
        assert versions.status_code == 404


class TestFavorites:
    async def test_favorite_cycle(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert (await viewer.post("/api/v2/dags/reg_simple/favorite")).status_code == 204
        again = await viewer.post("/api/v2/dags/reg_simple/favorite")
        assert again.status_code == 409 and again.json()["detail"]["reason"] == "Unique constraint violation"
        listed = (await viewer.get("/api/v2/dags", params={"is_favorite": "true"})).json()
        assert [d["dag_id"] for d in listed["dags"]] == ["reg_simple"]
        assert (await viewer.get("/api/v2/dags/reg_simple/details")).json()["is_favorite"] is True
        assert (await viewer.post("/api/v2/dags/reg_simple/unfavorite")).status_code == 204
        assert_json(await viewer.post("/api/v2/dags/reg_simple/unfavorite"), 409,
                    {"detail": "Dag is not marked as favorite"})
        assert_json(await viewer.post("/api/v2/dags/no_such_dag/favorite"), 404,
                    {"detail": "Dag with id 'no_such_dag' not found"})


class TestHotReload:
    async def test_an_edited_file_becomes_a_new_version(self, viewer: httpx.AsyncClient, dags_dir: Path) -> None:
        """Hot reload without a restart (the 1 s target is measured by ``bench`` parse_1000, not here)."""
        path = dags_dir / "simple.py"
        path.write_text(path.read_text().replace("registry test DAG", "edited description"))

        async def edited() -> bool:
            return (await viewer.get("/api/v2/dags/reg_simple")).json()["description"] == "edited description"

        await wait_for(viewer, edited, 30.0)
        versions = (await viewer.get("/api/v2/dags/reg_simple/dagVersions")).json()
        assert [v["version_number"] for v in versions["dag_versions"]] == [1, 2]
