"""Settings read as Airflow reads them: defaults < airflow.cfg < AIRFLOW__SECTION__KEY; bad values named."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from airgate.gateway.config import ConfigError, load_settings
from airgate.gateway.store import to_async_url


def _home(tmp_path: Path, cfg: str = "") -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    if cfg:
        (home / "airflow.cfg").write_text(cfg)
    return {"AIRFLOW_HOME": str(home)}


def test_defaults(tmp_path: Path) -> None:
    env = _home(tmp_path)
    settings = load_settings(env)
    home = env["AIRFLOW_HOME"]
    assert settings.airflow_home == home
    assert settings.dags_folder == f"{home}/dags"
    assert settings.sql_alchemy_conn == f"sqlite:///{home}/airgate.db"
    assert (settings.host, settings.port) == ("127.0.0.1", 8088)
    assert (settings.fallback_page_limit, settings.maximum_page_limit) == (50, 100)
    assert (settings.jwt_expiration_time, settings.jwt_cli_expiration_time, settings.jwt_audience) == (
        86400, 3600, "apache-airflow"
    )
    assert settings.simple_auth_manager_users == "admin:admin"
    assert settings.simple_auth_manager_all_admins is False
    assert settings.simple_auth_manager_passwords_file == f"{home}/simple_auth_manager_passwords.json.generated"
    assert settings.expose_config == "False" and settings.test_connection == "Disabled"


def test_secrets_generated_once_and_kept(tmp_path: Path) -> None:
    env = _home(tmp_path)
    first, second = load_settings(env), load_settings(env)
    assert first.jwt_secret and first.fernet_key
    assert (first.jwt_secret, first.fernet_key) == (second.jwt_secret, second.fernet_key)
    secrets_file = Path(env["AIRFLOW_HOME"]) / "airgate_secrets.json"
    assert oct(os.stat(secrets_file).st_mode & 0o777) == "0o600"
    assert json.loads(secrets_file.read_text())["jwt_secret"] == first.jwt_secret
    configured = load_settings({**env, "AIRFLOW__API_AUTH__JWT_SECRET": "configured-secret"})
    assert configured.jwt_secret == "configured-secret"


def test_env_beats_cfg_beats_default(tmp_path: Path) -> None:
    env = _home(tmp_path, "[api]\nport = 9001\nhost = 0.0.0.0\n[core]\nparallelism = 7\n"
                          "simple_auth_manager_all_admins = true\n[api_auth]\njwt_expiration_time = 60\n")
    settings = load_settings({**env, "AIRFLOW__API__PORT": "9002", "AIRFLOW__CORE__TEST_CONNECTION": "enabled"})
    assert settings.port == 9002  # env
    assert settings.host == "0.0.0.0"  # airflow.cfg
    assert settings.parallelism == 7 and settings.jwt_expiration_time == 60
    assert settings.simple_auth_manager_all_admins is True
    assert settings.test_connection == "Enabled"
    assert settings.maximum_page_limit == 100  # default
    assert settings.raw["api"]["port"] == "9002" and settings.raw["api"]["host"] == "0.0.0.0"


def test_airflow_config_variable_and_home_expansion(tmp_path: Path) -> None:
    cfg = tmp_path / "elsewhere.cfg"
    cfg.write_text("[core]\ndags_folder = {AIRFLOW_HOME}/my_dags\n")
    env = {**_home(tmp_path), "AIRFLOW_CONFIG": str(cfg)}
    assert load_settings(env).dags_folder == f"{env['AIRFLOW_HOME']}/my_dags"


def test_cmd_variant_for_sensitive_options(tmp_path: Path) -> None:
    env = {**_home(tmp_path), "AIRFLOW__API_AUTH__JWT_SECRET_CMD": "echo from-a-command"}
    assert load_settings(env).jwt_secret == "from-a-command"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("AIRFLOW__API__PORT", "eighty", "[api] port: 'eighty' (from AIRFLOW__API__PORT) is not an integer"),
        ("AIRFLOW__API__MAXIMUM_PAGE_LIMIT", "0", "[api] maximum_page_limit: '0' (from AIRFLOW__API__MAXIMUM_PAGE_LIMIT) "
         "must be at least 1"),
        ("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "maybe", "[core] simple_auth_manager_all_admins: 'maybe'"),
        ("AIRFLOW__CORE__TEST_CONNECTION", "sometimes", "[core] test_connection: 'sometimes'"),
        ("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "bob:boss", "[core] simple_auth_manager_users: unknown role"),
        ("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "bob", "[core] simple_auth_manager_users: 'bob'"),
        ("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "mysql://u@h/db", "[database] sql_alchemy_conn"),
    ],
)
def test_malformed_values_name_the_key(tmp_path: Path, variable: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings({**_home(tmp_path), variable: value})
    assert message in str(error.value)


def test_malformed_value_in_cfg_names_the_file_source(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[api\] port: 'x' \(from airflow.cfg\) is not an integer"):
        load_settings(_home(tmp_path, "[api]\nport = x\n"))


@pytest.mark.parametrize(
    ("airflow_url", "async_url"),
    [
        ("sqlite:////var/lib/airflow.db", "sqlite+aiosqlite:////var/lib/airflow.db"),
        ("sqlite:///relative.db", "sqlite+aiosqlite:///relative.db"),
        ("postgresql://u:p@db:5432/airflow", "postgresql+asyncpg://u:p@db:5432/airflow"),
        ("postgresql+psycopg2://u:p@db/airflow", "postgresql+asyncpg://u:p@db/airflow"),
        ("postgres://u@db/airflow?sslmode=require", "postgresql+asyncpg://u@db/airflow?ssl=require"),
    ],
)
def test_database_urls_as_airflow_writes_them(airflow_url: str, async_url: str) -> None:
    assert to_async_url(airflow_url) == async_url
