"""Operator and sensor classes served under ``airflow.providers.*`` import paths.

The standard and http providers are described by ``_catalog.py`` (keyword names, required ones,
template fields); any other ``airflow.providers.<p>.{operators,sensors,transfers}.<module>.<Class>``
is synthesized: it accepts any keyword and is recorded by dotted path and constructor kwargs.
"""

from __future__ import annotations

import functools
from typing import Any

from ._catalog import CATALOG
from .operator import (
    BASE_ARGS,
    REQUIRED,
    BaseBranchOperator,
    BaseOperator,
    BaseSensorOperator,
    BranchMixIn,
    SkipMixin,
    class_param_names,
)

_CONTEXT = {"task_id", "dag", "task_group", "params", "default_args"}
_SHIM_BASES: dict[str, type] = {
    "BaseOperator": BaseOperator,
    "BaseSensorOperator": BaseSensorOperator,
    "BaseBranchOperator": BaseBranchOperator,
    "SkipMixin": SkipMixin,
    "BranchMixIn": BranchMixIn,
}
_STD_OPS = "airflow.providers.standard.operators"
_STD_SENSORS = "airflow.providers.standard.sensors"
NATIVE: dict[str, str] = {
    f"{_STD_OPS}.bash.BashOperator": "bash",
    f"{_STD_OPS}.python.PythonOperator": "python",
    f"{_STD_OPS}.python.BranchPythonOperator": "python",
    f"{_STD_OPS}.python.ShortCircuitOperator": "python",
    f"{_STD_OPS}.empty.EmptyOperator": "empty",
    f"{_STD_SENSORS}.python.PythonSensor": "python",
    f"{_STD_SENSORS}.time.TimeSensor": "sensor",
    f"{_STD_SENSORS}.time_delta.TimeDeltaSensor": "sensor",
    f"{_STD_SENSORS}.date_time.DateTimeSensor": "sensor",
    f"{_STD_SENSORS}.filesystem.FileSensor": "sensor",
    "airflow.providers.http.operators.http.HttpOperator": "http",
    "airflow.providers.http.sensors.http.HttpSensor": "http",
}
_BUILT: dict[str, type] = {}
_VENV_TF = (
    "templates_dict",
    "op_args",
    "op_kwargs",
    "requirements",
    "index_urls",
    "index_urls_from_connection_ids",
    "venv_cache_path",
)
# template_fields that the provider computes (not literals in its source)
TEMPLATE_FIELDS: dict[str, tuple[str, ...]] = {
    f"{_STD_OPS}.python.PythonVirtualenvOperator": _VENV_TF,
    f"{_STD_OPS}.python.BranchPythonVirtualenvOperator": _VENV_TF,
    f"{_STD_OPS}.python.ExternalPythonOperator": ("templates_dict", "op_args", "op_kwargs", "python"),
    f"{_STD_OPS}.python.BranchExternalPythonOperator": ("templates_dict", "op_args", "op_kwargs", "python"),
}


def _declared_init(declared: dict[str, Any], holder: list[type]) -> Any:
    own_names = [n for n in declared if n not in BASE_ARGS and n not in _CONTEXT]

    def __init__(self: Any, **kwargs: Any) -> None:
        inherited = _parent_names(holder[0])  # cached: the class and its bases are the shim's own
        own = {name: kwargs[name] for name in own_names if name in kwargs}
        for name in own:
            if name not in inherited:
                del kwargs[name]
        super(holder[0], self).__init__(**kwargs)  # type: ignore[arg-type]
        for name in own_names:
            setattr(self, name, own.get(name, getattr(self, name, None)))

    __init__._shim_params = declared  # type: ignore[attr-defined]
    return __init__


@functools.cache
def _parent_names(cls: type) -> frozenset[str]:
    names: set[str] = set()
    for base in cls.__bases__:
        if issubclass(base, BaseOperator):
            names |= class_param_names(base)
    return frozenset(names)


def _resolve_base(module: str, name: str) -> type:
    if name in _SHIM_BASES:
        return _SHIM_BASES[name]
    for path in CATALOG:
        if path.rsplit(".", 1)[1] == name and path.startswith(module.rsplit(".", 1)[0].rsplit(".", 1)[0]):
            return catalog_class(path)
    for path in CATALOG:
        if path.rsplit(".", 1)[1] == name:
            return catalog_class(path)
    return BaseOperator


def catalog_class(path: str) -> type:
    """The shim class for a catalogued provider class path."""
    if path in _BUILT:
        return _BUILT[path]
    info: dict[str, Any] = CATALOG[path]  # type: ignore[assignment]
    module, name = path.rsplit(".", 1)
    bases = tuple(_resolve_base(module, b) for b in info["bases"]) or (BaseOperator,)
    if not any(issubclass(b, BaseOperator) for b in bases):
        bases = (*bases, BaseOperator)
    holder: list[type] = []
    namespace: dict[str, Any] = {"shim_module": module, "shim_native": NATIVE.get(path), "__module__": module}
    for attr in ("template_fields", "template_ext", "ui_color", "custom_operator_name"):
        if info.get(attr) is not None:
            namespace[attr] = info[attr]
    if path in TEMPLATE_FIELDS:
        namespace["template_fields"] = TEMPLATE_FIELDS[path]
    params = info.get("params")
    if params is not None:
        declared = {n: (REQUIRED if flag == "<required>" else None) for n, flag in params.items()}
        namespace["__init__"] = _declared_init(declared, holder)
    cls = type(name, bases, namespace)
    holder.append(cls)
    _BUILT[path] = cls
    return cls


def synthesized_class(module: str, name: str) -> type:
    """A provider class the shim does not describe: any kwargs, recorded as given."""
    path = f"{module}.{name}"
    if path in _BUILT:
        return _BUILT[path]
    holder: list[type] = []

    def __init__(self: Any, **kwargs: Any) -> None:
        own = {k: kwargs.pop(k) for k in list(kwargs) if k not in BASE_ARGS and k not in _CONTEXT}
        super(holder[0], self).__init__(**kwargs)  # type: ignore[arg-type]
        self._shim_provider_kwargs = own
        for key, value in own.items():
            if not hasattr(type(self), key):
                setattr(self, key, value)

    __init__._shim_params = dict.fromkeys(BASE_ARGS)  # type: ignore[attr-defined]
    base: type = BaseSensorOperator if ".sensors." in module else BaseOperator
    if base is BaseSensorOperator:

        def __init__(self: Any, **kwargs: Any) -> None:
            own = {
                k: kwargs.pop(k)
                for k in list(kwargs)
                if k not in BASE_ARGS and k not in _CONTEXT and k not in _SENSOR_ARGS
            }
            super(holder[0], self).__init__(**kwargs)  # type: ignore[arg-type]
            self._shim_provider_kwargs = own
            for key, value in own.items():
                if not hasattr(type(self), key):
                    setattr(self, key, value)

        __init__._shim_params = dict.fromkeys(BASE_ARGS)  # type: ignore[attr-defined]
    cls = type(
        name,
        (base,),
        {
            "__init__": __init__,
            "shim_module": module,
            "__module__": module,
            "_shim_synthesized": True,
            "_shim_scan_all_args": True,
        },
    )
    holder.append(cls)
    _BUILT[path] = cls
    return cls


_SENSOR_ARGS = {
    "poke_interval",
    "timeout",
    "soft_fail",
    "mode",
    "exponential_backoff",
    "max_wait",
    "silent_fail",
    "never_fail",
}


def module_names(module: str) -> list[str]:
    """Catalogued class names of a provider module."""
    prefix = module + "."
    return [p[len(prefix) :] for p in CATALOG if p.startswith(prefix) and "." not in p[len(prefix) :]]


def is_provider_operator_module(module: str) -> bool:
    """``airflow.providers.<p...>.{operators,sensors,transfers}.<module>``."""
    parts = module.split(".")
    return (
        len(parts) >= 5
        and parts[:2] == ["airflow", "providers"]
        and any(p in ("operators", "sensors", "transfers") for p in parts[3:-1])
    )
