"""The ``airgate`` command: version, db migrate/check, configuration errors, and lite really serving."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from testsupport import interrupt

from airgate.gateway import AIRFLOW_API_VERSION, __version__

AIRGATE = [sys.executable, "-m", "airgate.gateway.cli.main"]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update({"AIRFLOW_HOME": str(home), **extra})
    return env


def _run(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*AIRGATE, *args], env=_env(home, **extra), capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_version(tmp_path: Path) -> None:
    result = _run(tmp_path, "version")
    assert (result.returncode, result.stdout) == (0, f"{__version__}\n")


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("airgate")
    result = subprocess.run([str(script), "version"], env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, __version__)


def test_db_check_then_migrate(tmp_path: Path, store_url: str) -> None:
    before = _run(tmp_path, "db", "check", AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=store_url)
    assert before.returncode == 1, before
    assert before.stderr.startswith("Database check failed: ")
    migrated = _run(tmp_path, "db", "migrate", AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=store_url)
    assert migrated.returncode == 0, migrated.stderr
    after = _run(tmp_path, "db", "check", AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=store_url)
    assert (after.returncode, after.stdout) == (0, "Database is reachable and up to date.\n"), after.stderr
    again = _run(tmp_path, "db", "migrate", AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=store_url)
    assert again.returncode == 0, again.stderr


def test_unreachable_database(tmp_path: Path) -> None:
    result = _run(tmp_path, "db", "check",
                  AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 1 and "cannot reach the database" in result.stderr


def test_api_server_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = _run(tmp_path, "api-server", "--port", str(_free_port()))
    assert result.returncode == 1
    assert "run `airgate db migrate`" in result.stderr


def test_configuration_error_names_the_key(tmp_path: Path) -> None:
    result = _run(tmp_path, "db", "check", AIRFLOW__API__FALLBACK_PAGE_LIMIT="lots")
    assert result.returncode == 2
    assert result.stderr == (
        "airgate: configuration error: [api] fallback_page_limit: 'lots' "
        "(from AIRFLOW__API__FALLBACK_PAGE_LIMIT) is not an integer\n"
    )


def test_unknown_command(tmp_path: Path) -> None:
    assert _run(tmp_path, "fly").returncode == 2


@pytest.mark.slow
def test_lite_serves_the_api(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [*AIRGATE, "lite", "--port", str(port)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v2/version"
        response = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None, f"lite did not answer on {port}; exit={process.poll()}"
        assert response.status_code == 200
        assert response.json()["version"] == AIRFLOW_API_VERSION
        password = (tmp_path / "simple_auth_manager_passwords.json.generated").read_text()
        assert '"admin"' in password
        token = httpx.post(f"http://127.0.0.1:{port}/auth/token", timeout=5,
                           json={"username": "admin", "password": __import__("json").loads(password)["admin"]})
        assert token.status_code == 201
    finally:
        stderr = interrupt(process)
    # stopped by Ctrl-C: uvicorn shuts down cleanly, then re-raises the interrupt (exit status 130)
    assert process.returncode in (0, 130), stderr
    assert "Traceback" not in stderr, stderr
    assert f"http://127.0.0.1:{port}" in stderr
    assert "login: admin / " in stderr
    assert (tmp_path / "airgate.db").is_file()
