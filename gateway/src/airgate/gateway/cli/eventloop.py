"""The event loop the server commands run on (ADR 0023): uvloop, a dependency of the gateway, else asyncio's.

Measured on this 2-core VM, ``airgate lite`` on PostgreSQL with the ``local`` executor, two alternating series
of five runs each: a 50-task chain's scheduling overhead fell from 23.1 ms a task to 19.3-19.5 ms, and the
200-task fan-outs by ~6% (bash 2.49-2.77 s to 2.37-2.43 s, python 2.62-2.81 s to 2.48-2.69 s).

uvloop starts a child process with duplicates of its standard streams that are not closed on ``exec``; a
process that must not hold its parent's pipes closes what it inherited (the ``local`` worker does, at start).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, Literal, TypeVar

T = TypeVar("T")

UVICORN_LOOP: Literal["auto"] = "auto"
"""uvicorn's ``loop`` setting: uvloop when it can be imported, else asyncio's."""


def run(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)`` on uvloop's loop when it is installed."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)
