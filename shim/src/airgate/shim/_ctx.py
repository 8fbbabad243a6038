"""Per-file parse state: the DAG and task-group context stacks and collected warnings.

A worker forks once per DAG file, so this module-level state is always fresh for a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ParseState:
    """Mutable state of the file being parsed."""

    fileloc: str = ""
    module_name: str = ""
    dags: list[Any] = field(default_factory=list)
    dag_stack: list[Any] = field(default_factory=list)
    group_stack: list[Any] = field(default_factory=list)
    setup_teardown_stack: list[Any] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    lines: bool = True  # record the DAG file line of each task and DAG (only a dag.json document shows them)

    def current_dag(self) -> Any:
        """The innermost DAG context, or None."""
        return self.dag_stack[-1] if self.dag_stack else None

    def current_group(self) -> Any:
        """The innermost task group context, or None."""
        return self.group_stack[-1] if self.group_stack else None


STATE = ParseState()


def warn(message: str, category: str = "UserWarning") -> None:
    """Record a parse-time warning with the DAG file line that caused it."""
    import sys

    lineno = 0
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == STATE.fileloc:
            lineno = frame.f_lineno
            break
        frame = frame.f_back  # type: ignore[assignment]
    STATE.warnings.append({"category": category, "message": message, "lineno": lineno})


def caller_lineno() -> int:
    """Line of the innermost frame executing the DAG file (0 when unknown, or when not recorded: a task process
    execs its DAG file without serializing it)."""
    import sys

    if not STATE.lines:
        return 0

    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == STATE.fileloc:
            return frame.f_lineno
        frame = frame.f_back  # type: ignore[assignment]
    return 0
