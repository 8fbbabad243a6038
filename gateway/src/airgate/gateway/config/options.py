"""The table of every setting Airgate reads, under Airflow's section and key names.

Each option names its type, its default (``{AIRFLOW_HOME}`` is expanded) and whether it is sensitive (hidden
by the config API and readable from ``AIRFLOW__SECTION__KEY_CMD``/``_SECRET`` as Airflow allows).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How an option's text is parsed."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"


@dataclass(frozen=True, kw_only=True, slots=True)
class Option:
    """One setting: ``[section] key``."""

    section: str
    key: str
    kind: Kind = Kind.STRING
    default: str | None = None
    sensitive: bool = False
    description: str = ""
    minimum: float | None = None
    choices: tuple[str, ...] | None = None


def _o(section: str, key: str, kind: Kind = Kind.STRING, default: str | None = None, **kw: object) -> Option:
    return Option(section=section, key=key, kind=kind, default=default, **kw)  # type: ignore[arg-type]


S, INT, F, B = Kind.STRING, Kind.INTEGER, Kind.FLOAT, Kind.BOOLEAN

OPTIONS: tuple[Option, ...] = (
    _o("core", "dags_folder", S, "{AIRFLOW_HOME}/dags", description="Folder of DAG files (the default bundle)."),
    _o("core", "fernet_key", S, "", sensitive=True, description="Key(s) encrypting connection secrets."),
    _o("core", "simple_auth_manager_users", S, "admin:admin", description="username:role pairs."),
    _o("core", "simple_auth_manager_all_admins", B, "False", description="Everyone is an admin, no login."),
    _o("core", "simple_auth_manager_passwords_file", S, None, description="Generated passwords file."),
    _o("core", "test_connection", S, "Disabled", choices=("Enabled", "Disabled", "Hidden")),
    _o("core", "dagbag_import_timeout", F, "30.0", minimum=0.0),
    _o("core", "executor", S, "LocalExecutor", description="Executors, comma separated; the first is the default."),
    _o("core", "parallelism", INT, "32", minimum=0),
    _o("core", "max_active_tasks_per_dag", INT, "16", minimum=1),
    _o("core", "max_active_runs_per_dag", INT, "16", minimum=1),
    _o("core", "max_consecutive_failed_dag_runs_per_dag", INT, "0", minimum=0,
       description="Consecutive failed runs after which a DAG is paused (0: never); a DAG's own value wins."),
    _o("core", "dags_are_paused_at_creation", B, "True"),
    _o("core", "default_timezone", S, "utc"),
    _o("core", "load_examples", B, "False"),
    _o("core", "execution_api_server_url", S, None),
    _o("core", "multi_team", B, "False"),
    _o("database", "sql_alchemy_conn", S, "sqlite:///{AIRFLOW_HOME}/airgate.db", sensitive=True),
    _o("logging", "base_log_folder", S, "{AIRFLOW_HOME}/logs"),
    _o("dag_processor", "parsing_processes", INT, "2", minimum=1,
       description="Processes parsing DAG files at once."),
    _o("dag_processor", "dag_version_inflation_check_level", S, "warning",
       description="Runtime-varying values in DAG/task arguments: off, warning (a DAG warning) or error."),
    _o("api", "base_url", S, None, description="Public URL of the server, with any sub-path."),
    _o("api", "host", S, "127.0.0.1"),
    _o("api", "port", INT, "8088", minimum=0),
    _o("api", "expose_config", S, "False", choices=("True", "False", "non-sensitive-only")),
    _o("api", "fallback_page_limit", INT, "50", minimum=1),
    _o("api", "maximum_page_limit", INT, "100", minimum=1),
    _o("api", "secret_key", S, "", sensitive=True),
    _o("api_auth", "jwt_secret", S, "", sensitive=True),
    _o("api_auth", "jwt_expiration_time", INT, "86400", minimum=1),
    _o("api_auth", "jwt_cli_expiration_time", INT, "3600", minimum=1),
    _o("api_auth", "jwt_audience", S, "apache-airflow"),
    _o("api_auth", "jwt_leeway", INT, "10", minimum=0),
    _o("api", "instance_name", S, "Airflow", description="Name shown in the UI's title."),
    _o("api", "auto_refresh_interval", INT, "3", minimum=0),
    _o("api", "hide_paused_dags_by_default", B, "False"),
    _o("api", "enable_swagger_ui", B, "True"),
    _o("api", "require_confirmation_dag_change", B, "False"),
    _o("api", "default_wrap", B, "False"),
    _o("api", "theme", S, None, description="JSON theme for the UI."),
    _o("airgate", "ui_cache_dir", S, None, description="Where the pinned UI assets are cached."),
    _o("airgate", "extra_dag_bundles", S, None,
       description="More local DAG bundles: name=path items, comma or newline separated."),
    _o("airgate", "max_body_size", INT, str(8 * 1024 * 1024), minimum=1024,
       description="Largest request body accepted, in bytes."),
    _o("airgate", "print_admin_password", B, "True", description="Print generated passwords on start."),
)

BY_KEY: dict[tuple[str, str], Option] = {(o.section, o.key): o for o in OPTIONS}
