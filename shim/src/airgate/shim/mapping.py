"""Dynamic task mapping: ``Operator.partial(...).expand(...)`` / ``.expand_kwargs(...)``."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import Any

from . import _ctx
from .nodes import DependencyMixin, operators_of
from .operator import (
    BASE_ARGS,
    BaseOperator,
    accepts_any_kwargs,
    apply_base_args,
    class_param_names,
    merged_defaults,
    register,
)
from .xcom import MappedArgument, PlainXComArg, XComArg, find_xcom_operators

_PARTIAL_ONLY = {"task_id", "dag", "task_group", "params", "default_args"}


def is_mappable(value: Any) -> bool:
    """What ``expand`` accepts, as Airflow's: an XComArg, a mapped argument, or a mapping or sequence that is
    not a string (a set is neither)."""
    return isinstance(value, XComArg | MappedArgument | Mapping | Sequence) and not isinstance(value, str)


def unmappable(value: Any, name: str, owner: str | None) -> ValueError:
    """Airflow's error for expanding ``name`` over ``value``: ``owner`` is the operator class (classic
    operators), None for a decorated task (which quotes the argument's name)."""
    kind = type(value).__name__
    if owner is None:
        return ValueError(f"expand() got an unexpected type {kind!r} for keyword argument {name!r}")
    return ValueError(f"{owner}.expand() got an unexpected type {kind!r} for keyword argument {name}")


def prevent_duplicates(given: Mapping[str, Any], mapped: Mapping[str, Any], reason: str) -> None:
    """Airflow's refusal of arguments both given (partial) and mapped."""
    duplicated = set(given).intersection(mapped)
    if len(duplicated) == 1:
        raise TypeError(f"{reason} argument: {duplicated.pop()}")
    if duplicated:
        raise TypeError(f"{reason} arguments: {', '.join(sorted(duplicated))}")


def check_function_arguments(
    parameters: Mapping[str, inspect.Parameter], source: str, kwargs: Mapping[str, Any]
) -> None:
    """Airflow's check of the ``partial``/``expand`` (``source``) arguments of a decorated task or task
    group: each must name a parameter of the function (unless it takes ``**kwargs``), and an expanded one
    must be mappable."""
    if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return
    left = dict(kwargs)
    for name in parameters:
        if name in left:
            value = left.pop(name)
            if source == "expand" and not is_mappable(value):
                raise unmappable(value, name, None)
    if len(left) == 1:
        raise TypeError(f"{source}() got an unexpected keyword argument {next(iter(left))!r}")
    if left:
        raise TypeError(f"{source}() got unexpected keyword arguments {', '.join(repr(n) for n in left)}")


def check_expand_kwargs(kwargs: Any) -> None:
    """Airflow's check of the argument of ``expand_kwargs``: an XComArg, or a sequence of XComArgs and
    mappings (the error names the type of the whole argument)."""
    if isinstance(kwargs, Sequence):
        items_ok = all(isinstance(item, XComArg | Mapping) for item in kwargs)
    else:
        items_ok = isinstance(kwargs, XComArg)
    if not items_ok:
        raise TypeError(f"expected XComArg or list[dict], not {type(kwargs).__name__}")


def ensure_return_value(value: Any) -> None:
    """Airflow refuses to map over an XCom other than ``return_value``, at any depth of the expand input."""
    if isinstance(value, XComArg):
        for operator, key in value.iter_references():
            if key != "return_value":
                raise ValueError(f"cannot map over XCom with custom key {key!r} from {operator!r}")
    elif not hasattr(value, "__iter__") or isinstance(value, str):
        return
    else:
        for item in value.values() if isinstance(value, Mapping) else value:
            ensure_return_value(item)


def refuse_mapped_group(group: Any) -> None:
    """Airflow 3.2 refuses a mapped task inside a mapped task group (at any depth): the DAG file does not
    import."""
    while group is not None:
        if group.expand_input is not None:
            raise NotImplementedError("operator expansion in an expanded task group is not yet supported")
        group = group.parent_group


class OperatorPartial:
    """The result of ``Operator.partial(**kwargs)``; becomes a task on ``expand``."""

    def __init__(self, operator_class: type, kwargs: dict[str, Any], decorated: Any = None) -> None:
        if "task_id" not in kwargs and decorated is None:
            raise TypeError("missing keyword argument 'task_id'")
        if not accepts_any_kwargs(operator_class) and decorated is None:
            allowed = class_param_names(operator_class) | _PARTIAL_ONLY
            bad = sorted(set(kwargs) - allowed)
            if bad:
                raise TypeError(
                    f"{operator_class.__name__}.partial got an unexpected keyword argument {bad[0]!r}"
                )
        self.operator_class = operator_class
        self.kwargs = kwargs
        self.decorated = decorated

    def expand(self, **mapped: Any) -> MappedOperator:
        """Map over keyword arguments (the product of all of them)."""
        if not mapped:
            raise TypeError("no arguments to expand against")
        if self.decorated is None:  # a decorated task checks its function's arguments itself
            owner = self.operator_class.__name__
            known = None if accepts_any_kwargs(self.operator_class) else class_param_names(self.operator_class)
            for name, value in mapped.items():
                if (known is None or name in known) and not is_mappable(value):
                    raise unmappable(value, name, owner)
            if known is not None:
                unknown = sorted(set(mapped) - known)
                if len(unknown) == 1:
                    raise TypeError(f"{owner}.expand() got an unexpected keyword argument {unknown[0]!r}")
                if unknown:
                    names = ", ".join(repr(n) for n in unknown)
                    raise TypeError(f"{owner}.expand() got unexpected keyword arguments {names}")
            prevent_duplicates(self.kwargs, mapped, "unmappable or already specified")
        return MappedOperator(self, "dict", mapped)

    def expand_kwargs(self, kwargs: Any, *, strict: bool = True) -> MappedOperator:
        """Map over a list of kwargs dicts (or an XComArg producing one)."""
        check_expand_kwargs(kwargs)
        return MappedOperator(self, "list", kwargs)


class MappedOperator(DependencyMixin):
    """A task expanded at run time into one task instance per element."""

    task_id: str
    dag: Any
    task_group: Any
    upstream_task_ids: set[str]
    downstream_task_ids: set[str]

    def __init__(self, partial: OperatorPartial, expand_type: str, expand_input: Any) -> None:
        ensure_return_value(expand_input)
        kwargs = dict(partial.kwargs)
        cls = partial.operator_class
        dag = kwargs.pop("dag", None) or _ctx.STATE.current_dag()
        group = kwargs.pop("task_group", None)
        if dag is not None and group is None:
            group = _ctx.STATE.current_group() or dag.task_group
        refuse_mapped_group(group)
        defaults, params = merged_defaults(
            dag, group, kwargs.pop("default_args", None), kwargs.pop("params", None)
        )
        names = class_param_names(cls)
        for name, value in defaults.items():
            if name in names and name not in kwargs:
                kwargs[name] = value
        task_id = kwargs.pop("task_id")
        base = {k: v for k, v in kwargs.items() if k in BASE_ARGS}
        self.operator_class = cls
        self.partial_kwargs = {k: v for k, v in kwargs.items() if k not in BASE_ARGS}
        self.expand_type = expand_type
        self.expand_input = expand_input
        self.decorated = partial.decorated
        self.params = params
        self.lineno = _ctx.caller_lineno()
        for attr in ("template_fields", "template_ext", "ui_color", "ui_fgcolor"):
            setattr(self, attr, getattr(cls, attr, None))
        apply_base_args(self, task_id, base, dag, group)
        register(self)
        for op in find_xcom_operators([expand_input, self.partial_kwargs]):
            op.add_downstream_task(self)

    add_downstream_task = BaseOperator.add_downstream_task
    _relate = BaseOperator._relate
    as_setup = BaseOperator.as_setup
    as_teardown = BaseOperator.as_teardown

    @property
    def output(self) -> PlainXComArg:
        return PlainXComArg(self)

    @property
    def is_mapped(self) -> bool:
        return True

    @property
    def task_type(self) -> str:
        return self.operator_class.__name__

    @property
    def operator_name(self) -> str:
        return getattr(self.operator_class, "custom_operator_name", None) or self.operator_class.__name__

    @property
    def roots(self) -> list[Any]:
        return [self]

    @property
    def leaves(self) -> list[Any]:
        return [self]

    def __repr__(self) -> str:
        return f"<Mapped({self.operator_class.__name__}): {self.task_id}>"


__all__ = ["MappedOperator", "OperatorPartial", "operators_of"]
