"""The shared rules of bulk requests: grouping by action kind, error entries, set texts."""

from __future__ import annotations

from typing import Any

from airgate.gateway._generated.public import (
    BulkCreateAction_VariableBody_,
    BulkDeleteAction_VariableBody_,
    VariableBody,
)
from airgate.gateway.services import bulk


def test_set_text_is_a_sorted_python_set_repr() -> None:
    assert bulk.set_text(["b", "a", "b"]) == "{'a', 'b'}"
    assert bulk.set_text(["it's"]) == '{"it\'s"}'


def test_given_leaves_out_unsent_fields() -> None:
    assert bulk.given(VariableBody(key="k", value=1)) == {"key": "k", "value": 1}


async def test_results_are_grouped_by_kind_and_failures_recorded() -> None:
    seen: list[str] = []

    async def create(action: Any, result: bulk.ActionResult) -> None:
        for entity in action.entities:
            if entity.key == "bad":
                raise bulk.ActionFailed(409, "no")
            seen.append(entity.key)
            result.success.append(entity.key)

    async def delete(action: Any, result: bulk.ActionResult) -> None:
        result.success.extend(bulk.entity_key(e, "key") for e in action.entities)

    actions = [
        BulkCreateAction_VariableBody_(entities=[VariableBody(key="a", value=1)]),
        BulkDeleteAction_VariableBody_(entities=["x", VariableBody(key="y", value=0)]),
        BulkCreateAction_VariableBody_(entities=[VariableBody(key="b", value=1), VariableBody(key="bad", value=1)]),
    ]
    runners: dict[bulk.BulkAction, bulk.ActionRunner] = {bulk.BulkAction.CREATE: create, bulk.BulkAction.DELETE: delete}
    assert await bulk.run_actions(actions, runners) == {
        "create": {"success": ["a", "b"], "errors": [{"error": "no", "status_code": 409}]},
        "update": None,
        "delete": {"success": ["x", "y"], "errors": []},
    }
    assert seen == ["a", "b"]
