"""Make sure the browser the UI tests drive is installed: Debian's ``chromium`` package (never Playwright's).

``python tests/ui/setup_browser.py`` installs it with apt when ``/usr/bin/chromium`` is absent (needs root, or
sudo without a password) and checks that the ``playwright`` python package is importable. Exit status 0 when
both are ready. The test set-up calls :func:`ensure_chromium` too.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _apt(*args: str) -> list[str]:
    command = ["apt-get", *args]
    if os.geteuid() != 0 and shutil.which("sudo"):
        command = ["sudo", "-n", *command]
    return command


def ensure_chromium() -> str | None:
    """None when Chromium is available (installing it with apt if needed), else why it is not."""
    if CHROMIUM.exists():
        return None
    if not shutil.which("apt-get"):
        return "no /usr/bin/chromium and no apt-get to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (_apt("update", "-qq"), _apt("install", "-y", "-qq", "chromium")):
        done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            return f"{' '.join(step)} failed: {(done.stderr or done.stdout).strip()[-300:]}"
    return None if CHROMIUM.exists() else "apt installed chromium but /usr/bin/chromium is missing"


def playwright_missing() -> str | None:
    """None when the ``playwright`` package is importable."""
    if importlib.util.find_spec("playwright") is None:
        return "the python package 'playwright' is not installed (pip install playwright; no browser download)"
    return None


def main() -> int:
    problems = [p for p in (ensure_chromium(), playwright_missing()) if p]
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print(f"browser ready: {CHROMIUM}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
