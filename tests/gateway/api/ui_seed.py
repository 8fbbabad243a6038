"""Real DAG files registered by the DAG processor, and runs / task instances / tries / deadlines written into
the store: shared by the private UI API tests (dashboard, calendar, gantt, deadlines)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from airgate.gateway.registry import Bundle, DagProcessor
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, deadline, task_instance, task_instance_history
from airgate.shim import ParserPool

T0 = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)

HEADER = "import pendulum\nfrom airflow.sdk import DAG\nfrom airflow.providers.standard.operators.bash import BashOperator\n"


def dag_file(dag_id: str, schedule: str, *, start: str = "2024, 1, 1", extra: str = "") -> str:
    """A DAG file with tasks ``first >> second`` and the given ``schedule`` (Python source)."""
    return (HEADER + f"with DAG({dag_id!r}, schedule={schedule}, start_date=pendulum.datetime({start}, tz='UTC'),"
            f" catchup=False{extra}):\n"
            "    first = BashOperator(task_id='first', bash_command='echo 1')\n"
            "    second = BashOperator(task_id='second', bash_command='echo 2', task_display_name='Second!')\n"
            "    first >> second\n")


def parser_pool() -> Iterator[ParserPool]:
    """One warm parse worker (use as a module-scoped fixture: ``fixture(scope="module")(parser_pool)``)."""
    with ParserPool(1, timeout=30) as pool:
        yield pool


async def register(store: Store, folder: Path, files: dict[str, str], pool: ParserPool) -> None:
    """Write ``files`` into ``folder`` and let the DAG processor register them (one scan)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    processor = DagProcessor(store, [Bundle("dags-folder", str(folder))], pool=pool)
    try:
        await processor.scan()
    finally:
        processor.close()


async def set_dag(store: Store, dag_id: str, **values: Any) -> None:
    """Change a registered DAG's row (``is_paused``, ``is_stale``)."""
    async with store.write() as conn:
        await conn.execute(sa.update(dag).where(dag.c.dag_id == dag_id).values(**values))


def at(seconds: float) -> datetime:
    """T0 plus ``seconds``."""
    return T0 + timedelta(seconds=seconds)


async def add_run(store: Store, dag_id: str, run_id: str, state: str | None, *, logical_date: datetime | None = None,
                  start: datetime | None = None, end: datetime | None = None, interval: bool = True,
                  run_type: str = "manual") -> int:
    """A dag run (data interval = the logical date when ``interval``); its primary key."""
    async with store.write() as conn:
        result = await conn.execute(sa.insert(dag_run).values(
            dag_id=dag_id, run_id=run_id, state=state, run_type=run_type, logical_date=logical_date,
            run_after=logical_date or start or T0, start_date=start, end_date=end, queued_at=start,
            data_interval_start=logical_date if interval else None,
            data_interval_end=logical_date if interval else None, conf={}, clear_number=0))
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])


async def add_ti(store: Store, dag_id: str, run_id: str, task_id: str, state: str | None, *, try_number: int = 1,
                 map_index: int = -1, start: datetime | None = None, end: datetime | None = None,
                 scheduled: datetime | None = None, queued: datetime | None = None,
                 display: str | None = None, history: bool = False) -> None:
    """A task instance (or, with ``history``, an archived try of one)."""
    values: dict[str, Any] = dict(
        dag_id=dag_id, run_id=run_id, task_id=task_id, map_index=map_index, state=state, try_number=try_number,
        start_date=start, end_date=end, scheduled_dttm=scheduled, queued_dttm=queued, task_display_name=display,
        pool="default_pool", pool_slots=1, max_tries=1, executor_config={})
    async with store.write() as conn:
        if history:
            await conn.execute(sa.insert(task_instance_history).values(task_instance_id=str(uuid.uuid4()), **values))
        else:
            await conn.execute(sa.insert(task_instance).values(id=str(uuid.uuid4()), **values))


async def add_deadline(store: Store, run_pk: int, deadline_id: str, when: datetime, created: datetime,
                       *, missed: bool = False) -> None:
    """A deadline of the run whose primary key is ``run_pk``."""
    async with store.write() as conn:
        await conn.execute(sa.insert(deadline).values(id=deadline_id, dagrun_id=run_pk, deadline_time=when,
                                                      missed=missed, created_at=created, last_updated_at=created))
