"""Typed settings built from the option table."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    """Every setting Airgate uses, typed. ``raw`` keeps the text of every option for the config API."""

    airflow_home: str
    dags_folder: str
    fernet_key: str
    simple_auth_manager_users: str
    simple_auth_manager_all_admins: bool
    simple_auth_manager_passwords_file: str
    test_connection: str
    dagbag_import_timeout: float
    executor: str
    parallelism: int
    max_active_tasks_per_dag: int
    max_active_runs_per_dag: int
    dags_are_paused_at_creation: bool
    load_examples: bool
    default_timezone: str
    multi_team: bool
    execution_api_server_url: str | None
    sql_alchemy_conn: str
    base_log_folder: str
    base_url: str | None
    host: str
    port: int
    expose_config: str
    fallback_page_limit: int
    maximum_page_limit: int
    secret_key: str
    jwt_secret: str
    jwt_expiration_time: int
    jwt_cli_expiration_time: int
    jwt_audience: str
    jwt_leeway: int
    max_body_size: int
    print_admin_password: bool
    raw: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """The sub-path the server is mounted under ('' at the root), taken from ``api.base_url``."""
        if not self.base_url:
            return ""
        from urllib.parse import urlsplit

        return urlsplit(self.base_url).path.rstrip("/")

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some typed fields replaced (used by CLI flags such as ``--port``)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
