"""BashOperator / ``@task.bash``: ``bash -c`` in a subprocess; the last line of output is the result."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import tempfile
from typing import Any

from .task import Task

RUNNING: list[subprocess.Popen[bytes]] = []
"""The running command (so a kill from the heartbeat can stop it)."""
STOPPING: list[bool] = []
"""Set once the task was told to stop: no command starts after that."""


def context_env(task: Task) -> dict[str, str]:
    """``AIRFLOW_CTX_*`` variables, as Airflow's ``context_to_airflow_vars`` sets them."""
    ctx = task.context
    owner = task.doc.get("owner")
    out = {
        "AIRFLOW_CTX_DAG_OWNER": ",".join(owner) if isinstance(owner, list) else str(owner or "airflow"),
        "AIRFLOW_CTX_DAG_ID": task.api.me.dag_id,
        "AIRFLOW_CTX_TASK_ID": task.api.me.task_id,
        "AIRFLOW_CTX_TRY_NUMBER": str(task.api.me.try_number),
        "AIRFLOW_CTX_DAG_RUN_ID": task.api.me.run_id,
    }
    if ctx.get("logical_date") is not None:
        out["AIRFLOW_CTX_LOGICAL_DATE"] = ctx["logical_date"].isoformat()
    return out


def command_env(task: Task) -> dict[str, str] | dict[bytes, bytes]:
    """The command's environment: the task's ``env`` (or this process's, with ``append_env`` under it),
    then the ``AIRFLOW_CTX_*`` variables. Without an ``env`` argument it is kept as bytes (``os.environb``):
    the same variables, without decoding every one of them here and encoding it again in ``Popen``."""
    env = task.arg("env")
    if env is None:
        inherited = dict(os.environb)
        inherited.update({os.fsencode(k): os.fsencode(v) for k, v in context_env(task).items()})
        return inherited
    if task.arg("append_env", False):
        env = {**os.environ, **env}
    return {**{str(k): str(v) for k, v in env.items()}, **context_env(task)}


def run_command(task: Task, command: str) -> str | None:
    """Run ``command``; return the last output line; raise as Airflow's BashOperator does."""
    from airgate.shim.errors import AirflowException, AirflowSkipException

    if not command or not str(command).strip():
        raise AirflowException("Bash command cannot be empty")
    env = command_env(task)
    cwd = task.arg("cwd")
    if cwd is not None:
        if not os.path.exists(cwd):
            raise AirflowException(f"Can not find the cwd: {cwd}")
        if not os.path.isdir(cwd):
            raise AirflowException(f"The cwd {cwd} must be a directory")
    skip_codes = task.arg("skip_on_exit_code", 99)
    if skip_codes is None:
        skip_codes = []
    elif isinstance(skip_codes, int):
        skip_codes = [skip_codes]
    encoding = task.arg("output_encoding", "utf-8") or "utf-8"
    tmp = _mkdtemp("airflowtmp")  # the command's cwd, as Airflow's, removed when it ends
    try:
        print(f"Running command: ['/bin/bash', '-c', {command!r}]", flush=True)
        proc = subprocess.Popen(
            ["/bin/bash", "-c", command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=cwd or tmp,
            env=env,
            start_new_session=True,
        )
        RUNNING.append(proc)
        if STOPPING:
            kill_running()
        last = ""
        assert proc.stdout is not None
        for raw in iter(proc.stdout.readline, b""):
            line = raw.decode(encoding, errors="backslashreplace").rstrip("\n")
            last = line
            print(line, flush=True)
        code = proc.wait()
        RUNNING.remove(proc)
    finally:
        _remove_tree(tmp)
    print(f"Command exited with return code {code}", flush=True)
    if code in skip_codes:
        raise AirflowSkipException(f"Bash command returned exit code {code}. Skipping.")
    if code != 0:
        raise AirflowException(f"Bash command failed. The command returned a non-zero exit code {code}.")
    return last


_NAME_TABLE = bytes(ord("abcdefghijklmnopqrstuvwxyz0123456789_"[i % 37]) for i in range(256))
"""Random bytes to ``tempfile``'s name characters."""


def _mkdtemp(prefix: str) -> str:
    """``tempfile.mkdtemp(prefix=prefix)``: the same names, mode and audit event, in C calls. ``mkdtemp``'s
    Python code and the random generator it seeds again in every forked task cost a task ~0.3 ms of CPU and
    ~75 copy-on-write faults."""
    parent = tempfile.gettempdir()
    for _ in range(tempfile.TMP_MAX):
        path = os.path.join(parent, prefix + os.urandom(8).translate(_NAME_TABLE).decode())
        sys.audit("tempfile.mkdtemp", path)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
            return path
    raise FileExistsError(errno.EEXIST, "No usable temporary directory name found")


def _remove_tree(path: str) -> None:
    """Remove the command's temporary directory: one ``rmdir`` when the command left nothing in it, else
    everything it left, folders it made unreadable included."""
    try:
        os.rmdir(path)
    except OSError:
        import shutil

        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
        for root, dirs, _ in os.walk(path):  # top-down: each folder is opened up before it is entered
            for name in dirs:
                folder = os.path.join(root, name)
                if not os.path.islink(folder):  # never a folder outside it
                    with contextlib.suppress(OSError):
                        os.chmod(folder, 0o700)
        shutil.rmtree(path, ignore_errors=True)


def kill_running() -> None:
    """SIGTERM the running command's process group (the task was told to stop)."""
    STOPPING.append(True)
    for proc in list(RUNNING):
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGTERM)


def run(task: Task) -> Any:
    """BashOperator: the rendered ``bash_command``; ``@task.bash``: the string the function returns."""
    if task.class_name == "_BashDecoratedOperator":
        from .python import run_callable

        command = run_callable(task)
        command = task.renderer.render(command, task.context) if isinstance(command, str) else command
        task.kwargs["bash_command"] = command
        if not isinstance(command, str) or not command.strip():
            from airgate.shim.errors import AirflowException

            raise (
                TypeError("The returned value from the TaskFlow callable must be a non-empty string.")
                if not isinstance(command, str)
                else AirflowException("Bash command cannot be empty")
            )
    else:
        command = task.arg("bash_command")
    return run_command(task, command)
