"""The standalone ``airgate dag-processor`` loads what parsing and storing need, not the API server's stack:
no alembic (migrations are ``airgate db migrate``'s business), no cryptography (it handles no secrets), no web
framework."""

from __future__ import annotations

import json
import subprocess
import sys


def test_dag_processor_imports_no_api_alembic_or_crypto() -> None:
    probe = ("import sys, json; import airgate.gateway.cli.commands, airgate.gateway.registry.lifespan, "
             "airgate.gateway.store.migrate; print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    modules = {name.split(".")[0] for name in json.loads(done.stdout)}
    assert "sqlalchemy" in modules
    assert not modules & {"alembic", "cryptography", "litestar", "uvicorn", "httpx", "jinja2"}
