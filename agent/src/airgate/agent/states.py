"""Task instance states the agent reports."""

from __future__ import annotations

from enum import StrEnum


class TaskState(StrEnum):
    """Airflow's terminal (and intermediate) task-instance states sent to ``PATCH /state``."""

    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"
    UP_FOR_RETRY = "up_for_retry"
    SKIPPED = "skipped"
    UP_FOR_RESCHEDULE = "up_for_reschedule"


def classify(exc: BaseException, should_retry: bool) -> TaskState:
    """The state an exception leads to, by Airflow's exception names (the shim's classes carry them)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if "AirflowSkipException" in names:
        return TaskState.SKIPPED
    if names & {"AirflowFailException", "AirflowSensorTimeout", "AirflowTaskTerminated"}:
        return TaskState.FAILED
    return TaskState.UP_FOR_RETRY if should_retry else TaskState.FAILED
