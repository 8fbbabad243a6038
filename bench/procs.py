"""Processes the harness starts: launch, find every descendant, measure memory, stop them all."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # the command name may contain spaces and parentheses: fields follow the last ')'
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def descendants(roots: list[int]) -> list[int]:
    """The given pids that are alive plus all their descendants."""
    tree = _children_map()
    seen: list[int] = []
    stack = [pid for pid in roots if Path(f"/proc/{pid}").exists()]
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.append(pid)
        stack.extend(tree.get(pid, []))
    return seen


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot, from ``/proc/stat``."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


QUIET_BUSY = 0.10      # a machine at most this busy (fraction of all its cores) ...
QUIET_WINDOW = 0.5     # ... over this many seconds counts as quiet
QUIET_MAX = 30.0       # seconds to wait at most


def wait_quiet(busy: float = QUIET_BUSY, window: float = QUIET_WINDOW, limit: float = QUIET_MAX) -> float:
    """Wait until the whole machine was at most ``busy`` busy over ``window`` seconds (at most ``limit``
    seconds); return the seconds waited. What the previous measurement left behind (its side's last task
    processes exiting, the database's autovacuum and checkpoint after thousands of writes) then no longer
    takes the cores from the next one."""
    began = time.monotonic()
    before = _cpu_times()
    while True:
        time.sleep(window)
        after = _cpu_times()
        total = after[1] - before[1]
        waited = time.monotonic() - began
        if (total > 0 and (after[0] - before[0]) / total <= busy) or waited >= limit:
            return waited
        before = after


@dataclass(frozen=True)
class Memory:
    """Memory of a set of processes, in bytes: RSS summed (counts shared pages once per process) and PSS."""

    rss: int
    pss: int
    processes: int


def memory(roots: list[int]) -> Memory:
    """Total RSS and PSS of ``roots`` and their descendants (from ``/proc/<pid>/smaps_rollup``)."""
    rss = pss = count = 0
    for pid in descendants(roots):
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        count += 1
        for line in text.splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss += int(line.split()[1]) * 1024
    return Memory(rss=rss, pss=pss, processes=count)


@dataclass
class ProcessGroup:
    """Every process the harness started, each in a session of its own; ``stop_all`` ends them all."""

    log_dir: Path
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> int:
        """Start ``argv`` with its output in ``log_dir/<name>.log``; return its pid."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_dir / f"{name}.log", "ab") as log:
            proc = subprocess.Popen(
                argv, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self.procs[name] = proc
        return proc.pid

    def pids(self, names: list[str] | None = None) -> list[int]:
        """Root pids of the named processes (all when ``names`` is None)."""
        return [p.pid for n, p in self.procs.items() if names is None or n in names]

    def exited(self) -> dict[str, int]:
        """Processes that have ended, with their exit codes."""
        return {n: rc for n, p in self.procs.items() if (rc := p.poll()) is not None}

    def log_tail(self, name: str, lines: int = 20) -> str:
        """The last lines a process wrote."""
        path = self.log_dir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self, name: str, timeout: float = 20.0) -> None:
        """Stop one process and everything it started: SIGTERM, then SIGKILL after ``timeout`` seconds."""
        proc = self.procs.pop(name, None)
        if proc is not None:
            _terminate([proc], timeout)

    def stop_all(self, timeout: float = 20.0) -> None:
        """Stop every process started here (safe to call more than once)."""
        procs = list(self.procs.values())
        self.procs.clear()
        _terminate(procs, timeout)


def _signal(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def _terminate(procs: list[subprocess.Popen[bytes]], timeout: float) -> None:
    family = descendants([p.pid for p in procs if p.poll() is None])
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
    _signal(family, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(p.poll() is None for p in procs):
        time.sleep(0.1)
    leftovers = descendants([pid for pid in family if Path(f"/proc/{pid}").exists()])
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
    _signal(leftovers, signal.SIGKILL)
    for proc in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
