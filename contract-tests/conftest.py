"""Contract tests: schemathesis over the vendored specs, in-process against the app, on both databases.

The database fixtures (``store_url``, ``store``) are the test suite's own (``tests/conftest.py``), loaded
here by path because ``contract-tests/`` is a sibling of ``tests/``. At the end of the session a coverage
line says how many of the 136 operations Airgate implements.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from contract_support import coverage_line
from litestar import Litestar
from schemathesis.python import asgi

from airgate.gateway.app import create_app
from airgate.gateway.auth import TokenIssuer, User
from airgate.gateway.config import Settings, load_settings
from airgate.gateway.store import Store

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("airgate_tests_conftest", ROOT / "tests" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_db = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_db)
store_url = _db.store_url
store = _db.store
_db_templates = _db._db_templates


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(coverage_line())


@pytest.fixture
def contract_settings(tmp_path: Path, store_url: str) -> Settings:
    return load_settings({
        "AIRFLOW_HOME": str(tmp_path / "home"),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": store_url,
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin,viewer:viewer",
        "AIRFLOW__API__EXPOSE_CONFIG": "True",
        "AIRFLOW__CORE__TEST_CONNECTION": "Enabled",
        "AIRFLOW__AIRGATE__PRINT_ADMIN_PASSWORD": "False",
    })


@pytest.fixture
def contract_app(contract_settings: Settings, store: Store) -> Iterator[Litestar]:
    """The app over a migrated database; schemathesis runs its lifespan, stopped here before the DB goes."""
    app = create_app(contract_settings)
    try:
        yield app
    finally:
        asgi.shutdown_lifespans()


@pytest.fixture
def admin_headers(contract_settings: Settings) -> dict[str, str]:
    """A bearer token of the admin, signed with the app's secret."""
    issuer = TokenIssuer(
        contract_settings.jwt_secret,
        audience=contract_settings.jwt_audience,
        expiration_s=3600,
        cli_expiration_s=3600,
        leeway_s=0,
    )
    return {"Authorization": f"Bearer {issuer.issue(User(username='admin', role_name='admin'))}"}


