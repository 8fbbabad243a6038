"""The whole Airgate executor conformance kit, in one line."""

from airgate.sdk.testing import ExecutorConformance


class TestTempDirExecutor(ExecutorConformance):
    executor = "tempdir"
