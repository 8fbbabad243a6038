"""DAGs with assets registered through the real registry code (hand-written ``dag.json`` documents, no parser),
shared by the public and UI asset tests."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from airgate.gateway.registry.bundles import Bundle
from airgate.gateway.registry.versions import Defaults, ParsedFile, record_files
from airgate.gateway.store import Store
from airgate.gateway.store.tables import asset, asset_alias, dag

ONE = {"__type": "asset", "name": "s3://b/one", "uri": "s3://b/one", "group": "asset", "extra": {"k": 1}}
TWO = {"__type": "asset", "name": "two", "uri": "file:///two", "group": "grp", "extra": {}}
SHARED = {"__type": "asset", "name": "shared", "uri": "x://shared", "group": "asset", "extra": {}}
MANUAL = {"__type": "asset", "name": "manual_only", "uri": "x://manual", "group": "asset", "extra": {}}
NEVER = {"__type": "asset", "name": "never", "uri": "x://never", "group": "asset", "extra": {}}
ALIAS_OUT = {"__type": "asset_alias", "name": "al_out", "group": "asset"}
ASSET_TIMETABLE = {"type": "AssetTriggeredTimetable", "module": "airflow.timetables.simple", "args": {}}


def _task(task_id: str, outlets: list[Any] | None = None, inlets: list[Any] | None = None) -> dict[str, Any]:
    return {"task_id": task_id, "outlets": outlets or [], "inlets": inlets or [], "upstream_task_ids": [],
            "downstream_task_ids": [], "retries": 0, "task_type": "BashOperator"}


def _dag(dag_id: str, tasks: list[dict[str, Any]], condition: dict[str, Any] | None = None,
         **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"dag_id": dag_id, "tasks": tasks, "asset_expression": condition,
                           "timetable": ASSET_TIMETABLE if condition else {"type": "NullTimetable"},
                           "timetable_summary": "Asset" if condition else "None", **extra}
    return doc


DOCS = [
    _dag("ap_producer", [_task("make", [ONE, ALIAS_OUT], [TWO]), _task("share", [SHARED])]),
    _dag("ap_producer_2", [_task("also", [SHARED])]),
    _dag("ap_manual_only", [_task("produce", [MANUAL])], allowed_run_types=["manual"]),
    _dag("ap_consumer", [_task("use")], {"__type": "asset_all", "objects": [ONE, TWO]}),
    _dag("ap_waiting", [_task("wait")], {"__type": "asset_any", "objects": [
        {"__type": "asset_all", "objects": [ONE, NEVER]}, {"__type": "asset_alias", "name": "al_in",
                                                           "group": "asset"}]}),
]


async def seed(store: Store, docs: list[dict[str, Any]] | None = None) -> dict[str, int]:
    """Register the DAGs (consumers unpaused); name → id of every asset and alias."""
    bundle = Bundle("dags-folder", "/nonexistent/dags")
    files = [ParsedFile(bundle, f"/nonexistent/dags/{d['dag_id']}.py", "# source\n", [d], [], 0.1)
             for d in (docs or DOCS)]
    async with store.write() as conn:
        await record_files(conn, files, Defaults())
        await conn.execute(sa.update(dag).values(is_paused=False))
        ids = {r.name: r.id for r in await conn.execute(sa.select(asset.c.name, asset.c.id))}
        ids.update({r.name: r.id for r in await conn.execute(sa.select(asset_alias.c.name, asset_alias.c.id))})
    return ids


_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$")
STAMPS = ("created_at", "updated_at", "timestamp", "created_date", "queued_at", "run_after", "lastUpdate")


def stamped(value: Any) -> Any:
    """``value`` with every present timestamp (checked to be one) replaced by ``"<ts>"``."""
    if isinstance(value, list):
        return [stamped(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in STAMPS and item is not None:
                assert isinstance(item, str) and _STAMP.match(item), (key, item)
                out[key] = "<ts>"
            else:
                out[key] = stamped(item)
        return out
    return value
