"""Wiring the UI into the gateway application (called by ``create_app``)."""

from __future__ import annotations

from litestar.handlers import HTTPRouteHandler

from airgate.gateway.config import Settings
from airgate.gateway.ui.assets import cache_dir, verify
from airgate.gateway.ui.fetch import ensure_for_server
from airgate.gateway.ui.serving import strip_base_path, ui_routes

__all__ = ["cache_dir_for", "routes_for", "strip_base_path"]


def cache_dir_for(settings: Settings) -> str | None:
    """``[airgate] ui_cache_dir`` when that option is set."""
    return settings.raw.get("airgate", {}).get("ui_cache_dir") or None


def routes_for(settings: Settings, *, fetch: bool) -> list[HTTPRouteHandler]:
    """The UI routes; with ``fetch``, a missing cache is downloaded first (a message when that fails)."""
    configured = cache_dir_for(settings)
    assets = ensure_for_server(configured) if fetch else verify(cache_dir(configured))
    return ui_routes(assets, settings.base_path)
