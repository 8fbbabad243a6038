"""Finding executors: the ``airgate.executors`` entry-point group and Airflow's ``core.executor`` syntax.

``core.executor`` is a comma-separated list; the first entry is the default executor and a task's
``executor=`` may name any other. Each entry is one of

- an Airflow core alias (``LocalExecutor`` → ``local``, ``KubernetesExecutor`` → ``k8s``),
- an entry-point name in the group ``airgate.executors`` (``lite``, ``local``, a plug-in's name),
- a dotted path ``package.module.Class``,

optionally prefixed by an alias of one's own: ``fast:local`` or ``mine:my_pkg.executors.MyExecutor``.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
from importlib.metadata import EntryPoint, entry_points

import msgspec

from airgate.sdk.config import ExecutorConfig
from airgate.sdk.protocol import PROTOCOL_METHODS

__all__ = [
    "CORE_ALIASES",
    "ENTRY_POINT_GROUP",
    "ExecutorLoadError",
    "ExecutorSpec",
    "available",
    "load",
    "parse_executor_setting",
    "pick",
    "resolve",
    "validate_executor_class",
]

ENTRY_POINT_GROUP = "airgate.executors"
CORE_ALIASES: dict[str, str] = {"LocalExecutor": "local", "KubernetesExecutor": "k8s"}
"""Airflow's core executor names and the Airgate executor each selects."""
_ASYNC_METHODS = ("start", "submit", "cancel", "adopt", "read_log", "shutdown")


class ExecutorLoadError(RuntimeError):
    """An executor could not be loaded or breaks the Protocol; the message says which and why."""


class ExecutorSpec(msgspec.Struct, frozen=True):
    """One entry of ``core.executor``: ``alias`` (what ``executor=`` may say), ``target`` (entry-point
    name or dotted path) and ``names`` (every name a task's ``executor=`` can use to pick it)."""

    alias: str
    target: str
    names: tuple[str, ...]


def parse_executor_setting(value: str) -> list[ExecutorSpec]:
    """Parse ``core.executor``. The first returned spec is the default executor."""
    specs: list[ExecutorSpec] = []
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        parts = item.split(":")
        if len(parts) > 2 or not all(p.strip() for p in parts):
            raise ExecutorLoadError(f"Incorrectly formatted executor configuration: {item}")
        own_alias = parts[0].strip() if len(parts) == 2 else None
        target = parts[-1].strip()
        if target in ("CeleryExecutor", "MockExecutor"):
            raise ExecutorLoadError(f"core.executor: {target} is not supported by Airgate")
        resolved = CORE_ALIASES.get(target, target)
        names = {n for n in (own_alias, target, resolved) if n}
        if "." in resolved:
            names.add(resolved.rsplit(".", 1)[1])
        alias = own_alias or (target if target in CORE_ALIASES else resolved.rsplit(".", 1)[-1])
        specs.append(ExecutorSpec(alias=alias, target=resolved, names=tuple(sorted(names))))
    if not specs:
        raise ExecutorLoadError("core.executor: no executor configured")
    seen: set[str] = set()
    for spec in specs:
        if spec.target in seen:
            raise ExecutorLoadError(f"core.executor: executor {spec.target} is configured twice")
        seen.add(spec.target)
    return specs


def pick(specs: list[ExecutorSpec], executor: str | None) -> ExecutorSpec:
    """The spec a task's ``executor=`` selects (``None``: the default, the first one)."""
    if not executor:
        return specs[0]
    for spec in specs:
        if executor in spec.names:
            return spec
    configured = ", ".join(spec.alias for spec in specs)
    raise ExecutorLoadError(f"Unknown executor being loaded: {executor} (configured: {configured})")


def available() -> dict[str, EntryPoint]:
    """Installed executors by entry-point name."""
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _where(ep: EntryPoint | None, target: str) -> str:
    if ep is None:
        return f"executor {target!r} (import path)"
    dist = ep.dist.name if ep.dist is not None else "unknown distribution"
    return f"entry point {ep.name!r} in group {ENTRY_POINT_GROUP!r} (distribution {dist!r}, {ep.value})"


def validate_executor_class(cls: object, where: str) -> None:
    """Raise :class:`ExecutorLoadError` naming the rule ``cls`` breaks, if any."""
    if not inspect.isclass(cls):
        raise ExecutorLoadError(f"{where}: rule broken: must be a class, got {type(cls).__name__}")
    for method in PROTOCOL_METHODS:
        if not callable(getattr(cls, method, None)):
            raise ExecutorLoadError(f"{where}: rule broken: Executor Protocol method {method}() is missing")
    for method in _ASYNC_METHODS:
        if not inspect.iscoroutinefunction(getattr(cls, method)):
            raise ExecutorLoadError(f"{where}: rule broken: {method}() must be 'async def'")
    events = cls.events  # type: ignore[attr-defined]
    if not (inspect.isasyncgenfunction(events) or callable(events)):
        raise ExecutorLoadError(f"{where}: rule broken: events() must return an async iterator")
    if not isinstance(getattr(cls, "name", None), str):
        raise ExecutorLoadError(f"{where}: rule broken: class attribute 'name' (str) is missing")
    caps = getattr(cls, "capabilities", None)
    if caps is None or not all(isinstance(getattr(caps, f, None), bool) for f in ("adopt", "logs", "cancel")):
        raise ExecutorLoadError(f"{where}: rule broken: class attribute 'capabilities' is missing")
    config_class = getattr(cls, "config_class", None)
    if not (inspect.isclass(config_class) and issubclass(config_class, ExecutorConfig)):
        raise ExecutorLoadError(f"{where}: rule broken: 'config_class' must subclass ExecutorConfig")


def resolve(target: str) -> type:
    """The executor class for an entry-point name, a core alias or a dotted path, validated."""
    target = CORE_ALIASES.get(target, target)
    ep = available().get(target)
    try:
        if ep is not None:
            cls = ep.load()
        elif "." in target:
            module_name, _, attr = target.rpartition(".")
            cls = getattr(importlib.import_module(module_name), attr)
        else:
            known = ", ".join(sorted(available())) or "none"
            raise ExecutorLoadError(
                f"executor {target!r}: no entry point of that name in group {ENTRY_POINT_GROUP!r} "
                f"(installed: {known}) and not a module path"
            )
    except ExecutorLoadError:
        raise
    except Exception as exc:
        raise ExecutorLoadError(
            f"{_where(ep, target)}: rule broken: must import cleanly ({type(exc).__name__}: {exc})"
        ) from exc
    validate_executor_class(cls, _where(ep, target))
    return cls


def load(spec: ExecutorSpec | str, section: Mapping[str, str] | None = None) -> object:
    """Resolve ``spec`` and build the executor from its ``[executors.<alias>]`` section."""
    if isinstance(spec, str):
        spec = parse_executor_setting(spec)[0]
    cls = resolve(spec.target)
    return cls.from_section(section or {}, spec.alias) if hasattr(cls, "from_section") else _plain(cls, section)


def _plain(cls: type, section: Mapping[str, str] | None) -> object:
    from airgate.sdk.config import parse_config

    config_class = cls.config_class  # type: ignore[attr-defined]
    return cls(parse_config(config_class, section or {}, name=getattr(cls, "name", "")))
