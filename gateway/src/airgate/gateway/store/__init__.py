"""The database layer: SQLAlchemy 2 async Core tables, the engine, migrations and secrets at rest.

Services use ``async with store.read() as conn`` / ``async with store.write() as conn`` with the tables from
:mod:`airgate.gateway.store.tables`.
"""

from airgate.gateway.store.crypto import SecretBox, SecretError
from airgate.gateway.store.engine import Store, create_store
from airgate.gateway.store.errors import StoreError, UniqueViolation, as_unique_violation
from airgate.gateway.store.migrate import check, migrate
from airgate.gateway.store.urls import to_async_url

__all__ = [
    "SecretBox",
    "SecretError",
    "Store",
    "StoreError",
    "UniqueViolation",
    "as_unique_violation",
    "check",
    "create_store",
    "migrate",
    "to_async_url",
]
