"""The state enums carry Airflow's values; every change is checked against the allowed-transitions tables."""

from __future__ import annotations

import pytest

from airgate.gateway.states import (
    DagRunState,
    IntermediateTIState,
    InvalidTransition,
    TaskInstanceState,
    TerminalTIState,
    is_finished,
    transition,
)

TI = TaskInstanceState


def test_values_are_airflows() -> None:
    assert sorted(TaskInstanceState) == sorted(
        [
            "removed",
            "scheduled",
            "queued",
            "running",
            "success",
            "restarting",
            "failed",
            "up_for_retry",
            "up_for_reschedule",
            "upstream_failed",
            "skipped",
            "deferred",
        ]
    )
    assert sorted(TerminalTIState) == ["failed", "removed", "skipped", "success", "upstream_failed"]
    assert sorted(IntermediateTIState) == sorted(
        ["scheduled", "queued", "restarting", "up_for_retry", "up_for_reschedule", "deferred"]
    )
    assert sorted(DagRunState) == ["failed", "queued", "running", "success"]


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (None, TI.SCHEDULED),
        ("scheduled", TI.QUEUED),
        ("queued", TI.RUNNING),
        ("restarting", TI.RUNNING),
        ("running", TI.SUCCESS),
        ("running", TI.UP_FOR_RETRY),
        ("running", TI.UP_FOR_RESCHEDULE),
        ("running", TI.DEFERRED),
        ("deferred", TI.SCHEDULED),
        ("up_for_retry", TI.SCHEDULED),
        ("up_for_reschedule", TI.SCHEDULED),
        ("success", None),  # cleared
        ("failed", TI.SUCCESS),  # marked by a user
        ("queued", TI.SKIPPED),
        ("running", TI.RUNNING),  # the same process starting twice
    ],
)
def test_allowed_task_instance_changes(current: str | None, target: TaskInstanceState | None) -> None:
    assert transition(current, target) == target


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (None, TI.RUNNING),
        ("scheduled", TI.RUNNING),
        ("success", TI.RUNNING),
        ("failed", TI.QUEUED),
        ("up_for_retry", TI.RUNNING),
        ("deferred", TI.RUNNING),
        ("skipped", TI.DEFERRED),
        ("bogus", TI.QUEUED),
    ],
)
def test_refused_task_instance_changes(current: str | None, target: TaskInstanceState) -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(current, target)
    assert (caught.value.current, caught.value.target) == (current, target)


def test_dag_run_changes() -> None:
    assert transition("queued", DagRunState.RUNNING) is DagRunState.RUNNING
    assert transition("running", DagRunState.SUCCESS) is DagRunState.SUCCESS
    assert transition("success", DagRunState.QUEUED) is DagRunState.QUEUED  # cleared
    assert transition(None, DagRunState.QUEUED) is DagRunState.QUEUED  # created
    with pytest.raises(InvalidTransition):
        transition("success", DagRunState.RUNNING)
    with pytest.raises(InvalidTransition):
        transition("deferred", DagRunState.RUNNING)


def test_finished() -> None:
    assert [s for s in TaskInstanceState if is_finished(s)] == [
        TI.REMOVED,
        TI.SUCCESS,
        TI.FAILED,
        TI.UPSTREAM_FAILED,
        TI.SKIPPED,
    ]
    assert not is_finished(None)
