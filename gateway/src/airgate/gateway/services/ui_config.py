"""What ``GET /ui/config`` tells the UI, from Airgate's settings under Airflow's option names.

Options Airgate's option table does not define (yet) answer with Airflow 3.2.2's defaults; once an option is
added to ``config/options.py`` its configured text (``settings.raw``) is used.
"""

from __future__ import annotations

import json
from typing import Any

from airgate.gateway.config import Settings

_TRUE = {"true", "t", "1", "yes", "y", "on"}

# (section, key) -> Airflow 3.2.2 default, for the [api] options the UI reads
_API_DEFAULTS: dict[str, str] = {
    "enable_swagger_ui": "True",
    "hide_paused_dags_by_default": "False",
    "default_wrap": "False",
    "auto_refresh_interval": "3",
    "require_confirmation_dag_change": "False",
}


def _raw(settings: Settings, section: str, key: str, default: str) -> str:
    value = settings.raw.get(section, {}).get(key)
    return default if value is None or value == "" else value


def _typed(key: str, text: str) -> Any:
    if key in ("fallback_page_limit", "auto_refresh_interval"):
        return int(text)
    return text.strip().lower() in _TRUE


def ui_config(settings: Settings) -> dict[str, Any]:
    """The ``ConfigResponse`` body, keys in Airflow's order."""
    api = {key: _typed(key, _raw(settings, "api", key, default)) for key, default in _API_DEFAULTS.items()}
    return {
        "fallback_page_limit": settings.fallback_page_limit,
        "auto_refresh_interval": api["auto_refresh_interval"],
        "hide_paused_dags_by_default": api["hide_paused_dags_by_default"],
        "instance_name": _raw(settings, "api", "instance_name", "Airflow"),
        "enable_swagger_ui": api["enable_swagger_ui"],
        "require_confirmation_dag_change": api["require_confirmation_dag_change"],
        "default_wrap": api["default_wrap"],
        "test_connection": settings.test_connection,
        "dashboard_alert": [],
        "show_external_log_redirect": False,
        "external_log_name": None,
        "theme": json.loads(_raw(settings, "api", "theme", "{}")) or None,
        "multi_team": settings.multi_team,
    }
