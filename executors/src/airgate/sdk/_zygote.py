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

A preloaded runner may make its tasks cheaper with two optional module functions: ``warm_key(env)``, called
in a child that has just taken a request, names what the worker should load for the tasks to come (a
string, or ``None``); ``warm(key)`` is then called in the worker before it forks the next child (not again
for a key it got less than a second ago), so that child and every later one inherit what it loaded
(copy-on-write) instead of each loading it again. A warm hook must leave the worker's environment
(``os.environ``) alone: children set a task's environment by comparing it with the worker's as it was when
the worker started serving.
"""

from __future__ import annotations

import _signal
import contextlib
import errno
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
import time
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


def _preloaded(runner: str) -> ModuleType | None:
    """The entry module of ``runner`` if it is loaded already (never imported here)."""
    module = sys.modules.get(runner)
    if module is not None and hasattr(module, "__path__"):
        module = sys.modules.get(f"{runner}.__main__")
    return module


_MAX_KEY = 2048  # a "took" message stays one atomic pipe write (PIPE_BUF is at least 4096 on Linux)


def _warm_key(request: dict[str, Any]) -> bytes:
    """What the task's runner asks its worker to load for later tasks (``runner NUL key``; empty: nothing)."""
    runner = request.get("runner")
    hook = getattr(_preloaded(runner), "warm_key", None) if isinstance(runner, str) else None
    if not callable(hook):
        return b""
    try:
        key = hook(request.get("env") or {})
    except Exception:
        return b""
    if not isinstance(key, str) or not key:
        return b""
    message = f"{runner}\0{key}".encode(errors="surrogateescape")
    return message if len(message) <= _MAX_KEY and b"\n" not in message else b""


REWARM_AFTER = 1.0
"""Seconds during which a key already warmed is not warmed again (a burst of tasks sends the same key)."""


def _warm(messages: list[bytes], warmed: dict[bytes, float]) -> None:
    """Let the runners load what their tasks asked for (a failure only means the next task loads it itself),
    unless ``warmed`` says it was done less than :data:`REWARM_AFTER` ago: each call ran the runner's code in
    the worker, writing pages its running children shared."""
    loaded = False
    now = time.monotonic()
    for message in messages:
        if now - warmed.get(message, -REWARM_AFTER) < REWARM_AFTER:
            continue
        warmed.pop(message, None)
        warmed[message] = now
        if len(warmed) > 64:
            del warmed[next(iter(warmed))]
        runner, _, key = message.partition(b"\0")
        hook = getattr(_preloaded(runner.decode(errors="surrogateescape")), "warm", None)
        if not key or not callable(hook):
            continue
        try:
            hook(key.decode(errors="surrogateescape"))
            loaded = True
        except Exception:
            pass
    if loaded:
        gc.freeze()  # what was loaded is never scanned by the children's garbage collections either


def _run(runner: str, argv: list[str]) -> int:
    sys.argv = [runner, *argv]
    try:
        # Preloaded modules are called through main(); anything else runs as ``python -m`` would run it
        # (importing it first would execute its top level twice).
        module = _preloaded(runner)
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
    _signal.set_wakeup_fd(-1)  # the C module: signal.signal's enum conversions cost a task ~0.1 ms
    _signal.signal(_signal.SIGCHLD, _signal.SIG_DFL)
    # nor its fd 1 (the worker's stdout pipe, until the task's log replaces it): a pre-forked child holding
    # the pipe would keep the executor from seeing end-of-file when its worker dies
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.close(quiet)
    request = _read_request(0)
    if request is None:  # the executor closed the pool
        os._exit(0)
    os.write(took, b"t" + _warm_key(request) + b"\n")  # the worker may fork the next child now
    os.close(took)
    code = 1
    try:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
        out = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        os.close(null)
        os.chdir(request["cwd"] or workdir)
        _set_environment(request["env"])
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
        with contextlib.suppress(BaseException):
            status = os.open(request["status"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            os.write(status, f"{code}\n".encode())
            os.close(status)
        os._exit(code)


_WORKER_ENV: dict[str, str] = {}
"""The worker's environment as its children are forked with it (see :func:`_snapshot_environment`)."""


def _snapshot_environment() -> None:
    """Copy the worker's environment for its children to compare with, once, when the worker starts
    serving: only the preloaded modules may have changed it, warm hooks must not. Copying it before every
    fork cost the worker ~0.3 ms and ~60 copy-on-write faults a task (rebuilding ~100 strings on pages its
    running children still shared)."""
    _WORKER_ENV.clear()
    _WORKER_ENV.update(os.environ)


def _set_environment(env: dict[str, str]) -> None:
    """Make ``os.environ`` exactly ``env``, touching only what differs from the worker's: a task's
    environment is mostly the worker's plus a few variables, and each change costs a forked child several
    microseconds (clearing and refilling all of it cost ~0.4 ms)."""
    for name in _WORKER_ENV.keys() - env.keys():
        del os.environ[name]
    for name, value in env.items():
        if _WORKER_ENV.get(name) != value:
            os.environ[name] = value


def _send(out: BinaryIO, message: dict[str, int]) -> None:
    """One protocol line, as ``json.dumps`` writes it (every value is an int): no encoder calls in the
    worker's loop."""
    out.write(("{" + ", ".join(f'"{key}": {value}' for key, value in message.items()) + "}\n").encode())
    out.flush()


def _stdin_closed() -> bool:
    """Whether the executor closed our stdin (hang-up and nothing left to read)."""
    poller = select.poll()
    poller.register(0, select.POLLIN)
    events = dict(poller.poll(0)).get(0, 0)
    return bool(events & select.POLLHUP) and not events & select.POLLIN


def _close_inherited() -> None:
    """Close every descriptor but 0-2 that the executor's process leaked to us: an event loop that spawns
    without closing its descriptors (uvloop's) would hand its end of our stdout to every task, and a dead
    worker's end of file would then never reach the executor."""
    for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else ():
        fd = int(name)
        if fd > 2:
            with contextlib.suppress(OSError):
                os.close(fd)


def main() -> None:
    """Keep one child forked ahead; it takes the next request itself. Exit when stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _close_inherited()
    names = [n for n in (sys.argv[1] if len(sys.argv) > 1 else "").split(",") if n]
    proto_out = os.fdopen(os.dup(1), "wb")  # fd 1 is re-pointed in each child anyway
    _preload(names)
    with contextlib.suppress(OSError):  # load the resolver's libraries once, not per task (~15 ms)
        socket.getaddrinfo("localhost", 80)
    _snapshot_environment()
    gc.collect()
    gc.freeze()  # the warm objects are never scanned again by a task's garbage collections
    _send(proto_out, {"ready": os.getpid()})
    _serve(proto_out)


def _drain(fd: int) -> bytes:
    """What a non-blocking pipe holds."""
    data = b""
    with contextlib.suppress(BlockingIOError):
        while chunk := os.read(fd, 4096):
            data += chunk
    return data


def _took(data: bytes, keys: list[bytes]) -> bool:
    """Whether ``data`` from the "took" pipe says the waiting child took a request; its warm key goes to
    ``keys``."""
    for message in data.split(b"\n"):
        if message.startswith(b"t") and len(message) > 1:
            keys.append(message[1:])
    return bool(data)


_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # tempfile's
_NAME_TABLE = bytes(ord(_NAME_CHARS[i % len(_NAME_CHARS)]) for i in range(256))


def _make_workdir(parent: str) -> str:
    """A fresh private directory ``<parent>/airgate-task-XXXXXXXX``, named as ``tempfile.mkdtemp`` names
    it, with a few C calls: ``mkdtemp``'s Python code wrote ~75 pages of the worker per task, each one a
    copy-on-write fault while children share them."""
    for _ in range(tempfile.TMP_MAX):  # as mkdtemp
        name = os.urandom(8).translate(_NAME_TABLE).decode()
        path = f"{parent}{os.sep}airgate-task-{name}"
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "No usable temporary directory name found")


def _remove_workdir(path: str) -> None:
    try:
        os.rmdir(path)  # the usual case: the task left nothing behind
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def _serve(proto_out: BinaryIO) -> None:
    """Keep one child forked ahead while stdin is open; report every child's end."""
    took_r, took_w = os.pipe()
    wake_r, wake_w = os.pipe()
    for fd in (took_r, wake_r, wake_w):
        os.set_blocking(fd, False)
    signal.set_wakeup_fd(wake_w)  # a SIGCHLD wakes the select below
    signal.signal(signal.SIGCHLD, lambda *_: None)
    workdirs: dict[int, str] = {}
    warmed: dict[bytes, float] = {}
    temp = tempfile.gettempdir()
    waiting: int | None = None  # the pre-forked child that has not taken a request yet
    closed = False
    while True:
        if waiting is None and not closed:
            sys.stdout.flush()
            sys.stderr.flush()
            workdir = _make_workdir(temp)  # made and removed here, not by the executor
            pid = os.fork()
            if pid == 0:
                _child(proto_out.fileno(), workdir, took_w, [took_r, wake_r, wake_w])
            workdirs[pid], waiting = workdir, pid
            _send(proto_out, {"forked": pid})
        if closed and not workdirs:
            return
        select.select([took_r, wake_r], [], [], 1.0)
        _drain(wake_r)
        keys: list[bytes] = []
        if _took(_drain(took_r), keys):  # only the waiting child writes there
            waiting = None
        while workdirs:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            _remove_workdir(workdirs.pop(pid, ""))
            if pid == waiting and not _took(_drain(took_r), keys):  # it found stdin closed first
                waiting = None
                continue
            if pid == waiting:  # took a request and ended since the select
                waiting = None
            _send(proto_out, {"exited": pid, "code": os.waitstatus_to_exitcode(status)})
        if keys:
            _warm(keys, warmed)
        closed = closed or _stdin_closed()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # the executor is gone (e.g. the gateway crashed); its tasks live on
        os._exit(0)
