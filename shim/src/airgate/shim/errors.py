"""Exceptions raised inside a DAG file, named as Airflow names them."""

from __future__ import annotations


class AirflowException(Exception):
    """Base of Airflow's exceptions."""


class AirflowSkipException(AirflowException):
    """Raised by a task to skip itself (never at parse time)."""


class AirflowFailException(AirflowException):
    """Raised by a task to fail without retrying."""


class AirflowSensorTimeout(AirflowException):
    """A sensor timed out."""


class AirflowRescheduleException(AirflowException):
    """A task asks to be rescheduled."""


class AirflowDagCycleException(AirflowException):
    """The DAG has a dependency cycle."""


class DuplicateTaskIdFound(AirflowException):
    """A task or group id is used twice in a DAG."""


class TaskAlreadyInTaskGroup(AirflowException):
    """A task is added to a second task group."""


class AirflowTimetableInvalid(AirflowException):
    """A timetable (e.g. a cron expression) is invalid."""


class ParamValidationError(AirflowException):
    """A param value does not satisfy its schema."""


class AirflowNotFoundException(AirflowException):
    """A connection or variable is missing."""


class UnsupportedConstruct(ImportError):
    """An ``airflow.*`` name the shim does not provide."""


EXCEPTION_NAMES = (
    "AirflowException",
    "AirflowSkipException",
    "AirflowFailException",
    "AirflowSensorTimeout",
    "AirflowRescheduleException",
    "AirflowDagCycleException",
    "DuplicateTaskIdFound",
    "TaskAlreadyInTaskGroup",
    "AirflowTimetableInvalid",
    "ParamValidationError",
    "AirflowNotFoundException",
)

for _name in EXCEPTION_NAMES:
    globals()[_name].__module__ = "airflow.sdk.exceptions"
