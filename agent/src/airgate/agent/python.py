"""Python callables: PythonOperator / ``@task``, branch and short-circuit operators."""

from __future__ import annotations

import inspect
import types
from typing import Any

from .task import Task


def call_with_context(func: Any, args: list[Any], kwargs: dict[str, Any], context: dict[str, Any]) -> Any:
    """Call ``func(*args, **kwargs)`` plus the context entries its signature asks for (all of them when it
    takes ``**kwargs``), as Airflow's ``determine_kwargs`` does."""
    shape = _shape(func)
    if shape is None:
        return func(*args, **kwargs)
    positional, names, var_keyword = shape
    if var_keyword:
        return func(*args, **{**context, **kwargs})
    taken = set(positional[: len(args)])
    extra = {
        name: context[name] for name in names if name in context and name not in kwargs and name not in taken
    }
    return func(*args, **kwargs, **extra)


Shape = tuple[list[str], list[str], bool]
"""Of a signature: the positional parameters' names, every parameter's name, whether it takes ``**kwargs``."""


def _shape(func: Any) -> Shape | None:
    """``func``'s :data:`Shape` (``None``: it has no signature)."""
    shape = _code_shape(func)
    if shape is not None:
        return shape
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return None
    positional = [p.name for p in params.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return positional, list(params), any(p.kind is p.VAR_KEYWORD for p in params.values())


def _code_shape(func: Any) -> Shape | None:
    """A plain function's :data:`Shape` read from its code object, as ``inspect.signature`` reads it there
    (~0.3 ms and ~110 copy-on-write faults less in a forked task); ``None`` for anything else, a function
    wrapping another (``__wrapped__``) or with a ``__signature__``."""
    if type(func) is not types.FunctionType or hasattr(func, "__wrapped__") or hasattr(func, "__signature__"):
        return None
    code = func.__code__
    count = code.co_argcount
    names = list(code.co_varnames[:count])
    positional = list(names)
    if code.co_flags & inspect.CO_VARARGS:
        names.append(code.co_varnames[count + code.co_kwonlyargcount])
    names.extend(code.co_varnames[count : count + code.co_kwonlyargcount])
    return positional, names, bool(code.co_flags & inspect.CO_VARKEYWORDS)


def run_callable(task: Task) -> Any:
    """Call the task's ``python_callable`` with its ``op_args``/``op_kwargs`` and the context."""
    from .dagfile import find_callable

    ref = task.doc.get("python_callable")
    if not ref:
        raise TypeError(f"Task {task.doc['task_id']!r} has no python_callable")
    func = find_callable(ref, task.module)
    args = list(task.arg("op_args") or [])
    kwargs = dict(task.arg("op_kwargs") or {})
    templates_dict = task.arg("templates_dict")
    context = dict(task.context)
    context["templates_dict"] = templates_dict
    result = call_with_context(func, args, kwargs, context)
    print(f"Done. Returned value was: {result}", flush=True)
    return result


def _followed_with_relatives(task: Task, branch_ids: set[str]) -> set[str]:
    out = set(branch_ids)
    stack = list(branch_ids)
    while stack:
        doc = task.tasks.get(stack.pop()) or {}
        for child in doc.get("downstream_task_ids") or []:
            if child not in out:
                out.add(child)
                stack.append(child)
    return out


def branch(task: Task, chosen: Any) -> None:
    """Skip every direct downstream task not followed (Airflow's ``skip_all_except``)."""
    from airgate.shim.errors import AirflowException

    if isinstance(chosen, str):
        ids = {chosen}
    elif chosen is None:
        ids = set()
    elif isinstance(chosen, (list, tuple, set)) or inspect.isgenerator(chosen):
        ids = set(chosen)  # type: ignore[arg-type]  # checked below
        bad = {(b, type(b).__name__) for b in ids if not isinstance(b, str)}
        if bad:
            raise AirflowException(
                "Unable to branch to the specified tasks. The branching function returned invalid "
                f"'branch_task_ids': {bad}. Please check that your function returns an Iterable of valid "
                "task IDs that exist in your DAG."
            )
    else:
        raise AirflowException(
            "'branch_task_ids' must be either None, a task ID, or an Iterable of IDs, "
            f"but got {type(chosen).__name__!r}."
        )
    for group in task.dag_doc.get("task_groups") or []:  # a group id follows the group's roots
        if group.get("group_id") in ids:
            ids.discard(group["group_id"])
            ids.update(t for t in group.get("task_ids") or [] if t in task.doc.get("downstream_task_ids", []))
    invalid = ids - set(task.tasks)
    if invalid:
        raise AirflowException(
            f"'branch_task_ids' must contain only valid task_ids. Invalid tasks found: {invalid}."
        )
    print(f"Following branch {ids}", flush=True)
    downstream = sorted(task.doc.get("downstream_task_ids") or [])
    if not downstream:
        return
    followed = _followed_with_relatives(task, ids)
    index = task.api.me.map_index
    skip = [[t, index] for t in downstream if t not in followed]
    print(f"Skipping tasks {[tuple(s) for s in skip]}", flush=True)
    task.api.xcom_push("skipmixin_key", {"followed": [t for t in downstream if t in followed]})
    task.api.skip_downstream(skip)


def short_circuit(task: Task, condition: Any) -> None:
    """Skip the downstream tasks (all of them with ``ignore_downstream_trigger_rules``) when falsy."""
    if condition:
        print("Proceeding with downstream tasks...", flush=True)
        return
    print("Skipping downstream tasks", flush=True)
    ids = list(task.doc.get("downstream_task_ids") or [])
    if task.arg("ignore_downstream_trigger_rules", True):
        ids = sorted(_followed_with_relatives(task, set(ids)))
    ids = [t for t in ids if not (task.tasks.get(t) or {}).get("is_teardown")]
    if not ids:
        return
    task.api.xcom_push("skipmixin_key", {"skipped": ids})
    task.api.skip_downstream(ids)
