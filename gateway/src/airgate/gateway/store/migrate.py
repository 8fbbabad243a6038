"""Schema migrations (alembic) driven from Python: ``migrate`` (upgrade to head) and ``check``.

alembic is imported when a function here runs, not with this module: processes that never migrate (the
standalone ``airgate dag-processor``) do not carry it.

Used by ``airgate db migrate`` / ``airgate db check`` and by ``airgate lite`` at start. Developers make a new
revision after changing the tables with::

    python -m airgate.gateway.store.migrate revision "what changed"
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from airgate.gateway.store.engine import begin_immediate, make_engine
from airgate.gateway.store.tables import metadata

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_PG_MIGRATION_LOCK = 0x41697267  # pg_advisory_xact_lock key: concurrent migrators queue


def alembic_config(url: str | None = None) -> Config:
    """An alembic :class:`Config` for Airgate's migrations (no ini file needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The newest revision shipped with this Airgate."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def migrate(url: str) -> None:
    """Upgrade the database at ``url`` to the newest schema, in one transaction (a no-op when already there)."""
    engine = make_engine(url, foreign_keys=False)
    try:
        async with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                await begin_immediate(conn)
            async with conn.begin():
                if engine.dialect.name == "postgresql":
                    await conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                    )
                await conn.run_sync(_upgrade)
    finally:
        await engine.dispose()


def _upgrade(connection: Connection) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def shipped_heads() -> set[str]:
    """The newest revision(s) shipped with this Airgate, read from the revision files without alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text()
        revision = re.search(r'^revision: str = "([^"]+)"', source, re.M)
        parent = re.search(r'^down_revision: str \| None = "([^"]+)"', source, re.M)
        if revision:
            revisions.add(revision.group(1))
        if parent:
            parents.add(parent.group(1))
    return revisions - parents


async def check_revision(url: str) -> str | None:
    """``None`` if the database is at the newest revision, else why not: the light check of processes that do
    not load alembic (``airgate dag-processor``); ``check`` also compares the tables."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            try:
                current = set((await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars())
            except DBAPIError:
                current = set()
    finally:
        await engine.dispose()
    heads = shipped_heads()
    if not current:
        return "the database has no Airgate schema yet; run `airgate db migrate`"
    if current != heads:
        shown = ", ".join(sorted(current))
        return f"the database is at revision {shown}, not at {', '.join(sorted(heads))}; run `airgate db migrate`"
    return None


async def check(url: str) -> str | None:
    """``None`` if the database is at the newest revision and matches the tables, else the reason why not."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_check)
    finally:
        await engine.dispose()


def _check(connection: Connection) -> str | None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    heads = set(script.get_heads())
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    current = set(context.get_current_heads())
    if not current:
        return "the database has no Airgate schema yet; run `airgate db migrate`"
    if current != heads:
        known = {rev.revision for rev in script.walk_revisions()}
        shown = ", ".join(sorted(current))
        if not current <= known:
            return f"the database is at revision {shown}, which this Airgate does not know (newer Airgate?)"
        return f"the database is at revision {shown}, not at {', '.join(sorted(heads))}; run `airgate db migrate`"
    differences = compare_metadata(context, metadata)
    if differences:
        shown = "; ".join(_describe(diff) for diff in differences[:10])
        more = f" (and {len(differences) - 10} more)" if len(differences) > 10 else ""
        return f"the database schema differs from Airgate's tables: {shown}{more}"
    return None


def _describe(diff: Any) -> str:
    if isinstance(diff, list):  # column-level changes come grouped
        return ", ".join(_describe(item) for item in diff)
    action, *rest = diff
    names = []
    for item in rest:
        name = getattr(item, "name", None)
        if name is not None:
            table = getattr(item, "table", None)
            names.append(f"{table.name}.{name}" if table is not None and hasattr(item, "type") else str(name))
        elif isinstance(item, str):
            names.append(item)
    return f"{action} {' '.join(names)}".strip()


def _revision(message: str) -> None:
    """Autogenerate a revision by comparing the tables with a scratch SQLite database at head."""
    import tempfile  # a developer tool's: not in the dag-processor's memory

    from alembic import command
    from alembic.script import ScriptDirectory

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/scratch.db"
        asyncio.run(migrate(url))
        count = sum(1 for _ in ScriptDirectory.from_config(alembic_config()).walk_revisions())
        command.revision(alembic_config(url), message=message, autogenerate=True, rev_id=f"{count + 1:04d}")


if __name__ == "__main__":  # pragma: no cover - developer tool
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit("usage: python -m airgate.gateway.store.migrate revision MESSAGE")
    _revision(sys.argv[2])
