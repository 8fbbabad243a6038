"""Trigger rules: given the states of a task's direct upstream task instances, is it ready to run, should it
wait, or does it end without running (``upstream_failed`` / ``skipped``)?

A pure function over counts, so every rule is tested without a database. Semantics are Airflow 3.2's
(``TriggerRuleDep`` over direct relatives): first the rule may decide a final state for the task (skip
propagation, upstream failure), otherwise the task runs once its rule is met.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from airgate.gateway.states import TaskInstanceState as TIS


class TriggerRule(StrEnum):
    """Airflow's trigger rules."""

    ALL_SUCCESS = "all_success"
    ALL_FAILED = "all_failed"
    ALL_DONE = "all_done"
    ALL_DONE_SETUP_SUCCESS = "all_done_setup_success"
    ALL_DONE_MIN_ONE_SUCCESS = "all_done_min_one_success"
    ALL_SKIPPED = "all_skipped"
    ONE_SUCCESS = "one_success"
    ONE_FAILED = "one_failed"
    ONE_DONE = "one_done"
    NONE_FAILED = "none_failed"
    NONE_FAILED_MIN_ONE_SUCCESS = "none_failed_min_one_success"
    NONE_SKIPPED = "none_skipped"
    ALWAYS = "always"


class Verdict(StrEnum):
    """What the scheduler does with a task that has no state yet."""

    WAIT = "wait"
    RUN = "run"
    SKIP = "skipped"
    UPSTREAM_FAILED = "upstream_failed"


@dataclass(frozen=True)
class Upstream:
    """Counts of the direct upstream task instances' states (``setup_*``: those that are setup tasks)."""

    total: int
    success: int = 0
    skipped: int = 0
    failed: int = 0
    upstream_failed: int = 0
    removed: int = 0
    setups: int = 0
    setup_success: int = 0
    setup_skipped: int = 0

    @property
    def done(self) -> int:
        """Finished upstream task instances."""
        return self.success + self.skipped + self.failed + self.upstream_failed + self.removed

    @classmethod
    def of(cls, states: Iterable[tuple[str | None, bool]]) -> Upstream:
        """Counts from ``(state, is_setup)`` pairs, one per upstream task instance."""
        counts = {"total": 0, "success": 0, "skipped": 0, "failed": 0, "upstream_failed": 0, "removed": 0,
                  "setups": 0, "setup_success": 0, "setup_skipped": 0}
        for state, is_setup in states:
            counts["total"] += 1
            if state in (TIS.SUCCESS, TIS.SKIPPED, TIS.FAILED, TIS.UPSTREAM_FAILED, TIS.REMOVED):
                counts[str(state)] += 1
            if is_setup:
                counts["setups"] += 1
                if state == TIS.SUCCESS:
                    counts["setup_success"] += 1
                elif state == TIS.SKIPPED:
                    counts["setup_skipped"] += 1
        return cls(**counts)


def decide(rule: str, up: Upstream) -> Verdict:
    """The verdict of trigger ``rule`` for upstream counts ``up``."""
    if up.total == 0 or rule == TriggerRule.ALWAYS:
        return Verdict.RUN
    final = _final_state(TriggerRule(rule), up)
    if final is not None:
        return final
    return Verdict.RUN if _met(TriggerRule(rule), up) else Verdict.WAIT


def _final_state(rule: TriggerRule, up: Upstream) -> Verdict | None:
    """The state the rule forces on the task before it could run (Airflow's ``flag_upstream_failed``)."""
    finished = up.done >= up.total
    failures = up.failed or up.upstream_failed
    if rule == TriggerRule.ALL_SUCCESS:
        return Verdict.UPSTREAM_FAILED if failures else Verdict.SKIP if up.skipped else None
    if rule == TriggerRule.ALL_FAILED:
        return Verdict.SKIP if up.success or up.skipped else None
    if rule == TriggerRule.ONE_SUCCESS:
        if finished and up.done == up.skipped:
            return Verdict.SKIP
        return Verdict.UPSTREAM_FAILED if finished and up.success <= 0 else None
    if rule == TriggerRule.ONE_FAILED:
        return Verdict.SKIP if finished and not failures else None
    if rule == TriggerRule.ONE_DONE:
        return Verdict.SKIP if finished and not (up.failed or up.success) else None
    if rule == TriggerRule.NONE_FAILED:
        return Verdict.UPSTREAM_FAILED if failures else None
    if rule == TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS:
        if failures:
            return Verdict.UPSTREAM_FAILED
        return Verdict.SKIP if up.skipped == up.total else None
    if rule == TriggerRule.NONE_SKIPPED:
        return Verdict.SKIP if up.skipped else None
    if rule == TriggerRule.ALL_SKIPPED:
        return Verdict.SKIP if up.success or up.failed or up.upstream_failed else None
    if rule == TriggerRule.ALL_DONE_MIN_ONE_SUCCESS:
        if up.skipped:
            return Verdict.SKIP
        return Verdict.UPSTREAM_FAILED if finished and up.success == 0 else None
    if rule == TriggerRule.ALL_DONE_SETUP_SUCCESS:
        if finished and up.setups and up.setup_skipped >= up.setups:
            return Verdict.SKIP
        if finished and up.setups and up.setup_success == 0:
            return Verdict.UPSTREAM_FAILED
    return None


def _met(rule: TriggerRule, up: Upstream) -> bool:
    """Whether the rule lets the task run now (no final state was forced)."""
    finished = up.done >= up.total
    if rule == TriggerRule.ONE_SUCCESS:
        return up.success > 0
    if rule == TriggerRule.ONE_FAILED:
        return bool(up.failed or up.upstream_failed)
    if rule == TriggerRule.ONE_DONE:
        return up.success + up.failed > 0
    if rule == TriggerRule.ALL_SUCCESS:
        return up.total - up.success - up.removed <= 0
    if rule == TriggerRule.ALL_FAILED:
        return up.total - up.failed - up.upstream_failed - up.removed <= 0
    if rule in (TriggerRule.NONE_FAILED, TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS):
        return up.total - up.success - up.skipped - up.removed <= 0
    if rule == TriggerRule.ALL_SKIPPED:
        return up.total - up.skipped <= 0
    return finished  # all_done, none_skipped, all_done_setup_success, all_done_min_one_success
