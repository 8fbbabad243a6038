"""Running the DAG processor inside a process: as a background task of the app's lifespan, or standalone
(``airgate dag-processor``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from airgate.gateway.config import Settings
from airgate.gateway.registry.bundles import bundles_for
from airgate.gateway.registry.processor import DagProcessor
from airgate.gateway.registry.versions import Defaults
from airgate.gateway.store.engine import Store
from airgate.shim.stability import level_of

log = logging.getLogger("airgate.registry")


def make_processor(settings: Settings, store: Store) -> DagProcessor:
    """A processor for the bundles and defaults of ``settings``."""
    defaults = Defaults(paused_at_creation=settings.dags_are_paused_at_creation,
                        max_active_tasks=settings.max_active_tasks_per_dag,
                        max_active_runs=settings.max_active_runs_per_dag,
                        max_consecutive_failed_dag_runs=int(
                            settings.raw.get("core", {}).get("max_consecutive_failed_dag_runs_per_dag") or 0))
    section = settings.raw.get("dag_processor", {})
    return DagProcessor(store, bundles_for(settings), defaults, import_timeout=settings.dagbag_import_timeout,
                        workers=int(section.get("parsing_processes") or 2),
                        inflation_check=level_of(section.get("dag_version_inflation_check_level")))


@contextlib.asynccontextmanager
async def running(processor: DagProcessor) -> AsyncIterator[DagProcessor]:
    """Run ``processor`` in the background until the block ends; then stop it and its workers."""
    stop = asyncio.Event()
    task = asyncio.create_task(processor.run(stop), name="airgate-dag-processor")
    try:
        yield processor
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, timeout=10)
        except (TimeoutError, asyncio.CancelledError):
            task.cancel()
        except Exception:
            log.exception("DAG processor stopped with an error")
        processor.close()


def app_lifespan(settings: Settings) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """A litestar lifespan (after the one that opens the store) that runs the DAG processor."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        processor = make_processor(settings, app.state.airgate.store)
        app.state.dag_processor = processor
        async with running(processor):
            yield

    return lifespan


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """``airgate dag-processor``: scan and watch until ``stop`` is set (or the process is interrupted)."""
    from airgate.gateway.store.engine import create_store

    store = await create_store(settings.sql_alchemy_conn)
    processor = make_processor(settings, store)
    try:
        await processor.run(stop or asyncio.Event())
    finally:
        processor.close()
        await store.dispose()
