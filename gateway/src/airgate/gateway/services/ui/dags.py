"""The DAG list of the UI (``get_dags_ui``: each DAG with its recent runs, pending human-in-the-loop actions and
favourite mark) and a DAG's latest run (``get_latest_run_info``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dags
from airgate.gateway.services.task_instances import select_tis, ti_body
from airgate.gateway.services.ti_hitl import detail_body
from airgate.gateway.store.tables import asset, dag, dag_favorite, dag_run, hitl_detail, task_instance

_RUN_COLUMNS = ("id", "dag_id", "run_id", "logical_date", "run_after", "start_date", "end_date", "state")


def run_light(row: Mapping[Any, Any]) -> dict[str, Any]:
    """One ``DAGRunLightResponse``."""
    body = {name: row[name] for name in _RUN_COLUMNS}
    start, end = row["start_date"], row["end_date"]
    body["duration"] = (end - start).total_seconds() if start is not None and end is not None else None
    return body


def _drop_none(body: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if v is not None}


async def asset_ids(conn: AsyncConnection) -> dict[tuple[str, str], int]:
    """(name, uri) → asset id, for every registered asset."""
    return {(n, u): i for i, n, u in await conn.execute(sa.select(asset.c.id, asset.c.name, asset.c.uri))}


def expression_body(expr: Any, ids: Mapping[tuple[str, str], int]) -> dict[str, Any] | None:
    """A dag.json asset condition as Airflow stores ``dag.asset_expression`` (``all``/``any``, assets with
    their ids, aliases, references)."""
    if not isinstance(expr, Mapping):
        return None
    kind = expr.get("__type")
    if kind in ("asset_all", "asset_any"):
        return {"all" if kind == "asset_all" else "any": [expression_body(o, ids) for o in expr.get("objects") or []]}
    if kind == "asset":
        found = ids.get((str(expr.get("name")), str(expr.get("uri"))))
        body = {"uri": expr.get("uri"), "name": expr.get("name"), "group": expr.get("group")}
        return {"asset": body if found is None else {**body, "id": found}}
    if kind == "asset_alias":
        return {"alias": {"name": expr.get("name"), "group": expr.get("group")}}
    return {"asset_ref": {k: v for k, v in expr.items() if k != "__type"}}


async def asset_expression_body(conn: AsyncConnection, expr: Any) -> dict[str, Any] | None:
    """:func:`expression_body` with the asset ids read from the store (only when there is a condition)."""
    return expression_body(expr, await asset_ids(conn)) if isinstance(expr, Mapping) else None


def _pending_count() -> sa.ScalarSelect[Any]:
    return (sa.select(sa.func.count(hitl_detail.c.ti_id))
            .join(task_instance, task_instance.c.id == hitl_detail.c.ti_id)
            .where(hitl_detail.c.responded_at.is_(None), task_instance.c.state == "deferred",
                   task_instance.c.dag_id == dag.c.dag_id).scalar_subquery())


async def _recent_runs(conn: AsyncConnection, dag_ids: Sequence[str], limit: int) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {d: [] for d in dag_ids}
    if not dag_ids:
        return out
    rank = sa.func.rank().over(partition_by=dag_run.c.dag_id, order_by=dag_run.c.run_after.desc()).label("rank")
    ranked = (sa.select(*(dag_run.c[c] for c in _RUN_COLUMNS), rank)
              .where(dag_run.c.dag_id.in_(list(dag_ids))).subquery())
    rows = await conn.execute(sa.select(ranked).where(ranked.c.rank <= limit)
                              .order_by(ranked.c.run_after.desc(), ranked.c.id))
    for row in rows.mappings():
        out[row["dag_id"]].append(_drop_none(run_light(row)))
    return out


async def _pending_actions(conn: AsyncConnection, dag_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {d: [] for d in dag_ids}
    if not dag_ids:
        return out
    labelled = [hitl_detail.c[c].label(f"h_{c}") for c in hitl_detail.c.keys()]  # noqa: SIM118
    query = (select_tis().add_columns(*labelled).join(hitl_detail, hitl_detail.c.ti_id == task_instance.c.id)
             .where(hitl_detail.c.responded_at.is_(None), task_instance.c.state == "deferred",
                    task_instance.c.dag_id.in_(list(dag_ids))).order_by(task_instance.c.dag_id))
    for row in (await conn.execute(query)).mappings():
        detail = {k[2:]: v for k, v in row.items() if k.startswith("h_")}
        task = _drop_none(ti_body(dict(row)))
        if "dag_version" in task:
            task["dag_version"] = _drop_none(task["dag_version"])
        out[row["dag_id"]].append(_drop_none(detail_body(detail, task)))
    return out


async def list_dags_ui(conn: AsyncConnection, params: Mapping[str, Any], *, user_id: str, limit: int, offset: int,
                       secret_key: str) -> dict[str, Any]:
    """``get_dags_ui``."""
    extra: list[sa.ColumnElement[bool]] = []
    if params.get("dag_ids"):
        extra.append(dag.c.dag_id.in_(list(params["dag_ids"])))
    pending = params.get("has_pending_actions")
    if pending is not None:
        extra.append(_pending_count() >= 1 if pending else _pending_count() == 0)
    listed = await dags.list_dags(conn, params, user_id=user_id, limit=limit, offset=offset, secret_key=secret_key,
                                  extra=extra)
    ids = [d["dag_id"] for d in listed["dags"]]
    favorites = set((await conn.execute(sa.select(dag_favorite.c.dag_id).where(
        dag_favorite.c.user_id == user_id, dag_favorite.c.dag_id.in_(ids)))).scalars())
    runs = await _recent_runs(conn, ids, params.get("dag_runs_limit", 10))
    actions = await _pending_actions(conn, ids) if pending else {d: [] for d in ids}
    expressions = dict((await conn.execute(sa.select(dag.c.dag_id, dag.c.asset_expression)
                                           .where(dag.c.dag_id.in_(ids)))).all())
    ids_by_key = await asset_ids(conn) if any(expressions.values()) else {}
    bodies = []
    for body in listed["dags"]:
        dag_id = body["dag_id"]
        token = body.pop("file_token")
        body.update(asset_expression=expression_body(expressions.get(dag_id), ids_by_key),
                    latest_dag_runs=runs[dag_id], pending_actions=actions[dag_id], is_favorite=dag_id in favorites,
                    file_token=token)
        bodies.append(_drop_none(body))
    return {"total_entries": listed["total_entries"], "dags": bodies}


async def latest_run(conn: AsyncConnection, dag_id: str) -> dict[str, Any] | None:
    """``get_latest_run_info``: the run with the latest ``run_after`` (null when none)."""
    if dag_id == "~":
        raise HTTPError(400, "`~` was supplied as dag_id, but querying multiple dags is not supported.")
    row = (await conn.execute(sa.select(*(dag_run.c[c] for c in _RUN_COLUMNS)).where(dag_run.c.dag_id == dag_id)
                              .order_by(dag_run.c.run_after.desc()).limit(1))).mappings().first()
    return None if row is None else run_light(row)
