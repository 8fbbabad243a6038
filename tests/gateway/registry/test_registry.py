"""Scan → versions → import errors → stale, against the store (SQLite and PostgreSQL), with real DAG files
compiled by the shim's warm workers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from airgate.gateway.registry import Bundle, DagProcessor
from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    dag,
    dag_bundle,
    dag_code,
    dag_tag,
    dag_version,
    dag_warning,
    import_error,
    serialized_dag,
)
from airgate.shim import ParserPool


async def rows(store: Store, query: Any) -> list[dict[str, Any]]:
    async with store.read() as conn:
        return [dict(r) for r in (await conn.execute(query)).mappings()]


async def dags(store: Store) -> dict[str, dict[str, Any]]:
    return {r["dag_id"]: r for r in await rows(store, sa.select(dag))}


async def versions(store: Store, dag_id: str) -> list[int]:
    found = await rows(store, sa.select(dag_version.c.version_number).where(dag_version.c.dag_id == dag_id)
                       .order_by(dag_version.c.version_number))
    return [r["version_number"] for r in found]


async def errors(store: Store) -> dict[str, str]:
    return {r["filename"]: r["stacktrace"] for r in await rows(store, sa.select(import_error))}


class TestFirstScan:
    async def test_registers_dags_versions_tags_warnings_and_errors(self, store: Store,
                                                                     processor: DagProcessor) -> None:
        report = await processor.scan()
        assert sorted(report.new_versions) == ["reg_simple", "reg_taskflow"]
        assert report.files == 3  # not_a_dag.py fails the heuristic
        found = await dags(store)
        assert set(found) == {"reg_simple", "reg_taskflow"}
        simple = found["reg_simple"]
        assert {k: simple[k] for k in ("is_paused", "is_stale", "relative_fileloc", "bundle_name", "owners",
                                       "description", "timetable_summary", "timetable_description",
                                       "timetable_type", "max_active_runs", "has_import_errors")} == {
            "is_paused": True, "is_stale": False, "relative_fileloc": "simple.py", "bundle_name": "dags-folder",
            "owners": "reg", "description": "registry test DAG", "timetable_summary": "0 0 * * *",
            "timetable_description": "At 00:00", "timetable_type": "CronTriggerTimetable",
            "max_active_runs": 16, "has_import_errors": False}
        assert simple["fileloc"].endswith("/dags/simple.py") and simple["last_parsed_time"] is not None
        tags = await rows(store, sa.select(dag_tag).order_by(dag_tag.c.dag_id, dag_tag.c.name))
        assert [(t["dag_id"], t["name"]) for t in tags] == [
            ("reg_simple", "basic"), ("reg_simple", "registry"), ("reg_taskflow", "registry")]
        # reg_simple names a pool that does not exist: Airflow 3.2.2's DAG processor does not check pools, no warning
        warnings = await rows(store, sa.select(dag_warning.c.dag_id, dag_warning.c.warning_type, dag_warning.c.message))
        assert warnings == []
        broken = await errors(store)
        assert list(broken) == ["broken.py"]
        assert broken["broken.py"].startswith("Traceback (most recent call last):\n")
        assert 'broken.py", line 4, in <module>' in broken["broken.py"]
        assert broken["broken.py"].endswith("RuntimeError: registry: deliberate import error\n")

    async def test_serialized_dag_and_code_per_version(self, store: Store, processor: DagProcessor,
                                                       dags_dir: Path) -> None:
        await processor.scan()
        code = await rows(store, sa.select(dag_code).where(dag_code.c.dag_id == "reg_taskflow"))
        assert [c["source_code"] for c in code] == [(dags_dir / "taskflow.py").read_text()]
        data = await rows(store, sa.select(serialized_dag.c.data).where(serialized_dag.c.dag_id == "reg_taskflow"))
        tasks = {t["task_id"]: t for t in data[0]["data"]["tasks"]}
        assert set(tasks) == {"add_one", "total"} and tasks["add_one"]["is_mapped"] is True


class TestVersions:
    async def test_same_content_keeps_the_version(self, store: Store, processor: DagProcessor, dags_dir: Path) -> None:
        await processor.scan()
        path = dags_dir / "simple.py"
        path.write_text(path.read_text())  # touched, same content
        report = await processor.scan()
        assert report.compiled == 1 and report.new_versions == []
        assert await versions(store, "reg_simple") == [1]

    async def test_edit_adds_a_version_and_the_old_one_stays(self, store: Store, processor: DagProcessor,
                                                             dags_dir: Path) -> None:
        await processor.scan()
        path = dags_dir / "simple.py"
        old = path.read_text()
        path.write_text(old.replace('bash_command="echo 2"', 'bash_command="echo two"'))
        report = await processor.scan()
        assert report.new_versions == ["reg_simple"]
        assert await versions(store, "reg_simple") == [1, 2]
        assert await versions(store, "reg_taskflow") == [1]
        code = await rows(store, sa.select(dag_version.c.version_number, dag_code.c.source_code)
                          .join(dag_code, dag_code.c.dag_version_id == dag_version.c.id)
                          .where(dag_version.c.dag_id == "reg_simple").order_by(dag_version.c.version_number))
        assert [c["source_code"] for c in code] == [old, path.read_text()]


class TestImportErrors:
    async def test_fixed_file_clears_its_error(self, store: Store, processor: DagProcessor, dags_dir: Path) -> None:
        await processor.scan()
        (dags_dir / "broken.py").write_text((dags_dir / "simple.py").read_text().replace("reg_simple", "reg_fixed"))
        await processor.scan()
        assert await errors(store) == {}
        assert (await dags(store))["reg_fixed"]["is_stale"] is False

    async def test_broken_file_makes_its_dags_stale(self, store: Store, processor: DagProcessor,
                                                    dags_dir: Path) -> None:
        await processor.scan()
        (dags_dir / "taskflow.py").write_text("from airflow.sdk import dag\nraise ValueError('now broken')\n")
        await processor.scan()
        assert sorted(await errors(store)) == ["broken.py", "taskflow.py"]
        row = (await dags(store))["reg_taskflow"]
        assert (row["is_stale"], row["has_import_errors"]) == (True, True)
        assert await versions(store, "reg_taskflow") == [1]  # the pinned version stays


class TestReconcile:
    async def test_deleted_file_goes_stale_and_its_error_is_cleared(self, store: Store, processor: DagProcessor,
                                                                    dags_dir: Path) -> None:
        await processor.scan()
        (dags_dir / "simple.py").unlink()
        (dags_dir / "broken.py").unlink()
        await processor.scan()
        found = await dags(store)
        assert (found["reg_simple"]["is_stale"], found["reg_taskflow"]["is_stale"]) == (True, False)
        assert await errors(store) == {}

    async def test_restart_reconciles_files_removed_while_down(self, store: Store, processor: DagProcessor,
                                                               dags_dir: Path, parser_pool: ParserPool) -> None:
        await processor.scan()
        (dags_dir / "taskflow.py").unlink()
        restarted = DagProcessor(store, [Bundle("dags-folder", str(dags_dir))], pool=parser_pool)
        await restarted.scan()
        assert (await dags(store))["reg_taskflow"]["is_stale"] is True
        assert await versions(store, "reg_simple") == [1]  # unchanged content: no new version on restart

    async def test_missing_bundle_folder_wipes_nothing(self, store: Store, processor: DagProcessor,
                                                       dags_dir: Path) -> None:
        await processor.scan()
        dags_dir.rename(dags_dir.with_name("moved"))
        report = await processor.scan()
        assert report.failed_bundles == ["dags-folder"]
        assert {d["is_stale"] for d in (await dags(store)).values()} == {False}
        assert list(await errors(store)) == ["broken.py"]

    async def test_quiet_pass_writes_nothing_and_a_change_reconciles(self, store: Store, processor: DagProcessor,
                                                                      dags_dir: Path) -> None:
        await processor.scan()
        first = (await rows(store, sa.select(dag_bundle.c.last_refreshed)))[0]["last_refreshed"]
        await processor.scan()  # nothing changed: the bundle is not touched
        assert (await rows(store, sa.select(dag_bundle.c.last_refreshed)))[0]["last_refreshed"] == first
        (dags_dir / "simple.py").unlink()
        await processor.scan()
        assert (await rows(store, sa.select(dag_bundle.c.last_refreshed)))[0]["last_refreshed"] > first
        assert (await dags(store))["reg_simple"]["is_stale"] is True

    async def test_missing_folder_is_logged_once_until_it_is_back(self, processor: DagProcessor, dags_dir: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
        await processor.scan()
        moved = dags_dir.with_name("moved")
        dags_dir.rename(moved)
        with caplog.at_level(logging.INFO, logger="airgate.registry"):
            for _ in range(3):
                assert (await processor.scan()).failed_bundles == ["dags-folder"]
            moved.rename(dags_dir)
            assert (await processor.scan()).failed_bundles == []
        messages = [r.getMessage() for r in caplog.records]
        assert sum("is missing" in m for m in messages) == 1
        assert "DAG bundle dags-folder: scanned again" in messages

    async def test_broken_compiler_wipes_nothing(self, store: Store, processor: DagProcessor, dags_dir: Path,
                                                 tmp_path: Path) -> None:
        await processor.scan()
        broken_pool = ParserPool(1, python=str(tmp_path / "no-such-python"))
        failing = DagProcessor(store, [Bundle("dags-folder", str(dags_dir))], pool=broken_pool)
        (dags_dir / "simple.py").write_text((dags_dir / "simple.py").read_text() + "\n# edited\n")
        (dags_dir / "taskflow.py").unlink()
        report = await failing.scan()
        failing.close()
        broken_pool.close()
        assert report.failed_bundles == ["dags-folder"]
        found = await dags(store)
        assert (found["reg_simple"]["is_stale"], found["reg_taskflow"]["is_stale"]) == (False, False)
        assert await versions(store, "reg_simple") == [1]
        assert list(await errors(store)) == ["broken.py"]

    async def test_bundle_no_longer_configured_goes_stale(self, store: Store, processor: DagProcessor,
                                                          tmp_path: Path, parser_pool: ParserPool) -> None:
        await processor.scan()
        other = tmp_path / "other"
        other.mkdir()
        await DagProcessor(store, [Bundle("other", str(other))], pool=parser_pool).scan()
        assert {d["is_stale"] for d in (await dags(store)).values()} == {True}
        assert await errors(store) == {}


class TestParserTerminated:
    async def test_terminated_parse_is_retried_before_it_counts(self, store: Store, processor: DagProcessor,
                                                                dags_dir: Path) -> None:
        # what a shutdown does to in-flight parses (SIGTERM to the process group) must not become import errors
        await processor.scan()
        (dags_dir / "simple.py").write_text("import os, signal\nfrom airflow.sdk import DAG\n"
                                            "os.kill(os.getpid(), signal.SIGTERM)\n")
        for _ in range(2):
            report = await processor.scan()
            assert report.failed_bundles == ["dags-folder"]
            assert list(await errors(store)) == ["broken.py"]
            assert (await dags(store))["reg_simple"]["is_stale"] is False
        await processor.scan()  # a file that really terminates itself is an import error in the end
        assert sorted(await errors(store)) == ["broken.py", "simple.py"]
        assert (await dags(store))["reg_simple"]["is_stale"] is True
