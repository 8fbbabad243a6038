"""Generate the shim's golden files from REAL Apache Airflow 3.2.2.

How the goldens were made (run from the repository root)::

    python3 -m venv /tmp/airflow-goldens-venv
    PIP_CONFIG_FILE=/dev/null /tmp/airflow-goldens-venv/bin/pip install pip==26.3
    PIP_CONFIG_FILE=/dev/null /tmp/airflow-goldens-venv/bin/pip install \\
        --uploaded-prior-to 2026-05-29T12:00:00Z "apache-airflow==3.2.2" \\
        apache-airflow-providers-http apache-airflow-providers-postgres
    AIRFLOW_HOME=$(mktemp -d) /tmp/airflow-goldens-venv/bin/python scripts/goldens/generate.py

For every ``tests/shim/corpus/*.py`` and ``tests/shim/negative/*.py`` this loads the file with
Airflow's ``DagBag`` and writes ``tests/shim/goldens/<dir>/<stem>.json``: the comparable structure of
each DAG (see ``comparable()``) and the import errors. ``tests/shim/comparable.py`` computes the same
structure from the shim's dag.json; the tests compare the two (no Airflow needed at test time).
Negative files that loop or exhaust memory are parsed with a short import timeout / address limit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "shim" / "goldens"


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat()


def _secs(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return float(value)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return repr(type(value).__name__)


def _asset(expr: Any) -> Any:
    kind = expr.get("__type")
    if kind in ("asset_all", "asset_any"):
        return {"type": kind, "objects": [_asset(o) for o in expr["objects"]]}
    return {"type": kind, **{k: expr[k] for k in ("name", "uri") if k in expr}}


def comparable(dag: Any) -> dict[str, Any]:
    from airflow.sdk.definitions.mappedoperator import MappedOperator
    from airflow.serialization.encoders import coerce_to_core_timetable, encode_asset_like

    core = coerce_to_core_timetable(dag.timetable)
    condition = getattr(core, "asset_condition", None)
    if condition is not None and type(condition).__name__ == "_NullAsset":
        condition = None
    tasks: dict[str, Any] = {}
    for task in dag.tasks:
        mapped = isinstance(task, MappedOperator)
        expand: Any = None
        if mapped:
            ei = task._get_specified_expand_input()
            value = ei.value
            expand = sorted(value) if isinstance(value, dict) else "list"
        tasks[task.task_id] = {
            "task_type": task.task_type,
            "upstream": sorted(task.upstream_task_ids),
            "downstream": sorted(task.downstream_task_ids),
            "trigger_rule": str(
                task.trigger_rule.value if hasattr(task.trigger_rule, "value") else task.trigger_rule
            ),
            "retries": task.retries,
            "retry_delay": _secs(task.retry_delay),
            "owner": task.owner,
            "pool": task.pool,
            "pool_slots": task.pool_slots,
            "queue": task.queue,
            "priority_weight": task.priority_weight,
            "weight_rule": str(getattr(task.weight_rule, "value", task.weight_rule)),
            "depends_on_past": task.depends_on_past,
            "wait_for_downstream": task.wait_for_downstream,
            "execution_timeout": _secs(task.execution_timeout),
            "task_group": task.task_group.group_id if task.task_group else None,
            "is_mapped": mapped,
            "expand": expand,
            "is_setup": task.is_setup,
            "is_teardown": task.is_teardown,
            "start_date": _iso(task.start_date),
            "end_date": _iso(task.end_date),
            "max_active_tis_per_dag": task.max_active_tis_per_dag,
            "executor": task.executor,
            "doc_md": task.doc_md,
        }
        module = (
            type(task).__module__
            if not mapped
            else task.operator_class.__module__
            if isinstance(task.operator_class, type)
            else task.operator_class["task_type"]
        )
        if str(module).startswith(("airflow.providers.standard", "airflow.providers.http", "airflow.sdk")):
            tasks[task.task_id]["template_fields"] = sorted(task.template_fields)
    groups: dict[str, Any] = {}
    stack = [dag.task_group]
    from airflow.sdk.definitions.taskgroup import MappedTaskGroup, TaskGroup

    while stack:
        group = stack.pop()
        for child in group.children.values():
            if isinstance(child, TaskGroup):
                groups[child.group_id] = {
                    "parent": child.parent_group.group_id if child.parent_group else None,
                    "tooltip": child.tooltip,
                    "prefix_group_id": child.prefix_group_id,
                    "is_mapped": isinstance(child, MappedTaskGroup),
                }
                stack.append(child)
    edges = {
        f"{up}->{down}": info.get("label")
        for up, targets in dag.edge_info.items()
        for down, info in targets.items()
        if up in dag.task_dict and down in dag.task_dict
    }
    params = {
        k: _plain(dag.params.get_param(k).value) if dag.params.get_param(k).has_value else "<no value>"
        for k in dag.params
    }
    return {
        "timetable_type": type(core).__name__,
        "timetable_summary": core.summary,
        "timetable_description": core.description,
        "asset_expression": _asset(encode_asset_like(condition)) if condition is not None else None,
        "timezone": str(getattr(dag.timezone, "name", dag.timezone)),
        "start_date": _iso(dag.start_date),
        "end_date": _iso(dag.end_date),
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "max_active_tasks": dag.max_active_tasks,
        "max_consecutive_failed_dag_runs": dag.max_consecutive_failed_dag_runs,
        "dagrun_timeout": _secs(dag.dagrun_timeout),
        "tags": sorted(dag.tags),
        "description": dag.description,
        "dag_display_name": dag.dag_display_name,
        "doc_md": dag.doc_md,
        "owner_links": dag.owner_links,
        "params": params,
        "tasks": tasks,
        "groups": groups,
        "edges": edges,
    }


def one(path: pathlib.Path) -> dict[str, Any]:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(path), include_examples=False, safe_mode=False)
    errors = {}
    for _file, text in bag.import_errors.items():
        lines = [ln for ln in str(text).strip().splitlines() if ln.strip()]
        errors[path.name] = {"last_line": lines[-1] if lines else "", "text": str(text)}
    return {
        "dags": {d.dag_id: comparable(d) for d in sorted(bag.dags.values(), key=lambda d: d.dag_id)},
        "import_errors": errors,
    }


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--batch":  # child mode: files in one Airflow process
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
        out = {}
        for name in sys.argv[3:]:
            out[name] = one(pathlib.Path(name))
        pathlib.Path(sys.argv[2]).write_text(json.dumps(out, sort_keys=True, default=str))
        return
    env = {**os.environ, "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "5", "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}
    only = set(sys.argv[1:])
    for folder in ("corpus", "negative"):
        (OUT / folder).mkdir(parents=True, exist_ok=True)
        paths = [
            p for p in sorted((ROOT / "tests" / "shim" / folder).glob("*.py")) if not only or p.stem in only
        ]
        # corpus files load in one process; negative files each in their own (they may kill it)
        batches = [paths] if folder == "corpus" else [[p] for p in paths]
        for batch in batches:
            if not batch:
                continue
            result = pathlib.Path(tempfile.mkdtemp()) / "golden.json"
            proc = subprocess.run(
                [sys.executable, __file__, "--batch", str(result), *map(str, batch)],
                capture_output=True,
                text=True,
                env=env,
                timeout=900,
            )
            data_all = json.loads(result.read_text()) if result.exists() else {}
            for path in batch:
                data = data_all.get(str(path)) or {
                    "dags": {},
                    "import_errors": {
                        path.name: {
                            "last_line": f"<process died: {proc.returncode}>",
                            "text": proc.stderr[-2000:],
                        }
                    },
                }
                target = OUT / folder / f"{path.stem}.json"
                target.write_text(json.dumps(data, sort_keys=True, indent=2) + "\n")
                print(folder, path.name, len(data["dags"]), "dags", len(data["import_errors"]), "errors")


if __name__ == "__main__":
    main()
