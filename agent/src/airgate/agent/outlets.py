"""Asset outlets: ``task_outlets`` and the ``outlet_events`` a task wrote (``context["outlet_events"]``)."""

from __future__ import annotations

from typing import Any


def _key(obj: Any) -> tuple[str, str | None, str | None]:
    """``(kind, name, uri)`` of an asset or alias (live object or dag.json form)."""
    if isinstance(obj, dict):
        kind = {"asset": "Asset", "asset_alias": "AssetAlias"}.get(
            str(obj.get("__type")), str(obj.get("__type"))
        )
        return kind, obj.get("name"), obj.get("uri")
    kind = "AssetAlias" if type(obj).__name__ == "AssetAlias" else "Asset"
    return kind, getattr(obj, "name", None), getattr(obj, "uri", None) if kind == "Asset" else None


class OutletEvent:
    """What a task may set for one outlet: ``extra``, and for an alias the assets it ``add``\\ s."""

    def __init__(self, key: tuple[str, str | None, str | None]) -> None:
        self.key = key
        self.extra: dict[str, Any] = {}
        self.asset_alias_events: list[dict[str, Any]] = []

    def add(self, asset: Any, extra: dict[str, Any] | None = None) -> None:
        """Emit an event for ``asset`` through this alias."""
        _, name, uri = _key(asset)
        self.asset_alias_events.append(
            {
                "source_alias_name": self.key[1],
                "dest_asset_key": {"name": name, "uri": uri},
                "dest_asset_extra": dict(getattr(asset, "extra", None) or {}),
                "extra": dict(extra or {}),
            }
        )


class OutletEvents:
    """``context["outlet_events"]``: one :class:`OutletEvent` per asset or alias, made on first use."""

    def __init__(self) -> None:
        self.events: dict[tuple[str, str | None, str | None], OutletEvent] = {}

    def __getitem__(self, obj: Any) -> OutletEvent:
        key = _key(obj)
        if key not in self.events:
            self.events[key] = OutletEvent(key)
        return self.events[key]

    def payload(self) -> list[dict[str, Any]]:
        """``outlet_events`` of the success body."""
        out: list[dict[str, Any]] = []
        for (kind, name, uri), event in self.events.items():
            if kind == "AssetAlias":
                out.extend(event.asset_alias_events)
            else:
                out.append({"dest_asset_key": {"name": name, "uri": uri}, "extra": event.extra})
        return out


def task_outlets(outlets: list[Any]) -> list[dict[str, Any]]:
    """``task_outlets`` of the success body, from the task document's ``outlets``."""
    out = []
    for item in outlets:
        kind, name, uri = _key(item)
        if kind in ("Asset", "AssetAlias"):
            out.append({"name": name, "uri": uri if kind == "Asset" else None, "type": kind})
    return out
