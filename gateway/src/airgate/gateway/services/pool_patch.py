"""The checks Airflow runs on a pool update after the body was decoded, with its exact answers.

Airflow re-validates the fields a patch carries against its base pool model *outside* FastAPI, so a
missing ``pool`` / ``slots`` / ``include_deferred`` (even with an ``update_mask``) is a 422 whose items have
``loc`` without the ``body`` prefix and carry pydantic's documentation ``url``. ``default_pool`` accepts only
an ``update_mask`` made of ``slots`` and ``include_deferred``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airgate.gateway.errors import HTTPError

_PYDANTIC_DOCS = "https://errors.pydantic.dev/2.13/v/"
_DEFAULT_POOL_FIELDS = frozenset({"slots", "include_deferred"})
_UPDATABLE = ("slots", "description", "include_deferred", "team_name")
_TYPE_ERRORS = {
    "pool": ("string_type", "Input should be a valid string"),
    "slots": ("int_type", "Input should be a valid integer"),
    "include_deferred": ("bool_type", "Input should be a valid boolean"),
}


def _error(kind: str, field: str, message: str, value: Any) -> dict[str, Any]:
    return {"type": kind, "loc": [field], "msg": message, "input": value, "url": _PYDANTIC_DOCS + kind}


def _base_pool_errors(sent: dict[str, Any], required: Sequence[str]) -> list[dict[str, Any]]:
    errors = []
    for field in required:
        if field not in sent:
            errors.append(_error("missing", field, "Field required", sent))
        elif sent[field] is None:
            kind, message = _TYPE_ERRORS[field]
            errors.append(_error(kind, field, message, None))
    return errors


def checked_changes(
    is_default: bool, fields: dict[str, Any], update_mask: Sequence[str] | None
) -> dict[str, Any]:
    """The ``slot_pool`` columns to change for a patch carrying ``fields`` (400 / 422 as Airflow answers)."""
    sent = dict(fields)
    if "name" in sent:  # a bulk entity names the pool ``name``; the patch body calls it ``pool``
        sent["pool"] = sent.pop("name")
    if is_default:
        if not update_mask or not all(m.strip() in _DEFAULT_POOL_FIELDS for m in update_mask):
            raise HTTPError(400, "Only slots and included_deferred can be modified on Default Pool")
        subset = {k: v for k, v in sent.items() if k in _DEFAULT_POOL_FIELDS}
        errors = [_error(_TYPE_ERRORS[k][0], k, _TYPE_ERRORS[k][1], None) for k, v in subset.items() if v is None]
    else:
        errors = _base_pool_errors(sent, ("pool", "slots", "include_deferred"))
    if errors:
        raise HTTPError(422, errors)
    names = set(sent) & set(_UPDATABLE)
    if update_mask:
        names &= set(update_mask)
    return {name: sent[name] for name in _UPDATABLE if name in names}
