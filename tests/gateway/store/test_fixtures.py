"""The shared database fixtures: PostgreSQL's half is skipped visibly when unreachable, but fails under CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TARGET = "tests/gateway/store/test_migrate.py::test_empty_database_is_reported_then_migrated_to_head"


def _pytest_with_unreachable_postgres(ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["AIRGATE_TEST_PG_PORT"] = "1"  # nothing listens there
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", TARGET, "-q", "-rs", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_unreachable_postgres_is_skipped_with_the_reason() -> None:
    result = _pytest_with_unreachable_postgres(ci=None)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout
    assert "PostgreSQL not reachable at postgres@127.0.0.1:1" in result.stdout


@pytest.mark.slow
def test_unreachable_postgres_fails_under_ci() -> None:
    result = _pytest_with_unreachable_postgres(ci="true")
    assert result.returncode == 1, result.stdout
    assert "1 passed, 1 error" in result.stdout  # the fixture errors: the PostgreSQL half did not run
    assert "CI=true requires it" in result.stdout
