"""Memory of the long-running commands: packages installed lazily, loaded in full on first need.

Three packages cost a server memory for names it never uses (ADR 0013 for ``airgate dag-processor``, ADR 0018
for ``lite``, ``api-server`` and ``scheduler``):

* ``sqlalchemy.ext.asyncio`` imports ``AsyncSession`` and, with it, the whole ORM (about 6 MB of a ~40 MB
  process), although the store only uses the async engine and connection;
* ``sqlalchemy.dialects.postgresql`` imports every PostgreSQL driver's dialect (psycopg, psycopg2, pg8000...)
  where only asyncpg's is used;
* ``importlib.metadata`` (with ``email``, ``zipfile``, ``csv``... about 1.5 MB), which SQLAlchemy imports at
  start for the entry points it reads only when a URL names a dialect it does not ship.

Each is installed as a module whose own ``__init__`` has not run yet. Some names are resolved from their
submodule alone (the async engine, a driver's dialect); the first use of any other name runs the package's own
``__init__`` in place, so nothing differs for a caller but the moment it is imported.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

PACKAGE = "sqlalchemy.ext.asyncio"
EAGER = {
    "engine": ("AsyncConnection", "AsyncEngine", "AsyncTransaction", "async_engine_from_config",
               "create_async_engine", "create_async_pool_from_url"),
    "result": ("AsyncMappingResult", "AsyncResult", "AsyncScalarResult", "AsyncTupleResult"),
}
POSTGRESQL = "sqlalchemy.dialects.postgresql"
POSTGRESQL_NAMES = {"arraylib": ("array", ""), "array": ("array", "array"), "hstore": ("hstore", "hstore"),
                    "insert": ("dml", "insert"), "Insert": ("dml", "Insert")}
"""Names of ``sqlalchemy.dialects.postgresql`` resolved from one submodule: ``(submodule, name)``, an empty
name for the submodule itself. Any other submodule is also resolved alone (``asyncpg``, ``base``, ``json``...)."""
POSTGRESQL_SHADOWED = ("array", "hstore")
"""Submodules whose name the package's ``__init__`` binds to a function of theirs of the same name."""
METADATA = "importlib.metadata"


def defer_orm() -> bool:
    """Install ``sqlalchemy.ext.asyncio`` without its ORM session layer (before anything imports it).

    Returns False, changing nothing, when the package is already imported or cannot be found.
    """
    def eager(package: ModuleType) -> None:
        for submodule, names in EAGER.items():
            module = importlib.import_module(f"{PACKAGE}.{submodule}")
            for name in names:
                setattr(package, name, getattr(module, name))

    return _install_lazily(PACKAGE, eager=eager)


def defer_unused_drivers() -> bool:
    """Install ``sqlalchemy.dialects.postgresql`` so that only the submodules asked for are imported (asyncpg's
    dialect and what it needs, the ``insert`` construct), not every other driver's dialect."""
    def resolve(package: ModuleType, name: str) -> Any:
        submodule, attribute = POSTGRESQL_NAMES.get(name, (name, ""))
        if not submodule.isidentifier() or importlib.util.find_spec(f"{POSTGRESQL}.{submodule}") is None:
            return _FULL
        module = importlib.import_module(f"{POSTGRESQL}.{submodule}")
        for shadowed in POSTGRESQL_SHADOWED:  # importing a submodule binds its name: give the function back
            loaded = sys.modules.get(f"{POSTGRESQL}.{shadowed}")
            if loaded is not None:
                setattr(package, shadowed, getattr(loaded, shadowed))
        return getattr(module, attribute) if attribute else module

    return _install_lazily(POSTGRESQL, resolve=resolve)


def defer_entry_points() -> bool:
    """Install ``importlib.metadata`` to be imported on first use (before SQLAlchemy is imported)."""
    return _install_lazily(METADATA)


_FULL = object()
"""What a ``resolve`` function answers for a name only the package's own ``__init__`` defines."""


def _install_lazily(name: str, *, eager: Callable[[ModuleType], None] | None = None,
                    resolve: Callable[[ModuleType, str], Any] | None = None) -> bool:
    """Install package ``name`` without running its ``__init__``: ``eager`` sets names at once, ``resolve``
    answers a name on its first use (or ``_FULL``); any other name runs the ``__init__`` in place (PEP 562).

    Returns False, changing nothing, when the package is already imported or cannot be found.
    """
    if name in sys.modules:
        return False
    parent, _, child = name.rpartition(".")
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return False
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def complete(attribute: str) -> Any:
        """A name the package's ``__init__`` defines: the rest of the package, run in place."""
        if attribute.startswith("__") and attribute != "__all__":
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}")
        if resolve is not None:
            value = resolve(package, attribute)
            if value is not _FULL:
                setattr(package, attribute, value)
                return value
        package.__dict__.pop("__getattr__", None)
        for loaded, module in list(sys.modules.items()):  # the names its __init__ finds bound when it runs
            if loaded.rpartition(".")[0] == name:
                setattr(package, loaded.rpartition(".")[2], module)
        loader.exec_module(package)
        return getattr(package, attribute)

    sys.modules[name] = package
    setattr(sys.modules[parent], child, package)
    try:
        if eager is not None:
            eager(package)
    except Exception:
        del sys.modules[name]
        delattr(sys.modules[parent], child)
        raise
    package.__dict__["__getattr__"] = complete  # consulted only for names not set on the module
    return True


def slim_server() -> None:
    """What a server command installs lazily, in the order it must (before SQLAlchemy's import)."""
    defer_entry_points()
    defer_orm()
    defer_unused_drivers()
