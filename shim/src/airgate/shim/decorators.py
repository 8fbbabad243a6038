"""``@task`` and its variants, ``@setup``/``@teardown`` and ``@task_group``.

Decorated function bodies never run at parse time, except ``@task_group`` and ``@dag`` bodies, which
Airflow runs too (they build the graph).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Mapping
from typing import Any

from . import _ctx
from .mapping import (
    MappedOperator,
    OperatorPartial,
    check_expand_kwargs,
    check_function_arguments,
    ensure_return_value,
    prevent_duplicates,
)
from .operator import BaseOperator
from .taskgroup import MappedTaskGroup, TaskGroup
from .xcom import MappedArgument, PlainXComArg, XComArg

_STD = "airflow.providers.standard.decorators"


class DecoratedOperator(BaseOperator):
    """Base of the operators made by ``@task``-style decorators."""

    template_fields = ("templates_dict", "op_args", "op_kwargs")
    shim_module = "airflow.sdk.bases.decorator"
    _shim_scan_all_args = True

    def __init__(
        self,
        *,
        python_callable: Any,
        task_id: str,
        op_args: Any = None,
        op_kwargs: Any = None,
        multiple_outputs: bool = False,
        templates_dict: Any = None,
        show_return_value_in_logs: bool = True,
        **kwargs: Any,
    ) -> None:
        extra = self._shim_extra_args
        self._shim_decorator_kwargs = {k: kwargs.pop(k) for k in list(kwargs) if k in extra} if extra else {}
        super().__init__(task_id=task_id, multiple_outputs=multiple_outputs, **kwargs)
        self.python_callable = python_callable
        self.op_args = list(op_args or [])
        self.op_kwargs = dict(op_kwargs or {})
        self.templates_dict = templates_dict
        self.show_return_value_in_logs = show_return_value_in_logs

    _shim_extra_args: tuple[str, ...] = ()


def _decorated(
    name: str,
    module: str,
    native: str | None,
    extra: tuple[str, ...] = (),
    sensor: bool = False,
    ui_color: str | None = None,
    template_fields: tuple[str, ...] = ("templates_dict", "op_args", "op_kwargs"),
) -> type[DecoratedOperator]:
    namespace: dict[str, Any] = {
        "shim_module": module,
        "shim_native": native,
        "_shim_extra_args": extra,
        "_is_sensor": sensor,
        "custom_operator_name": None,
        "template_fields": template_fields,
    }
    if ui_color:
        namespace["ui_color"] = ui_color
    return type(name, (DecoratedOperator,), namespace)


_SENSOR_ARGS = (
    "poke_interval",
    "timeout",
    "soft_fail",
    "mode",
    "exponential_backoff",
    "max_wait",
    "silent_fail",
    "never_fail",
)
_VENV_ARGS = (
    "requirements",
    "python_version",
    "serializer",
    "system_site_packages",
    "pip_install_options",
    "skip_on_exit_code",
    "index_urls",
    "venv_cache_path",
    "expect_airflow",
    "string_args",
    "python",
    "use_dill",
    "expect_pendulum",
    "env_vars",
    "inherit_env",
)

_VENV_TF = (
    "templates_dict",
    "op_args",
    "op_kwargs",
    "requirements",
    "index_urls",
    "index_urls_from_connection_ids",
    "venv_cache_path",
)
_EXT_TF = ("templates_dict", "op_args", "op_kwargs", "python")

VARIANTS: dict[str, type[DecoratedOperator]] = {
    "python": _decorated("_PythonDecoratedOperator", f"{_STD}.python", "python", ui_color="#ffefeb"),
    "bash": _decorated(
        "_BashDecoratedOperator",
        f"{_STD}.bash",
        "bash",
        ("env", "append_env", "output_encoding", "skip_on_exit_code", "cwd", "output_processor"),
        ui_color="#f0ede4",
        template_fields=("op_args", "op_kwargs", "bash_command", "env", "cwd"),
    ),
    "branch": _decorated(
        "_BranchPythonDecoratedOperator", f"{_STD}.branch_python", "python", ui_color="#ffefeb"
    ),
    "short_circuit": _decorated(
        "_ShortCircuitDecoratedOperator",
        f"{_STD}.short_circuit",
        "python",
        ("ignore_downstream_trigger_rules",),
        ui_color="#ffefeb",
    ),
    "sensor": _decorated(
        "DecoratedSensorOperator",
        f"{_STD}.sensor",
        "python",
        _SENSOR_ARGS,
        sensor=True,
        ui_color="#e6f1f2",
        template_fields=("op_args", "op_kwargs"),
    ),
    "virtualenv": _decorated(
        "_PythonVirtualenvDecoratedOperator",
        f"{_STD}.python_virtualenv",
        None,
        _VENV_ARGS,
        template_fields=_VENV_TF,
    ),
    "external_python": _decorated(
        "_PythonExternalDecoratedOperator",
        f"{_STD}.external_python",
        None,
        _VENV_ARGS,
        template_fields=_EXT_TF,
    ),
    "branch_virtualenv": _decorated(
        "_BranchPythonVirtualenvDecoratedOperator",
        f"{_STD}.branch_virtualenv",
        None,
        _VENV_ARGS,
        template_fields=_VENV_TF,
    ),
    "branch_external_python": _decorated(
        "_BranchExternalPythonDecoratedOperator",
        f"{_STD}.branch_external_python",
        None,
        _VENV_ARGS,
        template_fields=_EXT_TF,
    ),
    "docker": _decorated(
        "_DockerDecoratedOperator",
        "airflow.providers.docker.decorators.docker",
        None,
        (
            "image",
            "command",
            "environment",
            "mounts",
            "docker_url",
            "auto_remove",
            "network_mode",
            "api_version",
            "entrypoint",
        ),
    ),
    "kubernetes": _decorated(
        "_KubernetesDecoratedOperator",
        "airflow.providers.cncf.kubernetes.decorators.kubernetes",
        None,
        (
            "image",
            "namespace",
            "name",
            "in_cluster",
            "cmds",
            "arguments",
            "env_vars",
            "kubernetes_conn_id",
            "config_file",
            "get_logs",
            "labels",
        ),
    ),
}

# Airflow names decorated tasks by their decorator in the API (``operator_name``): ``@task``, ``@task.bash``, ...
for _variant, _cls in VARIANTS.items():
    _cls.custom_operator_name = "@task" if _variant == "python" else f"@task.{_variant}"


def unique_task_id(task_id: str) -> str:
    """``task_id``, ``task_id__1``, ... as Airflow numbers repeated decorated tasks."""
    dag = _ctx.STATE.current_dag()
    if dag is None:
        return task_id
    group = _ctx.STATE.current_group() or dag.task_group
    full = group.child_id(task_id)
    if full not in dag.task_dict:
        return task_id
    core = re.split(r"__\d+$", task_id)[0]
    prefix = group.child_id(core)
    suffixes = [
        int(t.rsplit("__", 1)[1]) for t in dag.task_dict if re.match(rf"^{re.escape(prefix)}__\d+$", t)
    ]
    return f"{core}__{max(suffixes, default=0) + 1}"


@functools.lru_cache(maxsize=1024)
def _cached_signature(fn: Any) -> inspect.Signature:
    return inspect.signature(fn)


def _signature(fn: Any) -> inspect.Signature:
    """``inspect.signature``, once per callable (a DAG file often makes hundreds of tasks of one function)."""
    try:
        return _cached_signature(fn)
    except TypeError:
        if getattr(type(fn), "__hash__", None) is None:  # an unhashable callable: no cache
            return inspect.signature(fn)
        raise


def _infer_multiple_outputs(fn: Any) -> bool:
    try:
        ret = _signature(fn).return_annotation
    except (TypeError, ValueError):
        return False
    if ret is inspect.Signature.empty:
        return False
    if isinstance(ret, str):
        return ret.startswith(("dict", "Dict", "Mapping", "typing.Dict"))
    origin = getattr(ret, "__origin__", ret)
    return origin is dict or getattr(origin, "__name__", "") in ("Dict", "Mapping", "dict")


# Airflow's ``KNOWN_CONTEXT_KEYS``: names ``partial``/``expand`` may not fix, context fills them at run time
KNOWN_CONTEXT_KEYS = frozenset(
    {
        "conn",
        "dag",
        "dag_run",
        "data_interval_end",
        "data_interval_start",
        "ds",
        "ds_nodash",
        "exception",
        "expanded_ti_count",
        "inlet_events",
        "inlets",
        "logical_date",
        "macros",
        "map_index_template",
        "outlet_events",
        "outlets",
        "params",
        "prev_data_interval_end_success",
        "prev_data_interval_start_success",
        "prev_end_date_success",
        "prev_start_date_success",
        "reason",
        "run_id",
        "task",
        "task_instance",
        "task_instance_key_str",
        "task_reschedule_count",
        "templates_dict",
        "test_mode",
        "ti",
        "triggering_asset_events",
        "try_number",
        "ts",
        "ts_nodash",
        "ts_nodash_with_tz",
        "var",
    }
)

# the arguments a decorated task's call gives its operator itself (besides ``multiple_outputs``)
_CALL_ARGS = ("python_callable", "op_args", "op_kwargs")


def refuse_context_keys(source: str, kwargs: Mapping[str, Any]) -> None:
    """Airflow refuses ``partial``/``expand`` (``source``) arguments named as task context variables."""
    names = [name for name in kwargs if name in KNOWN_CONTEXT_KEYS]
    if len(names) == 1:
        raise ValueError(f"cannot call {source}() on task context variable {names[0]!r}")
    if names:
        raise ValueError(f"cannot call {source}() on task context variables {', '.join(map(repr, names))}")


class TaskDecorator:
    """A decorated function: calling it adds a task and returns its XComArg. As in Airflow, ``partial``
    and ``override`` return another one; the fixed function arguments are its ``op_kwargs``."""

    def __init__(
        self,
        function: Any,
        operator_class: type[DecoratedOperator],
        kwargs: dict[str, Any],
        setup_teardown: str | None = None,
        *,
        multiple_outputs_overridden: bool = False,
    ) -> None:
        if not callable(function):
            raise TypeError("`python_callable` param must be callable")
        self.function = function
        self.operator_class = operator_class
        self.kwargs = kwargs
        self.setup_teardown = setup_teardown
        # Airflow's decorator keeps multiple_outputs apart: only override() puts it in the operator arguments
        self.multiple_outputs_overridden = multiple_outputs_overridden
        self.__name__ = getattr(function, "__name__", "task")
        self.__doc__ = getattr(function, "__doc__", None)
        self.__wrapped__ = function

    def _evolve(self, kwargs: dict[str, Any], multiple_outputs_overridden: bool = False) -> TaskDecorator:
        return TaskDecorator(
            self.function,
            self.operator_class,
            kwargs,
            self.setup_teardown,
            multiple_outputs_overridden=self.multiple_outputs_overridden or multiple_outputs_overridden,
        )

    def _task_kwargs(self) -> dict[str, Any]:
        kwargs = dict(self.kwargs)
        kwargs.pop("on_failure_fail_dagrun", None)
        kwargs["task_id"] = unique_task_id(kwargs.get("task_id") or self.function.__name__)
        if kwargs.get("multiple_outputs") is None:
            kwargs["multiple_outputs"] = _infer_multiple_outputs(self.function)
        return kwargs

    def _call_kwargs(self) -> dict[str, Any]:
        """The operator arguments of a call: a task (not a mapped one) is documented by its function's
        docstring, as in Airflow."""
        kwargs = self._task_kwargs()
        if (
            "doc_md" not in kwargs
            and self.function.__doc__
            and self.operator_class.__name__ != "_BashDecoratedOperator"
        ):
            kwargs["doc_md"] = self.function.__doc__
        return kwargs

    def __call__(self, *args: Any, **kwargs: Any) -> XComArg:
        self._refuse_call_arguments()
        self._check_arguments(args, kwargs)
        op = self.operator_class(
            python_callable=self.function, op_args=args, op_kwargs=kwargs, **self._call_kwargs()
        )
        self._mark(op)
        return PlainXComArg(op)

    def _refuse_call_arguments(self) -> None:
        """Airflow's call passes the function and its arguments to the operator besides the decorator's
        arguments: one of those among them (``op_kwargs`` after ``partial()``) is Python's TypeError."""
        reserved = (*_CALL_ARGS, "multiple_outputs") if self.multiple_outputs_overridden else _CALL_ARGS
        for name in self.kwargs:
            if name in reserved:
                cls = self.operator_class
                raise TypeError(
                    f"{cls.shim_module}.{cls.__name__}() got multiple values for keyword argument {name!r}"
                )

    def _check_arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """The call must fit the function's signature, unless context arguments may fill it at run time
        (then binding, the costly part, is skipped: its TypeError would be ignored)."""
        try:
            signature = _signature(self.function)  # a ValueError (no signature) is raised as before
            if not self._has_context_params():
                signature.bind(*args, **kwargs)
        except TypeError as err:
            if not self._has_context_params():
                raise TypeError(f"{self.function.__name__}() {err}") from None

    def _has_context_params(self) -> bool:
        return True

    def check_arguments(self, source: str, kwargs: dict[str, Any]) -> None:
        """Airflow's check of ``partial``/``expand`` arguments (``source``) against the function's."""
        refuse_context_keys(source, kwargs)
        check_function_arguments(_signature(self.function).parameters, source, kwargs)

    def _mark(self, op: Any) -> None:
        if self.setup_teardown == "setup":
            op.as_setup()
        elif self.setup_teardown == "teardown":
            op.as_teardown(on_failure_fail_dagrun=self.kwargs.get("on_failure_fail_dagrun"))

    def override(self, **kwargs: Any) -> TaskDecorator:
        """Same function (and fixed arguments, unless ``op_kwargs`` is given), other operator arguments."""
        return self._evolve({**self.kwargs, **kwargs}, "multiple_outputs" in kwargs)

    def partial(self, **kwargs: Any) -> TaskDecorator:
        """Fixes function arguments of a mapped task (again and again: a name only once)."""
        self.check_arguments("partial", kwargs)
        fixed = self.kwargs.get("op_kwargs", {})
        prevent_duplicates(fixed, kwargs, "duplicate partial")
        return self._evolve({**self.kwargs, "op_kwargs": {**kwargs, **fixed}})

    def expand(self, **mapped: Any) -> XComArg:
        """Map over function arguments."""
        if not mapped:
            raise TypeError("no arguments to expand against")
        self.check_arguments("expand", mapped)
        prevent_duplicates(self._given(), mapped, "mapping already partial")
        return self._mapped(self._partial().expand(**mapped))

    def expand_kwargs(self, kwargs: Any, *, strict: bool = True) -> XComArg:
        """Map over a list of function-argument dicts."""
        return self._mapped(self._partial().expand_kwargs(kwargs, strict=strict))

    def _given(self) -> dict[str, Any]:
        """The operator arguments Airflow's decorator holds (a function argument given to partial() is in
        ``op_kwargs``, so mapping it again is not refused at parse time)."""
        given = {"task_id": None, **self.kwargs}
        if not self.multiple_outputs_overridden:
            given.pop("multiple_outputs", None)
        return given

    def _partial(self) -> OperatorPartial:
        kwargs = self._task_kwargs()
        kwargs["python_callable"] = self.function
        kwargs.setdefault("op_kwargs", {})
        return OperatorPartial(self.operator_class, kwargs, decorated=self)

    def _mapped(self, op: MappedOperator) -> XComArg:
        self._mark(op)
        return PlainXComArg(op)


def _make_variant(variant: str, setup_teardown: str | None = None) -> Any:
    operator_class = VARIANTS[variant]

    def decorator(python_callable: Any = None, multiple_outputs: bool | None = None, **kwargs: Any) -> Any:
        kwargs["multiple_outputs"] = multiple_outputs
        if python_callable is not None:
            return TaskDecorator(python_callable, operator_class, kwargs, setup_teardown)
        return lambda fn: TaskDecorator(fn, operator_class, kwargs, setup_teardown)

    decorator.__name__ = variant
    return decorator


class _TaskNamespace:
    """``task`` / ``task.bash`` / ``task.branch`` ... (unknown variants are an AttributeError)."""

    def __call__(
        self, python_callable: Any = None, multiple_outputs: bool | None = None, **kwargs: Any
    ) -> Any:
        return _make_variant("python")(python_callable, multiple_outputs, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name in VARIANTS:
            return _make_variant(name)
        if name in ("run_if", "skip_if"):
            return _condition_decorator(name)
        raise AttributeError(f"task decorator {name!r} not found")


def _condition_decorator(kind: str) -> Any:
    def outer(condition: Any, skip_message: str | None = None) -> Any:
        def inner(decorated: Any) -> Any:
            if isinstance(decorated, TaskDecorator):
                conds = list(decorated.kwargs.get("_shim_conditions", []))
                decorated.kwargs.setdefault("pre_execute", None)
                decorated._shim_conditions = [*conds, (kind, condition)]  # type: ignore[attr-defined]
            return decorated

        return inner

    return outer


task = _TaskNamespace()


def setup(python_callable: Any = None, **kwargs: Any) -> Any:
    """``@setup``: the task is a setup task."""
    if python_callable is not None and isinstance(python_callable, TaskDecorator):
        return TaskDecorator(
            python_callable.function, python_callable.operator_class, python_callable.kwargs, "setup"
        )
    if python_callable is not None:
        return TaskDecorator(
            python_callable, VARIANTS["python"], {"multiple_outputs": None, **kwargs}, "setup"
        )
    return lambda fn: setup(fn, **kwargs)


def teardown(python_callable: Any = None, *, on_failure_fail_dagrun: bool = False, **kwargs: Any) -> Any:
    """``@teardown``: the task is a teardown task (trigger rule ``all_done_setup_success``)."""
    extra = {"on_failure_fail_dagrun": on_failure_fail_dagrun}
    if python_callable is not None and isinstance(python_callable, TaskDecorator):
        return TaskDecorator(
            python_callable.function,
            python_callable.operator_class,
            {**python_callable.kwargs, **extra},
            "teardown",
        )
    if python_callable is not None:
        return TaskDecorator(
            python_callable, VARIANTS["python"], {"multiple_outputs": None, **kwargs, **extra}, "teardown"
        )
    return lambda fn: teardown(fn, on_failure_fail_dagrun=on_failure_fail_dagrun, **kwargs)


class TaskGroupDecorator:
    """A ``@task_group`` function: calling it builds a group by running the body."""

    def __init__(
        self, function: Any, tg_kwargs: dict[str, Any], partial_kwargs: dict[str, Any] | None = None
    ):
        self.function = function
        self.tg_kwargs = tg_kwargs
        self.partial_kwargs = partial_kwargs or {}
        self.__name__ = getattr(function, "__name__", "task_group")
        self.__wrapped__ = function

    def _group(self, cls: type[TaskGroup]) -> TaskGroup:
        kwargs = dict(self.tg_kwargs)
        kwargs.setdefault("group_id", self.function.__name__)
        kwargs.setdefault("add_suffix_on_collision", True)
        if "tooltip" not in kwargs and self.function.__doc__:
            kwargs["tooltip"] = self.function.__doc__
        return cls(**kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        group = self._group(TaskGroup)
        with group:
            retval = self.function(*args, **kwargs)
        return group if retval is None else retval

    def override(self, **kwargs: Any) -> TaskGroupDecorator:
        return TaskGroupDecorator(
            self.function, check_group_arguments({**self.tg_kwargs, **kwargs}), self.partial_kwargs
        )

    def partial(self, **kwargs: Any) -> TaskGroupDecorator:
        check_function_arguments(self._parameters(), "partial", kwargs)
        prevent_duplicates(self.partial_kwargs, kwargs, "duplicate partial")
        return TaskGroupDecorator(self.function, self.tg_kwargs, {**self.partial_kwargs, **kwargs})

    def expand(self, **mapped: Any) -> Any:
        if not mapped:
            raise TypeError("no arguments to expand against")
        check_function_arguments(self._parameters(), "expand", mapped)
        prevent_duplicates(self.partial_kwargs, mapped, "mapping already partial")
        ensure_return_value(mapped)
        if any(isinstance(value, MappedArgument) for value in mapped.values()):
            # Airflow 3.2: a mapped group cannot expand over an argument of the mapped group it is in
            raise ValueError("Nested Mapped TaskGroups are not yet supported")
        group = self._group(MappedTaskGroup)
        group.expand_type, group.expand_input = "dict", mapped
        return self._run_mapped(group, {k: MappedArgument(str(group.group_id), k) for k in mapped})

    def expand_kwargs(self, kwargs: Any) -> Any:
        check_expand_kwargs(kwargs)
        params = self._parameters()
        if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params.values()):
            raise TypeError("calling expand_kwargs() on task group function with * or ** is not supported")
        ensure_return_value(kwargs)
        group = self._group(MappedTaskGroup)
        group.expand_type, group.expand_input = "list", kwargs
        names = [n for n in params if n not in self.partial_kwargs]
        return self._run_mapped(group, {k: MappedArgument(str(group.group_id), k) for k in names})

    def _parameters(self) -> Mapping[str, inspect.Parameter]:
        return _signature(self.function).parameters

    def _run_mapped(self, group: TaskGroup, mapped_args: dict[str, Any]) -> Any:
        from .xcom import find_xcom_operators

        with group:
            retval = self.function(**self.partial_kwargs, **mapped_args)
        for op in find_xcom_operators(group.expand_input):
            for root in group.roots():
                op.add_downstream_task(root)
        return group if retval is None else retval


def check_group_arguments(tg_kwargs: dict[str, Any]) -> dict[str, Any]:
    """As Airflow, when a ``@task_group`` is made or overridden: every argument must be one of TaskGroup's
    (the error is ``inspect``'s, naming no function; raised here so the traceback ends in the DAG file)."""
    try:
        _signature(TaskGroup.__init__).bind_partial(**tg_kwargs)
    except TypeError as err:
        raise TypeError(str(err)) from None
    return tg_kwargs


def task_group(python_callable: Any = None, **tg_kwargs: Any) -> Any:
    """``@task_group`` / ``@task_group(group_id=..., ...)``. As in Airflow, any other first argument (a group
    id given positionally, or a function given with keyword arguments) is ignored: the result decorates."""
    if callable(python_callable) and not tg_kwargs:
        return TaskGroupDecorator(python_callable, {})
    return lambda fn: TaskGroupDecorator(fn, check_group_arguments(tg_kwargs))


__all__ = ["MappedOperator", "TaskDecorator", "setup", "task", "task_group", "teardown"]
