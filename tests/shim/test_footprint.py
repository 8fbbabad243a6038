"""What a parse worker loads: the DAG-parsing modules, not the compiler's process machinery nor the stdlib's
import ABCs (each worker is a separate interpreter; what it imports is paid once per worker)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SHIM_SRC = Path(__file__).parents[2] / "shim" / "src"


def test_a_warm_worker_imports_neither_the_compiler_nor_importlib_abc() -> None:
    probe = ("import sys, json; sys.path.insert(0, sys.argv[1]); import airgate.shim.worker as w; w.warm_up(); "
             "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-I", "-S", "-c", probe, str(SHIM_SRC)], capture_output=True, text=True,
                          timeout=60, check=True)
    modules = set(json.loads(done.stdout))
    assert {"airgate.shim.parse", "airgate.shim.stability", "airflow.sdk"} <= modules
    assert not modules & {"airgate.shim.compiler", "importlib.abc", "subprocess", "concurrent.futures"}
