"""Airflow plugins and provider packages (``get_plugins``, ``import_errors``, ``get_providers``).

Airgate's gateway loads no Airflow plugin and no provider package (ADR 0008): the lists are empty, and the
paging parameters are still validated and applied as Airflow applies them.
"""

from __future__ import annotations

from typing import Any

PLUGINS: tuple[dict[str, Any], ...] = ()
PLUGIN_IMPORT_ERRORS: tuple[dict[str, str], ...] = ()
PROVIDERS: tuple[dict[str, Any], ...] = ()


def get_plugins(limit: int | None, offset: int) -> dict[str, Any]:
    """Plugins by name, a page of them, and how many there are."""
    plugins = sorted(PLUGINS, key=lambda p: p["name"])
    end = None if limit is None else offset + limit
    return {"plugins": plugins[offset:end], "total_entries": len(plugins)}


def import_errors() -> dict[str, Any]:
    """Plugin files that failed to load."""
    return {"import_errors": list(PLUGIN_IMPORT_ERRORS), "total_entries": len(PLUGIN_IMPORT_ERRORS)}


def get_providers(limit: int, offset: int) -> dict[str, Any]:
    """Provider packages by package name, a page of them, and how many there are."""
    providers = sorted(PROVIDERS, key=lambda p: p["package_name"])
    return {"providers": providers[offset:offset + limit], "total_entries": len(providers)}
