"""``compile_file``: DAG file → dag.json dicts, parsed in isolated, warm worker processes.

Workers are started as ``python -I -S`` with only the shim on ``sys.path`` (plus the caller's
``sys_path``) and a scrubbed environment: nothing of the caller's environment (``AIRFLOW__*``,
database URLs, credentials...) is inherited. Each file is parsed in a child forked from a warm
worker, so the worker pool survives anything a DAG file does.

The pool is elastic: ``size`` is how many files may parse at once, not how many interpreters run. One
worker parses a typical file in a few milliseconds, so a second one (about 10 MB each) starts only when a
compile has waited ``spawn_after`` seconds for a worker that is busy on a file (a slow DAG file must not hold
up the others); :meth:`ParserPool.trim` stops the idle extra ones.
"""

from __future__ import annotations

import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any

from .worker_messages import timeout_message

DEFAULT_TIMEOUT = 30.0  # Airflow's [core] dagbag_import_timeout
DEFAULT_MEMORY_MB = 1024
SPAWN_AFTER = 0.5
"""Seconds a compile waits for a worker busy on a file before another worker starts (when ``size`` allows)."""
_SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_BOOT = f"import sys; sys.path.insert(0, {_SRC!r}); from airgate.shim.worker import main; main()"
KILL_GRACE = 5.0
SAFE_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
    "HOME": "/nonexistent",
}


@dataclass
class CompileResult:
    """What one DAG file compiles to."""

    path: str
    dags: list[dict[str, Any]] = field(default_factory=list)
    import_errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    duration: float = 0.0
    dag_warnings: list[dict[str, Any]] = field(default_factory=list)
    """Airflow DAG warnings of the file's DAGs (``dag_id``, ``warning_type``, ``message``)."""

    @property
    def ok(self) -> bool:
        """True when the file produced no import error."""
        return not self.import_errors

    def to_json(self) -> str:
        """The deterministic JSON of the DAGs (and errors/warnings), without timings."""
        return json.dumps(
            {
                "path": self.path,
                "dags": self.dags,
                "import_errors": self.import_errors,
                "warnings": self.warnings,
            },
            sort_keys=True,
            indent=2,
        )


class _Worker:
    def __init__(self, python: str, fork: bool) -> None:
        self.proc = subprocess.Popen(
            [python, "-I", "-S", "-c", _BOOT, *(["--fork"] if fork else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=dict(SAFE_ENV),
            cwd="/",
            close_fds=True,
            text=True,
            bufsize=1,
        )

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        stdin: IO[str] = self.proc.stdin  # type: ignore[assignment]
        stdout: IO[str] = self.proc.stdout  # type: ignore[assignment]
        stdin.write(json.dumps(payload) + "\n")
        stdin.flush()
        limit = float(payload["timeout"])
        if limit > 0:
            ready, _, _ = select.select([stdout], [], [], limit + KILL_GRACE)
            if not ready:
                self.proc.kill()
                raise TimeoutError(timeout_message(payload["path"], limit))
        line = stdout.readline()
        if not line:
            status = self.proc.wait()
            how = (
                f"was killed by signal {signal.Signals(-status).name}"
                if status < 0
                else f"exited with code {status}"
            )
            raise ChildProcessError(f"the parsing process {how} (os._exit, a crash or memory exhaustion)")
        result: dict[str, Any] = json.loads(line)
        self.recycle = bool(result.get("recycle"))
        self.served += 1
        return result

    recycle = False
    served = 0
    """Files answered: a worker that has answered none is still starting (importing), not stuck on a file."""

    def alive(self) -> bool:
        return self.proc.poll() is None and not self.recycle

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()


class ParserPool:
    """A pool of warm parse workers: at most ``size`` files parse at once; workers start on demand."""

    def __init__(
        self,
        size: int | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        sys_path: Sequence[str] = (),
        python: str | None = None,
        fork_per_file: bool = False,
        inflation_check: str = "warning",
        spawn_after: float = SPAWN_AFTER,
    ) -> None:
        self.size = size or max(1, min(4, os.cpu_count() or 1))
        self.spawn_after = spawn_after
        self.inflation_check = inflation_check
        """``[dag_processor] dag_version_inflation_check_level``: off, warning (DAG warnings) or error."""
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.sys_path = list(sys_path)
        self.python = python or sys.executable
        self.fork_per_file = fork_per_file
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._busy: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    @property
    def workers(self) -> int:
        """Worker processes running now (busy or idle)."""
        return self._started

    def _may_start(self, waited: float) -> bool:
        """Whether a compile that has waited ``waited`` seconds starts a worker (called under the lock)."""
        if self._started == 0:
            return True
        if self._started >= self.size or waited < self.spawn_after:
            return False
        return all(worker.served for worker in self._busy)  # busy on a file, not still starting

    def _acquire(self) -> _Worker:
        """An idle worker; else a new one when none runs, or when this compile has waited ``spawn_after``
        seconds while every running worker is busy on a file (fewer than ``size`` running); else wait.

        Never waits forever: a worker that dies frees its place (a new one starts), and a closed pool raises.
        """
        began = time.monotonic()
        while True:
            with self._lock:
                if self._closed:
                    raise RuntimeError("the parser pool is closed")
                try:
                    worker = self._idle.get_nowait()
                except queue.Empty:
                    if not self._may_start(time.monotonic() - began):
                        worker = None
                    else:
                        worker = _Worker(self.python, self.fork_per_file)  # may raise (no such interpreter)
                        self._started += 1
                if worker is not None:
                    self._busy.add(worker)
                    return worker
            try:
                worker = self._idle.get(timeout=0.05)
            except queue.Empty:
                continue
            with self._lock:
                self._busy.add(worker)
            return worker

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
        if worker.alive() and not self._closed:
            self._idle.put(worker)
        else:
            try:
                worker.close()
            finally:  # its place is free even if closing a dead worker's pipes fails
                with self._lock:
                    self._started -= 1

    def trim(self, keep: int = 1) -> None:
        """Stop idle workers beyond ``keep`` (the extra ones a slow file called for)."""
        while True:
            with self._lock:
                if self._started <= keep:
                    return
                try:
                    worker = self._idle.get_nowait()
                except queue.Empty:
                    return
                self._started -= 1
            worker.close()

    def compile(
        self,
        path: str,
        *,
        relative_fileloc: str | None = None,
        timeout: float | None = None,
        memory_mb: int | None = None,
    ) -> CompileResult:
        """Compile one file."""
        path = os.path.abspath(path)
        payload = {
            "path": path,
            "relative_fileloc": relative_fileloc or os.path.basename(path),
            "timeout": self.timeout if timeout is None else timeout,
            "memory_mb": self.memory_mb if memory_mb is None else memory_mb,
            "sys_path": self.sys_path,
            "inflation_check": self.inflation_check,
        }
        worker = self._acquire()
        try:
            data = worker.request(payload)
        except (OSError, RuntimeError, ValueError) as exc:
            worker.proc.kill()
            data = {
                "dags": [],
                "warnings": [],
                "import_errors": [
                    {
                        "filename": path,
                        "lineno": None,
                        "message": f"Failed to import {path}: {exc}",
                        "stacktrace": None,
                    }
                ],
            }
        finally:
            self._release(worker)
        return CompileResult(
            path=path,
            dags=data["dags"],
            import_errors=data["import_errors"],
            warnings=data["warnings"],
            duration=data.get("duration", 0.0),
            dag_warnings=data.get("dag_warnings", []),
        )

    def compile_many(self, paths: Iterable[str]) -> list[CompileResult]:
        """Compile many files concurrently, results in input order."""
        with ThreadPoolExecutor(max_workers=self.size) as pool:
            return list(pool.map(self.compile, paths))

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        while not self._idle.empty():
            self._idle.get().close()

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


_DEFAULT: ParserPool | None = None
_DEFAULT_LOCK = threading.Lock()


def default_pool() -> ParserPool:
    """The process-wide pool used by ``compile_file``."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = ParserPool()
        return _DEFAULT


def compile_file(
    path: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    relative_fileloc: str | None = None,
    pool: ParserPool | None = None,
) -> CompileResult:
    """Compile one DAG file in an isolated worker (time limit ``timeout``, memory limit ``memory_mb``)."""
    return (pool or default_pool()).compile(
        path, relative_fileloc=relative_fileloc, timeout=timeout, memory_mb=memory_mb
    )
