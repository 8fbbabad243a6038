"""The conformance kit run against every executor shipped in airgate-sdk."""

from __future__ import annotations

from pathlib import Path

from airgate.sdk.testing import ExecutorConformance


class TestFakeExecutor(ExecutorConformance):
    executor = "fake"


class TestLiteExecutor(ExecutorConformance):
    executor = "lite"


class TestLocalExecutor(ExecutorConformance):
    executor = "LocalExecutor"

    def executor_config(self, tmp_path: Path) -> dict[str, str]:
        return {**super().executor_config(tmp_path), "preload": "airgate.sdk.testing.probe"}
