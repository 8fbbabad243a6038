"""Key-based redaction of JSON values exactly as Airflow's secrets masker does it for API answers.

Rules (Airflow 3.2.2, default ``[core] hide_sensitive_var_conn_fields``):

- a key is sensitive when, stripped and lower-cased, it contains one of the sensitive words;
- under a sensitive key every *string* becomes ``***`` (walking into dicts and lists); numbers, booleans and
  nulls are kept; below the maximum depth (5) anything left becomes ``***``;
- elsewhere dicts are walked key by key and lists item by item (items of a list have no key).

:func:`merge` is the inverse used by updates: a ``***`` sent back under a sensitive key keeps the stored value.
"""

from __future__ import annotations

from typing import Any

from airgate.gateway.services.sensitive import SENSITIVE_WORDS

MASK = "***"
MAX_DEPTH = 5


def is_sensitive(name: object) -> bool:
    """Whether ``name`` (a variable key or an extra's key) names a secret."""
    if not isinstance(name, str):
        return False
    lowered = name.strip().lower()
    return any(word in lowered for word in SENSITIVE_WORDS)


def _hide_all(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH or isinstance(value, str):
        return MASK
    if isinstance(value, dict):
        return {k: _hide_all(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_hide_all(v, depth + 1) for v in value]
    return value


def redact(value: Any, name: str | None = None, depth: int = 0) -> Any:
    """``value`` with the secrets it holds under sensitive keys replaced by ``***``."""
    if name and is_sensitive(name):
        return _hide_all(value, depth)
    if isinstance(value, dict):
        return {k: redact(v, k, depth + 1) for k, v in value.items()}
    if depth > MAX_DEPTH:
        return value
    if isinstance(value, list):
        return [redact(v, None, depth + 1) for v in value]
    return value


def merge(new: Any, old: Any, name: str | None = None, depth: int = 0, sensitive: bool = False) -> Any:
    """``new`` with every ``***`` under a sensitive key replaced by the matching part of ``old``."""
    if depth > MAX_DEPTH:
        return old if new == MASK else new
    hidden = sensitive or (name is not None and is_sensitive(name))
    if isinstance(new, dict) and isinstance(old, dict):
        return {
            k: merge(v, old[k], None if hidden else k, depth + 1, hidden) if k in old else v
            for k, v in new.items()
        }
    if isinstance(new, list) and isinstance(old, list):
        merged = []
        for index, item in enumerate(new):
            if index >= len(old):
                merged.append(item)
            elif hidden and item == MASK:
                merged.append(old[index])
            else:
                merged.append(merge(item, old[index], None, depth + 1, hidden))
        return merged
    if hidden and new == MASK:
        return old
    return new
