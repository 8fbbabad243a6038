"""A ``local`` executor worker: a warm interpreter that forks one child per task, several tasks at once.

Run as ``python -m airgate.sdk._zygote <module,module,...>``. It imports the given runner modules once,
answers ``{"ready": pid}`` and forks a child ahead of time, announced as ``{"forked": pid}``. That child
(already in its own session) reads the next request line from the shared stdin itself::

    {"runner": ..., "json": <ExecuteTask JSON>, "env": {...}, "cwd": ..., "log": ..., "status": ...}

tells the worker it took it (one byte on a private pipe), sends stdout/stderr to ``log``, replaces the
environment, changes to ``cwd`` (``null``: a fresh directory the worker made before the fork and removes
after the child ends), runs the runner's ``main()`` with ``--json-string``, writes its exit status to
``status`` and exits. As soon as a child took its request the worker forks the next one (``forked``), so
one worker runs any number of tasks at once and there is no fork on the launch path; each end is reported
as ``{"exited": pid, "code": n}``. Only after ``forked`` may the executor send the next request. The worker
exits once stdin is closed and its children have ended. Standard library only.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import runpy
import select
import shutil
import signal
import socket
import sys
import tempfile
import traceback
from types import ModuleType
from typing import Any, BinaryIO


def _entry_module(runner: str) -> ModuleType:
    """The module whose ``main()`` runs ``runner`` (a package's ``__main__``)."""
    module = importlib.import_module(runner)
    if hasattr(module, "__path__"):
        module = importlib.import_module(f"{runner}.__main__")
    return module


def _preload(names: list[str]) -> None:
    for name in names:
        try:
            _entry_module(name)
        except BaseException as exc:
            print(f"airgate local worker: cannot preload {name}: {exc!r}", file=sys.stderr, flush=True)


def _run(runner: str, argv: list[str]) -> int:
    sys.argv = [runner, *argv]
    try:
        # Preloaded modules are called through main(); anything else runs as ``python -m`` would run it
        # (importing it first would execute its top level twice).
        module = sys.modules.get(runner)
        if module is not None and hasattr(module, "__path__"):
            module = sys.modules.get(f"{runner}.__main__")
        main = getattr(module, "main", None)
        if callable(main):
            result = main()
        else:
            runpy.run_module(runner, run_name="__main__", alter_sys=True)
            result = 0
    except SystemExit as exc:
        result = exc.code
    except BaseException:
        traceback.print_exc()
        return 1
    if result is None:
        return 0
    if isinstance(result, int):
        return result & 0xFF
    print(result, file=sys.stderr)
    return 1


def _read_request(fd: int) -> dict[str, Any] | None:
    """One request line from ``fd``, read unbuffered (nothing beyond the newline is consumed)."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 65536)
        if not chunk:
            return None
        data += chunk
    return json.loads(data)


def _child(proto_out: int, workdir: str, took: int, private: list[int]) -> None:
    """A pre-forked child: wait for one request on stdin, say so on ``took``, then become that task (in
    ``workdir`` unless the request names a working directory)."""
    os.setsid()
    os.close(proto_out)
    for fd in private:  # the worker's own ends of its pipes
        os.close(fd)
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    # nor its fd 1 (the worker's stdout pipe, until the task's log replaces it): a pre-forked child holding
    # the pipe would keep the executor from seeing end-of-file when its worker dies
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.close(quiet)
    request = _read_request(0)
    if request is None:  # the executor closed the pool
        os._exit(0)
    os.write(took, b"t")  # the worker may fork the next child now
    os.close(took)
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        out = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        os.close(null)
        os.chdir(request["cwd"] or workdir)
        os.environ.clear()
        os.environ.update(request["env"])
        # What a new ``python -m`` would have on sys.path: the working dir, then PYTHONPATH.
        extra = [p for p in request["env"].get("PYTHONPATH", "").split(os.pathsep) if p]
        sys.path[:1] = [os.getcwd(), *extra]
        code = _run(request["runner"], ["--json-string", request["json"]])
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):
                stream.flush()
        with contextlib.suppress(BaseException), open(request["status"], "w") as fh:
            fh.write(f"{code}\n")
        os._exit(code)


def _send(out: BinaryIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message).encode() + b"\n")
    out.flush()


def _stdin_closed() -> bool:
    """Whether the executor closed our stdin (hang-up and nothing left to read)."""
    poller = select.poll()
    poller.register(0, select.POLLIN)
    events = dict(poller.poll(0)).get(0, 0)
    return bool(events & select.POLLHUP) and not events & select.POLLIN


def main() -> None:
    """Keep one child forked ahead; it takes the next request itself. Exit when stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    names = [n for n in (sys.argv[1] if len(sys.argv) > 1 else "").split(",") if n]
    proto_out = os.fdopen(os.dup(1), "wb")  # fd 1 is re-pointed in each child anyway
    _preload(names)
    with contextlib.suppress(OSError):  # load the resolver's libraries once, not per task (~15 ms)
        socket.getaddrinfo("localhost", 80)
    gc.collect()
    gc.freeze()  # the warm objects are never scanned again by a task's garbage collections
    _send(proto_out, {"ready": os.getpid()})
    _serve(proto_out)


def _drain(fd: int) -> bool:
    """Read what a non-blocking pipe holds; whether it held anything."""
    got = False
    with contextlib.suppress(BlockingIOError):
        while os.read(fd, 4096):
            got = True
    return got


def _serve(proto_out: BinaryIO) -> None:
    """Keep one child forked ahead while stdin is open; report every child's end."""
    took_r, took_w = os.pipe()
    wake_r, wake_w = os.pipe()
    for fd in (took_r, wake_r, wake_w):
        os.set_blocking(fd, False)
    signal.set_wakeup_fd(wake_w)  # a SIGCHLD wakes the select below
    signal.signal(signal.SIGCHLD, lambda *_: None)
    workdirs: dict[int, str] = {}
    waiting: int | None = None  # the pre-forked child that has not taken a request yet
    closed = False
    while True:
        if waiting is None and not closed:
            sys.stdout.flush()
            sys.stderr.flush()
            workdir = tempfile.mkdtemp(prefix="airgate-task-")  # made and removed here, not by the executor
            pid = os.fork()
            if pid == 0:
                _child(proto_out.fileno(), workdir, took_w, [took_r, wake_r, wake_w])
            workdirs[pid], waiting = workdir, pid
            _send(proto_out, {"forked": pid})
        if closed and not workdirs:
            return
        select.select([took_r, wake_r], [], [], 1.0)
        _drain(wake_r)
        if _drain(took_r):  # only the waiting child writes there
            waiting = None
        while workdirs:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            shutil.rmtree(workdirs.pop(pid, ""), ignore_errors=True)
            if pid == waiting and not _drain(took_r):  # it found stdin closed before taking a request
                waiting = None
                continue
            if pid == waiting:  # took a request and ended since the select
                waiting = None
            _send(proto_out, {"exited": pid, "code": os.waitstatus_to_exitcode(status)})
        closed = closed or _stdin_closed()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # the executor is gone (e.g. the gateway crashed); its tasks live on
        os._exit(0)
