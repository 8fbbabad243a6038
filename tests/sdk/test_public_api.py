"""The SDK's public names are a promise to plug-in authors: changing them must be deliberate."""

from __future__ import annotations

import pytest

import airgate.sdk
import airgate.sdk.testing


def test_sdk_public_names() -> None:
    assert set(airgate.sdk.__all__) == {
        "AGENT_RUNNER",
        "AIRFLOW_RUNNER",
        "ENTRY_POINT_GROUP",
        "EXECUTION_API_ENV",
        "AdoptRecord",
        "AdoptResult",
        "BaseExecutor",
        "BundleInfo",
        "Capabilities",
        "ConfigError",
        "EventKind",
        "ExecuteTask",
        "Executor",
        "ExecutorConfig",
        "ExecutorEvent",
        "ExecutorLoadError",
        "Launch",
        "LogChunk",
        "TaskInstance",
        "TaskInstanceKey",
        "Workload",
        "parse_config",
    }
    for name in airgate.sdk.__all__:
        assert getattr(airgate.sdk, name) is not None


def test_testing_public_names() -> None:
    assert set(airgate.sdk.testing.__all__) == {
        "PROBE_RUNNER",
        "ApiCall",
        "ExecutorConformance",
        "FakeExecutionAPI",
        "FakeExecutor",
        "Harness",
        "Kit",
        "Requirements",
        "WorkloadFactory",
    }
    for name in airgate.sdk.testing.__all__:
        assert getattr(airgate.sdk.testing, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        _ = airgate.sdk.Nope


def test_builtin_executors_satisfy_the_protocol() -> None:
    from airgate.sdk.lite import LiteExecutor
    from airgate.sdk.local import LocalExecutor
    from airgate.sdk.testing import FakeExecutor

    for cls in (LiteExecutor, LocalExecutor, FakeExecutor):
        assert isinstance(cls(), airgate.sdk.Executor)
