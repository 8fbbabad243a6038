"""Every implemented operation of the three vendored specs, fuzzed by schemathesis with valid (positive) and
invalid (negative) data: never a 5xx, only documented status codes, bodies conforming to the response schemas.

One test per operation and database; ``MAX_EXAMPLES`` cases per generation mode keep the run to minutes.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from contract_support import (
    BODY_DEVIATIONS,
    IMPLEMENTED,
    MAX_EXAMPLES,
    REFERENCE_STATUSES,
    STATUS_DEVIATIONS,
    coverage_line,
    operation,
)
from hypothesis import HealthCheck, Phase
from litestar import Litestar
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from airgate.gateway.api.spec import OPERATIONS


def checks_for(operation_id: str, status: int) -> list[Any]:
    """Every check, except where Airgate answers as the real Airflow does although its spec says otherwise:
    a status the reference server was recorded answering (e.g. 400 for a bad ``order_by``, undocumented),
    or a known body deviation (:data:`BODY_DEVIATIONS`). Never a 5xx."""
    checks: list[Any] = [schemathesis.checks.not_a_server_error]
    if status not in REFERENCE_STATUSES.get(operation_id, frozenset()) and (operation_id, status) not in STATUS_DEVIATIONS:
        checks.append(status_code_conformance)
    if (operation_id, status) not in BODY_DEVIATIONS:
        checks.append(response_schema_conformance)
    return checks

MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


@pytest.mark.parametrize("operation_id", sorted(IMPLEMENTED))
def test_operation(operation_id: str, contract_app: Litestar, admin_headers: dict[str, str]) -> None:
    api_operation = operation(operation_id, contract_app)
    for mode in MODES:

        @hypothesis.settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @hypothesis.given(case=api_operation.as_strategy(generation_mode=mode))
        def check(case: Any) -> None:
            # a '#' or '?' in a path parameter is cut off by the test client's URL handling (the request then hits
            # another route, e.g. 405): such a case tests the client, not Airgate
            hypothesis.assume(not any(isinstance(v, str) and ("#" in v or "?" in v)
                                      for v in (case.path_parameters or {}).values()))
            response = case.call(headers=admin_headers)
            case.validate_response(response, checks=checks_for(operation_id, response.status_code))

        try:
            check()
        except hypothesis.errors.Unsatisfiable:
            # no way to make this operation's input invalid (no parameters, no body): nothing to try
            assert mode is schemathesis.GenerationMode.NEGATIVE, f"{operation_id}: no valid input could be generated"


def test_coverage_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = coverage_line()
    with capsys.disabled():
        print(f"\n{line}")
    assert line.startswith("Airgate implements ") and f"/{len(OPERATIONS)} operations" in line
    assert len(OPERATIONS) == 136
