"""Import errors, DAG warnings, DAG tags and reparse_dag_file over files registered by the in-app processor."""
# ruff: noqa: F811 - pytest fixtures imported from test_dag are redefined as parameters

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from apitest import Timestamp
from test_dag import SIMPLE_TOKEN, app, dags_dir, settings_env, viewer  # noqa: F401 - fixtures

AssertJson = Callable[[httpx.Response, int, Any], None]
SHIM_TESTS = Path(__file__).parents[3] / "shim"
VARYING = SHIM_TESTS / "inflation" / "dag_kwarg_variable.py"
VARYING_REPORT = json.loads((SHIM_TESTS / "goldens" / "inflation.json").read_text())["inflation/dag_kwarg_variable.py"]


def broken_error(dags_dir: Path) -> dict[str, Any]:
    return {"import_error_id": 1, "timestamp": Timestamp(), "filename": "broken.py", "bundle_name": "dags-folder",
            "stack_trace": "Traceback (most recent call last):\n"
                           f'  File "{dags_dir / "broken.py"}", line 4, in <module>\n'
                           '    raise RuntimeError("registry: deliberate import error")\n'
                           "RuntimeError: registry: deliberate import error\n"}


class TestImportErrors:
    async def test_list_and_one(self, viewer: httpx.AsyncClient, dags_dir: Path, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/importErrors", params={"filename_pattern": "broken",
                                                                     "order_by": "-timestamp"}),
                    200, {"import_errors": [broken_error(dags_dir)], "total_entries": 1})
        assert_json(await viewer.get("/api/v2/importErrors/1"), 200, broken_error(dags_dir))

    async def test_errors(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/importErrors/999999"), 404,
                    {"detail": "The ImportError with import_error_id: `999999` was not found"})
        assert_json(await viewer.get("/api/v2/importErrors", params={"order_by": "nope"}), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})

    async def test_fixing_the_file_clears_it(self, viewer: httpx.AsyncClient, dags_dir: Path) -> None:
        (dags_dir / "broken.py").write_text("from airflow.sdk import DAG\n\nfixed = DAG('reg_fixed', schedule=None)\n")
        deadline = time.monotonic() + 10
        while (await viewer.get("/api/v2/importErrors")).json()["total_entries"]:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        assert (await viewer.get("/api/v2/dags/reg_fixed")).status_code == 200


class TestDagWarnings:
    async def test_runtime_varying_value(self, viewer: httpx.AsyncClient, dags_dir: Path,
                                         assert_json: AssertJson) -> None:
        # reg_simple uses a pool that does not exist: no warning (Airflow 3.2.2's DAG processor ignores pools)
        assert_json(await viewer.get("/api/v2/dagWarnings"), 200, {"dag_warnings": [], "total_entries": 0})
        shutil.copy(VARYING, dags_dir / "varying.py")
        deadline = time.monotonic() + 30
        while not (await viewer.get("/api/v2/dagWarnings")).json()["total_entries"]:
            assert time.monotonic() < deadline, "the warning did not appear"
            await asyncio.sleep(0.05)
        warning = {"dag_id": "infl_dag_kwarg", "warning_type": "runtime varying value", "message": VARYING_REPORT,
                   "timestamp": Timestamp(), "dag_display_name": "infl_dag_kwarg"}
        assert_json(await viewer.get("/api/v2/dagWarnings"), 200, {"dag_warnings": [warning], "total_entries": 1})
        assert_json(await viewer.get("/api/v2/dagWarnings", params={"dag_id": "reg_taskflow"}), 200,
                    {"dag_warnings": [], "total_entries": 0})
        assert_json(await viewer.get("/api/v2/dagWarnings", params={"warning_type": "asset conflict"}), 200,
                    {"dag_warnings": [], "total_entries": 0})


class TestDagTags:
    async def test_tags(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dagTags", params={"limit": 10, "offset": 0, "order_by": "name",
                                                                "tag_name_prefix_pattern": ""}),
                    200, {"tags": ["basic", "registry"], "total_entries": 2})
        assert_json(await viewer.get("/api/v2/dagTags", params={"tag_name_pattern": "reg", "order_by": "-name"}),
                    200, {"tags": ["registry"], "total_entries": 1})
        assert_json(await viewer.get("/api/v2/dagTags", params={"order_by": "count"}), 400,
                    {"detail": "Ordering with 'count' is disallowed or the attribute does not exist on the model"})


class TestReparseDagFile:
    async def test_token_from_get_dag_round_trips(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        token = (await viewer.get("/api/v2/dags/reg_simple")).json()["file_token"]
        assert token == SIMPLE_TOKEN
        response = await viewer.put(f"/api/v2/parseDagFile/{token}")
        assert_json(response, 201, None)

    async def test_unknown(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.put("/api/v2/parseDagFile/not-a-valid-token"), 404, {"detail": "File not found"})
