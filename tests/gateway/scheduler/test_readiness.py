"""Every trigger rule against upstream state combinations: run, wait, or the final state it forces."""

from __future__ import annotations

import pytest

from airgate.gateway.scheduler.readiness import TriggerRule, Upstream, Verdict, decide

RUN, WAIT, SKIP, UF = Verdict.RUN, Verdict.WAIT, Verdict.SKIP, Verdict.UPSTREAM_FAILED


def up(*states: str | None, setups: tuple[str | None, ...] = ()) -> Upstream:
    return Upstream.of([(s, False) for s in states] + [(s, True) for s in setups])


CASES = [
    # rule, upstream states, verdict
    ("all_success", ("success", "success"), RUN),
    ("all_success", ("success", None), WAIT),
    ("all_success", ("success", "failed"), UF),
    ("all_success", ("upstream_failed", None), UF),
    ("all_success", ("success", "skipped"), SKIP),
    ("all_failed", ("failed", "upstream_failed"), RUN),
    ("all_failed", ("failed", None), WAIT),
    ("all_failed", ("failed", "success"), SKIP),
    ("all_failed", ("skipped", None), SKIP),
    ("all_done", ("failed", "skipped"), RUN),
    ("all_done", ("success", None), WAIT),
    ("all_skipped", ("skipped", "skipped"), RUN),
    ("all_skipped", ("skipped", None), WAIT),
    ("all_skipped", ("skipped", "success"), SKIP),
    ("one_success", ("success", None), RUN),
    ("one_success", ("failed", None), WAIT),
    ("one_success", ("failed", "skipped"), UF),
    ("one_success", ("skipped", "skipped"), SKIP),
    ("one_failed", ("failed", None), RUN),
    ("one_failed", ("upstream_failed", None), RUN),
    ("one_failed", ("success", None), WAIT),
    ("one_failed", ("success", "skipped"), SKIP),
    ("one_done", ("success", None), RUN),
    ("one_done", ("failed", None), RUN),
    ("one_done", ("skipped", None), WAIT),
    ("one_done", ("skipped", "upstream_failed"), SKIP),
    ("none_failed", ("success", "skipped"), RUN),
    ("none_failed", ("success", None), WAIT),
    ("none_failed", ("failed", None), UF),
    ("none_failed", ("skipped", "skipped"), RUN),
    ("none_failed_min_one_success", ("success", "skipped"), RUN),
    ("none_failed_min_one_success", ("skipped", "skipped"), SKIP),
    ("none_failed_min_one_success", ("upstream_failed", "success"), UF),
    ("none_failed_min_one_success", ("skipped", None), WAIT),
    ("none_skipped", ("success", "failed"), RUN),
    ("none_skipped", ("success", None), WAIT),
    ("none_skipped", ("skipped", None), SKIP),
    ("always", (None, None), RUN),
    ("always", ("failed",), RUN),
]


@pytest.mark.parametrize(("rule", "states", "verdict"), CASES)
def test_rule(rule: str, states: tuple[str | None, ...], verdict: Verdict) -> None:
    assert decide(rule, up(*states)) == verdict


def test_every_rule_is_covered() -> None:
    covered = {rule for rule, _, _ in CASES} | {"all_done_setup_success", "all_done_min_one_success"}
    assert covered == {rule.value for rule in TriggerRule}


def test_no_upstream_runs_whatever_the_rule() -> None:
    assert {decide(rule, up()) for rule in TriggerRule} == {RUN}


@pytest.mark.parametrize(
    ("states", "setups", "verdict"),
    [
        (("failed",), ("success",), RUN),  # a teardown runs after failures while its setup succeeded
        ((None,), ("success",), WAIT),
        (("success",), ("failed",), UF),
        (("success",), ("skipped",), SKIP),
    ],
)
def test_all_done_setup_success(states: tuple[str | None, ...], setups: tuple[str | None, ...], verdict: Verdict) -> None:
    assert decide("all_done_setup_success", up(*states, setups=setups)) == verdict


def test_all_done_min_one_success() -> None:
    assert decide("all_done_min_one_success", up("success", "failed")) == RUN
    assert decide("all_done_min_one_success", up("failed", "failed")) == UF
    assert decide("all_done_min_one_success", up("success", "skipped")) == SKIP
