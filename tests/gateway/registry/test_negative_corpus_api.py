"""The negative DAG corpus (``tests/shim/negative``) through the API: the in-app DAG processor turns every
broken file into exactly one import error, as the shim reports it, next to valid files that still register;
and the gateway keeps answering after the infinite loop, ``os._exit``, memory bomb and ``sys.exit`` files."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from shimtest import NEGATIVE
from test_negative import CASES

from airgate.gateway.app import create_app
from airgate.gateway.config import load_settings
from airgate.gateway.registry.versions import stacktrace_of
from airgate.gateway.store import Store
from airgate.shim import ParserPool

REGISTRY_DAGS = Path(__file__).parent / "dags"
VALID = {"simple.py": "reg_simple", "taskflow.py": "reg_taskflow"}
TIMEOUT = 10  # [core] dagbag_import_timeout: the infinite loop ends there; the memory bomb hits 1 GB well before
CRASHERS = ("infinite_loop", "os_exit", "memory_bomb", "sys_exit")
BROKEN = sorted(p.stem for p in NEGATIVE.glob("*.py"))
# files that die before Python can say where: the shim names the file and the cause, no line
NO_LINE = {"os_exit"}


@pytest.fixture
def dags_dir(tmp_path: Path) -> Path:
    """Every negative file beside two valid DAG files."""
    folder = tmp_path / "dags"
    folder.mkdir()
    for path in NEGATIVE.glob("*.py"):
        shutil.copy(path, folder / path.name)
    for name in VALID:
        shutil.copy(REGISTRY_DAGS / name, folder / name)
    return folder


@pytest.fixture
def shim_reports(dags_dir: Path) -> dict[str, list[dict[str, object]]]:
    """What the shim itself reports for each broken file at its place in the folder (no gateway involved)."""
    with ParserPool(2, timeout=TIMEOUT) as pool:
        return {stem: pool.compile(str(dags_dir / f"{stem}.py")).import_errors for stem in BROKEN}


@asynccontextmanager
async def gateway(store_url: str, home: Path, dags_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its DAG processor over ``dags_dir``, logged in as admin."""
    settings = load_settings({
        "AIRFLOW_HOME": str(home), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": store_url,
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin", "AIRFLOW__CORE__DAGS_FOLDER": str(dags_dir),
        "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": str(TIMEOUT), "AIRFLOW__AIRGATE__PRINT_ADMIN_PASSWORD": "False",
    })
    app = create_app(settings, parse_dags=True)
    async with app.lifespan(), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"  # type: ignore[arg-type]
    ) as client:
        password = json.loads(Path(settings.simple_auth_manager_passwords_file).read_text())["admin"]
        response = await client.post("/auth/token", json={"username": "admin", "password": password})
        assert response.status_code == 201, response.text
        client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        yield client


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 60.0) -> None:
    """Poll the coroutine function ``check`` until it returns true."""
    deadline = time.monotonic() + seconds
    while not await check():
        assert time.monotonic() < deadline, "the DAG processor did not get there in time"
        await asyncio.sleep(0.1)


async def test_every_broken_file_is_one_precise_import_error(
    store: Store, store_url: str, tmp_path: Path, dags_dir: Path,
    shim_reports: dict[str, list[dict[str, object]]],
) -> None:
    # ``store`` makes ``store_url`` a migrated database; the app's own DAG processor parses ``dags_dir``
    async with gateway(store_url, tmp_path / "home", dags_dir) as api:

        async def all_seen() -> bool:
            errors = (await api.get("/api/v2/importErrors", params={"limit": 100})).json()
            dags = (await api.get("/api/v2/dags")).json()
            return bool(errors["total_entries"] == len(BROKEN) and dags["total_entries"] == len(VALID))

        await eventually(all_seen)
        body = (await api.get("/api/v2/importErrors", params={"limit": 100, "order_by": "filename"})).json()
        by_file = {e["filename"]: e for e in body["import_errors"]}
        assert sorted(by_file) == [f"{stem}.py" for stem in BROKEN]  # exactly one each, by file name

        for stem in BROKEN:
            error = by_file[f"{stem}.py"]
            path = dags_dir / f"{stem}.py"
            [reported] = shim_reports[stem]
            assert error["bundle_name"] == "dags-folder"
            assert error["stack_trace"] == stacktrace_of([reported]), stem  # as `airgate compile` reports it
            if stem in CASES:
                line, cause = CASES[stem]
                assert reported["lineno"] == line, stem
                assert cause in error["stack_trace"], stem
            if stem not in NO_LINE and reported["stacktrace"]:
                assert f'File "{path}", line {reported["lineno"]}' in error["stack_trace"], stem
            one = (await api.get(f"/api/v2/importErrors/{error['import_error_id']}")).json()
            assert one == error

        assert by_file["os_exit.py"]["stack_trace"] == (
            f"Failed to import {dags_dir / 'os_exit.py'}: the parsing process exited with code 3 "
            "(os._exit, a crash or memory exhaustion)\n")
        assert by_file["memory_bomb.py"]["stack_trace"].endswith("\nMemoryError\n")
        assert 'memory_bomb.py", line 6' in by_file["memory_bomb.py"]["stack_trace"]
        assert f"after {TIMEOUT}s." in by_file["infinite_loop.py"]["stack_trace"]
        assert 'infinite_loop.py", line 4' in by_file["infinite_loop.py"]["stack_trace"]

        for name, dag_id in VALID.items():
            dag = (await api.get(f"/api/v2/dags/{dag_id}")).json()
            assert (dag["relative_fileloc"], dag["has_import_errors"]) == (name, False)

        # the gateway is up after the crashers, and its processor still registers a new file
        assert (await api.get("/api/v2/monitor/health")).status_code == 200
        shutil.copy(REGISTRY_DAGS / "simple.py", dags_dir / "after_crashes.py")
        (dags_dir / "after_crashes.py").write_text(
            (dags_dir / "after_crashes.py").read_text().replace('"reg_simple"', '"reg_after_crashes"'))

        async def registered() -> bool:
            return (await api.get("/api/v2/dags/reg_after_crashes")).status_code == 200

        await eventually(registered)
        assert (await api.get("/api/v2/monitor/health")).status_code == 200
        errors = (await api.get("/api/v2/importErrors", params={"limit": 100})).json()
        assert errors["total_entries"] == len(BROKEN)
        assert set(CRASHERS) <= set(BROKEN)
