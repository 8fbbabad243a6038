"""Memory of the standalone ``airgate dag-processor``: SQLAlchemy's asyncio extension without its ORM.

Importing the package ``sqlalchemy.ext.asyncio`` imports ``AsyncSession`` and, with it, the whole ORM (about
6 MB of a ~40 MB process), although the store only uses the async engine and connection. :func:`defer_orm`
installs that package lazily: its engine and result names are loaded at once; the first use of any other name
(``AsyncSession``, ``async_sessionmaker``...) runs the package's own ``__init__`` in place, so nothing differs
for a caller but the moment the ORM is imported. Processes that serve the API do not call it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

PACKAGE = "sqlalchemy.ext.asyncio"
EAGER = {
    "engine": ("AsyncConnection", "AsyncEngine", "AsyncTransaction", "async_engine_from_config",
               "create_async_engine", "create_async_pool_from_url"),
    "result": ("AsyncMappingResult", "AsyncResult", "AsyncScalarResult", "AsyncTupleResult"),
}


def defer_orm() -> bool:
    """Install ``sqlalchemy.ext.asyncio`` without its ORM session layer (before anything imports it).

    Returns False, changing nothing, when the package is already imported or cannot be found.
    """
    if PACKAGE in sys.modules:
        return False
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.loader is None:
        return False
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def complete(name: str) -> Any:
        """The rest of the package, on first use of a name it defines (PEP 562)."""
        if name.startswith("__") and name != "__all__":
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
        del package.__dict__["__getattr__"]
        loader.exec_module(package)
        return getattr(package, name)

    parent, _, child = PACKAGE.rpartition(".")
    sys.modules[PACKAGE] = package
    setattr(sys.modules[parent], child, package)
    try:
        for submodule, names in EAGER.items():
            module: ModuleType = importlib.import_module(f"{PACKAGE}.{submodule}")
            for name in names:
                setattr(package, name, getattr(module, name))
    except Exception:
        del sys.modules[PACKAGE]
        delattr(sys.modules[parent], child)
        raise
    package.__dict__["__getattr__"] = complete  # PEP 562: consulted for names not set above
    return True
