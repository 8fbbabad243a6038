"""A task instance's own life through the Execution API: start, heartbeat, finish, defer, reschedule, retry.

Every state change goes through :func:`airgate.gateway.states.transition`. A task's start (``/run``) and its
usual ends (success, failed, skipped, removed) are compare-and-set writes: the row is read without a lock, checked,
and changed only if its state and try are still those read — on PostgreSQL the update and its event-log row are one
statement (a data-modifying ``WITH``), so the whole call is two round trips. When the row changed in between, the
call is done again with the row read ``FOR UPDATE``, as every other change is (PostgreSQL; SQLite serialises
writers with ``BEGIN IMMEDIATE``). On PostgreSQL the usual case reads nothing first (ADR 0020): a queued task's
start and a running try's end are each one statement guarded by the state in its ``WHERE``, run straight on
asyncpg (``Store.one``); only when it matches no row is the call done as above.
"""

from __future__ import annotations

import functools
import json
import os
import time
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.execution import assets
from airgate.gateway.services.execution.asset_reads import consumed_events
from airgate.gateway.services.execution.dag_runs import run_body
from airgate.gateway.services.execution.payloads import parse_state_update
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.states import is_finished, transition
from airgate.gateway.store.tables import dag, dag_run, hitl_detail, log, task_reschedule, trigger, xcom
from airgate.gateway.store.tables import task_instance as ti_t
from airgate.gateway.store.tables import task_instance_history as tih_t

if TYPE_CHECKING:
    from airgate.gateway.store.engine import Store

NOT_FOUND = {"reason": "not_found", "message": "Task Instance not found"}


def uuid7() -> str:
    """A time-ordered UUID (version 7), as Airflow gives new task instance ids."""
    ms = time.time_ns() // 1_000_000
    value = (ms & ((1 << 48) - 1)) << 80 | (0x7 << 76) | (int.from_bytes(os.urandom(10)) & ((1 << 76) - 1))
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return str(uuid.UUID(int=value))


def now() -> datetime:
    return datetime.now(UTC)


def _parse_dt(value: str | datetime) -> datetime:
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


@functools.cache
def _ti_query(lock: bool) -> sa.Select[Any]:
    query = sa.select(ti_t).where(ti_t.c.id == sa.bindparam("ti_id"))
    return query.with_for_update() if lock else query


async def _ti_row(conn: AsyncConnection, ti_id: str, lock: bool = True) -> Any:
    """The task instance row, locked ``FOR UPDATE`` unless ``lock`` is False (None when missing)."""
    return (await conn.execute(_ti_query(lock), {"ti_id": ti_id})).first()


@functools.cache
def _record_insert() -> sa.Insert:
    """The event-log row for a task's start or end (statements built once: their cache keys are kept)."""
    dag_id: sa.BindParameter[str] = sa.bindparam("dag_id")
    run_id: sa.BindParameter[str] = sa.bindparam("run_id")
    return sa.insert(log).values(
        dttm=sa.bindparam("dttm"),
        dag_id=dag_id,
        task_id=sa.bindparam("task_id"),
        run_id=run_id,
        map_index=sa.bindparam("map_index"),
        try_number=sa.bindparam("try_number"),
        logical_date=sa.select(dag_run.c.logical_date)
        .where(dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id)
        .scalar_subquery(),
        owner=sa.select(dag.c.owners).where(dag.c.dag_id == dag_id).scalar_subquery(),
        event=sa.bindparam("event"),
        extra=sa.bindparam("extra"),
    )


def _record_params(ti: Any, event: str, hostname: str | None) -> dict[str, Any]:
    return {
        "dttm": now(),
        "dag_id": ti.dag_id,
        "task_id": ti.task_id,
        "run_id": ti.run_id,
        "map_index": ti.map_index,
        "try_number": ti.try_number,
        "event": event,
        "extra": _host_extra(hostname),
    }


def _host_extra(hostname: str | None) -> str | None:
    """The ``extra`` of a task's start or end in the event log: the host it ran on."""
    return json.dumps({"host_name": hostname}) if hostname else None


async def _record(conn: AsyncConnection, ti: Any, event: str, hostname: str | None) -> None:
    """An event-log row for a start or an end reported by the task (as Airflow writes them): one statement,
    the run's logical date and the DAG's owners read by it."""
    await conn.execute(_record_insert(), _record_params(ti, event, hostname))


@functools.cache
def _guarded_update(columns: tuple[str, ...]) -> sa.Update:
    """``UPDATE task_instance SET <columns>`` matching only the row with the id, state and try read (statements
    built once per column set: their cache keys are kept)."""
    return (
        sa.update(ti_t)
        .where(
            ti_t.c.id == sa.bindparam("g_id", type_=ti_t.c.id.type),
            ti_t.c.state.is_not_distinct_from(sa.bindparam("g_state", type_=ti_t.c.state.type)),
            ti_t.c.try_number == sa.bindparam("g_try", type_=ti_t.c.try_number.type),
        )
        .values({name: sa.bindparam(f"v_{name}", type_=ti_t.c[name].type) for name in columns})
    )


def _log_bind(name: str) -> sa.BindParameter[Any]:
    return sa.bindparam(f"l_{name}", type_=log.c[name].type)


def _log_from(changed: Any, **columns: Any) -> sa.Insert:
    """``INSERT INTO log ... SELECT ... FROM changed``: the event-log row of a task instance a data-modifying
    ``WITH`` changed — its DAG and run from ``changed``, the run's logical date and the DAG's owners read for
    them, the time and the event bound (``l_dttm``, ``l_event``), the rest as ``columns`` gives (bound as
    ``l_<name>`` when not given)."""
    values = {name: columns.get(name, _log_bind(name)) for name in ("task_id", "map_index", "try_number", "extra")}
    row = sa.select(
        _log_bind("dttm"),
        changed.c.dag_id,
        values["task_id"],
        changed.c.run_id,
        values["map_index"],
        values["try_number"],
        sa.select(dag_run.c.logical_date)
        .where(dag_run.c.dag_id == changed.c.dag_id, dag_run.c.run_id == changed.c.run_id)
        .scalar_subquery(),
        sa.select(dag.c.owners).where(dag.c.dag_id == changed.c.dag_id).scalar_subquery(),
        _log_bind("event"),
        values["extra"],
    )
    names = ["dttm", "dag_id", "task_id", "run_id", "map_index", "try_number", "logical_date", "owner", "event",
             "extra"]
    return sa.insert(log).from_select(names, row)


@functools.cache
def _logged_update(columns: tuple[str, ...]) -> sa.Insert:
    """PostgreSQL: the guarded update and, from the row it changed, the event-log row, in one atomic statement
    (``WITH changed AS (UPDATE ... RETURNING) INSERT INTO log ... SELECT ... FROM changed RETURNING``): it
    returns a row only when the update matched."""
    changed = _guarded_update(columns).returning(ti_t.c.dag_id, ti_t.c.run_id).cte("changed")
    return _log_from(changed).returning(log.c.id)


class Change:
    """A checked change of one task instance: its new ``values`` and, when the change is logged, the ``event``
    (and the host it names)."""

    def __init__(self, ti: Any, values: dict[str, Any], event: str | None, hostname: str | None) -> None:
        self.ti, self.values, self.event, self.hostname = ti, values, event, hostname

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(sorted(self.values))

    def params(self) -> dict[str, Any]:
        """The parameters of :func:`_guarded_update` (and of :func:`_logged_update` when logged)."""
        ti = self.ti
        params = {"g_id": ti.id, "g_state": ti.state, "g_try": ti.try_number}
        params.update({f"v_{name}": value for name, value in self.values.items()})
        if self.event is not None:
            logged = _record_params(ti, self.event, self.hostname)
            params.update({f"l_{name}": logged[name] for name in _LOGGED})
        return params


_LOGGED = ("dttm", "task_id", "map_index", "try_number", "event", "extra")


async def _apply_in(conn: AsyncConnection, change: Change) -> bool:
    """Apply ``change`` in an open transaction; False when the row is no longer as read (nothing written)."""
    if not (await conn.execute(_guarded_update(change.columns), change.params())).rowcount:
        return False
    if change.event is not None:
        await _record(conn, change.ti, change.event, change.hostname)
    return True


async def _apply(store: Store, change: Change) -> bool:
    """Apply ``change`` on its own: on PostgreSQL one autocommit statement (the update and its event-log row),
    on SQLite a short write transaction. False when the row is no longer as read."""
    if store.dialect_name != "postgresql":
        async with store.write() as conn:
            return await _apply_in(conn, change)
    if change.event is None:
        async with store.statement() as conn:
            return bool((await conn.execute(_guarded_update(change.columns), change.params())).rowcount)
    return await store.one(_logged_update(change.columns), change.params()) is not None


def _duration(start: datetime | None, end: datetime | None) -> float | None:
    return (end - start).total_seconds() if start is not None and end is not None else None


def _reschedules_and_xcom(ti: Any) -> tuple[Any, Any]:
    """The two figures ``/run`` answers with, for the task instance columns ``ti``: ``reschedules`` (the try's
    reschedule count) and ``has_xcom`` (XComs left by an earlier try)."""
    reschedules = (
        sa.select(sa.func.count(task_reschedule.c.id))
        .where(task_reschedule.c.ti_id == ti.c.id)
        .scalar_subquery()
    )
    has_xcom = sa.exists().where(
        xcom.c.dag_id == ti.c.dag_id,
        xcom.c.task_id == ti.c.task_id,
        xcom.c.run_id == ti.c.run_id,
        sa.or_(ti.c.map_index < 0, xcom.c.map_index == ti.c.map_index),
    )
    return reschedules.label("reschedules"), has_xcom.label("has_xcom")


def _with_run_of(ti: Any) -> sa.Select[Any]:
    """The task instance columns ``ti`` joined with their run (its columns labelled ``dr_<name>``) and the
    figures of :func:`_reschedules_and_xcom`."""
    return sa.select(
        *ti.c, *(column.label(f"dr_{column.name}") for column in dag_run.c), *_reschedules_and_xcom(ti)
    ).select_from(ti.join(dag_run, sa.and_(dag_run.c.dag_id == ti.c.dag_id, dag_run.c.run_id == ti.c.run_id)))


@functools.cache
def _with_run_query(lock: bool) -> sa.Select[Any]:
    query = _with_run_of(ti_t).where(ti_t.c.id == sa.bindparam("ti_id"))
    return query.with_for_update(of=ti_t) if lock else query


def _split_run(row: Any) -> tuple[Any, Any]:
    """A row of :func:`_with_run_of` as the task instance (the row) and its run."""
    return row, SimpleNamespace(**{column.name: getattr(row, f"dr_{column.name}") for column in dag_run.c})


async def _with_run(conn: AsyncConnection, ti_id: str, lock: bool) -> tuple[Any, Any] | None:
    """The task instance (locked ``FOR UPDATE`` when ``lock``) and its run, in one statement (see
    :func:`_with_run_of`). None when either row is missing."""
    row = (await conn.execute(_with_run_query(lock), {"ti_id": ti_id})).first()
    return None if row is None else _split_run(row)


@functools.cache
def _start_queued() -> sa.Select[Any]:
    """PostgreSQL: ``/run`` of a queued task instance (not resuming from a deferral) in one statement that
    reads nothing first — the update matches the row only while it is queued, its event-log row is written
    from it, and the changed row comes back with its run and the figures ``/run`` answers with
    (``WITH changed AS (UPDATE ... RETURNING), logged AS (INSERT INTO log ...) SELECT ... FROM changed JOIN
    dag_run``). It returns a row only when the update matched."""
    values = {name: sa.bindparam(f"v_{name}", type_=ti_t.c[name].type)
              for name in ("state", "hostname", "unixname", "pid", "last_heartbeat_at", "start_date")}
    changed = (
        sa.update(ti_t)
        .where(
            ti_t.c.id == sa.bindparam("g_id", type_=ti_t.c.id.type),
            ti_t.c.state == TIS.QUEUED.value,
            ti_t.c.next_method.is_(None),
            ti_t.c.next_kwargs.is_(None),
        )
        .values(end_date=None, **values)
        .returning(*ti_t.c)
        .cte("changed")
    )
    logged = _log_from(
        changed, task_id=changed.c.task_id, map_index=changed.c.map_index, try_number=changed.c.try_number
    ).cte("logged")
    return _with_run_of(changed).add_cte(logged)


def _start_values(payload: Any, state: str | None, next_kwargs: Any) -> dict[str, Any]:
    """What ``/run`` writes on a task instance in ``state`` (``start_date`` unless it resumes a deferral)."""
    values: dict[str, Any] = {
        "state": transition(state, TIS.RUNNING),
        "end_date": None,
        "hostname": payload.hostname,
        "unixname": payload.unixname,
        "pid": payload.pid,
        "last_heartbeat_at": now(),
    }
    if not next_kwargs:
        values["start_date"] = _parse_dt(payload.start_date)
    return values


async def _started_queued(store: Store, ti_id: str, payload: Any) -> tuple[Any, Any] | None:
    """PostgreSQL: start a queued task instance with :func:`_start_queued`; the row and its run, or None when
    the task instance is not (or no longer) queued."""
    values = _start_values(payload, TIS.QUEUED, None)
    params = {f"v_{name}": value for name, value in values.items() if name != "end_date"}
    params.update(g_id=ti_id, l_dttm=now(), l_event=TIS.RUNNING.value, l_extra=_host_extra(payload.hostname))
    row = await store.one(_start_queued(), params)
    return None if row is None else _split_run(row)


async def run(store: Store, ti_id: str, payload: Any) -> dict[str, Any]:
    """Mark a queued (or restarting) task instance running; the run context the task needs.

    On PostgreSQL a queued task instance starts in one statement (:func:`_start_queued`). Otherwise a
    compare-and-set (see the module's docstring): the task instance with its run read in one statement
    (the keys of XComs an earlier try left in a second, only when there are some), then the update with its
    event-log row."""
    if store.dialect_name == "postgresql":
        started = await _started_queued(store, ti_id, payload)
        if started is not None:
            ti, dr = started
            if not ti.has_xcom and dr.run_type != "asset_triggered":  # nothing more to read
                return await _context(None, ti, dr, TIS.QUEUED)
            async with store.read() as conn:
                return await _context(conn, ti, dr, TIS.QUEUED)
    async with store.read() as conn:
        change, context = await _start(conn, ti_id, payload, lock=False)
    if await _apply(store, change):
        return context
    async with store.write() as conn:  # changed since it was read: again, locked
        change, context = await _start(conn, ti_id, payload, lock=True)
        await _apply_in(conn, change)
    return context


async def _start(conn: AsyncConnection, ti_id: str, payload: Any, lock: bool) -> tuple[Change, dict[str, Any]]:
    """The checked change ``/run`` makes and the context it answers with (404/409 when it cannot start)."""
    found = await _with_run(conn, ti_id, lock)
    if found is None:
        raise HTTPError(404, NOT_FOUND)
    ti, dr = found
    same_process = (ti.hostname, ti.unixname, ti.pid) == (payload.hostname, payload.unixname, payload.pid)
    if not (ti.state == TIS.RUNNING and same_process) and ti.state not in (TIS.QUEUED, TIS.RESTARTING):
        raise HTTPError(
            409,
            {
                "reason": "invalid_state",
                "message": "TI was not in a state where it could be marked as running",
                "previous_state": ti.state,
            },
        )
    values = _start_values(payload, ti.state, ti.next_kwargs)
    event = None if ti.state == TIS.RUNNING and same_process else TIS.RUNNING.value
    return Change(ti, values, event, payload.hostname), await _context(conn, ti, dr, ti.state)


async def _context(conn: AsyncConnection | None, ti: Any, dr: Any, state: str | None) -> dict[str, Any]:
    """What ``/run`` answers for the task instance ``ti`` (in ``state`` before it started) of the run ``dr``;
    ``conn`` reads the keys of XComs an earlier try left and the asset events of an asset-triggered run (None
    when there are neither)."""
    keys: list[str] = []
    if not ti.next_method and ti.has_xcom:
        assert conn is not None
        query = sa.select(xcom.c.key).where(
            xcom.c.dag_id == ti.dag_id, xcom.c.task_id == ti.task_id, xcom.c.run_id == ti.run_id
        )
        if ti.map_index >= 0:
            query = query.where(xcom.c.map_index == ti.map_index)
        keys = list((await conn.scalars(query)).all())
    max_tries = ti.max_tries if ti.max_tries is not None else -1
    consumed = await consumed_events(conn, dr) if conn is not None else []
    context: dict[str, Any] = {
        "dag_run": run_body(dr, consumed),
        "task_reschedule_count": int(ti.reschedules or 0),
        "max_tries": max_tries,
        "variables": [],
        "connections": [],
        "xcom_keys_to_clear": keys,
        "should_retry": state == TIS.RESTARTING or (max_tries != 0 and ti.try_number <= max_tries),
    }
    if ti.next_method:
        context.update(next_method=ti.next_method, next_kwargs=ti.next_kwargs, start_date=ti.start_date)
    return context


async def _archive_try(conn: AsyncConnection, ti: Any) -> str:
    """Copy the try into the history (an unfinished try is recorded failed), give the TI a new id."""
    exists = await conn.scalar(
        sa.select(sa.func.count())
        .select_from(tih_t)
        .where(
            tih_t.c.dag_id == ti.dag_id,
            tih_t.c.task_id == ti.task_id,
            tih_t.c.run_id == ti.run_id,
            tih_t.c.map_index == ti.map_index,
            tih_t.c.try_number == ti.try_number,
        )
    )
    if not exists:
        row = {c.name: getattr(ti, c.name) for c in tih_t.columns if c.name != "task_instance_id"}
        row["task_instance_id"] = ti.id
        if not is_finished(ti.state):
            row["state"] = TIS.FAILED.value
            row["end_date"] = now()
            row["duration"] = _duration(ti.start_date, row["end_date"])
        await conn.execute(sa.insert(tih_t).values(**row))
    await conn.execute(sa.delete(task_reschedule).where(task_reschedule.c.ti_id == ti.id))
    # Airflow moves the try's HITL detail to its history; Airgate keeps none for past tries yet
    await conn.execute(sa.delete(hitl_detail).where(hitl_detail.c.ti_id == ti.id))
    return uuid7()


def _simple_end(tag: str, fields: dict[str, Any]) -> bool:
    """Whether a state update only ends the try: success without assets, failed, skipped, removed."""
    if tag == "_terminal_":
        return True
    return tag == "success" and not fields.get("task_outlets") and not fields.get("outlet_events")


def _running(ti: Any) -> Any:
    """``ti`` when it is running (404 when missing, 409 otherwise)."""
    if ti is None:
        raise HTTPError(404, NOT_FOUND)
    if ti.state != TIS.RUNNING:
        raise HTTPError(
            409,
            {
                "reason": "invalid_state",
                "message": "TI was not in the running state so it cannot be updated",
                "previous_state": ti.state,
            },
        )
    return ti


def _end_values(ti: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """What ending the try in ``fields["state"]`` (success, a terminal state or up_for_retry) writes."""
    end = fields["end_date"]
    values: dict[str, Any] = {}
    if "rendered_map_index" in fields:
        values["rendered_map_index"] = fields["rendered_map_index"]
    values.update(
        state=transition(ti.state, TIS(fields["state"])),
        end_date=end,
        duration=_duration(ti.start_date, end),
        next_method=None,
        next_kwargs=None,
    )
    return values


@functools.cache
def _end_running(rendered_map_index: bool) -> sa.Insert:
    """PostgreSQL: a running try's usual end with its event-log row, in one statement that reads nothing
    first — the update matches the row only while it is running (``WITH changed AS (UPDATE ... RETURNING)
    INSERT INTO log ... SELECT ... FROM changed RETURNING``); the duration is computed from the row's own
    start. It returns a row only when the update matched."""
    end = sa.bindparam("v_end_date", type_=ti_t.c.end_date.type)
    values: dict[str, Any] = {
        "state": sa.bindparam("v_state", type_=ti_t.c.state.type),
        "end_date": end,
        "duration": sa.cast(sa.extract("epoch", end - ti_t.c.start_date), sa.Float),
        "next_method": None,
        "next_kwargs": None,
    }
    if rendered_map_index:
        values["rendered_map_index"] = sa.bindparam("v_rendered_map_index", type_=ti_t.c.rendered_map_index.type)
    changed = (
        sa.update(ti_t)
        .where(ti_t.c.id == sa.bindparam("g_id", type_=ti_t.c.id.type), ti_t.c.state == TIS.RUNNING.value)
        .values(values)
        .returning(ti_t.c.dag_id, ti_t.c.run_id, ti_t.c.task_id, ti_t.c.map_index, ti_t.c.try_number,
                   ti_t.c.hostname)
        .cte("changed")
    )
    host = sa.cast(sa.func.to_json(changed.c.hostname), sa.Text)
    extra = sa.case(
        (sa.func.coalesce(changed.c.hostname, "") == "", sa.null()),
        else_=sa.literal('{"host_name": ', sa.Text) + host + sa.literal("}", sa.Text),
    )
    return _log_from(
        changed, task_id=changed.c.task_id, map_index=changed.c.map_index, try_number=changed.c.try_number,
        extra=extra,
    ).returning(log.c.id)


def _end_params(ti_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The parameters of :func:`_end_running` for a state update's ``fields``."""
    state = transition(TIS.RUNNING, TIS(fields["state"]))
    params = {"g_id": ti_id, "v_state": state, "v_end_date": fields["end_date"], "l_dttm": now(),
              "l_event": fields["state"]}
    if "rendered_map_index" in fields:
        params["v_rendered_map_index"] = fields["rendered_map_index"]
    return params


async def update_state(store: Store, ti_id: str, body: Any) -> None:
    """Apply a state update reported by a running task (all six payloads). A try's usual end is a
    compare-and-set (see the module's docstring); the rest, and an end whose row changed since it was read,
    run in one transaction with the row locked."""
    tag, fields = parse_state_update(body)
    if _simple_end(tag, fields):
        if store.dialect_name == "postgresql":
            ended = await store.one(_end_running("rendered_map_index" in fields), _end_params(ti_id, fields))
            if ended is not None:
                return
        else:
            async with store.read() as conn:
                ti = _running(await _ti_row(conn, ti_id, lock=False))
            if await _apply(store, Change(ti, _end_values(ti, fields), fields["state"], ti.hostname)):
                return
    async with store.write() as conn:
        await _update_state_locked(conn, ti_id, tag, fields)


async def _update_state_locked(conn: AsyncConnection, ti_id: str, tag: str, fields: dict[str, Any]) -> None:
    ti = _running(await _ti_row(conn, ti_id))
    where = ti_t.c.id == ti_id
    values: dict[str, Any] = {}
    if tag in ("success", "_terminal_", "up_for_retry"):
        values = _end_values(ti, fields)
        if tag == "up_for_retry":
            values["id"] = await _archive_try(conn, ti)
        elif tag == "success" and (fields.get("task_outlets") or fields.get("outlet_events")):
            partition_key = await conn.scalar(
                sa.select(dag_run.c.partition_key).where(
                    dag_run.c.dag_id == ti.dag_id, dag_run.c.run_id == ti.run_id
                )
            )
            await assets.register_outlets(
                conn, ti, partition_key, fields.get("task_outlets", []), fields.get("outlet_events", [])
            )
    elif tag == "deferred":
        kwargs = fields.get("trigger_kwargs", {})
        trigger_id = (
            await conn.execute(
                sa.insert(trigger)
                .values(
                    classpath=fields["classpath"],
                    kwargs=kwargs if isinstance(kwargs, str) else json.dumps(kwargs),
                    queue=fields.get("queue"),
                    created_date=now(),
                )
                .returning(trigger.c.id)
            )
        ).scalar_one()
        timeout = fields.get("trigger_timeout")
        values = {
            "state": transition(ti.state, TIS.DEFERRED),
            "trigger_id": trigger_id,
            "next_method": fields["next_method"],
            "next_kwargs": fields.get("next_kwargs", {}),
            "trigger_timeout": now() + timeout if timeout is not None else None,
        }
    elif tag == "up_for_reschedule":
        started = now()
        end = fields["end_date"]
        await conn.execute(
            sa.insert(task_reschedule).values(
                ti_id=ti_id,
                start_date=started,
                end_date=end,
                duration=int((end - started).total_seconds()),
                reschedule_date=fields["reschedule_date"],
            )
        )
        values = {
            "state": transition(ti.state, TIS.UP_FOR_RESCHEDULE),
            "end_date": end,
            "duration": _duration(ti.start_date, end),
            "next_method": None,
            "next_kwargs": None,
        }
    else:  # scheduled / queued / restarting: Airflow cannot apply these and fails the task instead
        end = now()
        values.update(
            state=transition(ti.state, TIS.FAILED), end_date=end, duration=_duration(ti.start_date, end)
        )
    await conn.execute(sa.update(ti_t).where(where).values(**values))
    await _record(conn, ti, str(values["state"]), ti.hostname)


async def heartbeat(conn: AsyncConnection, ti_id: str, hostname: str, pid: int) -> None:
    """Record a heartbeat; 404/410 when gone, 409 when the task should stop."""
    fast = await conn.execute(
        sa.update(ti_t)
        .where(
            ti_t.c.id == ti_id, ti_t.c.state == TIS.RUNNING, ti_t.c.hostname == hostname, ti_t.c.pid == pid
        )
        .values(last_heartbeat_at=now())
    )
    if fast.rowcount:
        return
    ti = await _ti_row(conn, ti_id)
    if ti is None:
        archived = await conn.scalar(
            sa.select(sa.func.count()).select_from(tih_t).where(tih_t.c.task_instance_id == ti_id)
        )
        if archived:
            raise HTTPError(
                410,
                {
                    "reason": "not_found",
                    "message": "Task Instance not found, it may have been moved to the Task Instance History table",
                },
            )
        raise HTTPError(404, NOT_FOUND)
    if ti.hostname != hostname or ti.pid != pid:
        raise HTTPError(
            409,
            {
                "reason": "running_elsewhere",
                "message": "TI is already running elsewhere",
                "current_hostname": ti.hostname,
                "current_pid": ti.pid,
            },
        )
    raise HTTPError(
        409,
        {
            "reason": "not_running",
            "message": "TI is no longer in the running state and task should terminate",
            "current_state": ti.state,
        },
    )


async def skip_downstream(conn: AsyncConnection, ti_id: str, tasks: list[Any]) -> None:
    """Skip the named tasks of the same run that are not running or finished successfully/failed."""
    row = (await conn.execute(sa.select(ti_t.c.dag_id, ti_t.c.run_id).where(ti_t.c.id == ti_id))).first()
    if row is None:
        raise HTTPError(404, NOT_FOUND)
    keys = {(t, -1) if isinstance(t, str) else (t[0], int(t[1])) for t in tasks}
    if not keys:
        return
    stamp = now()
    candidates = await conn.execute(
        sa.select(ti_t.c.id, ti_t.c.task_id, ti_t.c.map_index, ti_t.c.state)
        .where(
            ti_t.c.dag_id == row.dag_id, ti_t.c.run_id == row.run_id, ti_t.c.task_id.in_({k[0] for k in keys})
        )
        .with_for_update()
    )
    for cand in candidates.all():
        if (cand.task_id, cand.map_index) not in keys:
            continue
        if cand.state in (TIS.RUNNING, TIS.SUCCESS, TIS.FAILED):
            continue
        await conn.execute(
            sa.update(ti_t)
            .where(ti_t.c.id == cand.id)
            .values(state=transition(cand.state, TIS.SKIPPED), start_date=stamp, end_date=stamp)
        )


async def set_rendered_map_index(conn: AsyncConnection, ti_id: str, value: str) -> None:
    """Store the task's rendered map index (422 when empty, 404 when the TI is unknown)."""
    if not value:
        raise HTTPError(422, "rendered_map_index cannot be empty")
    result = await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti_id).values(rendered_map_index=value))
    if not result.rowcount:
        raise HTTPError(404, "Task Instance not found")
