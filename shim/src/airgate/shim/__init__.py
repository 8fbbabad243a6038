"""airgate-shim: Airflow 3.2 DAG files → deterministic dag.json, without Airflow (standard library only).

``compile_file(path)`` parses a file in an isolated worker and returns a ``CompileResult``;
``ParserPool`` parses many files with warm workers. The schema is documented in ``docs/dag-json.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .compiler import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, CompileResult, ParserPool, compile_file
    from .serialize import SCHEMA_VERSION

# imported on first use (PEP 562): a parse worker imports this package without the compiler's
# subprocess/thread machinery, and the compiler's callers without the DAG-parsing modules
_WHERE = {
    "DEFAULT_MEMORY_MB": "compiler",
    "DEFAULT_TIMEOUT": "compiler",
    "CompileResult": "compiler",
    "ParserPool": "compiler",
    "compile_file": "compiler",
    "SCHEMA_VERSION": "serialize",
}

__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "SCHEMA_VERSION",
    "CompileResult",
    "ParserPool",
    "compile_file",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
