"""Map Airflow's ``[database] sql_alchemy_conn`` URLs, as written, to SQLAlchemy async drivers."""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

log = logging.getLogger(__name__)

_SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite", "sqlite+aiosqlite"}
_POSTGRES_DRIVERS = {
    "postgresql",
    "postgres",
    "postgresql+psycopg2",
    "postgresql+psycopg",
    "postgresql+psycopg2cffi",
    "postgresql+pg8000",
    "postgresql+asyncpg",
}
# libpq ``sslmode`` values; asyncpg's ``ssl`` connect argument accepts the same words.
_SSL_MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}
# Query arguments asyncpg understands when passed through the URL (as strings).
_ASYNCPG_QUERY_KEYS = {"ssl", "host", "port", "prepared_statement_cache_size"}

SETTING = "[database] sql_alchemy_conn"


def to_async_url(airflow_url: str) -> str:
    """Return the async-driver URL for an Airflow database URL.

    ``sqlite://...`` becomes ``sqlite+aiosqlite://...`` (file paths and the in-memory form kept as written);
    ``postgresql://``, ``postgres://``, ``postgresql+psycopg2://`` and ``postgresql+psycopg://`` become
    ``postgresql+asyncpg://``. libpq's ``sslmode`` is translated to asyncpg's ``ssl``; other libpq-only query
    arguments are dropped with a warning. Any other database raises :class:`ValueError` naming the setting.
    """
    text = airflow_url.strip()
    if not text:
        raise ValueError(f"{SETTING} is empty; set it to a sqlite:// or postgresql:// URL")
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise ValueError(f"{SETTING} is not a valid database URL: {exc}") from None
    driver = url.drivername.lower()
    if driver in _SQLITE_DRIVERS:
        # Keep the path exactly as written (sqlite:////abs, sqlite:///rel, sqlite://).
        _, _, rest = text.partition("://")
        return f"sqlite+aiosqlite://{rest}"
    if driver in _POSTGRES_DRIVERS:
        return _postgres(url).render_as_string(hide_password=False)
    shown = url.render_as_string(hide_password=True)
    raise ValueError(
        f"{SETTING} = {shown!r} uses an unsupported database {url.get_backend_name()!r}; "
        "Airgate supports SQLite (sqlite://) and PostgreSQL (postgresql://)"
    )


def _postgres(url: URL) -> URL:
    query: dict[str, str | tuple[str, ...]] = {}
    for key, value in url.query.items():
        if key == "sslmode":
            mode = value if isinstance(value, str) else value[-1]
            if mode not in _SSL_MODES:
                raise ValueError(
                    f"{SETTING}: unknown sslmode {mode!r} (expected one of {sorted(_SSL_MODES)})"
                )
            query["ssl"] = mode
        elif key in _ASYNCPG_QUERY_KEYS:
            query[key] = value
        else:
            log.warning(
                "%s: dropping query argument %r, which the asyncpg driver does not support", SETTING, key
            )
    return url.set(drivername="postgresql+asyncpg", query=query)


def backend_of(url: str) -> str:
    """Return ``'sqlite'`` or ``'postgresql'`` for an async (or Airflow) database URL."""
    name = make_url(url).get_backend_name()
    return "postgresql" if name in {"postgresql", "postgres"} else name
