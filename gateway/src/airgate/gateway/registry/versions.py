"""One parsed DAG file → the store: dag rows, immutable DAG versions, serialized DAGs, code, tags, owners and
import errors (Airflow's ``update_dag_parsing_results_in_db``, for one file; DAG warnings are
:mod:`.parse_warnings`'s).

A DAG version is immutable: its serialized DAG and code never change. A DAG whose compiled ``dag.json``
hashes like its latest version keeps that version; any other content makes version ``n + 1``. A file that
fails to import keeps no DAG active: its DAGs become stale with ``has_import_errors`` (as Airflow does);
the import error is replaced on each parse and removed once the file parses again.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.registry.assets import drop_stale_references, sync_dag_assets
from airgate.gateway.registry.bundles import Bundle
from airgate.gateway.store.tables import (
    dag,
    dag_code,
    dag_owner_attributes,
    dag_tag,
    dag_version,
    import_error,
    serialized_dag,
)


def uuid7() -> str:
    """A time-ordered UUID (version 7), as Airflow gives DAG versions."""
    value = (time.time_ns() // 1_000_000) << 80 | secrets.randbits(80)
    value = value & ~(0xF << 76) | (0x7 << 76)
    value = value & ~(0x3 << 62) | (0x2 << 62)
    return str(uuid.UUID(int=value))


def dag_hash(data: dict[str, Any]) -> str:
    """The content hash of one compiled DAG (32 hex characters, as ``serialized_dag.dag_hash``)."""
    return hashlib.md5(json.dumps(data, sort_keys=True).encode(), usedforsecurity=False).hexdigest()


def code_hash(source: str) -> str:
    """The hash of a DAG file's source (``dag_code.source_code_hash``)."""
    return hashlib.md5(source.encode(), usedforsecurity=False).hexdigest()


@dataclass
class ParsedFile:
    """What one file parse produced, in the gateway's terms."""

    bundle: Bundle
    fileloc: str
    source: str
    dags: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    duration: float
    parsed_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def relative_fileloc(self) -> str:
        return self.bundle.relative(self.fileloc)


@dataclass(frozen=True)
class Defaults:
    """Settings that fill what a DAG leaves unset."""

    paused_at_creation: bool = True
    max_active_tasks: int = 16
    max_active_runs: int = 16
    max_consecutive_failed_dag_runs: int = 0


def stacktrace_of(errors: list[dict[str, Any]]) -> str:
    """The ``import_error.stacktrace`` text of a file's errors (the traceback, or the message)."""
    parts = []
    for error in errors:
        text = error.get("stacktrace") or error.get("message") or ""
        parts.append(text if text.endswith("\n") else text + "\n")
    return "".join(parts)


async def _record_import_error(conn: AsyncConnection, parsed: ParsedFile) -> None:
    where = (import_error.c.bundle_name == parsed.bundle.name, import_error.c.filename == parsed.relative_fileloc)
    if not parsed.errors:
        await conn.execute(sa.delete(import_error).where(*where))
        return
    text = stacktrace_of(parsed.errors)
    existing = (await conn.execute(sa.select(import_error.c.id).where(*where))).scalars().all()
    if existing:
        await conn.execute(sa.update(import_error).where(import_error.c.id == existing[0])
                           .values(stacktrace=text, timestamp=parsed.parsed_at))
        if len(existing) > 1:
            await conn.execute(sa.delete(import_error).where(import_error.c.id.in_(existing[1:])))
    else:
        await conn.execute(sa.insert(import_error).values(
            filename=parsed.relative_fileloc, bundle_name=parsed.bundle.name, stacktrace=text,
            timestamp=parsed.parsed_at))


def _dag_values(parsed: ParsedFile, data: dict[str, Any], defaults: Defaults) -> dict[str, Any]:
    timetable = data.get("timetable") or {}
    display = data.get("dag_display_name")
    allowed = data.get("allowed_run_types")
    owners = data.get("owners") or ["airflow"]
    return {
        "is_stale": False,
        "has_import_errors": False,
        "last_parsed_time": parsed.parsed_at,
        "last_parse_duration": parsed.duration,
        "fileloc": parsed.fileloc,
        "relative_fileloc": parsed.relative_fileloc,
        "bundle_name": parsed.bundle.name,
        "bundle_version": None,
        "owners": ", ".join(owners),
        "dag_display_name": display if display and display != data["dag_id"] else None,
        "description": data.get("description"),
        "timetable_type": str(timetable.get("type") or ""),
        "timetable_summary": data.get("timetable_summary"),
        "timetable_description": data.get("timetable_description"),
        "timetable_partitioned": bool(timetable.get("partitioned", False)),
        "asset_expression": data.get("asset_expression"),
        "deadline": data.get("deadline"),
        "max_active_tasks": data.get("max_active_tasks") or defaults.max_active_tasks,
        "max_active_runs": data.get("max_active_runs") or defaults.max_active_runs,
        "max_consecutive_failed_dag_runs": data.get("max_consecutive_failed_dag_runs")
        or defaults.max_consecutive_failed_dag_runs,
        "has_task_concurrency_limits": bool(data.get("has_task_concurrency_limits")),
        "fail_fast": bool(data.get("fail_fast")),
        "allowed_run_types": sorted(allowed) if allowed else None,
    }


async def _existing(conn: AsyncConnection, dag_ids: list[str]) -> tuple[set[str], dict[str, tuple[int, str]]]:
    """(registered dag_ids, dag_id → (latest version number, its hash)) among ``dag_ids``."""
    known = set((await conn.execute(sa.select(dag.c.dag_id).where(dag.c.dag_id.in_(dag_ids)))).scalars())
    latest: dict[str, tuple[int, str]] = {}
    rows = await conn.execute(
        sa.select(dag_version.c.dag_id, dag_version.c.version_number, serialized_dag.c.dag_hash)
        .join(serialized_dag, serialized_dag.c.dag_version_id == dag_version.c.id)
        .where(dag_version.c.dag_id.in_(dag_ids)))
    for dag_id, number, digest in rows:
        if dag_id not in latest or number > latest[dag_id][0]:
            latest[dag_id] = (number, digest)
    return known, latest


def _children(items: list[tuple[ParsedFile, dict[str, Any]]]) -> tuple[list[dict[str, Any]], ...]:
    tags, links = [], []
    for _, data in items:
        dag_id = data["dag_id"]
        tags += [{"name": t, "dag_id": dag_id} for t in sorted({str(t)[:100] for t in data.get("tags") or []})]
        links += [{"dag_id": dag_id, "owner": o, "link": str(link)}
                  for o, link in sorted((data.get("owner_links") or {}).items())]
    return tags, links


async def _insert(conn: AsyncConnection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(sa.insert(table), rows)


async def _store_dags(conn: AsyncConnection, items: list[tuple[ParsedFile, dict[str, Any]]],
                      defaults: Defaults) -> list[str]:
    ids = [data["dag_id"] for _, data in items]
    known, latest = await _existing(conn, ids)
    new_dags, versions, serialized, code, added = [], [], [], [], []
    for parsed, data in items:
        dag_id = data["dag_id"]
        values = _dag_values(parsed, data, defaults)
        if dag_id in known:
            await conn.execute(sa.update(dag).where(dag.c.dag_id == dag_id).values(**values))
        else:
            paused = data.get("is_paused_upon_creation")
            new_dags.append({"dag_id": dag_id, "is_paused": defaults.paused_at_creation if paused is None
                             else bool(paused), **values})
            known.add(dag_id)
        digest = dag_hash(data)
        number, previous = latest.get(dag_id, (0, ""))
        if previous == digest:
            continue
        version_id = uuid7()
        latest[dag_id] = (number + 1, digest)
        stamp = {"created_at": parsed.parsed_at, "last_updated": parsed.parsed_at}
        versions.append({"id": version_id, "version_number": number + 1, "dag_id": dag_id,
                         "bundle_name": parsed.bundle.name, "bundle_version": None, **stamp})
        serialized.append({"id": uuid7(), "dag_id": dag_id, "data": data, "dag_hash": digest,
                           "dag_version_id": version_id, "data_compressed": None, **stamp})
        code.append({"id": uuid7(), "dag_id": dag_id, "fileloc": parsed.fileloc, "source_code": parsed.source,
                     "source_code_hash": code_hash(parsed.source), "dag_version_id": version_id, **stamp})
        added.append(dag_id)
    for table, rows in ((dag, new_dags), (dag_version, versions), (serialized_dag, serialized), (dag_code, code)):
        await _insert(conn, table, rows)
    tags, links = _children(items)
    await conn.execute(sa.delete(dag_tag).where(dag_tag.c.dag_id.in_(ids)))
    await conn.execute(sa.delete(dag_owner_attributes).where(dag_owner_attributes.c.dag_id.in_(ids)))
    for table, rows in ((dag_tag, tags), (dag_owner_attributes, links)):
        await _insert(conn, table, rows)
    return added


async def record_files(conn: AsyncConnection, files: list[ParsedFile], defaults: Defaults) -> list[str]:
    """Store the results of parsing ``files`` (one bundle); return the dag_ids that got a new version."""
    if not files:
        return []
    bundle = files[0].bundle.name
    failed = [f for f in files if f.errors]
    parsed = [f for f in files if not f.errors]
    for item in failed:
        await _record_import_error(conn, item)
    if failed:
        await conn.execute(sa.update(dag).where(dag.c.bundle_name == bundle,
                                                dag.c.relative_fileloc.in_([f.relative_fileloc for f in failed]))
                           .values(has_import_errors=True, is_stale=True))
    if not parsed:
        if failed:
            await drop_stale_references(conn)
        return []
    rels = [f.relative_fileloc for f in parsed]
    await conn.execute(sa.delete(import_error).where(import_error.c.bundle_name == bundle,
                                                     import_error.c.filename.in_(rels)))
    items = {data["dag_id"]: (f, data) for f in parsed for data in f.dags}  # a later file wins a dag_id
    added = await _store_dags(conn, list(items.values()), defaults) if items else []
    gone = sa.and_(dag.c.bundle_name == bundle, dag.c.relative_fileloc.in_(rels))
    if items:
        gone = sa.and_(gone, dag.c.dag_id.not_in(list(items)))
    await conn.execute(sa.update(dag).where(gone).values(is_stale=True))
    await sync_dag_assets(conn, [data for _, data in items.values()])
    await drop_stale_references(conn)
    return added


async def record_file(conn: AsyncConnection, parsed: ParsedFile, defaults: Defaults) -> list[str]:
    """Store the result of parsing one file; return the dag_ids that got a new version."""
    return await record_files(conn, [parsed], defaults)


def read_source(path: str) -> str:
    """The text of a DAG file (undecodable bytes replaced), or '' when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def fileloc_exists(path: str) -> bool:
    """Whether a DAG file is still there."""
    return os.path.isfile(path)
