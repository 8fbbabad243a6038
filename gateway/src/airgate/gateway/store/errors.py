"""Store errors that services turn into HTTP answers (e.g. 409 for a duplicate key, as Airflow does)."""

from __future__ import annotations

import sys

from sqlalchemy.exc import IntegrityError

_PG_UNIQUE_VIOLATION = "23505"
_SQLITE_UNIQUE_NAMES = {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}


class StoreError(Exception):
    """Base class of the store's own errors."""


class UniqueViolation(StoreError):
    """An insert or update hit a unique constraint or primary key (the row already exists)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def as_unique_violation(exc: BaseException) -> UniqueViolation | None:
    """Return a :class:`UniqueViolation` for ``exc`` if it is a unique-key failure on either database."""
    if not isinstance(exc, IntegrityError):
        return None
    orig = exc.orig
    if orig is None:
        return None
    code = getattr(orig, "pgcode", None) or getattr(orig, "sqlstate", None)
    cause = orig.__cause__
    if code is None and cause is not None:
        code = getattr(cause, "sqlstate", None)
    if code == _PG_UNIQUE_VIOLATION:
        return UniqueViolation(_first_line(str(cause or orig)))
    sqlite3 = sys.modules.get("sqlite3")  # loaded by every SQLite store; a PostgreSQL process need not load it
    if (sqlite3 is not None and isinstance(orig, sqlite3.IntegrityError)) or "sqlite" in type(orig).__module__:
        name = getattr(orig, "sqlite_errorname", None)
        text = str(orig)
        if name in _SQLITE_UNIQUE_NAMES or text.startswith("UNIQUE constraint failed"):
            return UniqueViolation(text)
    return None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unique constraint violated"
