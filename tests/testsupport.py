"""Paths the tests share: the checkout and the Airflow 3.2.2 reference recordings beside it.

The reference lives in ``shared/airflow-reference`` next to the checkout (as in CI's clean clone);
``AIRGATE_REFERENCE`` overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("AIRGATE_REFERENCE", str(ROOT.parent / "shared" / "airflow-reference")))
EXCHANGES = REFERENCE / "exchanges"
EXECUTION_RECORDINGS = REFERENCE / "execution-api"
