"""Assets, aliases, references and asset expressions (``a | b``, ``a & b``)."""

from __future__ import annotations

from typing import Any

from .values import encode


class BaseAsset:
    """Anything usable in an asset schedule."""

    def __or__(self, other: Any) -> BaseAsset:
        if not isinstance(other, BaseAsset):
            return NotImplemented
        return AssetAny(self, other)

    def __and__(self, other: Any) -> BaseAsset:
        if not isinstance(other, BaseAsset):
            return NotImplemented
        return AssetAll(self, other)

    def __shim_json__(self) -> dict[str, Any]:
        raise NotImplementedError


class Asset(BaseAsset):
    """``Asset(name=None, uri=None, *, group, extra, watchers)``."""

    asset_type = "asset"

    def __init__(
        self,
        name: str | None = None,
        uri: Any = None,
        *,
        group: str | None = None,
        extra: dict[str, Any] | None = None,
        watchers: list[Any] | None = None,
    ) -> None:
        if name is None and uri is None:
            raise TypeError("Asset() requires either 'name' or 'uri'")
        if name is None:
            name = str(uri)
        elif uri is None:
            uri = name
        self.name = name
        self.uri = str(uri)
        self.group = self.asset_type if group is None else group
        self.extra = dict(extra or {})
        self.watchers = list(watchers or [])

    @staticmethod
    def ref(*, name: str = "", uri: str = "") -> AssetRef:
        """A reference to an asset by name or by URI."""
        if name:
            return AssetRef("name", name)
        if uri:
            return AssetRef("uri", uri)
        raise TypeError("Asset reference must be made to either name or URI")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Asset) and (self.name, self.uri, self.group) == (
            other.name,
            other.uri,
            other.group,
        )

    def __hash__(self) -> int:
        return hash((self.name, self.uri, self.group))

    def __repr__(self) -> str:
        return f"Asset(name={self.name!r}, uri={self.uri!r}, group={self.group!r})"

    def __shim_json__(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "__type": "asset",
            "name": self.name,
            "uri": self.uri,
            "group": self.group,
            "extra": encode(self.extra),
        }
        if self.watchers:
            out["watchers"] = [encode(w) for w in self.watchers]
        return out


class Dataset(Asset):
    """Airflow 2 name of ``Asset`` (still accepted through ``airflow.sdk``'s compat names)."""


class Model(Asset):
    """An asset of type model."""

    asset_type = "model"


class AssetWatcher:
    """An event-driven watcher of an asset (recorded, not run)."""

    def __init__(self, name: str, trigger: Any) -> None:
        self.name = name
        self.trigger = trigger

    def __shim_json__(self) -> dict[str, Any]:
        return {"name": self.name, "trigger": encode(self.trigger)}


class AssetRef(BaseAsset):
    """``Asset.ref(name=...)`` / ``Asset.ref(uri=...)``."""

    def __init__(self, kind: str, value: str) -> None:
        self.kind = kind
        self.value = value

    def __shim_json__(self) -> dict[str, Any]:
        return {"__type": "asset_ref", self.kind: self.value}


class AssetAlias(BaseAsset):
    """``AssetAlias(name, *, group='asset')``."""

    def __init__(self, name: str, *, group: str = "asset") -> None:
        if not name:
            raise ValueError("name cannot be empty")
        self.name = name
        self.group = group

    def __shim_json__(self) -> dict[str, Any]:
        return {"__type": "asset_alias", "name": self.name, "group": self.group}


class _Condition(BaseAsset):
    kind = ""

    def __init__(self, *objects: Any) -> None:
        if not all(isinstance(o, BaseAsset) for o in objects):
            raise TypeError("expect asset expressions in condition")
        self.objects = list(objects)

    def __shim_json__(self) -> dict[str, Any]:
        return {"__type": self.kind, "objects": [o.__shim_json__() for o in self.objects]}


class AssetAny(_Condition):
    """Any of the assets."""

    kind = "asset_any"

    def __or__(self, other: Any) -> BaseAsset:
        if not isinstance(other, BaseAsset):
            return NotImplemented
        return AssetAny(*self.objects, other)


class AssetAll(_Condition):
    """All of the assets."""

    kind = "asset_all"

    def __and__(self, other: Any) -> BaseAsset:
        if not isinstance(other, BaseAsset):
            return NotImplemented
        return AssetAll(*self.objects, other)


class Metadata:
    """Asset event metadata yielded by a task (run time only)."""

    def __init__(self, asset: Any, extra: dict[str, Any], alias: Any = None) -> None:
        self.asset, self.extra, self.alias = asset, extra, alias
