"""``get_dag`` and ``get_dag_details``: the dag row joined with its latest compiled version."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services import dag_serialized, dags
from airgate.gateway.services.dag_versions import version_body
from airgate.gateway.services.ui.dags import asset_expression_body
from airgate.gateway.store.tables import dag_favorite, dag_run, dag_version


async def get_dag(conn: AsyncConnection, dag_id: str, secret_key: str) -> dict[str, Any]:
    """``get_dag``: 404 until the DAG has a parsed version."""
    row = await dags.get_row(conn, dag_id)
    if row is None or await dag_serialized.latest(conn, dag_id) is None:
        raise dags.not_found(dag_id)
    return (await dags.bodies(conn, [row], secret_key))[0]


async def get_dag_details(conn: AsyncConnection, dag_id: str, user_id: str, secret_key: str) -> dict[str, Any]:
    """``get_dag_details``."""
    row = await dags.get_row(conn, dag_id)
    data = await dag_serialized.latest(conn, dag_id) if row is not None else None
    if row is None or data is None:
        raise dags.not_found(dag_id)
    body = (await dags.bodies(conn, [row], secret_key))[0]
    favorite = (await conn.execute(sa.select(dag_favorite.c.dag_id).where(
        dag_favorite.c.dag_id == dag_id, dag_favorite.c.user_id == user_id))).first() is not None
    active = (await conn.execute(sa.select(sa.func.count()).select_from(dag_run).where(
        dag_run.c.dag_id == dag_id, dag_run.c.state.in_(["running", "queued"])))).scalar_one()
    version = (await conn.execute(sa.select(dag_version).where(dag_version.c.dag_id == dag_id)
                                  .order_by(dag_version.c.version_number.desc()).limit(1))).mappings().first()
    body.update({
        "catchup": bool(data.get("catchup")),
        "dag_run_timeout": dag_serialized.iso_duration(data.get("dagrun_timeout")),
        "asset_expression": await asset_expression_body(conn, data.get("asset_expression")),
        "doc_md": data.get("doc_md"),
        "start_date": dag_serialized.when(data.get("start_date")),
        "end_date": dag_serialized.when(data.get("end_date")),
        "is_paused_upon_creation": data.get("is_paused_upon_creation"),
        "params": dag_serialized.params_body(data.get("params") or {}),
        "render_template_as_native_obj": bool(data.get("render_template_as_native_obj")),
        "template_search_path": data.get("template_searchpath"),
        "timezone": data.get("timezone"),
        "last_parsed": row["last_parsed_time"],
        "default_args": data.get("default_args") or {},
        "owner_links": data.get("owner_links") or {},
        "is_favorite": favorite,
        "active_runs_count": active,
        "concurrency": row["max_active_tasks"],
        "latest_dag_version": None if version is None else version_body(version, dags.display_name(row)),
    })
    return body
