"""An example Airgate executor written outside Airgate: ``tempdir``.

Each task runs as ``python -m <runner> --json-string <ExecuteTask JSON>`` in a fresh temporary
directory that is deleted afterwards; its output is kept in memory and served by ``read_log``. It does
not support adoption after a restart (its ``capabilities`` say so), which the conformance kit respects.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import tempfile
from typing import ClassVar

from airgate.sdk import (
    EXECUTION_API_ENV,
    BaseExecutor,
    Capabilities,
    ExecutorConfig,
    LogChunk,
    TaskInstanceKey,
    Workload,
)

__all__ = ["TempDirConfig", "TempDirExecutor"]


class TempDirConfig(ExecutorConfig, kw_only=True, forbid_unknown_fields=True):
    """``[executors.tempdir]``: the SDK's ``parallelism`` plus the folder temporary dirs go in."""

    temp_root: str = tempfile.gettempdir()


class TempDirExecutor(BaseExecutor):
    """Run each task in a subprocess inside its own temporary directory."""

    name: ClassVar[str] = "tempdir"
    capabilities: ClassVar[Capabilities] = Capabilities(adopt=False, logs=True, cancel=True)
    config_class: ClassVar[type[ExecutorConfig]] = TempDirConfig

    def __init__(self, config: TempDirConfig | None = None) -> None:
        super().__init__(config if config is not None else TempDirConfig())
        self._procs: dict[TaskInstanceKey, asyncio.subprocess.Process] = {}
        self._output: dict[TaskInstanceKey, bytearray] = {}

    async def _launch(self, workload: Workload) -> None:
        key = workload.key
        root = self.config.temp_root  # type: ignore[attr-defined]
        env = {**os.environ, **workload.launch.env, EXECUTION_API_ENV: workload.launch.api_url}
        with tempfile.TemporaryDirectory(prefix="tempdir-task-", dir=root) as workdir:
            proc = await asyncio.create_subprocess_exec(
                *workload.argv(sys.executable),
                cwd=workdir,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
            )
            self._procs[key] = proc
            output = self._output[key] = bytearray()
            self._started(key, proc.pid, external_executor_id=None)
            assert proc.stdout is not None
            while chunk := await proc.stdout.read(65536):
                output.extend(chunk)
            code = await proc.wait()
        del self._procs[key]
        self._exited(key, code, proc.pid)

    async def _signal(self, key: TaskInstanceKey, sig: signal.Signals) -> None:
        proc = self._procs.get(key)
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)

    async def read_log(self, key: TaskInstanceKey, offset: int = 0) -> LogChunk:
        output = self._output.get(key)
        if output is None:
            raise KeyError(key)
        data = bytes(output[offset:])
        return LogChunk(data, offset, offset + len(data), complete=key in self._finished)
