"""Helper process for the kit's adopt test: start an executor, submit one workload, print the
``external_executor_id`` of its ``started`` event, then wait to be killed (a "gateway crash").

``python -m airgate.sdk.testing._crashhost '<{"spec": ..., "config": {...}, "workload": {...}}>'``
"""

from __future__ import annotations

import asyncio
import json
import sys

import msgspec

from airgate.sdk._types import EventKind, Workload
from airgate.sdk.loader import load


async def _run(spec: str, config: dict[str, str], workload: Workload) -> None:
    executor = load(spec, config)
    await executor.start()  # type: ignore[attr-defined]
    await executor.submit(workload)  # type: ignore[attr-defined]
    async for event in executor.events():  # type: ignore[attr-defined]
        if event.kind == EventKind.STARTED:
            print(json.dumps({"external_executor_id": event.external_executor_id}), flush=True)
            break
        if event.kind in (EventKind.EXITED, EventKind.LOST):
            print(json.dumps({"error": f"{event.kind}: {event.detail}"}), flush=True)
            return
    await asyncio.sleep(120)


def main() -> None:
    """Entry point; see the module docstring."""
    request = json.loads(sys.argv[1])
    workload = msgspec.convert(request["workload"], Workload)
    asyncio.run(_run(request["spec"], request["config"], workload))


if __name__ == "__main__":
    main()
