"""The asset rows a DAG version brings (Airflow's ``AssetModelOperation``), from the compiled ``dag.json``.

- ``asset`` / ``asset_alias``: every asset and alias a DAG schedules on or a task lists as inlet/outlet;
  a known one takes the group and extra of its latest parse.
- ``asset_active``: an asset becomes active when first referenced, unless another active asset already has
  its name or its URI; :func:`refresh_asset_activity` deactivates assets no DAG references any more and
  activates referenced ones that are free (the scheduler's "orphanage" pass in Airflow).
- references, kept in step on every parse (rows that stay keep their ``created_at``):
  ``dag_schedule_asset_reference`` / ``_alias_`` / ``_name_`` / ``_uri_`` from the schedule's asset condition,
  ``task_inlet_asset_reference`` / ``task_outlet_asset_reference`` from the tasks.
- a DAG that goes stale loses its schedule references and its outlet references (as Airflow does; its inlet
  references stay), see :func:`drop_stale_references`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store import upsert
from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    dag,
    dag_schedule_asset_alias_reference,
    dag_schedule_asset_name_reference,
    dag_schedule_asset_reference,
    dag_schedule_asset_uri_reference,
    task_inlet_asset_reference,
    task_outlet_asset_reference,
)

Key = tuple[str, str]


@dataclass
class DagAssets:
    """What one compiled DAG references."""

    dag_id: str
    schedule: set[Key] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    uris: set[str] = field(default_factory=set)
    inlets: set[tuple[str, Key]] = field(default_factory=set)
    outlets: set[tuple[str, Key]] = field(default_factory=set)


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every ``asset`` / ``asset_alias`` / ``asset_ref`` object of an encoded asset condition."""
    if isinstance(node, dict):
        kind = node.get("__type")
        if kind in ("asset", "asset_alias", "asset_ref"):
            yield node
        elif kind in ("asset_all", "asset_any"):
            for item in node.get("objects") or []:
                yield from walk(item)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def _key(obj: dict[str, Any]) -> Key:
    return str(obj.get("name")), str(obj.get("uri"))


@dataclass
class Collected:
    """The references of a batch of DAGs, and the asset / alias definitions they carry."""

    dags: list[DagAssets] = field(default_factory=list)
    assets: dict[Key, dict[str, Any]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def _asset(self, obj: dict[str, Any]) -> Key:
        key = _key(obj)
        self.assets[key] = {"group": str(obj.get("group") or ""), "extra": obj.get("extra") or {}}
        return key

    def add(self, doc: dict[str, Any]) -> None:
        found = DagAssets(str(doc["dag_id"]))
        for obj in walk(doc.get("asset_expression")):
            kind = obj["__type"]
            if kind == "asset":
                found.schedule.add(self._asset(obj))
            elif kind == "asset_alias":
                found.aliases.add(str(obj.get("name")))
                self.aliases[str(obj.get("name"))] = str(obj.get("group") or "")
            elif obj.get("name") is not None:
                found.names.add(str(obj["name"]))
            elif obj.get("uri") is not None:
                found.uris.add(str(obj["uri"]))
        for task in doc.get("tasks") or []:
            for port, target in (("inlets", found.inlets), ("outlets", found.outlets)):
                for obj in task.get(port) or []:
                    if not isinstance(obj, dict):
                        continue
                    if obj.get("__type") == "asset":
                        target.add((str(task["task_id"]), self._asset(obj)))
                    elif obj.get("__type") == "asset_alias":
                        self.aliases[str(obj.get("name"))] = str(obj.get("group") or "")
        self.dags.append(found)


def _insert_ignore(conn: AsyncConnection, table: sa.Table) -> Any:
    return upsert.insert(conn.dialect.name, table).on_conflict_do_nothing()


async def _sync_assets(conn: AsyncConnection, wanted: dict[Key, dict[str, Any]]) -> dict[Key, int]:
    if not wanted:
        return {}
    ids: dict[Key, int] = {}
    keys = list(wanted)
    for start in range(0, len(keys), 200):
        chunk = keys[start:start + 200]
        rows = await conn.execute(sa.select(asset.c.id, asset.c.name, asset.c.uri, asset.c.group, asset.c.extra)
                                  .where(sa.tuple_(asset.c.name, asset.c.uri).in_(chunk)))
        for row in rows:
            key = (row.name, row.uri)
            ids[key] = row.id
            if (row.group, row.extra) != (wanted[key]["group"], wanted[key]["extra"]):
                await conn.execute(sa.update(asset).where(asset.c.id == row.id).values(**wanted[key]))
    for key in keys:
        if key not in ids:
            ids[key] = (await conn.execute(sa.insert(asset).values(name=key[0], uri=key[1], **wanted[key])
                                           .returning(asset.c.id))).scalar_one()
    new = [{"name": k[0], "uri": k[1]} for k in keys]
    await conn.execute(_insert_ignore(conn, asset_active), new)
    return ids


async def _sync_aliases(conn: AsyncConnection, wanted: dict[str, str]) -> dict[str, int]:
    if not wanted:
        return {}
    ids: dict[str, int] = {}
    rows = await conn.execute(sa.select(asset_alias).where(asset_alias.c.name.in_(list(wanted))))
    for row in rows:
        ids[row.name] = row.id
        if row.group != wanted[row.name]:
            await conn.execute(sa.update(asset_alias).where(asset_alias.c.id == row.id)
                               .values(group=wanted[row.name]))
    for name, group in wanted.items():
        if name not in ids:
            ids[name] = (await conn.execute(sa.insert(asset_alias).values(name=name, group=group)
                                            .returning(asset_alias.c.id))).scalar_one()
    return ids


async def _replace(conn: AsyncConnection, table: sa.Table, columns: tuple[str, ...], dag_ids: list[str],
                   wanted: set[tuple[Any, ...]]) -> None:
    """Make ``table``'s rows of ``dag_ids`` (``columns`` start with ``dag_id``) exactly ``wanted``."""
    cols = [table.c[c] for c in columns]
    have = {tuple(r) for r in (await conn.execute(sa.select(*cols).where(table.c.dag_id.in_(dag_ids)))).all()}
    gone = have - wanted
    for row in gone:
        await conn.execute(sa.delete(table).where(*(c == v for c, v in zip(cols, row, strict=True))))
    new = sorted(wanted - have)
    if new:
        await conn.execute(sa.insert(table), [dict(zip(columns, row, strict=True)) for row in new])


async def sync_dag_assets(conn: AsyncConnection, docs: list[dict[str, Any]]) -> None:
    """Record the assets, aliases and references of freshly parsed DAGs (each ``dag.json``)."""
    if not docs:
        return
    collected = Collected()
    for doc in docs:
        collected.add(doc)
    ids = await _sync_assets(conn, collected.assets)
    alias_ids = await _sync_aliases(conn, collected.aliases)
    dag_ids = [d.dag_id for d in collected.dags]
    schedule = {(d.dag_id, ids[k]) for d in collected.dags for k in d.schedule}
    aliases = {(d.dag_id, alias_ids[n]) for d in collected.dags for n in d.aliases}
    names = {(d.dag_id, n) for d in collected.dags for n in d.names}
    uris = {(d.dag_id, u) for d in collected.dags for u in d.uris}
    inlets = {(d.dag_id, t, ids[k]) for d in collected.dags for t, k in d.inlets}
    outlets = {(d.dag_id, t, ids[k]) for d in collected.dags for t, k in d.outlets}
    await _replace(conn, dag_schedule_asset_reference, ("dag_id", "asset_id"), dag_ids, schedule)
    await _replace(conn, dag_schedule_asset_alias_reference, ("dag_id", "alias_id"), dag_ids, aliases)
    await _replace(conn, dag_schedule_asset_name_reference, ("dag_id", "name"), dag_ids, names)
    await _replace(conn, dag_schedule_asset_uri_reference, ("dag_id", "uri"), dag_ids, uris)
    await _replace(conn, task_inlet_asset_reference, ("dag_id", "task_id", "asset_id"), dag_ids, inlets)
    await _replace(conn, task_outlet_asset_reference, ("dag_id", "task_id", "asset_id"), dag_ids, outlets)


_STALE_DROPS = (
    dag_schedule_asset_reference,
    dag_schedule_asset_alias_reference,
    dag_schedule_asset_name_reference,
    dag_schedule_asset_uri_reference,
    task_outlet_asset_reference,
)


async def drop_stale_references(conn: AsyncConnection) -> None:
    """Stale DAGs keep no schedule or outlet references; then asset activity follows the references."""
    stale = sa.select(dag.c.dag_id).where(dag.c.is_stale.is_(True)).scalar_subquery()
    for table in _STALE_DROPS:
        await conn.execute(sa.delete(table).where(table.c.dag_id.in_(stale)))
    await refresh_asset_activity(conn)


async def refresh_asset_activity(conn: AsyncConnection) -> None:
    """Assets referenced by no schedule, inlet or outlet become inactive; referenced ones become active when
    no other active asset holds their name or URI."""
    referenced = sa.union(
        sa.select(dag_schedule_asset_reference.c.asset_id),
        sa.select(task_outlet_asset_reference.c.asset_id),
        sa.select(task_inlet_asset_reference.c.asset_id),
    ).subquery()
    orphans = sa.select(asset.c.name, asset.c.uri).where(asset.c.id.not_in(sa.select(referenced.c.asset_id)))
    await conn.execute(sa.delete(asset_active).where(
        sa.tuple_(asset_active.c.name, asset_active.c.uri).in_(orphans)))
    inactive = (await conn.execute(
        sa.select(asset.c.name, asset.c.uri)
        .where(asset.c.id.in_(sa.select(referenced.c.asset_id)),
               ~sa.exists().where(asset_active.c.name == asset.c.name, asset_active.c.uri == asset.c.uri))
        .order_by(asset.c.id)
    )).all()
    if inactive:
        await conn.execute(_insert_ignore(conn, asset_active), [{"name": n, "uri": u} for n, u in inactive])
