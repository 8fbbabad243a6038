"""Airflow's task-instance and dag-run states, and the one function every state change goes through.

The values are Airflow 3.2's (``airflow.utils.state``). :func:`transition` checks a change against the
allowed-transitions tables below and returns the new state, or raises :class:`InvalidTransition`; the
scheduler, the Execution API and the REST API all call it before they write a state.
"""

from __future__ import annotations

from enum import StrEnum
from typing import overload


class TaskInstanceState(StrEnum):
    """States of a task instance (``None`` -- no state yet -- is not a member)."""

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


class TerminalTIState(StrEnum):
    """States a task reports when it is finished."""

    SUCCESS = "success"
    FAILED = "failed"
    SKIPPED = "skipped"
    UPSTREAM_FAILED = "upstream_failed"
    REMOVED = "removed"


class IntermediateTIState(StrEnum):
    """States between queued and finished that are not ``running``."""

    SCHEDULED = "scheduled"
    QUEUED = "queued"
    RESTARTING = "restarting"
    UP_FOR_RETRY = "up_for_retry"
    UP_FOR_RESCHEDULE = "up_for_reschedule"
    DEFERRED = "deferred"


class DagRunState(StrEnum):
    """States of a dag run."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"


TI = TaskInstanceState
_FINISHED_TI = frozenset({TI.SUCCESS, TI.FAILED, TI.SKIPPED, TI.UPSTREAM_FAILED, TI.REMOVED})
#: a user (or a clear) may set these from any state: mark success/failed/skipped, clear to no state
_MARKS = frozenset({TI.SUCCESS, TI.FAILED, TI.SKIPPED})

TI_TRANSITIONS: dict[TaskInstanceState | None, frozenset[TaskInstanceState | None]] = {
    None: frozenset({TI.SCHEDULED, TI.QUEUED, TI.UPSTREAM_FAILED, TI.REMOVED}),
    TI.SCHEDULED: frozenset({TI.QUEUED, None, TI.UPSTREAM_FAILED, TI.REMOVED}),
    TI.QUEUED: frozenset({TI.RUNNING, TI.SCHEDULED, None, TI.UP_FOR_RETRY, TI.UPSTREAM_FAILED, TI.REMOVED}),
    TI.RUNNING: frozenset(
        {
            TI.UP_FOR_RETRY,
            TI.UP_FOR_RESCHEDULE,
            TI.DEFERRED,
            TI.RESTARTING,
            TI.UPSTREAM_FAILED,
            TI.REMOVED,
            None,
        }
    ),
    TI.DEFERRED: frozenset({TI.SCHEDULED, TI.QUEUED, TI.UP_FOR_RETRY, None, TI.REMOVED}),
    TI.UP_FOR_RETRY: frozenset({TI.SCHEDULED, TI.QUEUED, None, TI.UPSTREAM_FAILED, TI.REMOVED}),
    TI.UP_FOR_RESCHEDULE: frozenset({TI.SCHEDULED, TI.QUEUED, None, TI.UPSTREAM_FAILED, TI.REMOVED}),
    TI.RESTARTING: frozenset({TI.QUEUED, TI.RUNNING, TI.UP_FOR_RETRY, None, TI.REMOVED}),
    **{state: frozenset({None, TI.REMOVED, TI.UPSTREAM_FAILED}) for state in _FINISHED_TI},
}
"""Task instance: from -> allowed targets, besides the marks (success, failed, skipped) allowed from anywhere."""

DR = DagRunState
RUN_TRANSITIONS: dict[DagRunState, frozenset[DagRunState]] = {
    DR.QUEUED: frozenset({DR.RUNNING, DR.SUCCESS, DR.FAILED}),
    DR.RUNNING: frozenset({DR.SUCCESS, DR.FAILED, DR.QUEUED}),
    DR.SUCCESS: frozenset({DR.QUEUED, DR.FAILED}),
    DR.FAILED: frozenset({DR.QUEUED, DR.SUCCESS}),
}
"""Dag run: from -> allowed targets (``queued`` again is a clear)."""


class InvalidTransition(Exception):
    """A state change the tables do not allow."""

    def __init__(self, current: str | None, target: str | None) -> None:
        super().__init__(f"cannot change state from {current!r} to {target!r}")
        self.current = current
        self.target = target


@overload
def transition(current: str | None, target: TaskInstanceState | None) -> TaskInstanceState | None: ...
@overload
def transition(current: str | None, target: DagRunState) -> DagRunState: ...


def transition(
    current: str | None, target: TaskInstanceState | DagRunState | None
) -> TaskInstanceState | DagRunState | None:
    """``target`` when the change from ``current`` (a stored value) is allowed, else :class:`InvalidTransition`.

    ``target`` decides the kind: a :class:`DagRunState` is a dag run's change, anything else (``None``
    included: a cleared task) a task instance's. Staying in the same state is allowed.
    """
    if isinstance(target, DagRunState):
        try:
            run_from = DagRunState(current) if current is not None else None
        except ValueError:
            raise InvalidTransition(current, target) from None
        if run_from is None or run_from == target or target in RUN_TRANSITIONS[run_from]:
            return target
        raise InvalidTransition(current, target)
    try:
        ti_from = TaskInstanceState(current) if current is not None else None
    except ValueError:
        raise InvalidTransition(current, target) from None
    if ti_from == target or target in _MARKS or target in TI_TRANSITIONS[ti_from]:
        return target
    raise InvalidTransition(current, target)


def is_finished(state: str | None) -> bool:
    """Whether a task instance in ``state`` is done (Airflow's ``State.finished``)."""
    return state in _FINISHED_TI
