"""DagVersion and DagSource operations: versions pinned, bumped on edit, old code still readable."""
# ruff: noqa: F811 - pytest fixtures imported from test_dag are redefined as parameters

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from apitest import ANY, Timestamp
from test_dag import app, dags_dir, settings_env, viewer  # noqa: F401 - fixtures

AssertJson = Callable[[httpx.Response, int, Any], None]


def version(dag_id: str, number: int) -> dict[str, Any]:
    return {"id": ANY, "version_number": number, "dag_id": dag_id, "bundle_name": "dags-folder",
            "bundle_version": None, "created_at": Timestamp(), "dag_display_name": dag_id, "bundle_url": None}


async def edit_and_wait(client: httpx.AsyncClient, path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))
    deadline = time.monotonic() + 10
    while (await client.get("/api/v2/dags/reg_simple/dagVersions")).json()["total_entries"] < 2:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)


class TestGetDagVersions:
    async def test_one_dag_and_all(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/reg_simple/dagVersions"), 200,
                    {"dag_versions": [version("reg_simple", 1)], "total_entries": 1})
        every = await viewer.get("/api/v2/dags/~/dagVersions", params={"bundle_name": "dags-folder",
                                                                         "order_by": "-version_number"})
        assert sorted(v["dag_id"] for v in every.json()["dag_versions"]) == ["reg_simple", "reg_taskflow"]

    async def test_edit_bumps_and_old_version_stays(self, viewer: httpx.AsyncClient, dags_dir: Path,
                                                    assert_json: AssertJson) -> None:
        original = (dags_dir / "simple.py").read_text()
        await edit_and_wait(viewer, dags_dir / "simple.py", "echo 1", "echo one")
        listed = await viewer.get("/api/v2/dags/reg_simple/dagVersions", params={"order_by": "-version_number"})
        assert_json(listed, 200, {"dag_versions": [version("reg_simple", 2), version("reg_simple", 1)],
                                  "total_entries": 2})
        assert_json(await viewer.get("/api/v2/dags/reg_simple/dagVersions/1"), 200, version("reg_simple", 1))
        old = await viewer.get("/api/v2/dagSources/reg_simple", params={"version_number": 1})
        assert_json(old, 200, {"content": original, "dag_id": "reg_simple", "version_number": 1,
                               "dag_display_name": "reg_simple"})
        latest = (await viewer.get("/api/v2/dagSources/reg_simple")).json()
        assert (latest["version_number"], "echo one" in latest["content"]) == (2, True)

    async def test_errors(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/no_such_dag/dagVersions"), 404,
                    {"detail": "The Dag with ID: `no_such_dag` was not found"})
        assert_json(await viewer.get("/api/v2/dags/reg_simple/dagVersions", params={"order_by": "nope"}), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
        assert_json(await viewer.get("/api/v2/dags/reg_simple/dagVersions/999"), 404,
                    {"detail": "The DagVersion with dag_id: `reg_simple` and version_number: `999` was not found"})


class TestGetDagSource:
    async def test_text_plain(self, viewer: httpx.AsyncClient, dags_dir: Path) -> None:
        response = await viewer.get("/api/v2/dagSources/reg_taskflow", headers={"accept": "text/plain"})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
        assert response.text == (dags_dir / "taskflow.py").read_text()

    async def test_errors(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dagSources/no_such_dag"), 404,
                    {"detail": "The source code of the Dag no_such_dag, version_number None was not found"})
        assert_json(await viewer.get("/api/v2/dagSources/reg_simple", params={"version_number": 999}), 404,
                    {"detail": "The source code of the Dag reg_simple, version_number 999 was not found"})
        assert_json(await viewer.get("/api/v2/dagSources/reg_simple", headers={"accept": "image/png"}), 406,
                    {"detail": "Only application/json or text/plain is supported"})
