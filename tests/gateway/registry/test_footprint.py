"""The standalone ``airgate dag-processor`` loads what parsing and storing need, not the API server's stack:
no alembic (migrations are ``airgate db migrate``'s business), no cryptography (it handles no secrets), no web
framework, no msgspec, no ORM, no other PostgreSQL driver's dialect than asyncpg's, no entry-point machinery."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def test_dag_processor_imports_no_api_alembic_or_crypto() -> None:
    probe = ("import sys, json; import airgate.gateway.cli.commands, airgate.gateway.registry.lifespan, "
             "airgate.gateway.store.migrate; print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    modules = {name.split(".")[0] for name in json.loads(done.stdout)}
    assert "sqlalchemy" in modules
    assert not modules & {"alembic", "cryptography", "litestar", "uvicorn", "httpx", "jinja2", "msgspec"}


_SCAN_PROBE = """
import asyncio, json, os, sys
good = os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = "postgresql://nobody@127.0.0.1:1/unreachable"
from airgate.gateway.cli.main import main
assert main(["dag-processor"]) == 1  # the command's own start, stopped where the database cannot be reached
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = good
from airgate.gateway.config import load_settings
from airgate.gateway.registry.lifespan import make_processor
from airgate.gateway.store.engine import create_store

async def scan():
    settings = load_settings()
    store = await create_store(settings.sql_alchemy_conn)
    processor = make_processor(settings, store)
    try:
        return await processor.scan()
    finally:
        processor.close()
        await store.dispose()

report = asyncio.run(scan())
without = sorted(name for name in sys.modules if name.startswith("sqlalchemy."))
unused = sorted(name for name in ("email", "zipfile", "csv", "tempfile", "msgspec") if name in sys.modules)
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
import importlib.metadata, types
import sqlalchemy
from sqlalchemy.dialects.postgresql import array, hstore  # functions named as their submodules
functions = not isinstance(array, types.ModuleType) and not isinstance(hstore, types.ModuleType)
from sqlalchemy.dialects.postgresql import JSONB, psycopg2
print(json.dumps({"versions": report.new_versions, "modules": without, "session": AsyncSession.__module__,
                  "orm_after": "sqlalchemy.orm" in sys.modules, "unused": unused,
                  "entry_points": importlib.metadata.version("sqlalchemy") == sqlalchemy.__version__,
                  "jsonb": JSONB.__module__, "psycopg2": psycopg2.dialect.driver, "functions": functions,
                  "arraylib": sys.modules["sqlalchemy.dialects.postgresql"].arraylib.__name__}))
"""


async def test_the_dag_processor_scans_and_stores_without_the_orm(store: object, store_url: str,
                                                                   tmp_path: Path) -> None:
    """``airgate dag-processor`` and what it runs (a full scan recorded in the store) never load SQLAlchemy's
    ORM, another PostgreSQL driver's dialect, ``importlib.metadata`` (with ``email``, ``zipfile``...), msgspec
    or ``tempfile``; the lazily installed packages still give every name to whoever asks."""
    dags = tmp_path / "dags"
    dags.mkdir()
    shutil.copy(Path(__file__).parent / "dags" / "simple.py", dags / "simple.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update({"AIRFLOW_HOME": str(tmp_path), "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": store_url})
    done = subprocess.run([sys.executable, "-c", _SCAN_PROBE], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["versions"] == ["reg_simple"]
    assert not [name for name in result["modules"] if name.startswith("sqlalchemy.orm")]
    assert result["session"] == "sqlalchemy.ext.asyncio.session" and result["orm_after"]
    assert not [name for name in result["modules"] if name.rpartition(".")[2] in _OTHER_DRIVERS]
    assert result["unused"] == []
    # what was installed lazily is all there on first use
    assert result["entry_points"] and result["jsonb"] == "sqlalchemy.dialects.postgresql.json"
    assert result["psycopg2"] == "psycopg2" and result["functions"]
    assert result["arraylib"] == "sqlalchemy.dialects.postgresql.array"


_OTHER_DRIVERS = {"psycopg", "psycopg2", "psycopg2cffi", "pg8000", "_psycopg_common"}
