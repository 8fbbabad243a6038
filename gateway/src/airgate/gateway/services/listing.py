"""What every list endpoint shares: ``order_by``, ``limit``/``offset`` and the ``*_pattern`` filters,
with Airflow's semantics and messages.

- ``order_by``: attribute names, ``-`` prefix for descending, at most 10; an attribute outside the allowed set
  → 400 ``Ordering with '<x>' is disallowed or the attribute does not exist on the model``; the primary key is
  appended as the tie-breaker (descending if the first key is).
- ``limit``: ``[api] fallback_page_limit`` when absent, capped at ``[api] maximum_page_limit``.
- ``*_pattern``: case-insensitive substring (``ILIKE '%term%'``; ``%`` and ``_`` keep their SQL meaning),
  ``|`` separates alternatives, ``~`` matches everything.
- ``*_prefix_pattern``: prefix range scan, trailing non-alphanumerics dropped, ``|`` alternatives, ``~`` all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import ColumnElement

from airgate.gateway.config import Settings
from airgate.gateway.errors import HTTPError

MAX_SORT_PARAMS = 10


@dataclass(frozen=True)
class Sorting:
    """The attributes a list may be ordered by, and its primary key."""

    allowed: Mapping[str, ColumnElement[Any]]
    primary_key: str

    def clauses(self, order_by: Sequence[str] | None) -> list[ColumnElement[Any]]:
        values = list(order_by) if order_by else [self.primary_key]
        if len(values) > MAX_SORT_PARAMS:
            raise HTTPError(
                400,
                f"Ordering with more than {MAX_SORT_PARAMS} parameters is not allowed. Provided: {values}",
            )
        clauses: list[ColumnElement[Any]] = []
        names = set()
        for value in values:
            name = value.lstrip("-")
            column = self.allowed.get(name)
            if column is None:
                raise HTTPError(400, f"Ordering with '{name}' is disallowed or the attribute does not exist on the model")
            names.add(name)
            clauses.append(column.desc() if value.startswith("-") else column.asc())
        if self.primary_key not in names:
            pk = self.allowed[self.primary_key]
            clauses.append(pk.desc() if values[0].startswith("-") else pk.asc())
        return clauses


def page(params: Mapping[str, Any], raw_query: Mapping[str, Any], settings: Settings) -> tuple[int, int]:
    """(limit, offset) for a list call."""
    limit = params.get("limit") if "limit" in raw_query else settings.fallback_page_limit
    limit = min(int(limit if limit is not None else settings.fallback_page_limit), settings.maximum_page_limit)
    return limit, int(params.get("offset") or 0)


def search(column: ColumnElement[Any], value: str | None) -> ColumnElement[bool] | None:
    """The ``*_pattern`` filter, or None when not given."""
    if value is None:
        return None
    if value == "~":
        value = "%"
    if "|" in value:
        terms = [t.strip() for t in value.split("|") if t.strip()]
        if terms:
            return sa.or_(*(column.ilike(f"%{t}%") for t in terms))
    return column.ilike(f"%{value}%")


def _strip(term: str) -> str:
    while term and not term[-1].isalnum():
        term = term[:-1]
    return term


def _upper(term: str) -> str | None:
    term = _strip(term)
    if not term:
        return None
    last = ord(term[-1])
    if last >= 0x10FFFF:
        return _upper(term[:-1])
    bumped = chr(last + 1)
    if not bumped.isalnum():
        return _upper(term[:-1])
    return term[:-1] + bumped


def _prefix_clause(column: ColumnElement[Any], term: str) -> ColumnElement[bool]:
    lower = _strip(term)
    if not lower:
        return column.is_not(None)
    upper = _upper(term)
    if upper is None:
        return column >= lower
    return sa.and_(column >= lower, column < upper)


def prefix(column: ColumnElement[Any], value: str | None) -> ColumnElement[bool] | None:
    """The ``*_prefix_pattern`` filter, or None when not given."""
    if value is None:
        return None
    if value == "~":
        value = ""
    terms = [t.strip() for t in value.split("|")] if "|" in value else [value]
    terms = [t for t in terms if t] or [""]
    return sa.or_(*(_prefix_clause(column, t) for t in terms))


def any_of(column: ColumnElement[Any], values: Sequence[Any] | None) -> ColumnElement[bool] | None:
    """``column IN values`` (a ``None`` among them also matches NULL), or None when no values are given."""
    if not values:
        return None
    present = [v for v in values if v is not None]
    clauses = [column.in_(present)] if present else []
    if len(present) != len(values):
        clauses.append(column.is_(None))
    return sa.or_(*clauses)


def where_all(*clauses: ColumnElement[bool] | None) -> list[ColumnElement[bool]]:
    """The given filters, without the absent ones."""
    return [c for c in clauses if c is not None]


def mentions(table: sa.FromClause, clauses: Sequence[ColumnElement[Any]]) -> bool:
    """Whether any of ``clauses`` (filters, orderings; subqueries included) reads a column of ``table``: a list
    joins a table that changes no row count only when a filter or the order needs it."""
    return any(getattr(e, "table", None) is table for c in clauses for e in visitors.iterate(c))
