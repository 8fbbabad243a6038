"""Task try logs read back for ``get_log`` (JSON and NDJSON, as Airflow's file task handler serves them).

Where they are: executors append a try's output to ``<[logging] base_log_folder>/<log path>``, the log path
in Airflow's layout ``dag_id=<d>/run_id=<r>/task_id=<t>/[map_index=<m>/]attempt=<n>.log`` (docs/executors.md);
a generic-path task may add ``<that file>.stdout`` for its process output. Each line is a JSON log record
(the task SDK writes those) or a text line (the native agent and process output), which becomes
``{"timestamp": <its leading [timestamp] if any>, "event": <line>}`` as in Airflow.

While the try can still write (the current try of a running, deferred or rescheduled TI) the answer carries a
continuation token: a signed position after which the next call continues.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.store.tables import task_instance, task_instance_history

_LIVE = ("running", "deferred", "up_for_reschedule", "queued", "scheduled", "restarting", None)
BAD_TOKEN = "Bad Signature. Please use only the tokens provided by the API."


def log_path(dag_id: str, run_id: str, task_id: str, map_index: int, try_number: int) -> str:
    """The try's log file, relative to ``base_log_folder`` (Airflow's default ``log_filename_template``)."""
    mapped = f"map_index={map_index}/" if map_index >= 0 else ""
    return f"dag_id={dag_id}/run_id={run_id}/task_id={task_id}/{mapped}attempt={try_number}.log"


async def find_try(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int,
                   try_number: int) -> bool:
    """Whether the try exists (404 ``TaskInstance not found`` otherwise); True while it may still write."""
    ti, h = task_instance, task_instance_history
    current = (await conn.execute(sa.select(ti.c.state).where(
        ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index == map_index,
        ti.c.try_number == try_number))).first()
    if current is not None:
        return current.state in _LIVE
    past = await conn.scalar(sa.select(sa.func.count()).select_from(h).where(
        h.c.dag_id == dag_id, h.c.run_id == run_id, h.c.task_id == task_id, h.c.map_index == map_index,
        h.c.try_number == try_number))
    if not past:
        raise HTTPError(404, "TaskInstance not found")
    return False


def _timestamp(line: str) -> str | None:
    head = line.split(" ", 1)[0].strip("[]")
    try:
        parsed = datetime.fromisoformat(head.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_line(line: str) -> dict[str, Any]:
    """One log record: a JSON record as written (``timestamp`` and ``event`` first), or a text line."""
    if line.startswith("{"):
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict) and "event" in record:
            return {"timestamp": record.get("timestamp"), "event": record["event"],
                    **{k: v for k, v in record.items() if k not in ("timestamp", "event")}}
    return {"timestamp": _timestamp(line), "event": line}


def read_records(base_log_folder: str, relative: str, start: int) -> tuple[list[dict[str, Any]], int]:
    """The records from line ``start`` on (the source-details group first when ``start`` is 0), and the
    position after them."""
    path = Path(base_log_folder) / relative
    lines: list[str] = []
    for candidate in (path, path.with_name(path.name + ".stdout")):
        if candidate.is_file():
            lines += candidate.read_text(encoding="utf-8", errors="replace").splitlines()
    lines = [line for line in lines if line.strip()]
    records = [parse_line(line) for line in lines[start:]]
    if start == 0:
        source = str(path) if path.is_file() else f"{path} (no log file yet)"
        header = [{"timestamp": None, "event": "::group::Log message source details"},
                  {"timestamp": None, "event": source}, {"timestamp": None, "event": "::endgroup::"}]
        records = header + records
    return records, len(lines)


def make_token(secret: str, position: int) -> str:
    """A signed continuation token for ``position``."""
    payload = base64.urlsafe_b64encode(json.dumps({"end_of_log": False, "log_pos": position},
                                                  separators=(",", ":")).encode()).decode().rstrip("=")
    mac = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def read_token(secret: str, token: str) -> int:
    """The position in a token this server signed (400 otherwise)."""
    payload, _, signature = token.partition(".")
    mac = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(base64.urlsafe_b64encode(mac).decode().rstrip("="), signature):
        raise HTTPError(400, BAD_TOKEN)
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return int(data["log_pos"])
    except (ValueError, KeyError, TypeError):
        raise HTTPError(400, BAD_TOKEN) from None


def json_body(records: list[dict[str, Any]], token: str | None) -> dict[str, Any]:
    """The JSON answer: records without null timestamps, as Airflow's JSON drops them."""
    content = [{k: v for k, v in r.items() if not (k == "timestamp" and v is None)} for r in records]
    return {"content": content, "continuation_token": token}


def ndjson_body(records: list[dict[str, Any]]) -> bytes:
    """The NDJSON answer: one compact record per line."""
    return b"".join(json.dumps(r, separators=(",", ":")).encode() + b"\n" for r in records)
