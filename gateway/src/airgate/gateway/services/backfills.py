"""Backfills: creating one (its dag runs, queued at once), a dry run, reading, listing, pausing and cancelling.

Follows Airflow 3.2: a backfill creates every run of ``[from_date, to_date]`` up front as a queued ``backfill``
run (``backfill__<run_after>``); a logical date that already has a run is skipped (``in flight``,
``already exists``) or, with ``reprocess_behavior`` ``failed``/``completed``, that run is cleared and taken
over. The scheduler starts the queued runs within the backfill's own ``max_active_runs`` while it is not
paused, and marks the backfill completed when none of its runs is queued or running. One unfinished backfill
per DAG. Invalid requests answer 422 with a plain ``detail`` as Airflow does (``RequestValidationError(str)``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.backfill_dates import RunInfo, TooManyRuns, run_infos
from airgate.gateway.services.dag_run_actions import clear_run
from airgate.gateway.services.dag_runs_trigger import latest_version, run_id_for
from airgate.gateway.services.listing import Sorting
from airgate.gateway.services.run_task_instances import create_run_task_instances
from airgate.gateway.services.trigger_params import check_conf
from airgate.gateway.states import DagRunState as DRS
from airgate.gateway.states import transition
from airgate.gateway.store.tables import backfill, backfill_dag_run, dag, dag_run, serialized_dag

SORTING = Sorting({"id": backfill.c.id}, "id")
IN_FLIGHT, ALREADY_EXISTS = "in flight", "already exists"
_INT_COLUMN = range(-(2**31), 2**31)


def _now() -> datetime:
    return datetime.now(UTC)


def _invalid(detail: str) -> HTTPError:
    """Airflow raises ``RequestValidationError(str(e))`` for these: 422 with the text as ``detail``."""
    return HTTPError(422, detail)


def _select() -> sa.Select[Any]:
    display = sa.func.coalesce(dag.c.dag_display_name, backfill.c.dag_id).label("dag_display_name")
    return sa.select(backfill, display).select_from(
        backfill.outerjoin(dag, dag.c.dag_id == backfill.c.dag_id))


def body(row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``backfill`` row (with ``dag_display_name``) as ``BackfillResponse``."""
    return {
        "id": row["id"], "dag_id": row["dag_id"], "from_date": row["from_date"], "to_date": row["to_date"],
        "dag_run_conf": row["dag_run_conf"], "is_paused": bool(row["is_paused"]),
        "reprocess_behavior": row["reprocess_behavior"], "max_active_runs": row["max_active_runs"],
        "created_at": row["created_at"], "completed_at": row["completed_at"], "updated_at": row["updated_at"],
        "dag_display_name": row["dag_display_name"],
    }


async def list_backfills(conn: AsyncConnection, *, dag_id: str | None, active: bool | None,
                         order_by: Sequence[str] | None, limit: int, offset: int) -> dict[str, Any]:
    """``BackfillCollectionResponse``; ``active``: only unfinished (True) or only finished (False) ones."""
    where: list[sa.ColumnElement[bool]] = []
    if dag_id is not None:
        where.append(backfill.c.dag_id == dag_id)
    if active is not None:
        where.append(backfill.c.completed_at.is_(None) if active else backfill.c.completed_at.is_not(None))
    order = SORTING.clauses(order_by)
    total = await conn.scalar(sa.select(sa.func.count()).select_from(backfill).where(*where))
    rows = (await conn.execute(_select().where(*where).order_by(*order).limit(limit).offset(offset))).mappings()
    return {"backfills": [body(r) for r in rows], "total_entries": int(total or 0)}


async def _find(conn: AsyncConnection, backfill_id: int) -> Mapping[str, Any] | None:
    if backfill_id not in _INT_COLUMN:
        return None  # no such id (and not a database error)
    return (await conn.execute(_select().where(backfill.c.id == backfill_id))).mappings().first()


async def get_backfill(conn: AsyncConnection, backfill_id: int) -> dict[str, Any]:
    row = await _find(conn, backfill_id)
    if row is None:
        raise HTTPError(404, "Backfill not found")
    return body(row)


async def _open(conn: AsyncConnection, backfill_id: int) -> Mapping[str, Any]:
    """The backfill to pause, unpause or cancel: 404 when unknown, 409 when already completed."""
    row = await _find(conn, backfill_id)
    if row is None:
        raise HTTPError(404, f"Could not find backfill with id {backfill_id}")
    if row["completed_at"] is not None:
        raise HTTPError(409, "Backfill is already completed.")
    return row


async def pause(conn: AsyncConnection, backfill_id: int) -> dict[str, Any]:
    """No new run of the backfill starts while it is paused (runs already running go on)."""
    row = await _open(conn, backfill_id)
    if not row["is_paused"]:
        await conn.execute(sa.update(backfill).where(backfill.c.id == backfill_id).values(is_paused=True))
    return await get_backfill(conn, backfill_id)


async def unpause(conn: AsyncConnection, backfill_id: int) -> dict[str, Any]:
    """Let the backfill's queued runs start again; as Airflow, the answer shows the previous ``updated_at``."""
    row = await _open(conn, backfill_id)
    if row["is_paused"]:
        await conn.execute(sa.update(backfill).where(backfill.c.id == backfill_id).values(is_paused=False))
    return {**body(row), "is_paused": False}


async def cancel(conn: AsyncConnection, backfill_id: int) -> dict[str, Any]:
    """Pause, fail the backfill's runs that have not started (queued) and mark it completed; runs already
    running finish on their own. As Airflow, the answer's ``updated_at`` is the pause's."""
    row = await _open(conn, backfill_id)
    updated_at = row["updated_at"]
    if not row["is_paused"]:
        updated_at = _now()
        await conn.execute(sa.update(backfill).where(backfill.c.id == backfill_id).values(
            is_paused=True, updated_at=updated_at))
    runs = sa.select(backfill_dag_run.c.dag_run_id).where(backfill_dag_run.c.backfill_id == backfill_id)
    await conn.execute(sa.update(dag_run).where(dag_run.c.id.in_(runs), dag_run.c.state == DRS.QUEUED.value)
                       .values(state=transition(DRS.QUEUED.value, DRS.FAILED).value))
    completed_at = _now()
    await conn.execute(sa.update(backfill).where(backfill.c.id == backfill_id).values(completed_at=completed_at))
    return {**body(row), "is_paused": True, "completed_at": completed_at, "updated_at": updated_at}


# --- creating ---


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def _dag_doc(conn: AsyncConnection, dag_id: str) -> tuple[Mapping[str, Any], dict[str, Any]]:
    """(latest ``dag_version`` row, its dag.json); 404 with Airflow's message when the DAG has none."""
    version = await latest_version(conn, dag_id)
    data = None
    if version is not None:
        data = await conn.scalar(sa.select(serialized_dag.c.data).where(
            serialized_dag.c.dag_version_id == version["id"]))
    if version is None or data is None:
        raise HTTPError(404, f"Could not find dag {dag_id}")
    return version, dict(data)


def _validate(doc: Mapping[str, Any], fields: Mapping[str, Any], now: datetime) -> None:
    """Airflow's ``_validate_backfill_params``: depends_on_past, dates, conf against the DAG's params."""
    from_date, to_date = _utc(fields["from_date"]), _utc(fields["to_date"])
    if any(t.get("depends_on_past") for t in doc.get("tasks", [])):
        if fields.get("run_backwards"):
            raise _invalid("Backfill cannot be run in reverse when the Dag has tasks where depends_on_past=True.")
        if fields.get("reprocess_behavior", "none") == "none":
            raise _invalid("Dag has tasks for which depends_on_past=True. "
                           "You must set reprocess behavior to reprocess completed or reprocess failed.")
    if from_date >= now and to_date >= now:
        raise _invalid("Backfill cannot be executed for future dates.")
    conf = fields.get("dag_run_conf")
    if conf is not None:
        try:
            check_conf(doc.get("params") or {}, conf)
        except HTTPError as error:
            raise _invalid(str(error.detail)) from None


def _infos(doc: Mapping[str, Any], fields: Mapping[str, Any], now: datetime) -> list[RunInfo]:
    try:
        return run_infos(doc, _utc(fields["from_date"]), _utc(fields["to_date"]),
                         reverse=bool(fields.get("run_backwards")), now=now)
    except TooManyRuns as error:  # Airgate's own bound (Airflow has none): refused as its validation errors
        raise _invalid(str(error)) from None


async def _existing(conn: AsyncConnection, dag_id: str, logical_date: datetime) -> Any:
    return (await conn.execute(sa.select(dag_run).where(
        dag_run.c.dag_id == dag_id, dag_run.c.logical_date == logical_date))).first()


def _skip_reason(state: str | None, behavior: str) -> str | None:
    """Why an existing run of the logical date is not backfilled, or None when it is run again."""
    if state not in (DRS.SUCCESS.value, DRS.FAILED.value):
        return IN_FLIGHT
    if behavior == "none" or (behavior == "failed" and state != DRS.FAILED.value):
        return ALREADY_EXISTS
    return None


async def _no_schedule(conn: AsyncConnection, dag_id: str) -> bool:
    summary = await conn.scalar(sa.select(dag.c.timetable_summary).where(dag.c.dag_id == dag_id))
    return summary == "None"


async def dry_run(conn: AsyncConnection, fields: Mapping[str, Any]) -> dict[str, Any]:
    """``DryRunBackfillCollectionResponse``: the logical dates a backfill would run now."""
    dag_id, now = fields["dag_id"], _now()
    _, doc = await _dag_doc(conn, dag_id)
    _validate(doc, fields, now)
    if await _no_schedule(conn, dag_id):
        raise _invalid(f"{dag_id} has no schedule")
    behavior = str(fields.get("reprocess_behavior", "none"))
    found = []
    for info in _infos(doc, fields, now):
        existing = await _existing(conn, dag_id, info.logical_date)
        if existing is None or _skip_reason(existing.state, behavior) is None:
            found.append({"logical_date": info.logical_date, "partition_key": None, "partition_date": None})
    return {"backfills": found, "total_entries": len(found)}


async def create(conn: AsyncConnection, fields: Mapping[str, Any], user: str | None) -> dict[str, Any]:
    """Create the backfill and its runs; its ``BackfillResponse``."""
    dag_id, now = fields["dag_id"], _now()
    version, doc = await _dag_doc(conn, dag_id)
    model = (await conn.execute(sa.select(dag.c.allowed_run_types, dag.c.timetable_summary)
                                .where(dag.c.dag_id == dag_id))).first()
    if model is not None:
        if model.allowed_run_types is not None and "backfill" not in model.allowed_run_types:
            raise HTTPError(400, f"Dag with dag_id: '{dag_id}' does not allow backfill runs")
        if model.timetable_summary == "None":
            raise _invalid(f"{dag_id} has no schedule")
    active = await conn.scalar(sa.select(sa.func.count()).select_from(backfill).where(
        backfill.c.dag_id == dag_id, backfill.c.completed_at.is_(None)))
    if active:
        raise HTTPError(409, f"There is already a running backfill for dag {dag_id}")
    _validate(doc, fields, now)
    max_active_runs = int(fields.get("max_active_runs", 10))
    if max_active_runs not in _INT_COLUMN:
        raise HTTPError(400, f"max_active_runs must be between {-(2**31)} and {2**31 - 1}")
    from_date, to_date = _utc(fields["from_date"]), _utc(fields["to_date"])
    if from_date > to_date:  # Airflow 3.2.2 fails with a server error; a 400 instead (docs/adr/0004-no-500s.md)
        raise HTTPError(400, f"Backfill from_date ({from_date.isoformat()}) must not be after to_date "
                             f"({to_date.isoformat()}).")
    infos = _infos(doc, fields, now)
    if not infos:  # Airflow fails with a server error here (``No runs to create``); a 400 instead (ADR 0004)
        raise HTTPError(400, f"No runs to create for Dag {dag_id}")
    conf = fields.get("dag_run_conf")
    behavior = str(fields.get("reprocess_behavior", "none"))
    backfill_id = (await conn.execute(sa.insert(backfill).values(
        dag_id=dag_id, from_date=_utc(fields["from_date"]), to_date=_utc(fields["to_date"]),
        dag_run_conf=sa.JSON.NULL if conf is None else conf, is_paused=False, reprocess_behavior=behavior,
        max_active_runs=max_active_runs, created_at=now, updated_at=now,
        triggering_user_name=user,
    ).returning(backfill.c.id))).scalar_one()
    for ordinal, info in enumerate(infos, start=1):
        await _add_run(conn, dag_id, version, info, backfill_id=backfill_id, ordinal=ordinal, conf=conf,
                       behavior=behavior, user=user, now=now)
    return await get_backfill(conn, backfill_id)


async def _add_run(conn: AsyncConnection, dag_id: str, version: Mapping[str, Any], info: RunInfo, *,
                   backfill_id: int, ordinal: int, conf: dict[str, Any] | None, behavior: str, user: str | None,
                   now: datetime) -> None:
    """One logical date of the backfill: a new queued run, an existing one cleared and taken over, or a
    ``backfill_dag_run`` row saying why not."""
    link = {"backfill_id": backfill_id, "logical_date": info.logical_date, "sort_ordinal": ordinal}
    run_id = run_id_for("backfill", info.run_after)
    existing = await _existing(conn, dag_id, info.logical_date)
    if existing is None and await conn.scalar(sa.select(dag_run.c.id).where(
            dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id)) is not None:
        await conn.execute(sa.insert(backfill_dag_run).values(**link, exception_reason=IN_FLIGHT))
        return
    if existing is not None:
        reason = _skip_reason(existing.state, behavior)
        if reason is not None:
            await conn.execute(sa.insert(backfill_dag_run).values(**link, exception_reason=reason))
            return
        await clear_run(conn, dag_id, existing.run_id, dry_run=False, only_failed=False)
        values: dict[str, Any] = {"backfill_id": backfill_id, "run_type": "backfill", "triggered_by": "backfill"}
        if conf is not None:
            values["conf"] = conf
        await conn.execute(sa.update(dag_run).where(dag_run.c.id == existing.id).values(**values))
        await conn.execute(sa.insert(backfill_dag_run).values(**link, dag_run_id=existing.id))
        return
    run_pk = (await conn.execute(sa.insert(dag_run).values(
        dag_id=dag_id, run_id=run_id, run_type="backfill", state=DRS.QUEUED.value, queued_at=now, start_date=now,
        logical_date=info.logical_date, data_interval_start=info.interval_start,
        data_interval_end=info.interval_end, run_after=info.run_after, conf=conf or {}, triggered_by="backfill",
        triggering_user_name=user, backfill_id=backfill_id, bundle_version=version["bundle_version"],
        created_dag_version_id=version["id"], clear_number=0,
    ).returning(dag_run.c.id))).scalar_one()
    await create_run_task_instances(conn, dag_id, run_id, version["id"], None)  # all tasks
    await conn.execute(sa.insert(backfill_dag_run).values(**link, dag_run_id=run_pk))
