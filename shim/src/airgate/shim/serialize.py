"""DAG objects → ``dag.json`` dicts (schema in ``docs/dag-json.md``)."""

from __future__ import annotations

from typing import Any

from .operator import BASE_ARGS, CALLBACK_ARGS
from .values import JSON_SCALARS, callable_ref, encode, seconds

SCHEMA_VERSION = 1
_SECONDS_ARGS = ("retry_delay", "max_retry_delay", "execution_timeout")
_PLAIN_BASE = [
    a
    for a in BASE_ARGS
    if a not in CALLBACK_ARGS
    and a not in _SECONDS_ARGS
    and a
    not in (
        "sla",
        "start_date",
        "end_date",
        "inlets",
        "outlets",
        "pre_execute",
        "post_execute",
        "task_display_name",
    )
]
_PLAIN_BASE_DEFAULTS = [(a, BASE_ARGS[a]) for a in _PLAIN_BASE]
_CONTEXT_KW = {"task_id", "dag", "task_group", "params", "default_args"}


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _class_ref(task: Any) -> dict[str, Any]:
    from . import _ctx

    cls = getattr(task, "operator_class", type(task))
    if cls.__dict__.get("shim_module"):
        return {
            "module_path": cls.__dict__["shim_module"],
            "class_name": cls.__name__,
            "defined_in_dag_file": False,
        }
    if cls.__module__.startswith("airgate.shim"):
        return {"module_path": "airflow.sdk", "class_name": cls.__name__, "defined_in_dag_file": False}
    in_file = cls.__module__ == _ctx.STATE.module_name
    module = "<dag file>" if in_file else cls.__module__
    return {"module_path": module, "class_name": cls.__qualname__, "defined_in_dag_file": in_file}


def _execution(task: Any) -> tuple[str, str | None]:
    cls = getattr(task, "operator_class", type(task))
    native = cls.__dict__.get("shim_native")
    if native and "shim_module" in cls.__dict__:
        return "native", native
    return "sdk", None


def _operator_kwargs(task: Any) -> dict[str, Any]:
    if task.is_mapped:
        return dict(task.partial_kwargs)
    given = dict(task.__dict__.get("_shim_init_kwargs", {}))
    given.update(task.__dict__.get("_shim_decorator_kwargs", {}))
    return {k: v for k, v in given.items() if k not in BASE_ARGS and k not in _CONTEXT_KW}


def task_json(task: Any) -> dict[str, Any]:
    """One task of dag.json."""
    path, kind = _execution(task)
    kwargs = _operator_kwargs(task)
    python_callable = kwargs.pop("python_callable", None)
    out: dict[str, Any] = {}
    for name, default in _PLAIN_BASE_DEFAULTS:
        value = getattr(task, name, default)
        out[name] = value if type(value) in JSON_SCALARS else encode(value)  # most are: skip the call
    out.update(
        {
            "task_id": task.task_id,
            "task_display_name": task.task_display_name or task.task_id,
            "class_ref": _class_ref(task),
            "task_type": task.task_type,
            "operator_name": task.operator_name,
            "execution_path": path,
            "native_kind": kind,
            "is_sensor": bool(getattr(getattr(task, "operator_class", type(task)), "_is_sensor", False)),
            "lineno": task.lineno,
            "upstream_task_ids": sorted(task.upstream_task_ids),
            "downstream_task_ids": sorted(task.downstream_task_ids),
            "task_group_id": task.task_group.group_id if task.task_group is not None else None,
            "is_mapped": task.is_mapped,
            "is_setup": task.is_setup,
            "is_teardown": task.is_teardown,
            "on_failure_fail_dagrun": bool(task.on_failure_fail_dagrun),
            "start_date": _iso(task.start_date),
            "end_date": _iso(task.end_date),
            "params": task.params.__shim_json__(),
            "callbacks": {
                name: [encode(cb) for cb in getattr(task, name)]
                for name in CALLBACK_ARGS
                if getattr(task, name)
            },
            "pre_execute": encode(task.pre_execute),
            "post_execute": encode(task.post_execute),
            "inlets": [encode(i) for i in task.inlets],
            "outlets": [encode(o) for o in task.outlets],
            "template_fields": list(task.template_fields or ()),
            "template_ext": list(task.template_ext or ()),
            "ui_color": task.ui_color,
            "ui_fgcolor": task.ui_fgcolor,
            "kwargs": encode(kwargs),
            "python_callable": callable_ref(python_callable) if python_callable is not None else None,
            "mapping": None,
        }
    )
    for name in _SECONDS_ARGS:
        out[name] = seconds(getattr(task, name, None))
    out["retry_exponential_backoff"] = encode(task.retry_exponential_backoff)
    if hasattr(task, "poke_interval") and out["is_sensor"]:
        out["sensor"] = {
            k: encode(getattr(task, k, None))
            for k in (
                "poke_interval",
                "timeout",
                "mode",
                "soft_fail",
                "exponential_backoff",
                "max_wait",
                "silent_fail",
                "never_fail",
            )
        }
    if task.is_mapped:
        out["mapping"] = {
            "expand_type": task.expand_type,
            "expand_input": encode(task.expand_input),
            "partial_kwargs": encode(kwargs),
        }
    return out


def _owners(tasks: list[Any]) -> list[str]:
    owners: list[str] = []
    for task in tasks:
        for owner in str(task.owner).split(","):
            owner = owner.strip()
            if owner and owner not in owners:
                owners.append(owner)
    return owners


def _groups(dag: Any) -> list[dict[str, Any]]:
    from .taskgroup import TaskGroup

    out: list[dict[str, Any]] = []
    stack = [dag.task_group]
    while stack:
        group = stack.pop()
        for child in group.children.values():
            if isinstance(child, TaskGroup):
                out.append(child.__shim_json__())
                stack.append(child)
    return sorted(out, key=lambda g: g["group_id"])


def dag_json(dag: Any, relative_fileloc: str) -> dict[str, Any]:
    """One DAG of dag.json."""
    from .timetables import AssetOrTimeSchedule, AssetTriggeredTimetable

    tasks = sorted(dag.tasks, key=lambda t: t.task_id)
    timetable = dag.timetable
    asset_expression = None
    if isinstance(timetable, AssetTriggeredTimetable | AssetOrTimeSchedule):
        asset_expression = timetable.condition.__shim_json__()
    edges = [
        {"source": up, "target": down, "label": info.get("label")}
        for up, targets in sorted(dag.edge_info.items())
        for down, info in sorted(targets.items())
    ]
    callbacks = {}
    for name in ("on_success_callback", "on_failure_callback"):
        value = getattr(dag, name)
        if value is not None:
            callbacks[name] = [encode(v) for v in (value if isinstance(value, list | tuple) else [value])]
    return {
        "schema_version": SCHEMA_VERSION,
        "dag_id": dag.dag_id,
        "dag_display_name": dag.dag_display_name,
        "description": dag.description,
        "relative_fileloc": relative_fileloc,
        "lineno": dag.lineno,
        "timetable": timetable.__shim_json__(),
        "timetable_summary": timetable.summary,
        "timetable_description": timetable.description,
        "asset_expression": asset_expression,
        "timezone": dag.timezone,
        "start_date": _iso(dag.start_date),
        "end_date": _iso(dag.end_date),
        "catchup": dag.catchup,
        "max_active_tasks": dag.max_active_tasks,
        "max_active_runs": dag.max_active_runs,
        "max_consecutive_failed_dag_runs": dag.max_consecutive_failed_dag_runs,
        "dagrun_timeout": seconds(dag.dagrun_timeout),
        "tags": sorted(dag.tags),
        "owners": _owners(tasks),
        "owner_links": dict(sorted(dag.owner_links.items())),
        "doc_md": dag.doc_md,
        "params": dag.params.__shim_json__(),
        "default_args": encode(dag.default_args),
        "is_paused_upon_creation": dag.is_paused_upon_creation,
        "render_template_as_native_obj": dag.render_template_as_native_obj,
        "template_searchpath": dag.template_searchpath,
        "user_defined_macros": encode(dag.user_defined_macros),
        "user_defined_filters": encode(dag.user_defined_filters),
        "jinja_environment_kwargs": encode(dag.jinja_environment_kwargs),
        "template_undefined": encode(dag.template_undefined),
        "access_control": encode(dag.access_control),
        "fail_fast": dag.fail_fast,
        "allowed_run_types": encode(
            sorted(dag.allowed_run_types)
            if isinstance(dag.allowed_run_types, list | set | tuple)
            else dag.allowed_run_types
        ),
        "disable_bundle_versioning": dag.disable_bundle_versioning,
        "deadline": encode(dag.deadline),
        "callbacks": callbacks,
        "has_task_concurrency_limits": any(
            t.max_active_tis_per_dag is not None or t.max_active_tis_per_dagrun is not None for t in tasks
        ),
        "tasks": [task_json(t) for t in tasks],
        "task_groups": _groups(dag),
        "edges": edges,
    }
