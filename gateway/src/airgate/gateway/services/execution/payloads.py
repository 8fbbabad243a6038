"""The ``ti_update_state`` body: one of Airflow's six payloads, chosen by ``state``, checked strictly.

Errors are pydantic's as FastAPI answers them for a tagged union: ``loc`` = ``["body", <tag>, <field>]``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from airgate.gateway.errors import RequestValidationError
from airgate.gateway.states import IntermediateTIState, TerminalTIState

_DATES = ("end_date", "reschedule_date")
#: tag -> (required fields, optional fields)
_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "_terminal_": (("state", "end_date"), ("rendered_map_index",)),
    "success": (("state", "end_date"), ("task_outlets", "outlet_events", "rendered_map_index")),
    "_other_": (("state",), ()),
    "deferred": (
        ("state", "classpath", "next_method"),
        ("trigger_kwargs", "trigger_timeout", "queue", "next_kwargs", "rendered_map_index"),
    ),
    "up_for_reschedule": (("state", "reschedule_date", "end_date"), ()),
    "up_for_retry": (("state", "end_date"), ("rendered_map_index",)),
}


def tag_of(state: Any) -> str:
    """Airflow's discriminator: which payload a ``state`` selects."""
    if state == "success":
        return "success"
    if state in set(TerminalTIState):
        return "_terminal_"
    if state in ("deferred", "up_for_reschedule", "up_for_retry"):
        return str(state)
    return "_other_"


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def duration(value: Any) -> timedelta | None:
    """A pydantic ``timedelta`` input (seconds or an ISO 8601 duration) or None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return timedelta(seconds=value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m and any(m.groups()):
            d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
            return timedelta(days=d, hours=h, minutes=mi, seconds=s)
    return None


def parse_state_update(body: Any) -> tuple[str, dict[str, Any]]:
    """(tag, fields) of a state update body, dates parsed; :class:`RequestValidationError` otherwise."""
    if not isinstance(body, dict):
        raise RequestValidationError(
            [
                {
                    "type": "model_attributes_type",
                    "loc": ["body"],
                    "msg": "Input should be a valid dictionary or object to extract fields from",
                    "input": body,
                }
            ]
        )
    tag = tag_of(body.get("state"))
    required, optional = _FIELDS[tag]
    errors: list[dict[str, Any]] = []
    if tag == "_other_" and body.get("state") not in set(IntermediateTIState):
        allowed = ", ".join(f"'{s}'" for s in IntermediateTIState)
        errors.append(
            {
                "type": "enum",
                "loc": ["body", tag, "state"],
                "msg": f"Input should be {allowed.rsplit(', ', 1)[0]} or {allowed.rsplit(', ', 1)[1]}",
                "input": body.get("state"),
                "ctx": {"expected": allowed.rsplit(", ", 1)[0] + " or " + allowed.rsplit(", ", 1)[1]},
            }
        )
    for name in required:
        if name not in body:
            errors.append(
                {"type": "missing", "loc": ["body", tag, name], "msg": "Field required", "input": body}
            )
    for name in body:
        if name not in required and name not in optional:
            errors.append(
                {
                    "type": "extra_forbidden",
                    "loc": ["body", tag, name],
                    "msg": "Extra inputs are not permitted",
                    "input": body[name],
                }
            )
    fields = dict(body)
    for name in _DATES:
        if name in body:
            parsed = _utc(body[name])
            if parsed is None:
                errors.append(
                    {
                        "type": "datetime_from_date_parsing",
                        "loc": ["body", tag, name],
                        "msg": "Input should be a valid datetime or date, invalid character in year",
                        "input": body[name],
                    }
                )
            fields[name] = parsed
    if tag == "deferred" and body.get("trigger_timeout") is not None:
        timeout = duration(body["trigger_timeout"])
        if timeout is None:
            errors.append(
                {
                    "type": "time_delta_parsing",
                    "loc": ["body", tag, "trigger_timeout"],
                    "msg": "Input should be a valid timedelta, invalid digit in duration",
                    "input": body["trigger_timeout"],
                }
            )
        fields["trigger_timeout"] = timeout
    if errors:
        raise RequestValidationError(errors)
    return tag, fields
