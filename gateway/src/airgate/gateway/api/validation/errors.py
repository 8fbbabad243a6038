"""The exception the gateway answers with FastAPI's 422 ``{"detail": [...]}``."""

from __future__ import annotations

from typing import Any

from airgate.gateway.errors import RequestValidationError

__all__ = ["RequestValidationError", "UnhandledInputError", "value_error"]


def value_error(loc: list[str | int], message: str, input_: Any) -> RequestValidationError:
    """A pydantic ``value_error`` (what a model validator raising ``ValueError(message)`` produces)."""
    return RequestValidationError(
        [{"type": "value_error", "loc": loc, "msg": f"Value error, {message}", "input": input_, "ctx": {"error": {}}}]
    )


class UnhandledInputError(Exception):
    """Input on which Airflow's own validation crashes (it answers 500 ``Internal Server Error``).

    Raised for a bulk ``actions`` item that is not an object or whose ``action`` is missing or not
    ``create``/``update``/``delete``: Airflow picks the union member with a function that raises there.
    """
