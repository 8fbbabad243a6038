"""Parse-time DAG warnings (``runtime varying value``) and stored priority parsing requests, through the DAG
processor against the store (SQLite and PostgreSQL) with real files compiled by the shim's workers."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.registry import Bundle, DagProcessor
from airgate.gateway.registry.requests import add_request, ensure_request, request_id
from airgate.gateway.services.dag_delete import delete_dag
from airgate.gateway.services.dag_warnings import list_warnings
from airgate.gateway.store import Store, UniqueViolation
from airgate.gateway.store.tables import dag, dag_version, dag_warning
from airgate.gateway.store.tables.dags import dag_priority_parsing_request
from airgate.shim import ParserPool

SHIM_TESTS = Path(__file__).parents[2] / "shim"
REPORTS: dict[str, str | None] = json.loads((SHIM_TESTS / "goldens" / "inflation.json").read_text())
VARYING = SHIM_TESTS / "inflation" / "dag_kwarg_variable.py"
TEXT = REPORTS["inflation/dag_kwarg_variable.py"]
LISTING = {"dag_id": None, "warning_type": None, "order_by": ["dag_id"]}


async def listed(store: Store, **params: Any) -> list[dict[str, Any]]:
    """What ``GET /api/v2/dagWarnings`` lists (the service behind it), timestamps left out."""
    async with store.read() as conn:
        body = await list_warnings(conn, {**LISTING, **params}, limit=50, offset=0)
    return [{k: v for k, v in w.items() if k != "timestamp"} for w in body["dag_warnings"]]


def warning(dag_id: str, message: str | None) -> dict[str, Any]:
    return {"dag_id": dag_id, "warning_type": "runtime varying value", "message": message,
            "dag_display_name": dag_id}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    target.mkdir()
    shutil.copy(VARYING, target / "varying.py")
    return target


@pytest.fixture
async def processor(store: Store, folder: Path, parser_pool: ParserPool) -> Any:
    proc = DagProcessor(store, [Bundle("dags-folder", str(folder))], pool=parser_pool)
    yield proc
    proc.close()


async def timestamps(store: Store) -> list[Any]:
    async with store.read() as conn:
        return list((await conn.execute(sa.select(dag_warning.c.timestamp))).scalars())


class TestRuntimeVaryingValue:
    async def test_found_kept_cleared_and_purged(self, store: Store, processor: DagProcessor, folder: Path) -> None:
        await processor.scan()
        assert await listed(store) == [warning("infl_dag_kwarg", TEXT)]
        assert await listed(store, warning_type="runtime varying value", dag_id="infl_dag_kwarg") == [
            warning("infl_dag_kwarg", TEXT)]
        first = await timestamps(store)

        # the same finding on a later line: the row stays (same timestamp), its message follows the file
        path = folder / "varying.py"
        path.write_text("# moved down one line\n" + VARYING.read_text())
        await processor.scan()
        moved = (TEXT or "").replace("Line 11, Col 5", "Line 12, Col 5").replace("Line 9:", "Line 10:")
        assert await listed(store) == [warning("infl_dag_kwarg", moved)]
        assert await timestamps(store) == first

        # fixed: cleared
        path.write_text(VARYING.read_text().replace('random.choice(["one", "two"])', '"one"'))
        await processor.scan()
        assert await listed(store) == []

        # varying again, then the file breaks: the warning stays while the DAG is listed, goes once it is stale
        path.write_text(VARYING.read_text())
        await processor.scan()
        assert await listed(store) == [warning("infl_dag_kwarg", TEXT)]
        path.write_text(VARYING.read_text() + "\nraise RuntimeError('broken now')\n")
        await processor.scan()
        assert await listed(store) == []
        async with store.read() as conn:
            stale = (await conn.execute(sa.select(dag.c.is_stale).where(dag.c.dag_id == "infl_dag_kwarg"))).scalar()
        assert stale is True

    async def test_a_stored_pool_warning_goes_when_its_dag_is_parsed(self, store: Store,
                                                                     processor: DagProcessor) -> None:
        # Airflow 3.2.2's DAG processor never checks pools and clears such warnings of the DAGs it parses
        await processor.scan()
        async with store.write() as conn:
            await conn.execute(sa.insert(dag_warning).values(dag_id="infl_dag_kwarg", warning_type="non-existent pool",
                                                             message="from an older Airflow", timestamp=datetime.now(UTC)))
        processor.request_reparse("dags-folder", "varying.py")
        assert (await processor.scan()).compiled == 1
        assert await listed(store) == [warning("infl_dag_kwarg", TEXT)]

    async def test_error_level_is_an_import_error(self, store: Store, folder: Path) -> None:
        proc = DagProcessor(store, [Bundle("dags-folder", str(folder))], workers=1, import_timeout=10,
                            inflation_check="error")
        try:
            report = await proc.scan()
        finally:
            proc.close()
        assert report.import_errors == 1 and report.new_versions == []
        assert await listed(store) == []
        async with store.read() as conn:
            rows = (await conn.execute(sa.text("SELECT filename, stacktrace FROM import_error"))).all()
        assert [tuple(r) for r in rows] == [("varying.py", TEXT)]


async def requests_left(conn: AsyncConnection) -> list[tuple[str, str, str]]:
    table = dag_priority_parsing_request
    rows = await conn.execute(sa.select(table.c.id, table.c.bundle_name, table.c.relative_fileloc).order_by(table.c.id))
    return [(r.id, r.bundle_name, r.relative_fileloc) for r in rows]


class TestPriorityParsingRequests:
    async def test_a_stored_request_reparses_an_unchanged_file(self, store: Store, processor: DagProcessor) -> None:
        assert (await processor.scan()).compiled == 1
        assert (await processor.scan()).compiled == 0  # unchanged: not parsed again
        async with store.write() as conn:
            await add_request(conn, "dags-folder", "varying.py")
            await add_request(conn, "other-bundle", "elsewhere.py")  # another processor's bundle: left alone
        with pytest.raises(UniqueViolation):  # one pending request per file, as Airflow's key makes it
            async with store.write() as conn:
                await add_request(conn, "dags-folder", "varying.py")
        report = await processor.scan()
        assert report.compiled == 1
        async with store.read() as conn:
            assert await requests_left(conn) == [(request_id("other-bundle", "elsewhere.py"), "other-bundle",
                                                  "elsewhere.py")]
        assert (await processor.scan()).compiled == 0

    def test_request_id_is_airflows_md5(self) -> None:
        assert request_id("dags-folder", "a/b.py") == hashlib.md5(b"dags-folder:a/b.py").hexdigest()



async def _dags(store: Store) -> list[tuple[Any, ...]]:
    async with store.read() as conn:
        rows = await conn.execute(sa.select(dag.c.dag_id, dag_version.c.version_number)
                                  .join(dag_version, dag_version.c.dag_id == dag.c.dag_id))
        return [tuple(r) for r in rows]


async def test_a_deleted_dag_whose_file_remains_comes_back(store: Store, processor: DagProcessor) -> None:
    """As in Airflow, whose processor parses every file again every ``min_file_process_interval``: a DAG deleted
    through the API while its file stays comes back as a new DAG (version 1) on the processor's next pass."""
    assert (await processor.scan()).compiled == 1
    async with store.write() as conn:
        await conn.execute(sa.update(dag_version).values(version_number=3))  # the deleted DAG was at version 3
    async with store.write() as conn:
        await delete_dag(conn, "infl_dag_kwarg")
        await ensure_request(conn, "dags-folder", "varying.py")  # already asked: no error, one request
    assert await _dags(store) == []
    async with store.read() as conn:
        assert await requests_left(conn) == [(request_id("dags-folder", "varying.py"), "dags-folder", "varying.py")]
    assert (await processor.scan()).compiled == 1
    assert await _dags(store) == [("infl_dag_kwarg", 1)]
    async with store.read() as conn:
        assert await requests_left(conn) == []
