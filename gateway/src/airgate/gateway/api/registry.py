"""Every module that serves operations, in one place."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from litestar.handlers import BaseRouteHandler

from airgate.gateway.api.routing import collect_routes

PUBLIC_MODULES = (
    "monitor",
    "version",
    "config",
    "variable",
    "pool",
    "connection",
    "event_log",
    "login",
    "dag",
    "task",
    "dag_source",
    "dag_tags",
    "import_error",
    "dag_warning",
    "dag_version",
    "dag_parsing",
    "dag_run",
    "task_instance",
    "xcom",
    "dag_stats",
    "job",
    "extra_links",
    "asset",
    "backfill",
    "plugin",
    "provider",
)
AUTH_MODULES = ("token",)
UI_MODULES = (
    "config",
    "auth",
    "dags",
    "grid",
    "structure",
    "dependencies",
    "dashboard",
    "calendar",
    "gantt",
    "asset",
    "partitioned_dag_run",
    "backfill",
    "teams",
    "connection",
    "deadlines",
)
EXECUTION_MODULES = (
    "health",
    "task_instances",
    "task_reschedules",
    "xcoms",
    "connections",
    "variables",
    "dag_runs",
    "dags",
    "hitl",
    "assets",
    "asset_events",
)


def _modules() -> list[ModuleType]:
    names = [f"airgate.gateway.api.public.{m}" for m in PUBLIC_MODULES]
    names += [f"airgate.gateway.api.auth.{m}" for m in AUTH_MODULES]
    names += [f"airgate.gateway.api.ui.{m}" for m in UI_MODULES]
    names += [f"airgate.gateway.api.execution.{m}" for m in EXECUTION_MODULES]
    # A module not written yet serves nothing: its operations are absent (404) and counted as missing.
    return [importlib.import_module(n) for n in names if importlib.util.find_spec(n) is not None]


def all_routes() -> list[BaseRouteHandler]:
    """The operation routes plus the served OpenAPI document."""
    from airgate.gateway.api.openapi_doc import openapi_json

    return [*collect_routes(_modules()), openapi_json]
