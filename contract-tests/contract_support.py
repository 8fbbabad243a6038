"""What the contract tests share (constants and helpers); the fixtures and hooks stay in ``conftest.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import schemathesis
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from testsupport import REFERENCE as REFERENCE_DIR

from airgate.gateway.api.registry import all_routes
from airgate.gateway.api.routing import implemented_operations
from airgate.gateway.api.spec import OPERATIONS

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "openapi"
SPEC_FILES = {
    "public": SPECS / "v2-rest-api-generated.yaml",
    "ui": SPECS / "_private_ui.yaml",
    "auth": SPECS / "v2-simple-auth-manager-generated.yaml",
}
IMPLEMENTED = implemented_operations(r for r in all_routes() if isinstance(r, HTTPRouteHandler))
MAX_EXAMPLES = 8
REFERENCE = REFERENCE_DIR / "exchanges" / "index.json"


def _reference_statuses() -> dict[str, frozenset[int]]:
    """operationId → statuses a real Airflow 3.2.2 was recorded answering (some are not in its spec)."""
    if not REFERENCE.is_file():
        return {}
    return {e["operationId"]: frozenset(e["statuses"]) for e in json.loads(REFERENCE.read_text())}


REFERENCE_STATUSES = _reference_statuses()
STATUS_DEVIATIONS = frozenset({
    # Airflow's get_log answers 400 "Bad Signature. ..." for a continuation token it did not sign
    # (routes/public/log.py), a status its spec does not list; Airgate answers the same.
    ("get_log", 400),
    # an unknown order_by in the batch body: Airflow's sort parameter answers 400 "Ordering with '<x>' is
    # disallowed ..." here as on every list (recorded for the GET lists), a status this operation does not list.
    ("get_list_dag_runs_batch", 400),
    # the same 400 for an unknown order_by of the UI's backfill list (Airflow's SortParam; recorded for the
    # public list_backfills), a status the private spec does not list for this operation.
    ("list_backfills_ui", 400),
    # a ``before`` that is not a date-time: Airflow parses it itself and answers 400 "Invalid datetime: ..."
    # on every queued-event operation (recorded for three of them), a status these two do not list.
    ("delete_asset_queued_events", 400),
    ("get_dag_asset_queued_event", 400),
    # the dependency graph: Airflow answers 400 "Data dependencies require an asset node_id ..." / "Invalid asset
    # node_id: ..." for ``dependency_type=data`` without an asset node (routes/ui/dependencies.py), undocumented.
    ("get_dependencies", 400),
    # ``~`` as the dag_id of the latest run: Airflow means to answer 400 (it raises the wrong exception class and
    # answers 500); Airgate answers the 400 with Airflow's message.
    ("get_latest_run_info", 400),
    # a negative ``depth`` with ``root``: Airflow's subset raises ValueError (a 500); Airgate answers 400 with
    # its message (ADR 0004).
    ("structure_data", 400),
})
BODY_DEVIATIONS = frozenset({
    # Airflow answers these 404s with a *list* detail (recorded: get_task_instance_dependencies.json), which the
    # documented HTTPExceptionResponse schema does not allow; Airgate answers the same.
    ("get_task_instance_dependencies", 404),
    ("get_task_instance_dependencies_by_map_index", 404),
    # an invalid state filter: Airflow answers 422 with a *string* detail "Invalid value for state. Valid values
    # are ..." (reference README, "Error shapes"), not the documented list; Airgate answers the same.
    ("get_hitl_details", 422),
    ("get_list_dag_runs_batch", 422),
    ("get_dag_runs", 422),
    ("get_task_instances", 422),
    ("get_task_instances_batch", 422),
    ("get_mapped_task_instances", 422),
    # Airflow validates the login body outside FastAPI: its 422 detail is pydantic's error text, not the
    # documented list (reference exchange "422 missing password (JSON body) -> detail is a string").
    ("create_token", 422),
    # An empty-bodied 307, as Airflow's; but the framework labels it application/json (Airflow sends no
    # content-type), which schemathesis then fails to parse. Known, reported; not a contract difference.
    ("login", 307),
    ("logout", 307),
})

def coverage_line() -> str:
    """``Airgate implements N/136 operations (public a/110, ui b/22, auth c/4)``."""
    parts = []
    for spec in ("public", "ui", "auth"):
        ids = [op for op, info in OPERATIONS.items() if info.spec == spec]
        parts.append(f"{spec} {sum(op in IMPLEMENTED for op in ids)}/{len(ids)}")
    return f"Airgate implements {len(IMPLEMENTED & set(OPERATIONS))}/{len(OPERATIONS)} operations ({', '.join(parts)})"


def implemented_in(spec: str) -> list[str]:
    """The implemented operationIds of one spec."""
    return sorted(op for op in IMPLEMENTED if OPERATIONS[op].spec == spec)


_SCHEMAS: dict[str, Any] = {}


def operation(operation_id: str, app: Litestar) -> Any:
    """The schemathesis operation ``operation_id`` of its vendored document, bound to ``app``."""
    spec = OPERATIONS[operation_id].spec
    if spec not in _SCHEMAS:  # parsing a document is the slow part: once per session
        _SCHEMAS[spec] = schemathesis.openapi.from_path(str(SPEC_FILES[spec]))
    schema = _SCHEMAS[spec]
    schema.app = app
    found = schema.find_operation_by_id(operation_id)
    found.app = app  # schemathesis caches operations with the app they were first found with (another DB's)
    return found
