"""The DAG processor: a full scan on start, then a re-scan of every changed file (hot reload).

Changes are found by polling each bundle's ``.py`` files (mtime and size) every ``poll_interval`` seconds;
a changed or new file is compiled (warm ``airgate.shim`` workers: one, more only while a slow file holds it, at
most ``parsing_processes``) and recorded, ``WRITE_BATCH`` files per transaction;
a file that is gone makes its DAGs stale. A pass that finds nothing changed writes nothing; the bundles are
reconciled with the store (refreshed, stale DAGs and orphan import errors settled) after every change and at
least every ``RECONCILE_INTERVAL`` seconds. Fail-safe: when a bundle cannot be listed or the compiler fails,
nothing of that bundle is marked stale or cleared, and the next poll tries again (the failure is logged once,
not on every poll).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from airgate.gateway.registry import requests, scanner
from airgate.gateway.registry.bundles import Bundle
from airgate.gateway.registry.parse_warnings import purge_stale, record_dag_warnings
from airgate.gateway.registry.reconciler import reconcile_bundle, retire_bundles
from airgate.gateway.registry.versions import Defaults, ParsedFile, read_source, record_files
from airgate.gateway.store.engine import Store
from airgate.shim.compiler import ParserPool

log = logging.getLogger("airgate.registry")

WRITE_BATCH = 10
"""Files per write transaction; one batch compiles while the previous one is written. Each file's compiled DAGs
weigh ~80 kB as Python objects, so the batch size is the processor's working memory (50: ~4 MB more at peak)."""
RECONCILE_INTERVAL = 30.0
"""Seconds between reconciliations of a bundle nothing changed in (Airflow refreshes a bundle every
``[dag_processor] refresh_interval``, 300 s by default)."""
_RETIRE = "\0retire"  # key of the bundles' retirement (not a bundle name) in DagProcessor._reconciled
INFRA_STRIKES = 2
"""Passes a file may fail for the parser's own sake (worker gone, child terminated by a signal a shutdown sends)
before the failure is recorded as the file's import error."""
_INFRA_SIGNS = ("parse worker died", "killed by signal SIGTERM", "killed by signal SIGINT", "killed by signal SIGHUP")


class CompilerUnavailable(RuntimeError):
    """The parser, not the DAG file, failed (e.g. its processes were terminated): the pass records nothing."""


def _infrastructure_failure(errors: list[dict[str, object]]) -> bool:
    return any(any(sign in str(e.get("message", "")) for sign in _INFRA_SIGNS) for e in errors)


@dataclass
class ScanReport:
    """What one pass did."""

    files: int = 0
    compiled: int = 0
    new_versions: list[str] = field(default_factory=list)
    import_errors: int = 0
    failed_bundles: list[str] = field(default_factory=list)
    seconds: float = 0.0


class DagProcessor:
    """Keeps the store in step with the DAG files of ``bundles``."""

    def __init__(self, store: Store, bundles: Sequence[Bundle], defaults: Defaults | None = None, *,
                 pool: ParserPool | None = None, import_timeout: float = 30.0, poll_interval: float = 0.3,
                 workers: int | None = None, inflation_check: str = "warning") -> None:
        self.store = store
        self.bundles = list(bundles)
        self.defaults = defaults or Defaults()
        self.poll_interval = poll_interval
        self._own_pool = pool is None
        self.pool = pool or ParserPool(workers, timeout=import_timeout, inflation_check=inflation_check)
        self._threads = ThreadPoolExecutor(max_workers=self.pool.size, thread_name_prefix="airgate-parse")
        self._seen: dict[str, dict[str, tuple[int, int]]] = {b.name: {} for b in self.bundles}
        self._dag_files: dict[str, set[str]] = {b.name: set() for b in self.bundles}
        self._requests: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
        self._wake = asyncio.Event()
        self._strikes: dict[str, int] = {}
        self._reconciled: dict[str, float] = {}  # bundle -> monotonic time of its last reconciliation
        self._failing: dict[str, str] = {}  # bundle -> the error last logged for it

    def bundle(self, name: str) -> Bundle | None:
        """The bundle called ``name``."""
        return next((b for b in self.bundles if b.name == name), None)

    def request_reparse(self, bundle_name: str, relative_fileloc: str) -> None:
        """Parse this file again on the next pass (in-process callers; the API stores a request row)."""
        self._requests.put_nowait((bundle_name, relative_fileloc))
        self._wake.set()

    def wake(self) -> None:
        """Start the next pass now (e.g. a ``reparse_dag_file`` request was just stored)."""
        self._wake.set()

    async def _stored_requests(self) -> list[tuple[str, str]]:
        """Take the stored priority parsing requests of this processor's bundles (deleted once taken)."""
        names = [b.name for b in self.bundles]
        async with self.store.read() as conn:
            rows = await requests.pending(conn, names)
        if not rows:
            return []
        async with self.store.write() as conn:
            await requests.remove(conn, [row[0] for row in rows])
        return [(bundle, rel) for _, bundle, rel in rows]

    async def _compile(self, bundle: Bundle, paths: list[str]) -> list[tuple[ParsedFile, list[dict[str, object]]]]:
        loop = asyncio.get_running_loop()

        def one(path: str) -> tuple[ParsedFile, list[dict[str, object]]]:
            source = read_source(path)
            result = self.pool.compile(path, relative_fileloc=bundle.relative(path))
            if _infrastructure_failure(result.import_errors):
                strikes = self._strikes.get(path, 0)
                if strikes < INFRA_STRIKES:
                    self._strikes[path] = strikes + 1
                    raise CompilerUnavailable(f"{path}: {result.import_errors[0]['message']}")
            self._strikes.pop(path, None)
            parsed = ParsedFile(bundle, path, source, result.dags, result.import_errors, result.duration)
            return parsed, result.dag_warnings

        return list(await asyncio.gather(*(loop.run_in_executor(self._threads, one, p) for p in paths)))

    async def _record(self, parsed: list[tuple[ParsedFile, list[dict[str, object]]]], report: ScanReport) -> None:
        for start in range(0, len(parsed), WRITE_BATCH):
            batch = parsed[start:start + WRITE_BATCH]
            files = [item for item, _ in batch]
            async with self.store.write() as conn:
                report.new_versions += await record_files(conn, files, self.defaults)
                await record_dag_warnings(conn, [([str(d["dag_id"]) for d in item.dags], warnings)
                                                 for item, warnings in batch if not item.errors])
            report.import_errors += sum(bool(item.errors) for item in files)

    async def _process(self, bundle: Bundle, paths: list[str], report: ScanReport) -> None:
        """Compile and record ``paths`` batch by batch (the next batch compiles while one is written), so that
        only two batches of results are ever held at once."""
        if not paths:
            return
        batches = [paths[start:start + WRITE_BATCH] for start in range(0, len(paths), WRITE_BATCH)]
        pending = asyncio.ensure_future(self._compile(bundle, batches[0]))
        try:
            for index in range(len(batches)):
                parsed = await pending
                if index + 1 < len(batches):
                    pending = asyncio.ensure_future(self._compile(bundle, batches[index + 1]))
                report.compiled += len(parsed)
                await self._record(parsed, report)
                del parsed
        finally:
            if not pending.done():
                pending.cancel()
                with contextlib.suppress(BaseException):
                    await pending

    def _changes(self, bundle: Bundle) -> tuple[list[str], set[str], dict[str, tuple[int, int]]]:
        """(files to parse, DAG files present now, stamps); raises OSError when the bundle cannot be listed."""
        if not os.path.isdir(bundle.path):
            raise OSError(f"DAG bundle {bundle.name!r}: folder {bundle.path} is missing")
        now = scanner.snapshot(scanner.python_files(bundle.path))
        seen = self._seen[bundle.name]
        dag_files = {p for p in self._dag_files[bundle.name] if p in now}
        todo = []
        for path, stamp in now.items():
            if seen.get(path) == stamp:
                continue
            if scanner.might_contain_dag(path):
                dag_files.add(path)
                todo.append(path)
            else:
                dag_files.discard(path)
        return sorted(todo), dag_files, now

    def _due(self, name: str) -> bool:
        """Whether ``name`` was not reconciled in the last ``RECONCILE_INTERVAL`` seconds."""
        last = self._reconciled.get(name)
        return last is None or time.monotonic() - last >= RECONCILE_INTERVAL

    async def _pass(self, report: ScanReport, extra: dict[str, set[str]] | None = None) -> None:
        for bundle in self.bundles:
            try:
                todo, present, stamps = await asyncio.to_thread(self._changes, bundle)
                wanted = sorted(set(todo) | ({p for p in (extra or {}).get(bundle.name, set()) if p in present}))
                report.files += len(present)
                await self._process(bundle, wanted, report)
                if wanted or present != self._dag_files[bundle.name] or self._due(bundle.name):
                    async with self.store.write() as conn:
                        await reconcile_bundle(conn, bundle, {bundle.relative(p) for p in present})
                        await purge_stale(conn)
                    self._reconciled[bundle.name] = time.monotonic()
            except Exception as exc:
                if self._failing.get(bundle.name) != str(exc):
                    log.error("DAG bundle %s: scan failed, nothing removed: %s", bundle.name, exc)
                self._failing[bundle.name] = str(exc)
                report.failed_bundles.append(bundle.name)
                continue
            if self._failing.pop(bundle.name, None) is not None:
                log.info("DAG bundle %s: scanned again", bundle.name)
            self._seen[bundle.name] = stamps
            self._dag_files[bundle.name] = present

    async def scan(self) -> ScanReport:
        """One pass over every bundle: parse what changed since the last pass, reconcile what is gone."""
        started = time.monotonic()
        report = ScanReport()
        extra: dict[str, set[str]] = {}
        asked = await self._stored_requests()
        while not self._requests.empty():
            asked.append(self._requests.get_nowait())
        for name, rel in asked:
            bundle = self.bundle(name)
            if bundle is not None:
                extra.setdefault(name, set()).add(bundle.absolute(rel))
        await self._pass(report, extra)
        if self.pool.workers > 1:  # the extra workers a slow file called for, once idle
            await asyncio.to_thread(self.pool.trim)
        if not report.failed_bundles and self._due(_RETIRE):
            async with self.store.write() as conn:
                await retire_bundles(conn, [b.name for b in self.bundles])
            self._reconciled[_RETIRE] = time.monotonic()
        report.seconds = time.monotonic() - started
        return report

    async def run(self, stop: asyncio.Event) -> None:
        """Scan until ``stop`` is set (the first pass is the full scan and reconciliation)."""
        while not stop.is_set():
            try:
                report = await self.scan()
                if report.compiled:
                    log.info("parsed %d file(s), %d new DAG version(s), %d import error(s)",
                             report.compiled, len(report.new_versions), report.import_errors)
            except Exception:
                log.exception("DAG processor pass failed")
            self._wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
            await asyncio.wait(waiters, timeout=self.poll_interval, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()

    def close(self) -> None:
        """Stop the parse workers and threads."""
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._own_pool:
            self.pool.close()
