#!/usr/bin/env python3
"""Set up and run Airgate from a checkout with nothing but Python 3.11+.

    python3 dev.py lite [--host H] [--port P]   # bring up `airgate lite` (API on 127.0.0.1:8088)
    python3 dev.py test [PYTEST ARGS...]        # run the whole test suite

Both create ``.venv`` on first use and install the four distributions with the pinned
``requirements/constraints.txt``; later runs reinstall only when those files change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
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


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"lite", "test"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    setup(test=command == "test")
    if command == "test":
        # the UI tests drive Debian's chromium (installed with apt when missing), never a downloaded browser
        subprocess.call([str(PY), str(ROOT / "tests" / "ui" / "setup_browser.py")], cwd=ROOT)
    if command == "lite":
        os.execve(str(VENV / "bin" / "airgate"), ["airgate", "lite", *rest], _run_env())
    return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=_run_env())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
