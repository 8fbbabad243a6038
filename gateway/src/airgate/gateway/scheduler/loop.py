"""The scheduler loop: a child of the app's lifespan (or ``airgate scheduler``), woken by state changes.

Each pass is one short write transaction: create due scheduled runs, start queued runs, apply trigger
rules/retries/reschedules, queue ready task instances within the executors' free slots; then the
workloads are submitted. A pass runs when something wakes the loop (a trigger, a task's state change
through the Execution API, an executor event) and at the latest every ``poll_s`` seconds. A ``job`` row
(``SchedulerJob``) heartbeats so ``get_health`` reports the scheduler. On start, task instances left
queued or running by a scheduler that is gone are adopted through the executor or failed/retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import logging
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from airgate.gateway.auth.task_tokens import TaskTokens
from airgate.gateway.config import Settings
from airgate.gateway.scheduler.asset_runs import create_asset_triggered_runs
from airgate.gateway.scheduler.dispatch import Queued, decide_runs, queue_ready
from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.scheduler.events import (
    apply_event,
    clear_stopped_try,
    fail_try,
    reap_zombies,
    record_started,
    still_live,
)
from airgate.gateway.scheduler.runs import create_scheduled_runs, start_queued_runs
from airgate.gateway.scheduler.stops import KILL_AFTER_S, take_stop_requests
from airgate.gateway.scheduler.workloads import WorkloadFactory
from airgate.gateway.services.pools import ensure_default_pool
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.states import transition
from airgate.gateway.store.engine import Store
from airgate.gateway.store.tables import dag, job
from airgate.gateway.store.tables import task_instance as ti_t
from airgate.sdk import AdoptRecord, EventKind, TaskInstanceKey, loader

log = logging.getLogger("airgate.scheduler")

HEARTBEAT_S = 5.0
JOB_TIMEOUT = timedelta(seconds=30)
RECOVERY_S = 10.0
ZOMBIE_TIMEOUT = timedelta(seconds=300)


def _now() -> datetime:
    return datetime.now(UTC)


def execution_api_url(settings: Settings) -> str:
    """The URL task processes use for the Execution API."""
    if settings.execution_api_server_url:
        return settings.execution_api_server_url
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    return f"http://{host}:{settings.port}{settings.base_path}/execution/"


def executor_section(
    settings: Settings, alias: str, *names: str, env: dict[str, str] | None = None
) -> dict[str, str]:
    """``[executors.<alias>]`` from ``airflow.cfg``, overridden by ``AIRFLOW__EXECUTORS.<ALIAS>__<KEY>``;
    ``base_log_folder`` defaults to ``[logging] base_log_folder``."""
    import configparser
    import os

    section = {"base_log_folder": settings.base_log_folder}
    cfg = configparser.RawConfigParser()
    cfg.read(os.environ.get("AIRFLOW_CONFIG") or os.path.join(settings.airflow_home, "airflow.cfg"))
    ordered = list(dict.fromkeys([*names, alias]))  # the resolved name (``local``), then the alias (``LocalExecutor``)
    for name in ordered:
        if cfg.has_section(f"executors.{name}"):
            section.update(cfg.items(f"executors.{name}"))
    for name in ordered:
        prefix = f"AIRFLOW__EXECUTORS.{name.upper()}__"
        for key, value in (os.environ if env is None else env).items():
            if key.upper().startswith(prefix):
                section[key[len(prefix):].lower()] = value
    return section


class Scheduler:
    """Schedules and dispatches dag runs of one store through the configured executors."""

    def __init__(self, settings: Settings, store: Store, *, poll_s: float = 1.0) -> None:
        from airgate.gateway.registry.bundles import bundles_for

        self.settings, self.store, self.poll_s = settings, store, poll_s
        self.specs = loader.parse_executor_setting(settings.executor)
        self.executors: dict[str, Any] = {}
        for spec in self.specs:
            self.executors[spec.alias] = loader.load(
                spec, executor_section(settings, spec.alias, spec.target.rsplit(".", 1)[-1]))
        self.docs = DocCache()
        self.factory = WorkloadFactory(
            TaskTokens(settings.jwt_secret), execution_api_url(settings),
            {b.name: b.path for b in bundles_for(settings)}, Path(settings.airflow_home) / ".airgate" / "dag-json",
        )
        self.job_id: int | None = None
        self._wake = asyncio.Event()
        self._last_timetables = 0.0
        self._last_zombies = 0.0
        self._last_runs = 0.0
        self._runs_wanted = True
        self._requests_wanted = True
        self._last_requests = 0.0
        self._event_batch: list[Any] = []
        self._flusher: asyncio.Task[None] | None = None

    def wake(self, *, runs: bool = False) -> None:
        """Ask for a scheduling pass now; ``runs``: a REST API write (a trigger, a clear, a mark, an asset
        event) may have created or finished a run or asked for a stop, so look at queued runs, asset-triggered
        runs and stop requests too (otherwise each is looked at every second: a task's own state change, the
        common wake-up, makes none of them). Call from the loop's thread."""
        self._runs_wanted = self._runs_wanted or runs
        self._requests_wanted = self._requests_wanted or runs
        self._wake.set()

    def _executor_for(self, name: str | None) -> Any:
        try:
            return self.executors[loader.pick(self.specs, name).alias]
        except loader.ExecutorLoadError:
            return self.executors[self.specs[0].alias]

    async def run(self, stop: asyncio.Event) -> None:
        """Schedule until ``stop`` is set; then stop the executors and end the job."""
        for executor in self.executors.values():
            await executor.start()
        consumers = [asyncio.create_task(self._consume(ex), name=f"airgate-executor-events-{alias}")
                     for alias, ex in self.executors.items()]
        try:
            self.job_id = await self._register()
            await self._recover()
            last_beat = last_recovery = asyncio.get_running_loop().time()
            while not stop.is_set():
                self._wake.clear()
                try:
                    await self._pass()
                except Exception:
                    log.exception("scheduling pass failed")
                clock = asyncio.get_running_loop().time()
                if clock - last_beat >= HEARTBEAT_S:
                    await self._heartbeat("running")
                    last_beat = clock
                if clock - last_recovery >= RECOVERY_S:  # a scheduler that died leaves its work behind
                    await self._recover()
                    last_recovery = clock
                await self._sleep(stop)
        finally:
            for executor in self.executors.values():
                with contextlib.suppress(Exception):
                    await executor.shutdown(drain=False, timeout_s=5.0)
            for task in consumers:
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await asyncio.wait_for(task, timeout=10)
            with contextlib.suppress(Exception):
                await self._heartbeat("success", end=True)

    async def _sleep(self, stop: asyncio.Event) -> None:
        waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(waiters, timeout=self.poll_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _pass(self) -> None:
        now = _now()
        clock = asyncio.get_running_loop().time()
        free = sum(ex.slots_free() for ex in self.executors.values())
        async with self.store.write() as conn:
            if clock - self._last_timetables >= 1.0:
                await create_scheduled_runs(conn, now, self.job_id)
                self._last_timetables = clock
            requests = self._requests_wanted or clock - self._last_requests >= 1.0
            if requests:
                self._requests_wanted = False
                self._last_requests = clock
                if await create_asset_triggered_runs(conn, now, self.job_id):
                    self._runs_wanted = True  # start the new asset-triggered runs in this pass
            if self._runs_wanted or clock - self._last_runs >= 1.0:
                self._runs_wanted = False
                self._last_runs = clock
                await start_queued_runs(conn, now, self.docs)
            _, finished = await decide_runs(conn, now, self.docs)
            self._runs_wanted = self._runs_wanted or finished > 0  # the next queued run may start
            if clock - self._last_zombies >= 30.0:
                await reap_zombies(conn, now, ZOMBIE_TIMEOUT)
                self._last_zombies = clock
            queued = await queue_ready(conn, now, free, self.job_id, self.docs)
            stops = await take_stop_requests(conn, self.job_id, now) if requests else []
        for key, executor_name in stops:  # a try the user marked or cleared while it ran
            try:
                await self._executor_for(executor_name).cancel(key, KILL_AFTER_S)
            except Exception:
                log.exception("could not stop %s", key)
        if queued:
            await self._submit(queued)

    async def _submit(self, queued: list[Queued]) -> None:
        async with self.store.read() as conn:
            rows = (await conn.execute(
                sa.select(dag.c.dag_id, dag.c.relative_fileloc, dag.c.bundle_name)
                .where(dag.c.dag_id.in_({q.dag_id for q in queued}))
            )).all()
            places = {row.dag_id: (row.relative_fileloc, row.bundle_name) for row in rows}
            docs = {q.dag_version_id: await self.docs.get(conn, q.dag_version_id) for q in queued}
        for q in queued:
            doc = docs[q.dag_version_id]
            rel_path, bundle = places.get(q.dag_id, (None, None))
            if doc is None or rel_path is None:
                continue
            workload = self.factory.build(q, doc, rel_path, bundle or "dags-folder")
            await self._executor_for(q.executor).submit(workload)

    async def _consume(self, executor: Any) -> None:
        """Gather the executor's events; :meth:`_flush_events` records them in batches."""
        events: AsyncIterator[Any] = executor.events()
        async for event in events:
            if event.kind not in (EventKind.STARTED, EventKind.ADOPTED, EventKind.EXITED, EventKind.LOST):
                continue
            self._event_batch.append(event)
            if self._flusher is None or self._flusher.done():
                self._flusher = asyncio.create_task(self._flush_events(), name="airgate-executor-events-flush")
        if self._flusher is not None:
            with contextlib.suppress(Exception):
                await self._flusher

    async def _flush_events(self) -> None:
        """Record the gathered executor events: all that arrived meanwhile in one write transaction (a burst
        of task starts and exits costs one transaction, not one or two per task)."""
        while self._event_batch:
            await asyncio.sleep(0)  # let the events of the same burst arrive
            batch, self._event_batch = self._event_batch, []
            ends = [e for e in batch if e.kind in (EventKind.EXITED, EventKind.LOST)]
            wake = bool(ends)  # an executor slot is free again
            try:
                ended = await self._reported(ends)
                batch = [e for e in batch if e.key not in ended]
                decisions: list[tuple[Any, str | None]] = []
                if batch and not any(e.kind in (EventKind.EXITED, EventKind.LOST) for e in batch):
                    async with self.store.statement() as conn:  # starts only: one (executemany) statement
                        await record_started(conn, batch)
                elif batch:
                    async with self.store.write() as conn:
                        await record_started(conn, batch)  # the started/adopted ones
                        decisions = [(event, await apply_event(conn, event, _now()))
                                     for event in batch if event.kind in (EventKind.EXITED, EventKind.LOST)]
            except Exception:
                decisions = [(event, await self._apply_alone(event)) for event in batch]
            for event, decided in decisions:
                if decided is not None:
                    log.info("%s: process %s, task instance now %s", event.key, event.kind, decided)
                wake = wake or decided is not None
            if wake:
                self.wake()  # a decision was made or an executor slot is free again

    async def _reported(self, ends: list[Any]) -> set[TaskInstanceKey]:
        """The tries among ``ends`` no longer live (they reported their end through the Execution API), read
        without taking the write lock: their exit needs no decision."""
        if not ends:
            return set()
        async with self.store.read() as conn:
            live = await still_live(conn, [event.key for event in ends])
        return {event.key for event in ends if event.key not in live}

    async def _apply_alone(self, event: Any) -> str | None:
        """Record one event in its own transaction (after its batch failed): a bad one spoils no other."""
        try:
            async with self.store.write() as conn:
                return await apply_event(conn, event, _now())
        except Exception:
            log.exception("could not record executor event %s", event)
            return None

    async def _register(self) -> int:
        now = _now()
        async with self.store.write() as conn:
            await ensure_default_pool(conn)
            result = await conn.execute(sa.insert(job).values(
                job_type="SchedulerJob", state="running", start_date=now, latest_heartbeat=now,
                executor_class=self.settings.executor, hostname=socket.getfqdn(), unixname=getpass.getuser(),
            ).returning(job.c.id))
            return int(result.scalar_one())

    async def _heartbeat(self, state: str, *, end: bool = False) -> None:
        now = _now()
        values: dict[str, Any] = {"latest_heartbeat": now, "state": state}
        if end:
            values["end_date"] = now
        async with self.store.write() as conn:
            await conn.execute(sa.update(job).where(job.c.id == self.job_id).values(**values))

    async def _recover(self) -> None:
        """Adopt, requeue or fail what a scheduler that is gone (no heartbeat for ``JOB_TIMEOUT``) left queued
        or running: a process the executor can re-attach to is adopted (its exit decides), a workload that
        never started is scheduled again, a running task without a process id is failed or retried."""
        now = _now()
        async with self.store.write() as conn:
            alive = set((await conn.scalars(sa.select(job.c.id).where(
                job.c.job_type == "SchedulerJob", job.c.state == "running",
                job.c.latest_heartbeat > now - JOB_TIMEOUT,
            ))).all()) | {self.job_id}
            rows = (await conn.execute(sa.select(ti_t).where(
                ti_t.c.state.in_([TIS.QUEUED.value, TIS.RUNNING.value, TIS.RESTARTING.value]),
            ))).all()
            orphans = [r for r in rows if r.queued_by_job_id not in alive]
            records: dict[str, list[AdoptRecord]] = {}
            for ti in orphans:
                if ti.external_executor_id:
                    key = TaskInstanceKey(ti.dag_id, ti.task_id, ti.run_id, ti.try_number, ti.map_index)
                    alias = loader.pick(self.specs, None).alias if not ti.executor else self._alias(ti.executor)
                    records.setdefault(alias, []).append(AdoptRecord(key, ti.external_executor_id))
                    await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti.id).values(queued_by_job_id=self.job_id))
                elif ti.state == TIS.QUEUED:
                    await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti.id).values(
                        state=transition(ti.state, TIS.SCHEDULED)))
                elif ti.state == TIS.RESTARTING:  # cleared while running; its process is gone
                    await clear_stopped_try(conn, ti)
                else:
                    await fail_try(conn, ti, now)
        for alias, batch in records.items():
            results = await self.executors[alias].adopt(batch)
            log.info("adopted %d of %d task processes", sum(r.adopted for r in results), len(results))

    def _alias(self, name: str) -> str:
        try:
            return loader.pick(self.specs, name).alias
        except loader.ExecutorLoadError:
            return self.specs[0].alias


def scheduler_lifespan(settings: Settings) -> Any:
    """A litestar lifespan (after the one that opens the store) running the scheduler in the background."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        scheduler = Scheduler(settings, app.state.airgate.store)
        app.state.scheduler = scheduler
        stop = asyncio.Event()
        task = asyncio.create_task(scheduler.run(stop), name="airgate-scheduler")
        try:
            yield
        finally:
            stop.set()
            try:
                await asyncio.wait_for(task, timeout=30)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
            except Exception:
                log.exception("scheduler stopped with an error")

    return lifespan


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """``airgate scheduler``: schedule until ``stop`` is set (or the process is interrupted)."""
    import signal

    from airgate.gateway.store.engine import create_store

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):  # stop cleanly: executors shut down, the job ends
        loop.add_signal_handler(signum, stop.set)
    store = await create_store(settings.sql_alchemy_conn)
    try:
        await Scheduler(settings, store).run(stop)
    finally:
        await store.dispose()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
