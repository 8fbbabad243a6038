"""The pinned Apache Airflow 3.2.2 environment the benchmark compares against.

``python -m bench.airflow_env install`` creates a virtualenv under
``${XDG_CACHE_HOME:-~/.cache}/airgate/airflow-3.2.2/venv`` holding
``apache-airflow[postgres]==3.2.2`` resolved exactly as on its release day, then writes a ``READY`` file
next to it. The resolution is pinned by the committed ``bench/constraints-airflow-3.2.2.txt`` (plus pip's
``--uploaded-prior-to`` cut-off), so a later install gets the same versions: an unpinned install pulls
newer dependencies that break Airflow at import.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

AIRFLOW_VERSION = "3.2.2"
PIP_VERSION = "26.3"
UPLOAD_CUTOFF = "2026-05-29T12:00:00Z"
REQUIREMENT = f"apache-airflow[postgres]=={AIRFLOW_VERSION}"
CONSTRAINTS = Path(__file__).resolve().parent / f"constraints-airflow-{AIRFLOW_VERSION}.txt"


def cache_root() -> Path:
    """The directory holding the Airflow virtualenv, its READY marker and its AIRFLOW_HOME."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "airgate" / f"airflow-{AIRFLOW_VERSION}"


def venv_dir() -> Path:
    """The virtualenv with Airflow installed."""
    return cache_root() / "venv"


def ready_file() -> Path:
    """Written once the install has been verified with ``airflow version``."""
    return cache_root() / "READY"


def airflow_bin() -> Path:
    """The ``airflow`` console script of the pinned environment."""
    return venv_dir() / "bin" / "airflow"


def is_ready() -> bool:
    """True when a verified install is present."""
    return ready_file().is_file() and airflow_bin().is_file()


def pip_env() -> dict[str, str]:
    """Environment for pip: ignore the machine's global pip config (its constraint file must not apply)."""
    env = dict(os.environ)
    env["PIP_CONFIG_FILE"] = os.devnull
    env.pop("PIP_CONSTRAINT", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, env=env, check=True)


def install(python: str | None = None, *, force: bool = False, freeze: bool = False) -> Path:
    """Create the virtualenv and install the pinned Airflow; return the ``airflow`` executable.

    ``freeze=True`` resolves with the date cut-off only and (re)writes the constraints file from the
    result; otherwise the committed constraints file is applied.
    """
    if is_ready() and not force:
        return airflow_bin()
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    ready_file().unlink(missing_ok=True)
    if venv_dir().exists():
        shutil.rmtree(venv_dir())
    env = pip_env()
    _run([python or sys.executable, "-m", "venv", str(venv_dir())], env)
    vpy = str(venv_dir() / "bin" / "python")
    _run([vpy, "-m", "pip", "install", f"pip=={PIP_VERSION}"], env)
    cmd = [vpy, "-m", "pip", "install", "--uploaded-prior-to", UPLOAD_CUTOFF, REQUIREMENT]
    use_constraints = CONSTRAINTS.is_file() and not freeze
    if use_constraints:
        cmd += ["-c", str(CONSTRAINTS)]
    _run(cmd, env)
    if not use_constraints:
        frozen = subprocess.run(
            [vpy, "-m", "pip", "freeze", "--all"], env=env, check=True, capture_output=True, text=True
        ).stdout
        header = (
            f"# Resolved {REQUIREMENT} with pip {PIP_VERSION} --uploaded-prior-to {UPLOAD_CUTOFF}.\n"
            "# Written by `python -m bench.airflow_env install --freeze`; do not edit by hand.\n"
        )
        lines = [ln for ln in frozen.splitlines() if ln and not ln.startswith(("pip==", "setuptools=="))]
        CONSTRAINTS.write_text(header + "\n".join(lines) + "\n")
    out = subprocess.run([str(airflow_bin()), "version"], env=env, check=True, capture_output=True, text=True)
    version = out.stdout.strip().splitlines()[-1]
    if version != AIRFLOW_VERSION:
        raise RuntimeError(f"airflow version printed {version!r}, expected {AIRFLOW_VERSION}")
    ready_file().write_text(version + "\n")
    return airflow_bin()


def main(argv: list[str] | None = None) -> int:
    """Command line: ``install [--force] [--freeze] [--python PY]`` or ``path``."""
    parser = argparse.ArgumentParser(prog="python -m bench.airflow_env")
    sub = parser.add_subparsers(dest="command", required=True)
    inst = sub.add_parser("install", help="install the pinned Airflow (no-op when READY)")
    inst.add_argument("--force", action="store_true", help="reinstall even when READY")
    inst.add_argument("--freeze", action="store_true", help="re-resolve and rewrite the constraints file")
    inst.add_argument("--python", help="interpreter for the virtualenv (default: this one)")
    sub.add_parser("path", help="print the airflow executable and whether it is ready")
    args = parser.parse_args(argv)
    if args.command == "install":
        print(install(args.python, force=args.force, freeze=args.freeze))
        return 0
    print(airflow_bin(), "READY" if is_ready() else "not installed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
