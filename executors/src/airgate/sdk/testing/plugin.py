"""pytest plug-in of the executor conformance kit (registered under ``pytest11`` as ``airgate_sdk``).

Fixtures:

- ``fake_execution_api`` — a running :class:`~airgate.sdk.testing.FakeExecutionAPI` on 127.0.0.1;
- ``workload_factory`` — a :class:`~airgate.sdk.testing.WorkloadFactory` whose probe tasks call it.

The suite itself is :class:`airgate.sdk.testing.ExecutorConformance`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from airgate.sdk.testing.api import FakeExecutionAPI
from airgate.sdk.testing.workloads import WorkloadFactory


@pytest.fixture
def fake_execution_api() -> Iterator[FakeExecutionAPI]:
    """A fake Execution API serving on 127.0.0.1 for the duration of the test."""
    with FakeExecutionAPI() as api:
        yield api


@pytest.fixture
def workload_factory(fake_execution_api: FakeExecutionAPI) -> WorkloadFactory:
    """Make probe workloads that report to ``fake_execution_api``."""
    return WorkloadFactory(fake_execution_api.url)
