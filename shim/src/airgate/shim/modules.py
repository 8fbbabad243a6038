"""The ``airflow.*`` modules the shim serves, and what each contains."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from . import (
    assets,
    decorators,
    errors,
    helpers,
    mapping,
    operator,
    params,
    pendulum_shim,
    runtime,
    standard,
    taskgroup,
    timetables,
    xcom,
)
from . import dag as dag_mod

_STD_OPS = "airflow.providers.standard.operators"
_STD_SENSORS = "airflow.providers.standard.sensors"


def _sdk() -> dict[str, Any]:
    return {
        "DAG": dag_mod.DAG,
        "dag": dag_mod.dag,
        "task": decorators.task,
        "task_group": decorators.task_group,
        "setup": decorators.setup,
        "teardown": decorators.teardown,
        "TaskGroup": taskgroup.TaskGroup,
        "Param": params.Param,
        "ParamsDict": params.ParamsDict,
        "Label": helpers.Label,
        "EdgeModifier": helpers.EdgeModifier,
        "chain": helpers.chain,
        "chain_linear": helpers.chain_linear,
        "cross_downstream": helpers.cross_downstream,
        "literal": helpers.literal,
        "Asset": assets.Asset,
        "AssetAlias": assets.AssetAlias,
        "AssetAll": assets.AssetAll,
        "AssetAny": assets.AssetAny,
        "AssetWatcher": assets.AssetWatcher,
        "Metadata": assets.Metadata,
        "Variable": runtime.Variable,
        "Connection": runtime.Connection,
        "get_current_context": runtime.get_current_context,
        "get_parsing_context": runtime.get_parsing_context,
        "XComArg": xcom.XComArg,
        "BaseOperator": operator.BaseOperator,
        "BaseSensorOperator": operator.BaseSensorOperator,
        "BaseAsyncOperator": operator.BaseAsyncOperator,
        "BaseBranchOperator": operator.BaseBranchOperator,
        "BranchMixIn": operator.BranchMixIn,
        "SkipMixin": operator.SkipMixin,
        "BaseOperatorLink": operator.BaseOperatorLink,
        "BaseHook": operator.BaseHook,
        "BaseNotifier": operator.BaseNotifier,
        "PokeReturnValue": runtime.PokeReturnValue,
        "ObjectStoragePath": runtime.ObjectStoragePath,
        "TriggerRule": helpers.TriggerRule,
        "WeightRule": helpers.WeightRule,
        "DagRunState": helpers.DagRunState,
        "TaskInstanceState": helpers.TaskInstanceState,
        "CronTriggerTimetable": timetables.CronTriggerTimetable,
        "CronDataIntervalTimetable": timetables.CronDataIntervalTimetable,
        "CronPartitionTimetable": timetables.CronPartitionTimetable,
        "DeltaDataIntervalTimetable": timetables.DeltaDataIntervalTimetable,
        "DeltaTriggerTimetable": timetables.DeltaTriggerTimetable,
        "EventsTimetable": timetables.EventsTimetable,
        "MultipleCronTriggerTimetable": timetables.MultipleCronTriggerTimetable,
        "AssetOrTimeSchedule": timetables.AssetOrTimeSchedule,
        "DeadlineAlert": runtime.DeadlineAlert,
        "DeadlineReference": runtime.DeadlineReference,
        "AsyncCallback": runtime.AsyncCallback,
        "SyncCallback": runtime.SyncCallback,
        "conf": runtime.conf,
        "timezone": _timezone_module_obj(),
        "__version__": "1.2.2",
    }


class _TimezoneNS:
    """``airflow.sdk.timezone`` helpers."""

    utc = pendulum_shim.UTC
    datetime: Any = staticmethod(pendulum_shim.datetime)
    parse: Any = staticmethod(pendulum_shim.parse)
    make_aware: Any = staticmethod(lambda value, timezone=None: pendulum_shim.instance(value, timezone))
    convert_to_utc: Any = staticmethod(
        lambda value: None if value is None else pendulum_shim.instance(value).in_timezone("UTC")
    )
    utcnow: Any = staticmethod(lambda: pendulum_shim.now("UTC"))
    coerce_datetime: Any = staticmethod(
        lambda value, tz=None: None if value is None else pendulum_shim.instance(value, tz)
    )


def _timezone_module_obj() -> Any:
    return _TimezoneNS()


def _timezone() -> dict[str, Any]:
    ns = _TimezoneNS
    return {
        "utc": ns.utc,
        "datetime": pendulum_shim.datetime,
        "parse": pendulum_shim.parse,
        "make_aware": ns.make_aware,
        "convert_to_utc": ns.convert_to_utc,
        "utcnow": ns.utcnow,
        "coerce_datetime": ns.coerce_datetime,
    }


def _pick(source: Callable[[], dict[str, Any]], *names: str) -> Callable[[], dict[str, Any]]:
    return lambda: {n: source()[n] for n in names}


def _exceptions() -> dict[str, Any]:
    return {name: getattr(errors, name) for name in errors.EXCEPTION_NAMES}


def _std(module: str) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        out: dict[str, Any] = {
            name: standard.catalog_class(f"{module}.{name}") for name in standard.module_names(module)
        }
        if module.endswith("operators.python"):
            out["get_current_context"] = runtime.get_current_context
        return out

    return build


def _legacy(target: str, *names: str) -> Callable[[], dict[str, Any]]:
    return lambda: {n: standard.catalog_class(f"{target}.{n}") for n in names}


def _timetable_mod(*names: str) -> Callable[[], dict[str, Any]]:
    return lambda: {n: getattr(timetables, n) for n in names}


MODULES: dict[str, Callable[[], dict[str, Any]]] = {
    "airflow": lambda: {
        "DAG": dag_mod.DAG,
        "Asset": assets.Asset,
        "Dataset": assets.Asset,
        "XComArg": xcom.XComArg,
        "__version__": "3.2.2",
    },
    "airflow.sdk": _sdk,
    "airflow.sdk.timezone": _timezone,
    "airflow.sdk.definitions": lambda: {},
    "airflow.sdk.definitions.dag": _pick(_sdk, "DAG", "dag"),
    "airflow.sdk.definitions.param": _pick(_sdk, "Param", "ParamsDict"),
    "airflow.sdk.definitions.taskgroup": lambda: {
        "TaskGroup": taskgroup.TaskGroup,
        "MappedTaskGroup": taskgroup.MappedTaskGroup,
    },
    "airflow.sdk.definitions.edges": _pick(_sdk, "Label", "EdgeModifier"),
    "airflow.sdk.definitions.asset": _pick(
        _sdk, "Asset", "AssetAlias", "AssetAll", "AssetAny", "AssetWatcher"
    ),
    "airflow.sdk.definitions.xcom_arg": lambda: {"XComArg": xcom.XComArg, "PlainXComArg": xcom.PlainXComArg},
    "airflow.sdk.definitions.mappedoperator": lambda: {"MappedOperator": mapping.MappedOperator},
    "airflow.sdk.definitions.context": _pick(_sdk, "get_current_context"),
    "airflow.sdk.bases": lambda: {},
    "airflow.sdk.bases.operator": lambda: {
        **_pick(_sdk, "BaseOperator", "chain", "chain_linear", "cross_downstream")()
    },
    "airflow.sdk.bases.sensor": _pick(_sdk, "BaseSensorOperator", "PokeReturnValue"),
    "airflow.sdk.bases.branch": _pick(_sdk, "BaseBranchOperator", "BranchMixIn"),
    "airflow.sdk.bases.hook": _pick(_sdk, "BaseHook"),
    "airflow.sdk.bases.notifier": _pick(_sdk, "BaseNotifier"),
    "airflow.models": lambda: {
        **_pick(
            _sdk, "DAG", "BaseOperator", "Param", "Variable", "Connection", "SkipMixin", "BaseOperatorLink"
        )(),
        "MappedOperator": mapping.MappedOperator,
    },
    "airflow.models.dag": _pick(_sdk, "DAG"),
    "airflow.models.baseoperator": _pick(_sdk, "BaseOperator", "chain", "chain_linear", "cross_downstream"),
    "airflow.models.param": _pick(_sdk, "Param", "ParamsDict"),
    "airflow.models.variable": _pick(_sdk, "Variable"),
    "airflow.models.connection": _pick(_sdk, "Connection"),
    "airflow.models.xcom_arg": _pick(_sdk, "XComArg"),
    "airflow.decorators": _pick(_sdk, "dag", "task", "task_group", "setup", "teardown"),
    "airflow.exceptions": _exceptions,
    "airflow.configuration": lambda: {"conf": runtime.conf},
    "airflow.utils": lambda: {},
    "airflow.utils.edgemodifier": _pick(_sdk, "Label", "EdgeModifier"),
    "airflow.utils.task_group": _pick(_sdk, "TaskGroup"),
    "airflow.utils.trigger_rule": _pick(_sdk, "TriggerRule"),
    "airflow.utils.weight_rule": _pick(_sdk, "WeightRule"),
    "airflow.utils.state": lambda: {
        "DagRunState": helpers.DagRunState,
        "TaskInstanceState": helpers.TaskInstanceState,
        "State": helpers.TaskInstanceState,
    },
    "airflow.utils.timezone": _timezone,
    "airflow.task": lambda: {},
    "airflow.task.trigger_rule": _pick(_sdk, "TriggerRule"),
    "airflow.task.weight_rule": _pick(_sdk, "WeightRule"),
    "airflow.timetables": lambda: {},
    "airflow.timetables.base": _timetable_mod("Timetable"),
    "airflow.timetables.trigger": _timetable_mod(
        "CronTriggerTimetable",
        "DeltaTriggerTimetable",
        "MultipleCronTriggerTimetable",
        "CronPartitionTimetable",
    ),
    "airflow.timetables.interval": _timetable_mod("CronDataIntervalTimetable", "DeltaDataIntervalTimetable"),
    "airflow.timetables.events": _timetable_mod("EventsTimetable"),
    "airflow.timetables.simple": _timetable_mod(
        "NullTimetable", "OnceTimetable", "ContinuousTimetable", "AssetTriggeredTimetable"
    ),
    "airflow.timetables.assets": _timetable_mod("AssetOrTimeSchedule"),
    "airflow.operators": lambda: {},
    "airflow.operators.python": lambda: {
        **_legacy(
            f"{_STD_OPS}.python",
            "PythonOperator",
            "BranchPythonOperator",
            "ShortCircuitOperator",
            "PythonVirtualenvOperator",
            "ExternalPythonOperator",
            "BranchExternalPythonOperator",
            "BranchPythonVirtualenvOperator",
        )(),
        "get_current_context": runtime.get_current_context,
    },
    "airflow.operators.bash": _legacy(f"{_STD_OPS}.bash", "BashOperator"),
    "airflow.operators.empty": _legacy(f"{_STD_OPS}.empty", "EmptyOperator"),
    "airflow.operators.datetime": _legacy(f"{_STD_OPS}.datetime", "BranchDateTimeOperator"),
    "airflow.operators.weekday": _legacy(f"{_STD_OPS}.weekday", "BranchDayOfWeekOperator"),
    "airflow.operators.trigger_dagrun": _legacy(f"{_STD_OPS}.trigger_dagrun", "TriggerDagRunOperator"),
    "airflow.operators.latest_only": _legacy(f"{_STD_OPS}.latest_only", "LatestOnlyOperator"),
    "airflow.operators.smooth": _legacy(f"{_STD_OPS}.smooth", "SmoothOperator"),
    "airflow.sensors": lambda: {},
    "airflow.sensors.base": lambda: {
        "BaseSensorOperator": operator.BaseSensorOperator,
        "PokeReturnValue": runtime.PokeReturnValue,
    },
    "airflow.sensors.python": _legacy(f"{_STD_SENSORS}.python", "PythonSensor"),
    "airflow.sensors.bash": _legacy(f"{_STD_SENSORS}.bash", "BashSensor"),
    "airflow.sensors.date_time": _legacy(
        f"{_STD_SENSORS}.date_time", "DateTimeSensor", "DateTimeSensorAsync"
    ),
    "airflow.sensors.time_sensor": _legacy(f"{_STD_SENSORS}.time", "TimeSensor"),
    "airflow.sensors.weekday": _legacy(f"{_STD_SENSORS}.weekday", "DayOfWeekSensor"),
    "airflow.sensors.time_delta": _legacy(f"{_STD_SENSORS}.time_delta", "TimeDeltaSensor"),
    "airflow.sensors.filesystem": _legacy(f"{_STD_SENSORS}.filesystem", "FileSensor"),
    "airflow.sensors.external_task": _legacy(
        f"{_STD_SENSORS}.external_task", "ExternalTaskSensor", "ExternalTaskMarker"
    ),
    "airflow.providers": lambda: {},
}
LEGACY_PREFIXES = ("airflow.operators.", "airflow.sensors.")

for _path in {p.rsplit(".", 1)[0] for p in standard.CATALOG}:
    MODULES.setdefault(_path, _std(_path))

_ = _dt


_NOT_OPERATOR_DIRS = {
    "hooks",
    "utils",
    "triggers",
    "models",
    "notifications",
    "secrets",
    "decorators",
    "links",
    "example_dags",
    "executors",
    "log",
    "auth_manager",
    "fs",
    "assets",
    "bundles",
}


def _provider_prefix(name: str) -> bool:
    """``airflow.providers[.<p>[.<sub>]]`` or ``...<p>[.<sub>].{operators,sensors,transfers}``."""
    parts = name.split(".")
    if parts[:2] != ["airflow", "providers"]:
        return False
    tail = parts[2:]
    if len(tail) <= 1:
        return True
    if tail[-1] in ("operators", "sensors", "transfers"):
        return all(p not in _NOT_OPERATOR_DIRS for p in tail[:-1]) and len(tail) <= 4
    return len(tail) == 2 and tail[1] not in _NOT_OPERATOR_DIRS


def is_package(name: str) -> bool:
    """Whether ``name`` is a package (some served module lies below it)."""
    prefix = name + "."
    if any(m.startswith(prefix) for m in MODULES):
        return True
    return _provider_prefix(name)


def served(name: str) -> bool:
    """Whether the shim provides module ``name``."""
    return name in MODULES or standard.is_provider_operator_module(name) or _provider_prefix(name)
