"""The ``lite`` executor: one new interpreter per task — the simplest and most isolated.

Each task runs ``python -m <runner> --json-string <ExecuteTask JSON>`` in a new session (so it survives a
gateway restart and can be adopted), with stdout and stderr appended to its output file. The
interpreter is the task's process itself (no wrapper), so a task adopted after a restart reports
``exit_code`` ``None``: only its parent could have learnt it.
"""

from __future__ import annotations

import asyncio
import sys
from typing import ClassVar

from airgate.sdk._types import Capabilities, Workload
from airgate.sdk.config import ExecutorConfig
from airgate.sdk.process import ProcessExecutor

__all__ = ["LiteConfig", "LiteExecutor"]


class LiteConfig(ExecutorConfig, kw_only=True, forbid_unknown_fields=True):
    """``[executors.lite]``: ``base_log_folder``, ``parallelism`` and ``python`` (default interpreter)."""

    python: str = sys.executable


class LiteExecutor(ProcessExecutor):
    """One subprocess per task."""

    name: ClassVar[str] = "lite"
    capabilities: ClassVar[Capabilities] = Capabilities(adopt=True, logs=True, cancel=True)
    config_class: ClassVar[type[ExecutorConfig]] = LiteConfig

    def __init__(self, config: LiteConfig | None = None) -> None:
        super().__init__(config if config is not None else LiteConfig())
        self.config: LiteConfig

    async def _launch(self, workload: Workload) -> None:
        key = workload.key
        log, cwd, env = self._prepare(workload)
        argv = workload.argv(self.config.python)
        with open(log, "ab") as out:
            proc = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
                cwd=cwd,
                env=env,
                start_new_session=True,
            )
        self._pids[key] = proc.pid
        self._started(key, proc.pid, self._ref(proc.pid, log).encode())
        code = await proc.wait()
        self._exited(key, code, proc.pid)
