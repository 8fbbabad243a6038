"""A real ``airgate lite`` subprocess for the browser tests (see ``conftest.py``)."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

USERS = "admin:admin,viewer:viewer"
START_TIMEOUT_S = 60.0


@dataclass
class Server:
    """A running ``airgate lite``."""

    origin: str  #: http://127.0.0.1:PORT
    base: str  #: origin + base path + "/"
    home: Path
    password: str  #: of user ``admin``
    viewer_password: str
    jwt_secret: str
    process: subprocess.Popen[bytes]

    def api(self, user: str = "admin") -> httpx.Client:
        """An HTTP client on the server with a bearer token of ``user``."""
        password = self.password if user == "admin" else self.viewer_password
        token = httpx.post(f"{self.base}auth/token", json={"username": user, "password": password}, timeout=10)
        token.raise_for_status()
        return httpx.Client(base_url=self.base, timeout=10,
                            headers={"Authorization": f"Bearer {token.json()['access_token']}"})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def run_server(tmp: Path, base_path: str, extra_env: dict[str, str]) -> Iterator[Server]:
    port = _free_port()
    jwt_secret = secrets.token_urlsafe(64)  # >= 64 bytes, as HS512 wants
    home = tmp / f"airflow_home_{port}"
    origin = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__EXPOSE_CONFIG": "True",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": USERS,
        "AIRFLOW__AIRGATE__PRINT_ADMIN_PASSWORD": "False",
        "AIRFLOW__API_AUTH__JWT_SECRET": jwt_secret,
        **extra_env,
    }
    env.pop("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", None)
    if base_path:
        env["AIRFLOW__API__BASE_URL"] = f"{origin}{base_path}"
    log = (tmp / f"server_{port}.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "airgate.gateway.cli.main", "lite"], env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"{origin}{base_path}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"airgate lite exited with {process.returncode}: "
                                   f"{(tmp / f'server_{port}.log').read_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}api/v2/monitor/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("airgate lite did not answer within a minute")
            time.sleep(0.2)
        passwords_file = home / "simple_auth_manager_passwords.json.generated"  # absent in all-admins mode
        passwords = json.loads(passwords_file.read_text()) if passwords_file.exists() else {}
        yield Server(origin, base, home, passwords.get("admin", ""), passwords.get("viewer", ""), jwt_secret, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        log.close()
