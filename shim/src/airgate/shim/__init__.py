"""airgate-shim: Airflow 3.2 DAG files → deterministic dag.json, without Airflow (standard library only).

``compile_file(path)`` parses a file in an isolated worker and returns a ``CompileResult``;
``ParserPool`` parses many files with warm workers. The schema is documented in ``docs/dag-json.md``.
"""

from __future__ import annotations

from .compiler import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, CompileResult, ParserPool, compile_file
from .serialize import SCHEMA_VERSION

__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "SCHEMA_VERSION",
    "CompileResult",
    "ParserPool",
    "compile_file",
]
