"""Broken DAG files become precise import errors (file:line and cause) and the worker pool survives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shimtest import CORPUS, GOLDENS, NEGATIVE

from airgate.shim import ParserPool

_CUSTOM_KEY = (
    "ValueError: cannot map over XCom with custom key 'k' from <Task(_PythonDecoratedOperator): make>"
)

# file → (line, start of the message); the message is Airflow's wording where Airflow has one
CASES = {
    "unsupported_import": (3, "ModuleNotFoundError: No module named 'airflow.contrib'"),
    "syntax_error": (4, "SyntaxError: expected ':'"),
    "cycle": (5, "AirflowDagCycleException: Cycle detected in Dag: cycle. Faulty task: c"),
    "duplicate_task_id": (
        7,
        "airflow.sdk.exceptions.DuplicateTaskIdFound: Task id 'same' has already been added to the Dag",
    ),
    "bad_trigger_rule": (6, "ValueError: The trigger_rule must be one of ['all_success', "),
    "bad_cron": (5, "AirflowTimetableInvalid: [61 * * * *] is not acceptable, out of range"),
    "quarterly_preset": (5, "AirflowTimetableInvalid: Exactly 5, 6 or 7 columns has to be specified"),
    "infinite_loop": (4, "airflow.sdk.exceptions.AirflowTaskTimeout: DagBag import timeout for "),
    "sys_exit": (7, "SystemExit: 4"),
    "missing_package_used": (5, "ModuleNotFoundError: No module named 'definitely_not_installed_pkg'"),
    "sla_dag_arg": (6, "TypeError: DAG.__init__() got an unexpected keyword argument 'sla'"),
    "schedule_interval_arg": (
        4,
        "TypeError: DAG.__init__() got an unexpected keyword argument 'schedule_interval'",
    ),
    "invalid_operator_arg": (
        6,
        "TypeError: Invalid arguments were passed to BashOperator (task_id: t). "
        "Invalid arguments were:\n**kwargs: {'not_an_arg': 1}",
    ),
    "missing_required_arg": (6, "TypeError: missing keyword argument 'bash_command'"),
    "required_param_scheduled": (
        4,
        "ValueError: Dag 'required_param_scheduled' is not allowed to define a Schedule",
    ),
    "unknown_airflow_name": (2, "ImportError: cannot import name 'NotARealThing' from 'airflow.sdk'"),
    "unmappable_set": (9, "ValueError: expand() got an unexpected type 'set' for keyword argument 'x'"),
    "unmappable_classic": (
        6,
        "ValueError: BashOperator.expand() got an unexpected type 'str' for keyword argument bash_command",
    ),
    "mapped_dup": (6, "TypeError: unmappable or already specified argument: bash_command"),
    "unknown_expand": (9, "TypeError: expand() got an unexpected keyword argument 'y'"),
    "mapped_in_mapped_group": (
        11,
        "NotImplementedError: operator expansion in an expanded task group is not yet supported",
    ),
    "mapped_classic_in_nested_group": (
        9,
        "NotImplementedError: operator expansion in an expanded task group is not yet supported",
    ),
    "nested_group_over_group_arg": (15, "ValueError: Nested Mapped TaskGroups are not yet supported"),
    "group_expand_unknown_arg": (13, "TypeError: expand() got an unexpected keyword argument 'y'"),
    "group_partial_unknown_arg": (13, "TypeError: partial() got unexpected keyword arguments 'y', 'z'"),
    "group_mapping_already_partial": (13, "TypeError: mapping already partial argument: x"),
    "group_duplicate_partial": (13, "TypeError: duplicate partial argument: x"),
    "group_unmappable": (13, "ValueError: expand() got an unexpected type 'int' for keyword argument 'x'"),
    "group_custom_xcom_key": (17, _CUSTOM_KEY),
    "group_custom_xcom_key_in_list": (17, _CUSTOM_KEY),
    "group_expand_kwargs_custom_key": (17, _CUSTOM_KEY),
    "mapped_task_custom_xcom_key": (13, _CUSTOM_KEY),
    "group_expand_kwargs_not_list": (13, "TypeError: expected XComArg or list[dict], not dict"),
    "group_expand_kwargs_bad_item": (13, "TypeError: expected XComArg or list[dict], not list"),
    "mapped_classic_expand_kwargs_item": (6, "TypeError: expected XComArg or list[dict], not list"),
    "group_expand_kwargs_varargs": (
        13,
        "TypeError: calling expand_kwargs() on task group function with * or ** is not supported",
    ),
    "group_bad_tg_kwarg": (9, "TypeError: got an unexpected keyword argument 'tooltipp'"),
    "group_override_bad_kwarg": (13, "TypeError: got an unexpected keyword argument 'bogus'"),
    "decorated_duplicate_partial": (9, "TypeError: duplicate partial argument: a"),
    "decorated_partial_called": (
        9,
        "TypeError: airflow.providers.standard.decorators.python._PythonDecoratedOperator() got multiple values "
        "for keyword argument 'op_kwargs'",
    ),
    "decorated_partial_context_key": (9, "ValueError: cannot call partial() on task context variable 'ti'"),
}


def test_every_negative_file_has_a_case() -> None:
    assert set(CASES) | {"memory_bomb", "os_exit"} == {p.stem for p in NEGATIVE.glob("*.py")}


@pytest.mark.parametrize("stem", sorted(CASES))
def test_import_error(pool: ParserPool, stem: str) -> None:
    path = NEGATIVE / f"{stem}.py"
    result = pool.compile(str(path), timeout=3)
    assert result.dags == []
    [error] = result.import_errors
    line, message = CASES[stem]
    assert error["filename"] == str(path)
    assert error["lineno"] == line
    assert error["message"].startswith(message)


@pytest.mark.parametrize(
    "stem",
    [
        "cycle",
        "duplicate_task_id",
        "bad_cron",
        "missing_required_arg",
        "required_param_scheduled",
        "sla_dag_arg",
        "missing_package_used",
        "unmappable_set",
        "unmappable_classic",
        "mapped_dup",
        "unknown_expand",
        "mapped_in_mapped_group",
        "mapped_classic_in_nested_group",
        "nested_group_over_group_arg",
        "group_expand_unknown_arg",
        "group_partial_unknown_arg",
        "group_mapping_already_partial",
        "group_duplicate_partial",
        "group_unmappable",
        "group_custom_xcom_key",
        "group_custom_xcom_key_in_list",
        "group_expand_kwargs_custom_key",
        "mapped_task_custom_xcom_key",
        "group_expand_kwargs_not_list",
        "group_expand_kwargs_bad_item",
        "mapped_classic_expand_kwargs_item",
        "group_expand_kwargs_varargs",
        "group_bad_tg_kwarg",
        "group_override_bad_kwarg",
        "decorated_duplicate_partial",
        "decorated_partial_called",
        "decorated_partial_context_key",
    ],
)
def test_same_wording_as_airflow(pool: ParserPool, stem: str) -> None:
    golden = json.loads((GOLDENS / "negative" / f"{stem}.json").read_text())
    [airflow_error] = golden["import_errors"].values()
    [error] = pool.compile(str(NEGATIVE / f"{stem}.py")).import_errors
    assert error["message"].startswith(airflow_error["last_line"])


def test_infinite_loop_traceback_points_at_the_loop(pool: ParserPool) -> None:
    [error] = pool.compile(str(NEGATIVE / "infinite_loop.py"), timeout=1).import_errors
    assert "after 1s." in error["message"]
    assert 'infinite_loop.py", line 4' in error["stacktrace"]


def test_os_exit_is_an_import_error(pool: ParserPool) -> None:
    [error] = pool.compile(str(NEGATIVE / "os_exit.py")).import_errors
    assert error["message"] == (
        f"Failed to import {NEGATIVE / 'os_exit.py'}: the parsing process exited with "
        "code 3 (os._exit, a crash or memory exhaustion)"
    )


def test_memory_bomb_is_an_import_error(pool: ParserPool) -> None:
    result = pool.compile(str(NEGATIVE / "memory_bomb.py"), timeout=20, memory_mb=256)
    [error] = result.import_errors
    assert error["message"] == "MemoryError"
    assert error["lineno"] == 6


def test_pool_survives_every_failure(pool: ParserPool) -> None:
    for path in sorted(NEGATIVE.glob("*.py")):
        pool.compile(str(path), timeout=2, memory_mb=256)
    result = pool.compile(str(CORPUS / "labels.py"))
    assert result.ok and [d["dag_id"] for d in result.dags] == ["labels"]


def test_fork_per_file_mode_isolates_the_same_way() -> None:
    with ParserPool(size=1, timeout=2, memory_mb=256, fork_per_file=True) as forking:
        [exit_error] = forking.compile(str(NEGATIVE / "os_exit.py")).import_errors
        [loop_error] = forking.compile(str(NEGATIVE / "infinite_loop.py")).import_errors
        result = forking.compile(str(CORPUS / "labels.py"))
    assert "exited with code 3" in exit_error["message"]
    assert loop_error["lineno"] == 4 and "DagBag import timeout" in loop_error["message"]
    assert result.ok


def test_a_file_cannot_change_what_the_next_file_sees(tmp_path: Path, pool: ParserPool) -> None:
    meddler = tmp_path / "meddler.py"
    meddler.write_text("import airflow.sdk\nairflow.sdk.DAG = None\nimport os\nos.environ['X_LEAK'] = '1'\n")
    assert pool.compile(str(meddler)).ok
    result = pool.compile(str(CORPUS / "labels.py"))
    assert result.ok and [d["dag_id"] for d in result.dags] == ["labels"]
