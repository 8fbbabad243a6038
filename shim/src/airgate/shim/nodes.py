"""Dependencies between DAG nodes: ``>>``, ``<<``, lists on both sides, edge labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .values import COLLECTION
from .xcom import XComArg


def _flatten(other: Any) -> list[Any]:
    if isinstance(other, COLLECTION):
        return [x for item in other for x in _flatten(item)]
    return [other]


class DependencyMixin:
    """``>>`` / ``<<`` on tasks, groups and XComArgs (lists accepted on either side)."""

    def _relate(self, other: Any, upstream: bool, edge_label: Any = None) -> None:
        raise NotImplementedError

    def set_downstream(self, other: Any, edge_modifier: Any = None) -> None:
        """Make ``other`` run after this node."""
        for item in _flatten(other):
            self._relate(item, upstream=False, edge_label=edge_modifier)

    def set_upstream(self, other: Any, edge_modifier: Any = None) -> None:
        """Make ``other`` run before this node."""
        for item in _flatten(other):
            self._relate(item, upstream=True, edge_label=edge_modifier)

    def __rshift__(self, other: Any) -> Any:
        from .helpers import EdgeModifier

        if isinstance(other, EdgeModifier):
            other.add_upstream(self)
            return other
        self.set_downstream(other)
        return other

    def __lshift__(self, other: Any) -> Any:
        from .helpers import EdgeModifier

        if isinstance(other, EdgeModifier):
            other.add_downstream(self)
            return other
        self.set_upstream(other)
        return other

    def __rrshift__(self, other: Any) -> Any:
        self.__lshift__(other)
        return self

    def __rlshift__(self, other: Any) -> Any:
        self.__rshift__(other)
        return self


def operators_of(node: Any, *, as_upstream: bool) -> list[Any]:
    """The task(s) that a node stands for on one side of a dependency."""
    from .taskgroup import TaskGroup

    if isinstance(node, XComArg):
        return node.iter_operators()
    if isinstance(node, TaskGroup):
        return node.leaves() if as_upstream else node.roots()
    if hasattr(node, "task_id"):
        return [node]
    if isinstance(node, Iterable) and not isinstance(node, str):
        return [op for item in node for op in operators_of(item, as_upstream=as_upstream)]
    raise TypeError(f"Relationships can only be set between Operators; received {type(node).__name__}")


def relate(upstream: Any, downstream: Any, edge_label: Any = None) -> None:
    """Record ``upstream >> downstream`` between two nodes (tasks, groups or XComArgs)."""
    ups = operators_of(upstream, as_upstream=True)
    downs = operators_of(downstream, as_upstream=False)
    for up in ups:
        for down in downs:
            up.add_downstream_task(down, edge_label)
