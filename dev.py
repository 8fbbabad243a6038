#!/usr/bin/env python3
"""Set up and run Airgate from a checkout with nothing but Python 3.11+.

    python3 dev.py lite [--host H] [--port P]   # bring up `airgate lite` (API on 127.0.0.1:8088)
    python3 dev.py test [PYTEST ARGS...]        # run the whole test suite

Both create ``.venv`` on first use and install the four distributions with the pinned
``requirements/constraints.txt``; later runs reinstall only when those files change.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
LOCAL = ["shim", "agent", "executors"]
TEST_LOCAL = ["tests/thirdparty_executor"]


def _fingerprint(test: bool) -> str:
    files = [CONSTRAINTS, ROOT / "pyproject.toml", *(ROOT / p / "pyproject.toml" for p in LOCAL)]
    if test:
        files += [ROOT / p / "pyproject.toml" for p in TEST_LOCAL]
    digest = hashlib.sha256(str(test).encode())
    for f in files:
        if f.exists():
            digest.update(f.read_bytes())
    return digest.hexdigest()


def _pip(*args: str) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([str(PY), "-m", "pip", "install", "-q", *args], check=True, env=env, cwd=ROOT)


def setup(test: bool) -> None:
    """Create the virtualenv and install what is needed, unless already done for these pins."""
    if not PY.exists():
        print("dev.py: creating .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / (".installed-test" if test else ".installed")
    wanted = _fingerprint(test)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    superset = VENV / ".installed-test"  # a test install has everything `lite` needs
    if not test and superset.exists() and superset.read_text() == _fingerprint(True):
        return
    print("dev.py: installing dependencies (pinned by requirements/constraints.txt)", file=sys.stderr)
    args = ["-c", str(CONSTRAINTS)]
    for p in LOCAL:
        args += ["-e", str(ROOT / p)]
    args += ["-e", f"{ROOT}[test]" if test else str(ROOT)]
    if test:
        for p in TEST_LOCAL:
            if (ROOT / p / "pyproject.toml").exists():
                args += ["-e", str(ROOT / p)]
    _pip(*args)
    stamp.write_text(wanted)


def _run_env() -> dict[str, str]:
    """The environment for Airgate and its tests: bytecode caching on, since every task process and DAG parser
    starts a fresh interpreter (some machines set PYTHONDONTWRITEBYTECODE globally)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


_PR_SET_CHILD_SUBREAPER = 36


def _become_subreaper() -> bool:
    """Adopt every orphan the run leaves behind (Linux), so none can outlive it and hold CI's output open."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _children(pid: int) -> list[tuple[int, str, str]]:
    """(pid, state, command) of the live processes whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[1]) == pid:
            found.append((int(entry), fields[0], cmd.strip()))
    return found


def _reap_adopted(keep: int, stop: threading.Event) -> None:
    """Collect adopted orphans that exited (never ``keep``, the pytest process ``subprocess`` waits for)."""
    me = os.getpid()
    while not stop.wait(2.0):
        for pid, state, _ in _children(me):
            if pid != keep and state == "Z":
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, os.WNOHANG)


def _kill_leftovers() -> None:
    """Kill what the tests left running (whole trees), report it, and reap it."""
    me = os.getpid()
    for _ in range(5):
        alive = [c for c in _children(me) if c[1] != "Z"]
        for pid, _, cmd in alive:
            print(f"dev.py: killing process left behind by the tests: {pid} {cmd[:160]}", file=sys.stderr)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        while True:  # reap; grandchildren of what was killed are adopted by us in turn
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        if not alive:
            return
        time.sleep(0.2)


def _run_tests(args: list[str]) -> int:
    """Run pytest; afterwards no process the tests started outlives this command."""
    subreaper = _become_subreaper()
    proc = subprocess.Popen([str(PY), "-m", "pytest", *args], cwd=ROOT, env=_run_env())
    stop = threading.Event()
    if subreaper:
        threading.Thread(target=_reap_adopted, args=(proc.pid, stop), daemon=True).start()
    try:
        status = proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        status = proc.wait()
    stop.set()
    if subreaper:
        _kill_leftovers()
    return status


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"lite", "test"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    setup(test=command == "test")
    if command == "test":
        # the UI tests drive Debian's chromium (installed with apt when missing), never a downloaded browser
        subprocess.call([str(PY), str(ROOT / "tests" / "ui" / "setup_browser.py")], cwd=ROOT)
        # the real Airflow task SDK (generic execution path) and the benchmark's Airflow side: the pinned
        # Airflow 3.2.2 in its own virtualenv under the cache (a no-op once installed)
        if subprocess.call([str(PY), "-m", "bench.airflow_env", "install"], cwd=ROOT) != 0:
            print("dev.py: could not install the pinned Airflow 3.2.2 (python -m bench.airflow_env install)",
                  file=sys.stderr)
            return 1
    if command == "lite":
        os.execve(str(VENV / "bin" / "airgate"), ["airgate", "lite", *rest], _run_env())
    return _run_tests(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
