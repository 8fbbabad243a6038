"""openapi/codegen.py: the committed modules are what it generates, and they model Airflow's bodies."""

from __future__ import annotations

import enum
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import pytest
from testsupport import REFERENCE

from airgate.gateway._generated import auth, execution, public, ui
from airgate.gateway.api.spec import EXECUTION_OPERATIONS, OPERATIONS

ROOT = Path(__file__).resolve().parents[2]

MODULES = {"public": public, "ui": ui, "auth": auth, "execution": execution}

#: UI operations whose Airflow routes drop null fields (response_model_exclude_none) or stream NDJSON,
#: so their bodies are not the full model
NOT_FULL_MODEL = {"get_dag_structure", "get_dags_ui", "get_grid_runs", "get_grid_ti_summaries_stream", "get_log"}


@pytest.fixture(scope="module")
def codegen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("airgate_codegen", ROOT / "openapi" / "codegen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["airgate_codegen"] = module
    spec.loader.exec_module(module)
    return module


def test_committed_modules_are_what_the_generator_writes(codegen: ModuleType) -> None:
    for path, text in codegen.generate().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python openapi/codegen.py"


def test_check_reports_a_stale_module_without_writing(codegen: ModuleType, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    out = tmp_path / "_generated"
    shutil.copytree(codegen.OUT_DIR, out, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(codegen, "OUT_DIR", out)
    assert codegen.main(["--check"]) == 0
    stale = out / "auth.py"
    stale.write_text(stale.read_text() + "# edited by hand\n")
    assert codegen.main(["--check"]) == 1
    assert "out of date: " in capsys.readouterr().out
    assert stale.read_text().endswith("# edited by hand\n")
    assert codegen.main([]) == 0
    assert not stale.read_text().endswith("# edited by hand\n")


def test_modules_carry_the_do_not_edit_header() -> None:
    for name, module in MODULES.items():
        text = Path(module.__file__ or "").read_text()
        assert f"generated from openapi/{module.SPEC_FILE} by openapi/codegen.py, do not edit" in text, name


@pytest.mark.parametrize("name", list(MODULES))
def test_every_component_schema_has_a_model(codegen: ModuleType, name: str) -> None:
    module = MODULES[name]
    schemas = codegen.load(codegen.SPECS[name])["components"]["schemas"]
    for schema_name, schema in schemas.items():
        model = getattr(module, codegen.ident(schema_name))
        if "enum" in schema:
            assert issubclass(model, enum.StrEnum)
            assert [m.value for m in model] == schema["enum"]
        elif schema.get("type") == "object" and "properties" in schema:
            assert issubclass(model, msgspec.Struct)
            wire = set(model.__struct_encode_fields__) | {model.__struct_config__.tag_field} - {None}
            assert wire == set(schema["properties"]), schema_name
            forbid = schema.get("additionalProperties") is False
            assert model.__struct_config__.forbid_unknown_fields == forbid, schema_name


def test_request_models_tell_unsent_from_null_and_responses_emit_every_key() -> None:
    body = msgspec.json.decode(b'{"note": null}', type=public.DAGRunPatchBody)
    assert body.note is None and body.state is msgspec.UNSET
    clear = msgspec.json.decode(b"{}", type=public.ClearTaskInstancesBody)
    assert (clear.dry_run, clear.only_failed, clear.reset_dag_runs) == (True, True, True)
    pool = public.PoolResponse(name="p", slots=1, occupied_slots=0, running_slots=0, queued_slots=0,
                               scheduled_slots=0, open_slots=1, deferred_slots=0, description=None,
                               include_deferred=False, team_name=None)
    assert json.loads(msgspec.json.encode(pool))["description"] is None


def test_enums_and_tagged_unions_encode_to_their_wire_values() -> None:
    action = public.BulkCreateAction_PoolBody_(entities=[public.PoolBody(name="p", slots=1)])
    encoded = json.loads(msgspec.json.encode(public.BulkBody_PoolBody_(actions=[action])))
    assert encoded == {"actions": [{"action": "create", "entities": [{"name": "p", "slots": 1,
                                    "include_deferred": False}], "action_on_existence": "fail"}]}
    assert msgspec.json.encode(public.DagWarningType.NON_EXISTENT_POOL) == b'"non-existent pool"'
    delta = msgspec.json.decode(b'{"__type": "TimeDelta", "days": 1, "seconds": 0, "microseconds": 0}',
                                type=public.TimeDelta)
    assert delta.type == "TimeDelta" and json.loads(msgspec.json.encode(delta))["__type"] == "TimeDelta"


def _success_bodies() -> list[Any]:
    cases = []
    for file in sorted((REFERENCE / "exchanges").glob("*.json")):
        op = file.stem
        if op not in OPERATIONS or op in NOT_FULL_MODEL or OPERATIONS[op].response is None:
            continue
        for n, ex in enumerate(json.loads(file.read_text())):
            response = ex["response"]
            if response["status"] == OPERATIONS[op].success_status and "json" in (
                    response["headers"].get("content-type") or ""):
                cases.append(pytest.param(op, response["body"], id=f"{op}-{n}"))
    return cases


@pytest.mark.parametrize(
    ("op", "model_name"),
    [("get_variables", "VariableCollectionResponse"), ("get_pool", "PoolResponse"),
     ("get_connection", "ConnectionResponse"), ("get_dag", "DAGResponse"),
     ("get_event_logs", "EventLogCollectionResponse"), ("get_dag_details", "DAGDetailsResponse"),
     ("get_task_instance", "TaskInstanceResponse"), ("get_dag_run", "DAGRunResponse")],
)
def test_operation_table_names_the_response_model(op: str, model_name: str) -> None:
    assert OPERATIONS[op].response is getattr(public, model_name)


@pytest.mark.parametrize(("op", "body"), _success_bodies())
def test_real_success_bodies_decode_strictly_and_reencode_identically(op: str, body: Any) -> None:
    model = OPERATIONS[op].response
    value = msgspec.json.decode(json.dumps(body).encode(), type=model, strict=True)
    assert json.loads(msgspec.json.encode(value)) == body


def test_execution_api_run_context_decodes_strictly() -> None:
    seen = 0
    for file in sorted((REFERENCE / "execution-api").glob("*__*.json")):
        for ex in json.loads(file.read_text())["exchanges"]:
            request, response = ex["request"], ex["response"]
            if request["method"] == "PATCH" and request["path"].endswith("/run") and response["status"] == 200:
                context = msgspec.json.decode(json.dumps(response["body"]).encode(), type=execution.TIRunContext,
                                              strict=True)
                assert json.loads(msgspec.json.encode(context)) == response["body"]
                seen += 1
    assert seen >= 10
    assert EXECUTION_OPERATIONS["ti_run"].response is execution.TIRunContext
    assert EXECUTION_OPERATIONS["ti_run"].path == "/execution/task-instances/{task_instance_id}/run"
