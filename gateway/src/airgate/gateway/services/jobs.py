"""Jobs (scheduler, triggerer, dag-processor... rows of the ``job`` table) for ``get_jobs``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.listing import Sorting, where_all
from airgate.gateway.store.tables import dag, job

_COLUMNS = ("id", "dag_id", "state", "job_type", "start_date", "end_date", "latest_heartbeat", "executor_class",
            "hostname", "unixname")
_SORTING = Sorting({name: job.c[name] for name in _COLUMNS}, "id")
_OPS = {"gte": "__ge__", "gt": "__gt__", "lte": "__le__", "lt": "__lt__"}
_THRESHOLDS = {"SchedulerJob": ("scheduler", "scheduler_health_check_threshold"),
               "TriggererJob": ("triggerer", "triggerer_health_check_threshold"),
               "DagProcessorJob": ("dag_processor", "health_check_threshold")}


def threshold(job_type: str | None, raw: Mapping[str, Mapping[str, str]]) -> float:
    """Seconds since the last heartbeat within which a running job of ``job_type`` counts as alive."""
    section_option = _THRESHOLDS.get(job_type or "")
    if section_option is None:
        heartrate = float(raw.get("scheduler", {}).get("job_heartbeat_sec", "5"))
        return heartrate * 2.1
    section, option = section_option
    return float(raw.get(section, {}).get(option, "30"))


def is_alive(row: Any, raw: Mapping[str, Mapping[str, str]], now: datetime) -> bool:
    """Running, with a heartbeat younger than its threshold (Airflow's ``Job.is_alive``)."""
    if row.latest_heartbeat is None or row.state != "running":
        return False
    return (now - row.latest_heartbeat).total_seconds() < threshold(row.job_type, raw)


async def list_jobs(conn: AsyncConnection, params: Mapping[str, Any], raw: Mapping[str, Mapping[str, str]], *,
                    limit: int, offset: int) -> dict[str, Any]:
    """``get_jobs``. As in Airflow, ``is_alive`` (either value) keeps only the alive jobs of the page and
    ``total_entries`` counts before that."""
    ranged = []
    for name in ("start_date", "end_date"):
        for suffix, op in _OPS.items():
            value = params.get(f"{name}_{suffix}")
            if value is not None:
                ranged.append(getattr(job.c[name], op)(value))
    exact = {"job_state": job.c.state, "job_type": job.c.job_type, "hostname": job.c.hostname,
             "executor_class": job.c.executor_class}
    conditions = where_all(*ranged, *(column == params[name] for name, column in exact.items()
                                      if params.get(name) is not None))
    total = await conn.scalar(sa.select(sa.func.count()).select_from(job).where(*conditions))
    order = _SORTING.clauses(params.get("order_by"))
    # a job of a registered DAG shows the DAG's display name (Airflow reads it through the job's DAG)
    display = sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id).label("display")
    query = sa.select(job, display).select_from(job.outerjoin(dag, dag.c.dag_id == job.c.dag_id))
    rows = (await conn.execute(query.where(*conditions).order_by(*order).limit(limit).offset(offset))).all()
    if params.get("is_alive") is not None:
        now = datetime.now(UTC)
        rows = [r for r in rows if is_alive(r, raw, now)]
    jobs = [{**{name: getattr(r, name) for name in _COLUMNS}, "dag_display_name": r.display} for r in rows]
    return {"jobs": jobs, "total_entries": int(total or 0)}
