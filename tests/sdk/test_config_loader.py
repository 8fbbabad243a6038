"""Executor configuration sections and the loader: errors name the key, the plug-in and the rule."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from airgate.sdk import ConfigError, ExecutorConfig, ExecutorLoadError, parse_config
from airgate.sdk.lite import LiteConfig, LiteExecutor
from airgate.sdk.loader import available, load, parse_executor_setting, pick, resolve
from airgate.sdk.local import LocalConfig, LocalExecutor
from airgate.sdk.testing import FakeExecutor


def test_section_values_are_converted_to_the_declared_types() -> None:
    config = parse_config(LocalConfig, {"PARALLELISM": "3", "base_log_folder": "/tmp/l", "preload": "a,b"})

    assert config == LocalConfig(parallelism=3, base_log_folder="/tmp/l", preload="a,b")


def test_local_runs_airflows_32_tasks_at_once_on_a_pool_of_cpu_count_workers() -> None:
    config = parse_config(LocalConfig, {})
    assert (config.parallelism, config.workers) == (32, os.cpu_count())
    assert parse_config(LocalConfig, {"workers": "3", "parallelism": "8"}).workers == 3
    with pytest.raises(ConfigError, match=r"workers: must be at least 1"):
        parse_config(LocalConfig, {"workers": "0"}, name="local")


def test_bad_value_names_the_section_and_key() -> None:
    with pytest.raises(ConfigError, match=r"^\[executors\.local\] parallelism: invalid literal"):
        parse_config(LocalConfig, {"parallelism": "many"}, name="local")


def test_unknown_key_is_an_error_listing_known_ones() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(LiteConfig, {"paralelism": "2"}, name="lite")
    assert str(info.value) == (
        "[executors.lite] paralelism: unknown option (known: base_log_folder, parallelism, python)"
    )


def test_parallelism_below_one_is_rejected() -> None:
    with pytest.raises(ConfigError, match=r"parallelism: must be at least 1"):
        parse_config(ExecutorConfig, {"parallelism": "0"}, name="x")


def test_booleans_read_airflow_style() -> None:
    class Flags(ExecutorConfig, kw_only=True, forbid_unknown_fields=True):
        verbose: bool = False

    assert parse_config(Flags, {"verbose": "True"}).verbose is True
    with pytest.raises(ConfigError, match=r"verbose: not a boolean: 'maybe'"):
        parse_config(Flags, {"verbose": "maybe"})


def test_core_executor_setting_in_airflows_syntax() -> None:
    specs = parse_executor_setting("LocalExecutor, lite ,mine:airgate.sdk.testing.fake.FakeExecutor")

    assert [(s.alias, s.target) for s in specs] == [
        ("LocalExecutor", "local"),
        ("lite", "lite"),
        ("mine", "airgate.sdk.testing.fake.FakeExecutor"),
    ]
    assert pick(specs, None).target == "local"
    assert pick(specs, "local").alias == "LocalExecutor"
    assert pick(specs, "FakeExecutor").alias == "mine"
    assert pick(specs, "mine").alias == "mine"
    with pytest.raises(ExecutorLoadError, match="Unknown executor being loaded: celery"):
        pick(specs, "celery")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("a:b:c", "Incorrectly formatted executor configuration: a:b:c"),
        ("lite,lite", "core.executor: executor lite is configured twice"),
        ("CeleryExecutor", "core.executor: CeleryExecutor is not supported by Airgate"),
        (" , ", "core.executor: no executor configured"),
    ],
)
def test_bad_core_executor_settings(setting: str, message: str) -> None:
    with pytest.raises(ExecutorLoadError) as info:
        parse_executor_setting(setting)
    assert str(info.value) == message


def test_builtin_executors_are_registered_entry_points() -> None:
    assert {"lite", "local", "fake"} <= set(available())
    assert resolve("lite") is LiteExecutor
    assert resolve("LocalExecutor") is LocalExecutor
    assert resolve("airgate.sdk.testing.fake.FakeExecutor") is FakeExecutor


def test_load_builds_the_executor_from_its_section(tmp_path: Path) -> None:
    executor = load("fast:local", {"parallelism": "3", "base_log_folder": str(tmp_path)})

    assert isinstance(executor, LocalExecutor)
    assert executor.capacity() == 3
    assert executor.config.base_log_folder == str(tmp_path)


def test_load_reports_the_section_by_alias() -> None:
    with pytest.raises(ConfigError, match=r"^\[executors\.fast\] bogus: unknown option"):
        load("fast:lite", {"bogus": "1"})


def test_unknown_name_lists_installed_executors() -> None:
    with pytest.raises(ExecutorLoadError) as info:
        resolve("nosuch")
    assert "no entry point of that name in group 'airgate.executors'" in str(info.value)
    assert "lite" in str(info.value) and "local" in str(info.value)


@pytest.fixture
def broken_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An installed-looking distribution whose entry points break the rules."""
    (tmp_path / "brokenexec.py").write_text(
        textwrap.dedent(
            """
            from airgate.sdk import BaseExecutor

            class NotAsync(BaseExecutor):
                name = "notasync"
                async def _launch(self, workload): ...
                async def _signal(self, key, sig): ...
                def submit(self, workload):
                    return True

            class NoCancel:
                name = "nocancel"

            raise_on_import = False
            """
        )
    )
    (tmp_path / "importfails.py").write_text("raise ImportError('needs libfoo')\n")
    dist = tmp_path / "broken_executors-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-executors\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[airgate.executors]\n"
        "notasync = brokenexec:NotAsync\n"
        "nocancel = brokenexec:NoCancel\n"
        "importfails = importfails:Thing\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("brokenexec", "importfails"):
        sys.modules.pop(name, None)


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("notasync", "rule broken: submit() must be 'async def'"),
        ("nocancel", "rule broken: Executor Protocol method start() is missing"),
        ("importfails", "rule broken: must import cleanly (ImportError: needs libfoo)"),
    ],
)
def test_broken_plugin_error_names_group_name_distribution_and_rule(
    broken_plugins: Path, name: str, rule: str
) -> None:
    with pytest.raises(ExecutorLoadError) as info:
        resolve(name)
    message = str(info.value)
    assert message.startswith(f"entry point {name!r} in group 'airgate.executors' (distribution 'broken-executors'")
    assert message.endswith(rule)
