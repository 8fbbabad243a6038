"""The shared :data:`metadata` and column helpers used by every table module."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from airgate.gateway.store.types import UtcDateTime, utcnow

ID_LEN = 250
"""Airflow's length for dag_id, task_id, run_id and other identifiers."""

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
"""Every Airgate table; the migrations are generated from (and checked against) it."""


def string_id(name: str, *, nullable: bool = False, **kwargs: Any) -> sa.Column[str]:
    """An identifier column (dag_id, run_id, task_id, ...)."""
    return sa.Column(name, sa.String(ID_LEN), nullable=nullable, **kwargs)


def utc(name: str, *, nullable: bool = True, now: bool = False, onupdate: bool = False) -> sa.Column[Any]:
    """A UTC timestamp column; ``now`` defaults it to the insert time, ``onupdate`` refreshes it on update."""
    return sa.Column(
        name,
        UtcDateTime(),
        nullable=nullable,
        default=utcnow if now else None,
        onupdate=utcnow if onupdate else None,
    )
