"""Errors answered in FastAPI/Airflow's shape: ``{"detail": ...}`` with Airflow's status codes and texts.

Services raise them too (a missing row is a 404 whatever layer finds it); the app turns them into responses.
"""

from __future__ import annotations

import secrets
import string
from typing import Any


class HTTPError(Exception):
    """An error answered as ``{"detail": detail}`` with ``status``."""

    def __init__(self, status: int, detail: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def not_found(detail: str) -> HTTPError:
    return HTTPError(404, detail)


def conflict(detail: Any) -> HTTPError:
    return HTTPError(409, detail)


def bad_request(detail: Any) -> HTTPError:
    return HTTPError(400, detail)


def unique_violation() -> HTTPError:
    """Airflow's 409 for a database unique-constraint conflict, with a fresh 8-character reference."""
    ref = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(8))
    return HTTPError(409, unique_violation_detail(ref))


def unique_violation_detail(ref: str) -> dict[str, str]:
    """Airflow's body for a database unique-constraint conflict (statement and error hidden)."""
    return {
        "reason": "Unique constraint violation",
        "statement": "hidden",
        "orig_error": "hidden",
        "message": "Serious error when handling your request. Check logs for more details - "
        f"you will find it in api server when you look for ID {ref}",
    }


class RequestValidationError(Exception):
    """Invalid request input, answered 422 ``{"detail": errors}``; ``errors`` are pydantic-shaped items
    (``type``, ``loc``, ``msg``, ``input``, ``ctx``?). Raised by request validation and by services alike."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors
