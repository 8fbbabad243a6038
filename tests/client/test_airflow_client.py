"""The real ``apache-airflow-client`` (3.2.x) against a running ``airgate api-server``: authenticate, then
create, read, update, list and delete variables, pools and connections."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import airflow_client.client as af
import httpx
import pytest
from airflow_client.client.exceptions import ApiException

AIRGATE = [sys.executable, "-m", "airgate.gateway.cli.main"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``airgate db migrate`` then ``airgate api-server`` on a free 127.0.0.1 port (SQLite); its base URL."""
    home = tmp_path_factory.mktemp("airgate_home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update({"AIRFLOW_HOME": str(home), "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin,viewer:viewer"})
    migrated = subprocess.run([*AIRGATE, "db", "migrate"], env=env, capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr
    port = _free_port()
    process = subprocess.Popen([*AIRGATE, "api-server", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"api-server exited: {process.stderr.read() if process.stderr else ''}"
            assert time.monotonic() < deadline, "api-server did not answer within 60 s"
            try:
                if httpx.get(f"{url}/api/v2/version", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        passwords = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())
        (home / "admin_password").write_text(passwords["admin"])
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def api(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[af.ApiClient]:
    """A client authenticated with a token from ``POST /auth/token``, as Airflow's documentation shows."""
    password = next(tmp_path_factory.getbasetemp().glob("airgate_home*/admin_password")).read_text()
    token = httpx.post(f"{server}/auth/token", json={"username": "admin", "password": password}, timeout=10)
    assert token.status_code == 201, token.text
    configuration = af.Configuration(host=server, access_token=token.json()["access_token"])
    with af.ApiClient(configuration) as client:
        yield client


def test_unauthenticated_client_is_refused(server: str) -> None:
    with af.ApiClient(af.Configuration(host=server)) as anonymous, pytest.raises(ApiException) as error:
        af.VariableApi(anonymous).get_variables()
    assert error.value.status == 401
    assert json.loads(str(error.value.body)) == {"detail": "Not authenticated"}


def test_version_and_health(api: af.ApiClient) -> None:
    assert af.VersionApi(api).get_version().version == "3.2.2"
    assert af.MonitorApi(api).get_health().metadatabase.status == "healthy"


def test_variables(api: af.ApiClient) -> None:
    variables = af.VariableApi(api)
    created = variables.post_variable(af.VariableBody(key="client_var", value="one", description="from the client"))
    assert (created.key, created.value, created.description) == ("client_var", "one", "from the client")
    assert variables.get_variable("client_var").value == "one"
    patched = variables.patch_variable("client_var", af.VariableBody(key="client_var", value='{"n": 2}'))
    assert patched.value == '{"n": 2}'
    listing = variables.get_variables(variable_key_pattern="client")
    assert listing.total_entries == 1 and [v.key for v in listing.variables] == ["client_var"]
    with pytest.raises(ApiException) as error:
        variables.post_variable(af.VariableBody(key="client_var", value="again"))
    assert error.value.status == 409
    variables.delete_variable("client_var")
    with pytest.raises(ApiException) as error:
        variables.get_variable("client_var")
    assert error.value.status == 404


def test_pools(api: af.ApiClient) -> None:
    pools = af.PoolApi(api)
    created = pools.post_pool(af.PoolBody(name="client_pool", slots=4, description="d", include_deferred=True))
    assert (created.name, created.slots, created.open_slots, created.include_deferred) == ("client_pool", 4, 4, True)
    # as in Airflow, a masked PATCH still needs the whole body (pool, include_deferred)
    patched = pools.patch_pool(
        "client_pool", af.PoolPatchBody(pool="client_pool", slots=7, include_deferred=False), update_mask=["slots"]
    )
    assert (patched.slots, patched.description, patched.include_deferred) == (7, "d", True)
    names = [p.name for p in pools.get_pools().pools]
    assert "default_pool" in names and "client_pool" in names
    assert pools.get_pool("default_pool").slots == 128
    pools.delete_pool("client_pool")
    with pytest.raises(ApiException) as error:
        pools.get_pool("client_pool")
    assert error.value.status == 404
    with pytest.raises(ApiException) as error:
        pools.delete_pool("default_pool")
    assert error.value.status == 400


def test_connections(api: af.ApiClient) -> None:
    connections = af.ConnectionApi(api)
    body = af.ConnectionBody(connection_id="client_conn", conn_type="postgres", host="db.example", port=5432,
                             login="me", password="secret", extra='{"sslmode": "require"}',
                             var_schema="public")  # type: ignore[call-arg]
    created = connections.post_connection(body)
    assert (created.connection_id, created.conn_type, created.host, created.port) == (
        "client_conn", "postgres", "db.example", 5432
    )
    assert created.password == "***"
    fetched = connections.get_connection("client_conn")
    assert (fetched.login, fetched.var_schema) == ("me", "public")
    patched = connections.patch_connection(
        "client_conn", af.ConnectionBody(connection_id="client_conn", conn_type="postgres", host="other.example"),
        update_mask=["host"],
    )
    assert (patched.host, patched.port) == ("other.example", 5432)
    listing = connections.get_connections(connection_id_pattern="client")
    assert [c.connection_id for c in listing.connections] == ["client_conn"]
    connections.delete_connection("client_conn")
    with pytest.raises(ApiException) as error:
        connections.get_connection("client_conn")
    assert error.value.status == 404
