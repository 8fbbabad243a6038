"""What the three bulk endpoints (variables, pools, connections) share, with Airflow's semantics.

A bulk request is a list of actions (``create`` / ``update`` / ``delete``) run in order in ONE transaction.
Results are grouped by action kind (two ``create`` actions share one ``{"success", "errors"}`` entry); a kind
that was not requested is ``null``. An action that fails as a whole (e.g. ``action_on_existence=fail`` and
some entities exist) adds ``{"error", "status_code"}`` to its kind's errors and changes nothing more; the
request still answers 200 and the other actions still run, as in Airflow.

Sets of keys in error texts are written as Python writes a set, sorted so the text is stable:
``{'a', 'b'}``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class BulkAction(StrEnum):
    """The kinds of bulk action."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class OnExistence(StrEnum):
    """``action_on_existence`` of a create action."""

    FAIL = "fail"
    SKIP = "skip"
    OVERWRITE = "overwrite"


class OnNonExistence(StrEnum):
    """``action_on_non_existence`` of an update or delete action."""

    FAIL = "fail"
    SKIP = "skip"


class ActionFailed(Exception):
    """One action fails as a whole: reported in its kind's ``errors`` (the request goes on)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass
class ActionResult:
    """Success keys and errors of one kind of action."""

    success: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"success": self.success, "errors": self.errors}


def set_text(keys: Iterable[str]) -> str:
    """``keys`` as Python prints a set of strings, sorted: ``{'a', 'b'}``."""
    return "{" + ", ".join(repr(k) for k in sorted(set(keys))) + "}"


def unique(keys: Iterable[str]) -> list[str]:
    """``keys`` without repeats, in their first order."""
    return list(dict.fromkeys(keys))


ActionRunner = Callable[[Any, ActionResult], Awaitable[None]]


async def run_actions(actions: Sequence[Any], runners: dict[BulkAction, ActionRunner]) -> dict[str, Any]:
    """Run each action with the runner of its kind (``action.kind`` or the struct's tag) and group results."""
    results: dict[BulkAction, ActionResult] = {}
    for action in actions:
        kind = BulkAction(action_kind(action))
        result = results.setdefault(kind, ActionResult())
        try:
            await runners[kind](action, result)
        except ActionFailed as failed:
            result.errors.append({"error": failed.detail, "status_code": failed.status})
    return {kind.value: (results[kind].as_dict() if kind in results else None) for kind in BulkAction}


def action_kind(action: Any) -> str:
    """The ``action`` value of a decoded bulk action (a tagged msgspec struct)."""
    config = getattr(type(action), "__struct_config__", None)
    tag = getattr(config, "tag", None)
    if isinstance(tag, str):
        return tag
    return str(action.action)


def split_existing(wanted: Iterable[str], existing: Iterable[str]) -> tuple[set[str], set[str]]:
    """(found, missing) of ``wanted`` against ``existing``."""
    wanted_set, existing_set = set(wanted), set(existing)
    return wanted_set & existing_set, wanted_set - existing_set


def entity_key(entity: Any, attribute: str) -> str:
    """A delete entity: either the key itself or a body holding it in ``attribute``."""
    return entity if isinstance(entity, str) else str(getattr(entity, attribute))


def given(body: Any) -> dict[str, Any]:
    """The fields a decoded request body (msgspec struct) really carries: absent (``UNSET``) ones left out."""
    import msgspec

    return {
        name: value
        for name in body.__struct_fields__
        if (value := getattr(body, name)) is not msgspec.UNSET
    }
