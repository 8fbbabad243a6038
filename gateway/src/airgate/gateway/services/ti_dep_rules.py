"""Why a task instance's trigger rule is not met (the "Trigger Rule" dependency), in Airflow 3.2's words.

A pure function over the finished upstream task instances' states, so each rule's message is tested without
a database. Only the task's direct upstream tasks are looked at (Airflow's setup/teardown scope checks are
not reported).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_FINISHED = ("success", "skipped", "failed", "upstream_failed", "removed")


@dataclass(frozen=True)
class UpstreamStates:
    """Airflow's ``_UpstreamTIStates`` of the finished upstream task instances."""

    success: int = 0
    skipped: int = 0
    failed: int = 0
    upstream_failed: int = 0
    removed: int = 0
    done: int = 0
    success_setup: int = 0
    skipped_setup: int = 0

    @classmethod
    def of(cls, states: Iterable[tuple[str | None, bool]]) -> UpstreamStates:
        """From ``(state, is_setup)`` of every upstream task instance (unfinished ones are not counted)."""
        counts: Counter[str] = Counter()
        setups: Counter[str] = Counter()
        for state, is_setup in states:
            if state in _FINISHED:
                counts[str(state)] += 1
                if is_setup:
                    setups[str(state)] += 1
        return cls(counts["success"], counts["skipped"], counts["failed"], counts["upstream_failed"],
                   counts["removed"], sum(counts.values()), setups["success"], setups["skipped"])

    def __str__(self) -> str:
        return (f"_UpstreamTIStates(success={self.success}, skipped={self.skipped}, failed={self.failed}, "
                f"upstream_failed={self.upstream_failed}, removed={self.removed}, done={self.done}, "
                f"success_setup={self.success_setup}, skipped_setup={self.skipped_setup})")


def trigger_rule_reason(rule: str, up: UpstreamStates, upstream: int, upstream_setup: int,
                        upstream_ids: Sequence[str], map_index: int = -1) -> str | None:
    """Why ``rule`` is not met, or None. ``upstream``: upstream task instances (``upstream_setup`` of setup
    tasks); ``upstream_ids``: the upstream task ids."""
    if not upstream_ids or rule == "always":
        return None
    tail = f"upstream_states={up}, upstream_task_ids={{{', '.join(repr(i) for i in sorted(upstream_ids))}}}"
    head = f"Task's trigger rule '{rule}' requires"
    mapped_removed = up.removed if map_index > -1 else 0
    done = up.done >= upstream
    if rule == "one_success":
        if up.success <= 0:
            return f"{head} one upstream task success, but none were found. {tail}"
    elif rule == "one_failed":
        if not up.failed and not up.upstream_failed:
            return f"{head} one upstream task failure, but none were found. {tail}"
    elif rule == "one_done":
        if up.success + up.failed <= 0:
            return (f"{head} at least one upstream task failure or success but none were failed or success. "
                    f"{tail}")
    elif rule == "all_success":
        failures = upstream - up.success - mapped_removed
        if failures > 0:
            return f"{head} all upstream tasks to have succeeded, but found {failures} non-success(es). {tail}"
    elif rule == "all_failed":
        successes = upstream - up.failed - up.upstream_failed - mapped_removed
        if successes > 0:
            return f"{head} all upstream tasks to have failed, but found {successes} non-failure(s). {tail}"
    elif rule == "all_done":
        if not done:
            return (f"{head} all upstream tasks to have completed, but found {upstream - up.done} task(s) that "
                    f"were not done. {tail}")
    elif rule in ("none_failed", "none_failed_min_one_success"):
        failures = upstream - up.success - up.skipped - mapped_removed
        if failures > 0:
            return (f"{head} all upstream tasks to have succeeded or been skipped, but found {failures} "
                    f"non-success(es). {tail}")
    elif rule == "none_skipped":
        if not done or up.skipped > 0:
            return (f"{head} all upstream tasks to not have been skipped, but found {up.skipped} task(s) "
                    f"skipped. {tail}")
    elif rule == "all_skipped":
        if upstream - up.skipped > 0:
            return (f"{head} all upstream tasks to have been skipped, but found {upstream - up.skipped} task(s) "
                    f"in non skipped state. {tail}")
    elif rule == "all_done_setup_success":
        if not done:
            return (f"{head} all upstream tasks to have completed, but found {upstream - up.done} task(s) that "
                    f"were not done. {tail}")
        if upstream_setup and not up.success_setup:
            return (f"{head} at least one upstream setup task be successful, but found "
                    f"{upstream_setup - up.success_setup} task(s) that were not. {tail}")
    elif rule == "all_done_min_one_success":
        non_skipped_done = up.success + up.failed + up.upstream_failed + up.removed - mapped_removed
        non_skipped = upstream - up.skipped - mapped_removed
        head = f"{head} all non-skipped upstream tasks to have completed"
        if up.skipped > 0:
            return f"{head}, but found {up.skipped} skipped task(s). {tail}"
        if non_skipped_done < non_skipped:
            return f"{head}, but found {non_skipped - non_skipped_done} task(s) that were not done. {tail}"
        if up.success == 0:
            return (f"{head} and at least one upstream task has succeeded, but found {up.success} successful "
                    f"task(s). {tail}")
    else:
        return f"No strategy to evaluate trigger rule '{rule}'."
    return None
