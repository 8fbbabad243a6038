"""DAGs as the public API shows them: list (every filter and ordering of Airflow 3.2), read, pause,
favourites. Bodies are Airflow's ``DAGResponse`` / ``DAGCollectionResponse``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.registry.tokens import file_token
from airgate.gateway.services.listing import Sorting, mentions, prefix, search, where_all
from airgate.gateway.store.tables import dag, dag_favorite, dag_run, dag_tag
from airgate.gateway.store.tables.assets import asset, dag_schedule_asset_reference

ONLY_IS_PAUSED = "Only `is_paused` field can be updated through the REST API"


def not_found(dag_id: str) -> HTTPError:
    """Airflow's 404 for a DAG that is not registered (read operations)."""
    return HTTPError(404, f"The Dag with ID: `{dag_id}` was not found")


def display_name(row: Mapping[Any, Any]) -> str:
    """The display name (the dag_id when none is set)."""
    return row["dag_display_name"] or row["dag_id"]


def owners_list(value: str | None) -> list[str]:
    """``dag.owners`` as Airflow answers it (split on commas)."""
    return [] if value is None else [o.strip() for o in value.split(",")]


def summary(value: str | None) -> str | None:
    """``timetable_summary`` (Airflow answers null for the NullTimetable's ``None``)."""
    return None if value is None or value == "None" else value


def dag_body(row: Mapping[Any, Any], tags: Sequence[str], secret_key: str) -> dict[str, Any]:
    """One ``DAGResponse``."""
    name = display_name(row)
    return {
        "dag_id": row["dag_id"],
        "dag_display_name": name,
        "is_paused": row["is_paused"],
        "is_stale": row["is_stale"],
        "last_parsed_time": row["last_parsed_time"],
        "last_parse_duration": row["last_parse_duration"],
        "last_expired": row["last_expired"],
        "bundle_name": row["bundle_name"],
        "bundle_version": row["bundle_version"],
        "relative_fileloc": row["relative_fileloc"],
        "fileloc": row["fileloc"],
        "description": row["description"],
        "timetable_summary": summary(row["timetable_summary"]),
        "timetable_description": row["timetable_description"],
        "timetable_partitioned": row["timetable_partitioned"],
        "tags": [{"name": t, "dag_id": row["dag_id"], "dag_display_name": name} for t in sorted(tags)],
        "max_active_tasks": row["max_active_tasks"],
        "max_active_runs": row["max_active_runs"],
        "max_consecutive_failed_dag_runs": row["max_consecutive_failed_dag_runs"],
        "has_task_concurrency_limits": row["has_task_concurrency_limits"],
        "has_import_errors": row["has_import_errors"],
        "next_dagrun_logical_date": row["next_dagrun"],
        "next_dagrun_data_interval_start": row["next_dagrun_data_interval_start"],
        "next_dagrun_data_interval_end": row["next_dagrun_data_interval_end"],
        "next_dagrun_run_after": row["next_dagrun_create_after"],
        "allowed_run_types": row["allowed_run_types"],
        "owners": owners_list(row["owners"]),
        "file_token": file_token(secret_key, row["bundle_name"], row["relative_fileloc"]),
    }


async def tags_of(conn: AsyncConnection, dag_ids: Sequence[str]) -> dict[str, list[str]]:
    """dag_id → its tag names."""
    out: dict[str, list[str]] = {d: [] for d in dag_ids}
    if dag_ids:
        rows = await conn.execute(sa.select(dag_tag.c.dag_id, dag_tag.c.name).where(dag_tag.c.dag_id.in_(list(dag_ids))))
        for dag_id, name in rows:
            out[dag_id].append(name)
    return out


async def bodies(conn: AsyncConnection, rows: Sequence[Mapping[Any, Any]], secret_key: str) -> list[dict[str, Any]]:
    """``DAGResponse`` bodies for ``rows`` (in their order)."""
    tags = await tags_of(conn, [r["dag_id"] for r in rows])
    return [dag_body(r, tags[r["dag_id"]], secret_key) for r in rows]


async def get_row(conn: AsyncConnection, dag_id: str) -> Mapping[Any, Any] | None:
    """The dag row, or None."""
    return (await conn.execute(sa.select(dag).where(dag.c.dag_id == dag_id))).mappings().first()


def _latest_run() -> sa.Subquery:
    latest = sa.select(dag_run.c.dag_id, sa.func.max(dag_run.c.id).label("max_id")).group_by(dag_run.c.dag_id).subquery("mrq")
    return (sa.select(dag_run.c.dag_id, dag_run.c.state, dag_run.c.start_date, dag_run.c.end_date)
            .join(latest, dag_run.c.id == latest.c.max_id).subquery("last_run"))


def _tags_clause(tags: Sequence[str] | None, mode: str | None) -> sa.ColumnElement[bool] | None:
    if not tags:
        return None
    conditions = [sa.exists().where(dag_tag.c.dag_id == dag.c.dag_id, dag_tag.c.name == t) for t in tags]
    return sa.and_(*conditions) if mode == "all" else sa.or_(*conditions)


def _owners_clause(owners: Sequence[str] | None) -> sa.ColumnElement[bool] | None:
    if not owners:
        return None
    return sa.or_(*(dag.c.owners.ilike(f"%{o}%") for o in owners))


def _bool(column: sa.ColumnElement[Any], value: bool | None) -> sa.ColumnElement[bool] | None:
    return None if value is None else column.is_(True) if value else column.is_(False)


def common_filters(params: Mapping[str, Any]) -> list[sa.ColumnElement[bool]]:
    """The filters ``get_dags`` and ``patch_dags`` share."""
    exclude_stale = params.get("exclude_stale", True)
    return where_all(
        dag.c.is_stale.is_(False) if exclude_stale in (True, None) else None,
        _bool(dag.c.is_paused, params.get("paused")),
        search(dag.c.dag_id, params.get("dag_id_pattern")),
        prefix(dag.c.dag_id, params.get("dag_id_prefix_pattern")),
        _tags_clause(params.get("tags"), params.get("tags_match_mode")),
        _owners_clause(params.get("owners")),
    )


def _range(column: sa.ColumnElement[Any], params: Mapping[str, Any], name: str) -> list[sa.ColumnElement[bool]]:
    ops = {"gte": column.__ge__, "gt": column.__gt__, "lte": column.__le__, "lt": column.__lt__}
    out = []
    for suffix, op in ops.items():
        value: datetime | None = params.get(f"{name}_{suffix}")
        if value is not None:
            out.append(op(value))
    return out


def _asset_dependency(value: str | None) -> sa.ColumnElement[bool] | None:
    if not value:
        return None
    ids = (sa.select(dag_schedule_asset_reference.c.dag_id)
           .join(asset, asset.c.id == dag_schedule_asset_reference.c.asset_id)
           .where(sa.or_(asset.c.name.ilike(f"%{value}%"), asset.c.uri.ilike(f"%{value}%"))))
    return dag.c.dag_id.in_(ids)


def _asset_schedule(value: bool | None) -> sa.ColumnElement[bool] | None:
    if value is None:
        return None
    ids = sa.select(dag_schedule_asset_reference.c.dag_id).distinct()
    return dag.c.dag_id.in_(ids) if value else dag.c.dag_id.not_in(ids)


def _favorite(value: bool | None, user_id: str) -> sa.ColumnElement[bool] | None:
    if value is None:
        return None
    mine = sa.exists().where(dag_favorite.c.dag_id == dag.c.dag_id, dag_favorite.c.user_id == user_id)
    return mine if value else sa.not_(mine)


async def list_dags(conn: AsyncConnection, params: Mapping[str, Any], *, user_id: str, limit: int, offset: int,
                    secret_key: str, extra: Sequence[sa.ColumnElement[bool]] = ()) -> dict[str, Any]:
    """``get_dags`` (``extra``: more conditions on the dag rows, for the UI's list)."""
    run = _latest_run()
    display = sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id)
    sorting = Sorting({"dag_id": dag.c.dag_id, "dag_display_name": display, "next_dagrun": dag.c.next_dagrun,
                       "state": run.c.state, "start_date": run.c.start_date, "last_run_state": run.c.state,
                       "last_run_start_date": run.c.start_date}, "dag_id")
    order = sorting.clauses(params.get("order_by"))
    states = params.get("dag_run_state") or []
    run_filters = where_all(
        *_range(run.c.start_date, params, "dag_run_start_date"),
        *_range(run.c.end_date, params, "dag_run_end_date"),
        run.c.state.in_(list(states)) if states else None,
        run.c.state == params["last_dag_run_state"] if params.get("last_dag_run_state") else None,
    )
    filters = common_filters(params) + run_filters + where_all(
        _bool(dag.c.has_import_errors, params.get("has_import_errors")),
        search(display, params.get("dag_display_name_pattern")),
        prefix(display, params.get("dag_display_name_prefix_pattern")),
        dag.c.bundle_name == params["bundle_name"] if params.get("bundle_name") is not None else None,
        dag.c.bundle_version == params["bundle_version"] if params.get("bundle_version") is not None else None,
        dag.c.timetable_type.in_(list(params["timetable_type"])) if params.get("timetable_type") else None,
        _asset_schedule(params.get("has_asset_schedule")),
        _asset_dependency(params.get("asset_dependency")),
        _favorite(params.get("is_favorite"), user_id),
    ) + list(extra)
    # the latest run (at most one per DAG, outer-joined) only when a filter or the order reads it: it changes
    # no count, and without it neither the count nor the page groups every run of the store
    needs_run = mentions(run, [*filters, *order])
    joined = dag.outerjoin(run, run.c.dag_id == dag.c.dag_id) if needs_run else dag
    total = (await conn.execute(sa.select(sa.func.count()).select_from(joined).where(*filters))).scalar_one()
    page = sa.select(dag).select_from(joined).where(*filters).order_by(*order).limit(limit).offset(offset)
    rows = (await conn.execute(page)).mappings().all()
    return {"dags": await bodies(conn, rows, secret_key), "total_entries": total}


def check_mask(update_mask: Sequence[str] | None) -> None:
    """Airflow accepts only ``update_mask=is_paused``."""
    if update_mask and list(update_mask) != ["is_paused"]:
        raise HTTPError(400, ONLY_IS_PAUSED)


async def patch_dag(conn: AsyncConnection, dag_id: str, is_paused: bool, update_mask: Sequence[str] | None,
                    secret_key: str) -> dict[str, Any]:
    """``patch_dag``."""
    row = await get_row(conn, dag_id)
    if row is None:
        raise HTTPError(404, f"Dag with id: {dag_id} was not found")
    check_mask(update_mask)
    await conn.execute(sa.update(dag).where(dag.c.dag_id == dag_id).values(is_paused=is_paused))
    row = await get_row(conn, dag_id)
    assert row is not None
    return (await bodies(conn, [row], secret_key))[0]


async def patch_dags(conn: AsyncConnection, params: Mapping[str, Any], is_paused: bool, *, limit: int, offset: int,
                     secret_key: str) -> dict[str, Any]:
    """``patch_dags``: nothing matches unless ``dag_id_pattern`` or ``dag_id_prefix_pattern`` is given."""
    check_mask(params.get("update_mask"))
    if params.get("dag_id_pattern") is None and params.get("dag_id_prefix_pattern") is None:
        return {"dags": [], "total_entries": 0}
    filters = common_filters(params)
    base = sa.select(dag).where(*filters)
    total = (await conn.execute(sa.select(sa.func.count()).select_from(base.subquery()))).scalar_one()
    ids = (await conn.execute(sa.select(dag.c.dag_id).where(*filters).order_by(dag.c.dag_id)
                              .limit(limit).offset(offset))).scalars().all()
    matched = sa.select(dag.c.dag_id).where(*filters).scalar_subquery()
    await conn.execute(sa.update(dag).where(dag.c.dag_id.in_(matched)).values(is_paused=is_paused))
    rows = (await conn.execute(sa.select(dag).where(dag.c.dag_id.in_(list(ids))).order_by(dag.c.dag_id))).mappings().all()
    return {"dags": await bodies(conn, rows, secret_key), "total_entries": total}


async def favorite(conn: AsyncConnection, dag_id: str, user_id: str, mark: bool) -> None:
    """``favorite_dag`` / ``unfavorite_dag``."""
    if await get_row(conn, dag_id) is None:
        raise HTTPError(404, f"Dag with id '{dag_id}' not found")
    if mark:
        await conn.execute(sa.insert(dag_favorite).values(dag_id=dag_id, user_id=user_id))
        return
    gone = await conn.execute(sa.delete(dag_favorite).where(dag_favorite.c.dag_id == dag_id,
                                                           dag_favorite.c.user_id == user_id))
    if not gone.rowcount:
        raise HTTPError(409, "Dag is not marked as favorite")
