"""``BaseOperator``: argument handling as Airflow 3.2 does it, dependencies, mapping.

Each ``__init__`` in an operator's class hierarchy is wrapped (like Airflow's ``apply_defaults``):
the DAG and task group come from the context, ``default_args`` fill the parameters of that
``__init__``'s signature, required ones are checked, and the outermost call records the
constructor kwargs. ``execute()`` is never called.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
import weakref
from typing import Any, ClassVar

from . import _ctx
from .helpers import TriggerRule
from .nodes import DependencyMixin, operators_of
from .params import ParamsDict
from .values import SEQUENCE
from .xcom import SCALAR_TYPES, PlainXComArg, find_xcom_operators

REQUIRED: Any = object()

# BaseOperator's own arguments and their defaults (Airflow 3.2, default configuration).
BASE_ARGS: dict[str, Any] = {
    "owner": "airflow",
    "email": None,
    "email_on_retry": True,
    "email_on_failure": True,
    "retries": 0,
    "retry_delay": dt.timedelta(seconds=300),
    "retry_exponential_backoff": 0,
    "max_retry_delay": None,
    "start_date": None,
    "end_date": None,
    "depends_on_past": False,
    "ignore_first_depends_on_past": True,
    "wait_for_past_depends_before_skipping": False,
    "wait_for_downstream": False,
    "priority_weight": 1,
    "weight_rule": "downstream",
    "queue": "default",
    "pool": None,
    "pool_slots": 1,
    "sla": None,
    "execution_timeout": None,
    "on_execute_callback": None,
    "on_failure_callback": None,
    "on_success_callback": None,
    "on_retry_callback": None,
    "on_skipped_callback": None,
    "pre_execute": None,
    "post_execute": None,
    "trigger_rule": "all_success",
    "resources": None,
    "run_as_user": None,
    "map_index_template": None,
    "max_active_tis_per_dag": None,
    "max_active_tis_per_dagrun": None,
    "executor": None,
    "executor_config": None,
    "do_xcom_push": True,
    "multiple_outputs": False,
    "inlets": None,
    "outlets": None,
    "doc": None,
    "doc_md": None,
    "doc_json": None,
    "doc_yaml": None,
    "doc_rst": None,
    "task_display_name": None,
    "logger_name": None,
    "allow_nested_operators": True,
    "render_template_as_native_obj": None,
}
CALLBACK_ARGS = (
    "on_execute_callback",
    "on_failure_callback",
    "on_success_callback",
    "on_retry_callback",
    "on_skipped_callback",
)
_CONTEXT_ARGS = ("task_id", "dag", "task_group", "params", "default_args")
_NUMBER = int | float  # built once (see values.SEQUENCE)
_BUILTIN_COLLECTIONS = frozenset({list, tuple, dict, set})


def _signature_names(func: Any) -> tuple[set[str], set[str]]:
    """(all named parameters, required ones except task_id) of an ``__init__``."""
    declared = getattr(func, "_shim_params", None)
    if declared is not None:
        names = set(declared)
        return names, {n for n, d in declared.items() if d is REQUIRED}
    sig = inspect.signature(func)
    names, required = set(), set()
    for name, param in sig.parameters.items():
        if name == "self" or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        names.add(name)
        if param.default is param.empty and name != "task_id":
            required.add(name)
    return names, required


def merged_defaults(
    dag: Any, group: Any, task_default_args: Any, task_params: Any
) -> tuple[dict[str, Any], Any]:
    """default_args of DAG, then groups, then the task; params merged the same way.

    Empty sources are skipped: most tasks have no default_args or params anywhere (a fan-out of
    hundreds of tasks pays this twice per task)."""
    args: dict[str, Any] = {}
    params = ParamsDict()
    if dag is not None:
        if dag.default_args:
            args.update(dag.default_args)
        if dag.params:
            params.update(dag.params)
    if group is not None and group.default_args:
        args.update(group.all_default_args())
    if task_default_args:
        args.update(task_default_args)
    if "params" in args:
        params.update(args.pop("params") or {})
    if task_params:
        params.update(task_params)
    return args, params


def _wrap_init(func: Any) -> Any:
    names, required = _signature_names(func)

    @functools.wraps(func)
    def apply_defaults(self: BaseOperator, *args: Any, **kwargs: Any) -> Any:
        if args:
            raise TypeError("Use keyword arguments when initializing operators")
        held = self.__dict__.get("_shim_in_init")  # the outermost call's (default_args, params, dag, group)
        outermost = not held
        dag = kwargs.get("dag") or _ctx.STATE.current_dag()
        if dag is not None:
            kwargs["dag"] = dag
        group = kwargs.get("task_group")
        if dag is not None and group is None:
            group = _ctx.STATE.current_group() or dag.task_group
            kwargs["task_group"] = group
        passed_args, passed_params = kwargs.pop("default_args", None), kwargs.pop("params", None)
        if (
            held
            and held[0] is passed_args
            and held[1] is passed_params
            and held[2] is dag
            and held[3] is group
        ):
            default_args = held[0]  # an inner __init__ given what the outer one merged: merged already
        else:
            default_args, params = merged_defaults(dag, group, passed_args, passed_params)
            passed_params = params or None
        for name, value in default_args.items():  # usually empty: cheaper than walking the signature
            if name in names and name not in kwargs:
                kwargs[name] = value
        missing = required.difference(kwargs)
        if len(missing) == 1:
            raise TypeError(f"missing keyword argument {missing.pop()!r}")
        if missing:
            raise TypeError(f"missing keyword arguments {', '.join(repr(a) for a in sorted(missing))}")
        if passed_params is not None:
            kwargs["params"] = passed_params
        state = self.__dict__
        if outermost:
            state["_shim_in_init"] = (default_args, passed_params, dag, group)
        init_kwargs = state.setdefault("_shim_init_kwargs", {})
        try:
            result = func(self, **kwargs, default_args=default_args)
        finally:
            if outermost:
                state["_shim_in_init"] = False
        init_kwargs.update(kwargs)
        if outermost and not self._shim_validation_only:
            self._finish_init()
        return result

    apply_defaults._shim_wrapped = True  # type: ignore[attr-defined]
    return apply_defaults


class BaseOperator(DependencyMixin):
    """Stand-in for ``airflow.sdk.BaseOperator``."""

    template_fields: ClassVar[Any] = ()
    template_ext: ClassVar[Any] = ()
    template_fields_renderers: ClassVar[dict[str, str]] = {}
    ui_color: str = "#fff"
    ui_fgcolor: str = "#000"
    custom_operator_name: str | None = None
    shim_module: ClassVar[str | None] = None
    shim_native: ClassVar[str | None] = None
    operator_extra_links: ClassVar[Any] = ()
    _is_sensor: ClassVar[bool] = False
    _shim_validation_only: bool = False
    task_id: str
    dag: Any
    task_group: Any
    _shim_pending_dag: Any
    upstream_task_ids: set[str]
    downstream_task_ids: set[str]
    _shim_init_kwargs: dict[str, Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is not None and not getattr(init, "_shim_wrapped", False):
            cls.__init__ = _wrap_init(init)  # type: ignore[method-assign]

    def __init__(
        self,
        *,
        task_id: str,
        dag: Any = None,
        task_group: Any = None,
        params: Any = None,
        default_args: Any = None,
        **kwargs: Any,
    ) -> None:
        if not kwargs.keys() <= BASE_ARGS.keys():
            _reject_unknown(self, task_id, kwargs)
        apply_base_args(self, task_id, kwargs, dag, task_group)
        if params or not _defaults_on_class(type(self)):
            self.params = ParamsDict(params)
        self.lineno = _ctx.caller_lineno()

    def _finish_init(self) -> None:
        """After the outermost ``__init__``: join the group and DAG, wire XComArg dependencies."""
        register(self)
        fields = (
            self.template_fields if isinstance(self.template_fields, SEQUENCE) else [self.template_fields]
        )
        scan_all = getattr(self, "_shim_scan_all_args", False)
        sources = self._shim_init_kwargs.values() if scan_all else [getattr(self, f, None) for f in fields]
        dag, group = self._shim_pending_dag, self.task_group
        for value in sources:
            kind = type(value)
            if (
                kind in SCALAR_TYPES
                or (kind in _BUILTIN_COLLECTIONS and not value)
                or value is dag
                or value is group
            ):
                continue  # most arguments (saves a call per argument)
            for op in find_xcom_operators(value):
                op.add_downstream_task(self)

    # -- dependencies ------------------------------------------------------------------------
    def _relate(self, other: Any, upstream: bool, edge_label: Any = None) -> None:
        for op in operators_of(other, as_upstream=upstream):
            if upstream:
                op.add_downstream_task(self, edge_label)
            else:
                self.add_downstream_task(op, edge_label)

    def add_downstream_task(self, other: Any, edge_label: Any = None) -> None:
        """Record ``self >> other`` (joining DAGs when one side has none)."""
        if self.dag is None and other.dag is not None:
            other.dag.adopt(self)
        elif other.dag is None and self.dag is not None:
            self.dag.adopt(other)
        elif self.dag is None and other.dag is None:
            raise ValueError(
                "Tried to create relationships between tasks that don't have Dags yet. "
                f"Set the Dag for at least one task and try again: {[self, other]}"
            )
        elif self.dag is not other.dag:
            raise ValueError(
                f"Tried to set relationships between tasks in more than one Dag: "
                f"{{{self.dag.dag_id!r}, {other.dag.dag_id!r}}}"
            )
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)
        if edge_label is not None:
            dag: Any = self.dag
            dag.edge_info.setdefault(self.task_id, {})[other.task_id] = {"label": edge_label}

    @property
    def output(self) -> PlainXComArg:
        """The task's return value as an XComArg."""
        return PlainXComArg(self)

    @property
    def roots(self) -> list[Any]:
        return [self]

    @property
    def leaves(self) -> list[Any]:
        return [self]

    @property
    def task_type(self) -> str:
        return type(self).__name__

    @property
    def operator_name(self) -> str:
        return self.custom_operator_name or type(self).__name__

    @property
    def is_mapped(self) -> bool:
        return False

    # -- setup / teardown ----------------------------------------------------------------------
    def as_setup(self) -> BaseOperator:
        self.is_setup = True
        return self

    def as_teardown(self, *, setups: Any = None, on_failure_fail_dagrun: Any = None) -> BaseOperator:
        self.is_teardown = True
        self.trigger_rule = TriggerRule.ALL_DONE_SETUP_SUCCESS.value
        if on_failure_fail_dagrun is not None:
            self.on_failure_fail_dagrun = on_failure_fail_dagrun
        if setups is not None:
            for setup in setups if isinstance(setups, list | tuple) else [setups]:
                for op in operators_of(setup, as_upstream=True):
                    op.is_setup = True
                    op.add_downstream_task(self)
        return self

    def __enter__(self) -> BaseOperator:
        if not (self.is_setup or self.is_teardown):
            raise RuntimeError("Only setup/teardown tasks can be used as context managers.")
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    # -- mapping ------------------------------------------------------------------------------
    @classmethod
    def partial(cls, **kwargs: Any) -> Any:
        """Start a mapped task: fixed kwargs now, ``expand`` later."""
        from .mapping import OperatorPartial

        return OperatorPartial(cls, kwargs)

    def execute(self, context: Any) -> Any:  # pragma: no cover - never runs at parse time
        raise RuntimeError("execute() never runs at parse time")

    def render_template_fields(self, *args: Any, **kwargs: Any) -> None:
        return None

    def __repr__(self) -> str:
        return f"<Task({type(self).__name__}): {self.__dict__.get('task_id', '?')}>"


def _reject_unknown(op: BaseOperator, task_id: str, kwargs: dict[str, Any]) -> None:
    """Airflow's error for keywords no ``__init__`` of the hierarchy took."""
    unknown = {
        k: v for k, v in kwargs.items() if k not in BASE_ARGS and k != "_airflow_mapped_validation_only"
    }
    if unknown:
        raise TypeError(
            f"Invalid arguments were passed to {type(op).__name__} (task_id: {task_id}). "
            f"Invalid arguments were:\n**kwargs: {unknown}"
        )
    kwargs.pop("_airflow_mapped_validation_only", None)


def apply_base_args(obj: Any, task_id: str, kwargs: dict[str, Any], dag: Any, group: Any) -> None:
    """Validate and set BaseOperator's arguments on ``obj`` (a task or a mapped task).

    ``kwargs`` holds only BaseOperator's own arguments (it may be changed)."""
    if not isinstance(task_id, str):
        raise TypeError(f"The key has to be a string and is {type(task_id)}:{task_id}")
    validate_key(task_id)
    kind = type(obj)
    on_class = _defaults_on_class(kind)
    state = {
        "task_id": group.child_id(task_id) if group is not None else task_id,
        "task_group": group,
        "dag": None,
        "_shim_pending_dag": dag,
    }
    if not on_class:
        state.update(
            upstream_task_ids=set(),
            downstream_task_ids=set(),
            is_setup=False,
            is_teardown=False,
            on_failure_fail_dagrun=False,
        )
    _validate_base_args(kwargs, state["task_id"], task_id, dag)
    kwargs.pop("sla", None)
    if on_class:  # only what was given is the instance's own (200 tasks: ~1 ms, ~100 pages fewer)
        state.update(kwargs)
        state.update(_derived_values(kwargs))
        obj.__dict__.update(state)
        return
    values = {**BASE_ARGS, **kwargs}
    del values["sla"]
    derived = _derived_values(values)
    if _plain_attributes(kind):  # one dict update instead of ~60 setattr calls (200 tasks: ~1 ms)
        state.update(values)
        state.update(derived)
        obj.__dict__.update(state)
        return
    for name, value in (*state.items(), *values.items()):  # a descriptor sees the value as given, ...
        setattr(obj, name, value)
    for name, value in derived.items():  # ... then the normalised one
        setattr(obj, name, value)


def _validate_base_args(kwargs: dict[str, Any], full_id: str, task_id: str, dag: Any) -> None:
    """Airflow's checks of BaseOperator's arguments given in ``kwargs`` (the defaults pass them all)."""
    if "trigger_rule" in kwargs and str(kwargs["trigger_rule"]) not in _TRIGGER_RULES:
        raise ValueError(
            f"The trigger_rule must be one of {[r.value for r in TriggerRule]},"
            f"'{dag.dag_id if dag else ''}.{task_id}'; received '{kwargs['trigger_rule']}'."
        )
    timeout = kwargs.get("execution_timeout")
    if timeout is not None and not isinstance(timeout, dt.timedelta):
        raise ValueError(f"execution_timeout must be timedelta object but passed as type: {type(timeout)}")
    if "pool_slots" in kwargs and kwargs["pool_slots"] < 1:
        dag_str = f" in dag {dag.dag_id}" if dag else ""
        raise ValueError(f"pool slots for {full_id}{dag_str} cannot be less than 1")
    if kwargs.get("sla") is not None:
        _ctx.warn("The SLA feature is removed in Airflow 3.0, replaced with Deadline Alerts in >=3.1")
    if kwargs.get("email") is not None:
        _ctx.warn(
            "Setting email on a task is deprecated; please migrate to SmtpNotifier.",
            "RemovedInAirflow4Warning",
        )


def _derived_values(values: dict[str, Any]) -> dict[str, Any]:
    """BaseOperator's arguments in ``values`` as the operator stores them (pool name, lists of callbacks,
    ...): of every argument when ``values`` holds them all, else of those it holds."""
    derived: dict[str, Any] = {}
    if "trigger_rule" in values:
        derived["trigger_rule"] = str(values["trigger_rule"])
    if "pool" in values:
        derived["pool"] = "default_pool" if values["pool"] is None else values["pool"]
    if "executor_config" in values:
        derived["executor_config"] = values["executor_config"] or {}
    if "retry_delay" in values:
        derived["retry_delay"] = _as_delta(values["retry_delay"])
    if values.get("max_retry_delay") is not None:
        derived["max_retry_delay"] = _as_delta(values["max_retry_delay"])
    if values.get("wait_for_downstream"):
        derived["depends_on_past"] = True
    for name in _LIST_ARGS:
        if name in values:
            value = values[name]
            derived[name] = [] if value is None else _as_list(value)
    return derived


_LIST_ARGS = (*CALLBACK_ARGS, "inlets", "outlets")


# classes of DAG files come and go
_PLAIN: weakref.WeakKeyDictionary[type, bool] = weakref.WeakKeyDictionary()


def _plain_attributes(cls: type) -> bool:
    """Whether setting BaseOperator's arguments on ``cls`` instances is a plain ``__dict__`` write (no class
    attribute of that name is a descriptor, e.g. a property a custom operator defines)."""
    plain = _PLAIN.get(cls)
    if plain is None:
        descriptors = (type(getattr(cls, name, None)) for name in BASE_ARGS)
        plain = cls.__setattr__ is object.__setattr__ and not any(
            hasattr(kind, "__set__") or hasattr(kind, "__delete__") for kind in descriptors
        )
        _PLAIN[cls] = plain
    return plain


_ON_CLASS: weakref.WeakKeyDictionary[type, bool] = weakref.WeakKeyDictionary()  # as _PLAIN


def _defaults_on_class(cls: type) -> bool:
    """Whether instances of ``cls`` may leave BaseOperator's default arguments to the class (see
    :func:`_class_defaults`): a plain-attribute subclass of BaseOperator none of whose classes but
    BaseOperator defines a class attribute of one of those names (an instance attribute would hide it)."""
    known = _ON_CLASS.get(cls)
    if known is None:
        known = (
            issubclass(cls, BaseOperator)
            and _plain_attributes(cls)
            and not any(
                name in klass.__dict__
                for klass in cls.__mro__
                if klass is not BaseOperator and klass is not object
                for name in _CLASS_DEFAULTS
            )
        )
        _ON_CLASS[cls] = known
    return known


class _EmptyPerInstance:
    """A BaseOperator attribute whose default is an empty list, dict or set: made for an instance when first
    read (a class attribute shared by all would be changed by ``task.inlets.append(...)``)."""

    def __init__(self, name: str, factory: type) -> None:
        self.name, self.factory = name, factory

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        value = self.factory()
        obj.__dict__[self.name] = value
        return value


def _class_defaults() -> dict[str, Any]:
    """BaseOperator's default arguments as an instance stores them, for the class to hold."""
    stored = {**BASE_ARGS, **_derived_values(BASE_ARGS)}
    del stored["sla"]
    for name, value in stored.items():
        if isinstance(value, list | dict):
            stored[name] = _EmptyPerInstance(name, type(value))
    stored.update(is_setup=False, is_teardown=False, on_failure_fail_dagrun=False)
    for name, factory in (("upstream_task_ids", set), ("downstream_task_ids", set), ("params", ParamsDict)):
        stored[name] = _EmptyPerInstance(name, factory)
    return stored


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, SEQUENCE) else [value]


def _as_delta(value: Any) -> Any:
    if isinstance(value, _NUMBER) and not isinstance(value, bool):
        return dt.timedelta(seconds=value)
    return value


_KEY = re.compile(r"[a-zA-Z0-9_.-]+")
_TRIGGER_RULES = frozenset(TriggerRule.all_triggers())


def validate_key(key: str, max_length: int = 250) -> None:
    """Airflow's rule for DAG and task ids."""
    if not isinstance(key, str):
        raise TypeError(f"The key has to be a string and is {type(key)}:{key}")
    if len(key) > max_length:
        raise ValueError(f"The key has to be less than {max_length} characters, not {len(key)}")
    if _KEY.fullmatch(key) is None:
        raise ValueError(
            f"The key {key!r} has to be made of alphanumeric characters, dashes, dots, and underscores exclusively"
        )


def register(task: Any) -> None:
    """Add a freshly built task to its group and DAG."""
    group = task.task_group
    dag = task._shim_pending_dag
    if group is not None:
        group.add(task)
    if dag is not None:
        dag.add_task(task)
    if _ctx.STATE.setup_teardown_stack:
        _ctx.STATE.setup_teardown_stack[-1].append(task)


class BaseSensorOperator(BaseOperator):
    """Stand-in for ``airflow.sdk.BaseSensorOperator`` (poke arguments recorded)."""

    ui_color = "#e6f1f2"
    _is_sensor = True

    def __init__(
        self,
        *,
        poke_interval: Any = 60,
        timeout: Any = 60 * 60 * 24 * 7,
        soft_fail: bool = False,
        mode: str = "poke",
        exponential_backoff: bool = False,
        max_wait: Any = None,
        silent_fail: bool = False,
        never_fail: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if mode not in ("poke", "reschedule"):
            raise ValueError(
                f"The mode must be one of ('poke', 'reschedule'),'{self.task_id}'; received '{mode}'."
            )
        self.poke_interval = poke_interval
        self.timeout = timeout
        self.soft_fail = soft_fail
        self.mode = mode
        self.exponential_backoff = exponential_backoff
        self.max_wait = max_wait
        self.silent_fail = silent_fail
        self.never_fail = never_fail

    def poke(self, context: Any) -> Any:  # pragma: no cover - never runs at parse time
        raise RuntimeError("poke() never runs at parse time")


class BaseAsyncOperator(BaseOperator):
    """Stand-in for ``airflow.sdk.BaseAsyncOperator``."""


class SkipMixin:
    """Stand-in for ``airflow.sdk.SkipMixin``."""


class BranchMixIn(SkipMixin):
    """Stand-in for ``airflow.sdk.BranchMixIn``."""


class BaseBranchOperator(BaseOperator, BranchMixIn):
    """Stand-in for ``airflow.sdk.BaseBranchOperator``."""


class BaseOperatorLink:
    """Extra links (recorded by class)."""


class BaseHook:
    """Hooks may be referenced at parse time but never connect."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs

    @classmethod
    def get_connection(cls, conn_id: str) -> Any:
        raise RuntimeError(f"BaseHook.get_connection({conn_id!r}) cannot run while parsing a DAG file")


class BaseNotifier:
    """Notifiers used as callbacks (recorded with their arguments)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._shim_args, self._shim_kwargs = args, kwargs

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        return None

    def __shim_json__(self) -> dict[str, Any]:
        from .values import encode

        cls = type(self)
        return {
            "__type": "notifier",
            "class": f"{getattr(cls, 'shim_module', None) or cls.__module__}.{cls.__name__}",
            "args": encode(list(self._shim_args)),
            "kwargs": encode(self._shim_kwargs),
        }


BaseOperator.__init__._shim_params = {  # type: ignore[attr-defined]
    **BASE_ARGS,
    "task_id": None,
    "dag": None,
    "task_group": None,
    "params": None,
    "default_args": None,
}
BaseOperator.__init__ = _wrap_init(BaseOperator.__init__)  # type: ignore[method-assign]
_CLASS_DEFAULTS = _class_defaults()
for _name, _value in _CLASS_DEFAULTS.items():
    setattr(BaseOperator, _name, _value)


def class_param_names(cls: type) -> set[str]:
    """Every keyword an operator class accepts (its hierarchy's ``__init__`` parameters)."""
    names: set[str] = set(BASE_ARGS)
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass is object:
            continue
        inner = getattr(init, "__wrapped__", init)
        declared = getattr(inner, "_shim_params", None)
        if declared is not None:
            names.update(declared)
            continue
        try:
            params = inspect.signature(inner).parameters.values()
        except (TypeError, ValueError):
            continue
        names.update(
            p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"
        )
    return names


def accepts_any_kwargs(cls: type) -> bool:
    """Synthesized provider classes accept any keyword (their signature is unknown)."""
    return bool(getattr(cls, "_shim_synthesized", False))
