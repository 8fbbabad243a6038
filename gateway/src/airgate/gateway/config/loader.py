"""Read settings the way Airflow does: defaults < ``airflow.cfg`` < ``AIRFLOW__SECTION__KEY``.

``AIRFLOW_HOME`` (default ``~/airflow``) and ``AIRFLOW_CONFIG`` (default ``$AIRFLOW_HOME/airflow.cfg``) locate
the files. Sensitive options may also come from ``AIRFLOW__SECTION__KEY_CMD`` (a command whose output is the
value), as in Airflow. A malformed value stops start-up with a message naming the option and where it came from.
"""

from __future__ import annotations

import configparser
import dataclasses
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from airgate.gateway.config.options import OPTIONS, Kind, Option
from airgate.gateway.config.secrets import ensure_generated_secrets
from airgate.gateway.config.settings import Settings

_TYPED = frozenset(f.name for f in dataclasses.fields(Settings))
_TRUE = {"true", "t", "1", "yes", "y", "on"}
_FALSE = {"false", "f", "0", "no", "n", "off"}


class ConfigError(ValueError):
    """A setting that cannot be used; the message names ``[section] key`` and its source."""


def _env_name(option: Option) -> str:
    return f"AIRFLOW__{option.section.upper()}__{option.key.upper()}"


def _read_cfg(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False)
    if path.is_file():
        try:
            parser.read(path, encoding="utf-8")
        except configparser.Error as exc:
            raise ConfigError(f"{path}: cannot be read as an airflow.cfg file: {exc}") from exc
    return parser


def _raw_value(option: Option, env: Mapping[str, str], cfg: configparser.RawConfigParser) -> tuple[str | None, str]:
    name = _env_name(option)
    if name in env:
        return env[name], name
    if option.sensitive and f"{name}_CMD" in env:
        cmd = env[f"{name}_CMD"]
        result = subprocess.run(cmd, shell=True, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ConfigError(f"[{option.section}] {option.key}: command from {name}_CMD failed")
        return result.stdout.strip(), f"{name}_CMD"
    if cfg.has_option(option.section, option.key):
        return cfg.get(option.section, option.key), "airflow.cfg"
    return option.default, "default"


def parse_value(option: Option, text: str | None, source: str) -> object:
    """Turn an option's text into its typed value, or raise ConfigError naming the key."""
    where = f"[{option.section}] {option.key}"
    if text is None:
        return None
    value = text.strip()
    if option.kind is Kind.BOOLEAN:
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ConfigError(f"{where}: {text!r} (from {source}) is not a boolean; use True or False")
    if option.kind in (Kind.INTEGER, Kind.FLOAT):
        try:
            number: float = int(value) if option.kind is Kind.INTEGER else float(value)
        except ValueError:
            kind = "an integer" if option.kind is Kind.INTEGER else "a number"
            raise ConfigError(f"{where}: {text!r} (from {source}) is not {kind}") from None
        if option.minimum is not None and number < option.minimum:
            raise ConfigError(f"{where}: {text!r} (from {source}) must be at least {option.minimum:g}")
        return number
    if option.choices is not None:
        match = {c.lower(): c for c in option.choices}.get(value.lower())
        if match is None:
            raise ConfigError(f"{where}: {text!r} (from {source}) must be one of {', '.join(option.choices)}")
        return match
    return value


def _expand(text: str | None, home: str) -> str | None:
    if text is None:
        return None
    return text.replace("{AIRFLOW_HOME}", home)


def load_settings(env: Mapping[str, str] | None = None, *, generate_secrets: bool = True) -> Settings:
    """Read every option; missing secrets (Fernet key, JWT secret) are generated once into AIRFLOW_HOME."""
    env = os.environ if env is None else env
    home = os.path.expanduser(env.get("AIRFLOW_HOME", "~/airflow"))
    cfg = _read_cfg(Path(env.get("AIRFLOW_CONFIG", os.path.join(home, "airflow.cfg"))))
    values: dict[str, object] = {}
    raw: dict[str, dict[str, str]] = {}
    for option in OPTIONS:
        text, source = _raw_value(option, env, cfg)
        text = _expand(text, home)
        values[option.key] = parse_value(option, text, source)
        raw.setdefault(option.section, {})[option.key] = "" if text is None else text
    if not values["simple_auth_manager_passwords_file"]:
        values["simple_auth_manager_passwords_file"] = os.path.join(
            home, "simple_auth_manager_passwords.json.generated"
        )
        raw["core"]["simple_auth_manager_passwords_file"] = str(values["simple_auth_manager_passwords_file"])
    _check_users(str(values["simple_auth_manager_users"]), bool(values["multi_team"]))
    _check_database_url(str(values["sql_alchemy_conn"]))
    # options without a typed field are read through ``settings.raw`` (validated above all the same)
    typed = {k: v for k, v in values.items() if k in _TYPED}
    settings = Settings(airflow_home=home, raw=raw, **typed)  # type: ignore[arg-type]
    if generate_secrets:
        settings = ensure_generated_secrets(settings)
    return settings


def _check_users(spec: str, multi_team: bool) -> None:
    roles = {"viewer", "user", "op", "admin"}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        parts = item.split(":")
        if len(parts) not in (2, 3) or not parts[0]:
            raise ConfigError(
                f"[core] simple_auth_manager_users: {item!r} is not 'username:role' (roles: admin, op, user, viewer)"
            )
        if parts[1].lower() not in roles:
            raise ConfigError(
                f"[core] simple_auth_manager_users: unknown role {parts[1]!r} for user {parts[0]!r}; "
                "use admin, op, user or viewer"
            )
        if len(parts) == 3 and not multi_team:
            raise ConfigError(
                f"[core] simple_auth_manager_users: the user '{parts[0]}' is associated to at least one team "
                "and multi-team mode is not configured"
            )


def _check_database_url(url: str) -> None:
    from airgate.gateway.store.urls import to_async_url

    try:
        to_async_url(url)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
