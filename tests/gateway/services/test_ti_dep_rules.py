"""The "Trigger Rule" dependency's reason for every rule, as Airflow 3.2 words it (a pure function)."""

from __future__ import annotations

import pytest

from airgate.gateway.services.ti_dep_rules import UpstreamStates, trigger_rule_reason

IDS = ["b", "a"]


def states(*pairs: tuple[str | None, bool]) -> UpstreamStates:
    return UpstreamStates.of(pairs)


def tail(up: UpstreamStates) -> str:
    return f"upstream_states={up}, upstream_task_ids={{'a', 'b'}}"


RUNNING = states(("running", False), (None, False))
ONE_SKIPPED = states(("skipped", False), ("success", False))
ONE_FAILED = states(("failed", False), ("success", False))
ALL_SKIPPED = states(("skipped", False), ("skipped", False))
SETUP_FAILED = states(("failed", True), ("success", False))


@pytest.mark.parametrize(("rule", "up", "expected"), [
    ("all_success", RUNNING, "requires all upstream tasks to have succeeded, but found 2 non-success(es)."),
    ("all_success", ONE_SKIPPED, "requires all upstream tasks to have succeeded, but found 1 non-success(es)."),
    ("all_failed", ONE_FAILED, "requires all upstream tasks to have failed, but found 1 non-failure(s)."),
    ("all_done", RUNNING, "requires all upstream tasks to have completed, but found 2 task(s) that were not done."),
    ("one_success", RUNNING, "requires one upstream task success, but none were found."),
    ("one_failed", ONE_SKIPPED, "requires one upstream task failure, but none were found."),
    ("one_done", ALL_SKIPPED,
     "requires at least one upstream task failure or success but none were failed or success."),
    ("none_failed", ONE_FAILED,
     "requires all upstream tasks to have succeeded or been skipped, but found 1 non-success(es)."),
    ("none_failed_min_one_success", RUNNING,
     "requires all upstream tasks to have succeeded or been skipped, but found 2 non-success(es)."),
    ("none_skipped", ONE_SKIPPED, "requires all upstream tasks to not have been skipped, but found 1 task(s) skipped."),
    ("none_skipped", RUNNING, "requires all upstream tasks to not have been skipped, but found 0 task(s) skipped."),
    ("all_skipped", ONE_SKIPPED, "requires all upstream tasks to have been skipped, but found 1 task(s) in non "
                                 "skipped state."),
    ("all_done_setup_success", RUNNING,
     "requires all upstream tasks to have completed, but found 2 task(s) that were not done."),
    ("all_done_setup_success", SETUP_FAILED,
     "requires at least one upstream setup task be successful, but found 1 task(s) that were not."),
    ("all_done_min_one_success", ONE_SKIPPED,
     "requires all non-skipped upstream tasks to have completed, but found 1 skipped task(s)."),
    ("all_done_min_one_success", RUNNING,
     "requires all non-skipped upstream tasks to have completed, but found 2 task(s) that were not done."),
    ("all_done_min_one_success", states(("failed", False), ("upstream_failed", False)),
     "requires all non-skipped upstream tasks to have completed and at least one upstream task has succeeded, "
     "but found 0 successful task(s)."),
])
def test_each_rule_says_why(rule: str, up: UpstreamStates, expected: str) -> None:
    setups = 1 if up is SETUP_FAILED else 0
    assert trigger_rule_reason(rule, up, 2, setups, IDS) == f"Task's trigger rule '{rule}' {expected} {tail(up)}"


@pytest.mark.parametrize(("rule", "up"), [
    ("all_success", states(("success", False), ("success", False))),
    ("all_done", ONE_FAILED),
    ("one_failed", ONE_FAILED),
    ("one_done", ONE_SKIPPED),
    ("none_failed", ONE_SKIPPED),
    ("all_skipped", ALL_SKIPPED),
    ("always", RUNNING),
])
def test_met_rules_say_nothing(rule: str, up: UpstreamStates) -> None:
    assert trigger_rule_reason(rule, up, 2, 0, IDS) is None


def test_no_upstream_and_unknown_rules() -> None:
    assert trigger_rule_reason("all_success", RUNNING, 0, 0, []) is None
    assert trigger_rule_reason("sometimes", RUNNING, 2, 0, IDS) == "No strategy to evaluate trigger rule 'sometimes'."


def test_counts_read_like_airflow() -> None:
    up = states(("success", True), ("skipped", True), ("failed", False), (None, False), ("removed", False))
    assert str(up) == ("_UpstreamTIStates(success=1, skipped=1, failed=1, upstream_failed=0, removed=1, done=4, "
                       "success_setup=1, skipped_setup=1)")
