"""``chain``, ``chain_linear``, ``cross_downstream``, ``Label``, ``TriggerRule`` and ``WeightRule``."""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise
from typing import Any

from .nodes import DependencyMixin, _flatten, relate


class TriggerRule(StrEnum):
    """Every trigger rule of Airflow 3.2."""

    ALL_SUCCESS = "all_success"
    ALL_FAILED = "all_failed"
    ALL_DONE = "all_done"
    ALL_DONE_MIN_ONE_SUCCESS = "all_done_min_one_success"
    ALL_DONE_SETUP_SUCCESS = "all_done_setup_success"
    ONE_SUCCESS = "one_success"
    ONE_FAILED = "one_failed"
    ONE_DONE = "one_done"
    NONE_FAILED = "none_failed"
    NONE_SKIPPED = "none_skipped"
    ALWAYS = "always"
    NONE_FAILED_MIN_ONE_SUCCESS = "none_failed_min_one_success"
    ALL_SKIPPED = "all_skipped"

    @classmethod
    def is_valid(cls, value: str) -> bool:
        return value in cls.all_triggers()

    @classmethod
    def all_triggers(cls) -> set[str]:
        return set(cls._value2member_map_)  # the values, without iterating the enum (called per task)


class WeightRule(StrEnum):
    """Priority weight rules."""

    DOWNSTREAM = "downstream"
    UPSTREAM = "upstream"
    ABSOLUTE = "absolute"


class DagRunState(StrEnum):
    """Dag run states (as referenced by DAG files, e.g. ExternalTaskSensor)."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"


class TaskInstanceState(StrEnum):
    """Task instance states (as referenced by DAG files)."""

    REMOVED = "removed"
    SCHEDULED = "scheduled"
    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"
    RESTARTING = "restarting"
    FAILED = "failed"
    UP_FOR_RETRY = "up_for_retry"
    UP_FOR_RESCHEDULE = "up_for_reschedule"
    UPSTREAM_FAILED = "upstream_failed"
    SKIPPED = "skipped"
    DEFERRED = "deferred"


class EdgeModifier(DependencyMixin):
    """``Label("text")`` between two nodes: ``a >> Label("x") >> b``."""

    def __init__(self, label: str | None = None) -> None:
        self.label = label
        self._upstream: list[Any] = []
        self._downstream: list[Any] = []

    def add_upstream(self, node: Any) -> None:
        for item in _flatten(node):
            self._upstream.append(item)
            for down in self._downstream:
                relate(item, down, self.label)

    def add_downstream(self, node: Any) -> None:
        for item in _flatten(node):
            self._downstream.append(item)
            for up in self._upstream:
                relate(up, item, self.label)

    def _relate(self, other: Any, upstream: bool, edge_label: Any = None) -> None:
        if upstream:
            self.add_upstream(other)
        else:
            self.add_downstream(other)


def Label(label: str) -> EdgeModifier:
    """An edge label."""
    return EdgeModifier(label)


def _pair(up: Any, down: Any) -> None:
    if isinstance(up, EdgeModifier) or isinstance(down, EdgeModifier):
        up >> down
    else:
        relate(up, down)


def chain(*tasks: Any) -> None:
    """Chain tasks (lists of equal length are chained pairwise)."""
    for up, down in pairwise(tasks):
        up_list = isinstance(up, list | tuple)
        down_list = isinstance(down, list | tuple)
        if not up_list and not down_list:
            _pair(up, down)
        elif up_list and not down_list:
            for item in up:
                _pair(item, down)
        elif down_list and not up_list:
            for item in down:
                _pair(up, item)
        else:
            if len(up) != len(down):
                raise ValueError(
                    f"Chain not supported for different length Iterable. Got {len(up)} and {len(down)}."
                )
            for a, b in zip(up, down, strict=True):
                _pair(a, b)


def chain_linear(*elements: Any) -> None:
    """Every element of each step runs before every element of the next."""
    if len(elements) < 2:
        raise ValueError("No dependencies were set. Did you forget to expand with `*`?")
    prev: list[Any] = []
    for element in elements:
        current = list(element) if isinstance(element, list | tuple) else [element]
        for up in prev:
            for down in current:
                _pair(up, down)
        prev = current


def cross_downstream(from_tasks: Any, to_tasks: Any) -> None:
    """Every task of ``from_tasks`` runs before every task of ``to_tasks``."""
    for task in from_tasks:
        relate(task, list(to_tasks) if isinstance(to_tasks, list | tuple) else to_tasks)


def literal(value: Any) -> Any:
    """Mark a value as not to be templated (recorded as the value itself)."""
    return value
