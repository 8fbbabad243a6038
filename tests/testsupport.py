"""What the tests share: the checkout, the Airflow 3.2.2 reference recordings beside it, and how a server a test
started is stopped.

The reference lives in ``shared/airflow-reference`` next to the checkout (as in CI's clean clone);
``AIRGATE_REFERENCE`` overrides it.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("AIRGATE_REFERENCE", str(ROOT.parent / "shared" / "airflow-reference")))
EXCHANGES = REFERENCE / "exchanges"
EXECUTION_RECORDINGS = REFERENCE / "execution-api"


def interrupt(process: subprocess.Popen[str]) -> str:
    """Stop a server a test started as Ctrl-C would (killed if it has not ended 20 s later); its stderr."""
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
    return stderr or ""
