"""The structure compared with real Airflow's goldens, computed from the shim's dag.json.

Mirrors ``comparable()`` in ``scripts/goldens/generate.py`` (which computes it from Airflow's DAG objects).
"""

from __future__ import annotations

from typing import Any

_GOLDEN_TEMPLATE_MODULES = ("airflow.providers.standard", "airflow.providers.http", "airflow.sdk")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        kind = value.get("__type")
        if kind in ("datetime", "date", "time"):
            return value["value"]
        if kind == "timedelta":
            return value["seconds"]
        if kind is not None:
            return repr(kind)
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _asset(expr: dict[str, Any]) -> dict[str, Any]:
    kind = expr["__type"]
    if kind in ("asset_all", "asset_any"):
        return {"type": kind, "objects": [_asset(o) for o in expr["objects"]]}
    return {"type": kind, **{k: expr[k] for k in ("name", "uri") if k in expr}}


def comparable(dag: dict[str, Any]) -> dict[str, Any]:
    """The comparable structure of one dag.json DAG."""
    tasks: dict[str, Any] = {}
    for task in dag["tasks"]:
        mapping = task["mapping"]
        expand: Any = None
        if mapping is not None:
            expand = sorted(mapping["expand_input"]) if mapping["expand_type"] == "dict" else "list"
        entry = {
            "task_type": task["task_type"],
            "upstream": task["upstream_task_ids"],
            "downstream": task["downstream_task_ids"],
            "trigger_rule": task["trigger_rule"],
            "retries": task["retries"],
            "retry_delay": task["retry_delay"],
            "owner": task["owner"],
            "pool": task["pool"],
            "pool_slots": task["pool_slots"],
            "queue": task["queue"],
            "priority_weight": task["priority_weight"],
            "weight_rule": task["weight_rule"],
            "depends_on_past": task["depends_on_past"],
            "wait_for_downstream": task["wait_for_downstream"],
            "execution_timeout": task["execution_timeout"],
            "task_group": task["task_group_id"],
            "is_mapped": task["is_mapped"],
            "expand": expand,
            "is_setup": task["is_setup"],
            "is_teardown": task["is_teardown"],
            "start_date": task["start_date"],
            "end_date": task["end_date"],
            "max_active_tis_per_dag": task["max_active_tis_per_dag"],
            "executor": task["executor"],
            "doc_md": task["doc_md"],
        }
        if task["class_ref"]["module_path"].startswith(_GOLDEN_TEMPLATE_MODULES):
            entry["template_fields"] = sorted(task["template_fields"])
        tasks[task["task_id"]] = entry
    groups = {
        g["group_id"]: {
            "parent": g["parent_group_id"],
            "tooltip": g["tooltip"],
            "prefix_group_id": g["prefix_group_id"],
            "is_mapped": g["is_mapped"],
        }
        for g in dag["task_groups"]
    }
    edges = {f"{e['source']}->{e['target']}": e["label"] for e in dag["edges"]}
    params = {k: (_plain(p["value"]) if p["has_value"] else "<no value>") for k, p in dag["params"].items()}
    return {
        "timetable_type": dag["timetable"]["type"],
        "timetable_summary": dag["timetable_summary"],
        "timetable_description": dag["timetable_description"],
        "asset_expression": _asset(dag["asset_expression"]) if dag["asset_expression"] else None,
        "timezone": dag["timezone"],
        "start_date": dag["start_date"],
        "end_date": dag["end_date"],
        "catchup": dag["catchup"],
        "max_active_runs": dag["max_active_runs"],
        "max_active_tasks": dag["max_active_tasks"],
        "max_consecutive_failed_dag_runs": dag["max_consecutive_failed_dag_runs"],
        "dagrun_timeout": dag["dagrun_timeout"],
        "tags": dag["tags"],
        "description": dag["description"],
        "dag_display_name": dag["dag_display_name"],
        "doc_md": dag["doc_md"],
        "owner_links": dag["owner_links"],
        "params": params,
        "tasks": tasks,
        "groups": groups,
        "edges": edges,
    }
