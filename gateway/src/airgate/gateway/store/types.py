"""Column types shared by the tables: UTC datetimes and JSON that behave the same on both databases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


def utcnow() -> datetime:
    """The current time, tz-aware UTC (the default for timestamp columns)."""
    return datetime.now(UTC)


class UtcDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned tz-aware in UTC.

    PostgreSQL stores ``timestamp with time zone``; SQLite stores the UTC wall time as text (fixed width, so
    text order is time order). Naive datetimes are refused: every caller must say which zone it means.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC (dropping tzinfo on SQLite, which cannot keep it)."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} is not allowed; give it a time zone")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Return tz-aware UTC."""
        if value is None:
            return None
        if isinstance(value, str):  # raw text from SQLite (e.g. via a func / union)
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def Json() -> sa.JSON:
    """A JSON column type: Python ``None`` is SQL NULL (not the JSON text ``null``) on both databases."""
    return sa.JSON(none_as_null=True)


def Uuid() -> sa.Uuid[str]:
    """A UUID column handled as a hyphenated string (native ``uuid`` on PostgreSQL, CHAR(32) on SQLite)."""
    return sa.Uuid(as_uuid=False)
