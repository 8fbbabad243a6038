"""Models and operations of Airflow Task Execution API (2026-04-06).

generated from openapi/execution-api-2026-04-06.json by openapi/codegen.py, do not edit

Scheme:

* One ``msgspec.Struct`` (``kw_only=True``) per component object schema, named as the schema;
  ``additionalProperties: false`` -> ``forbid_unknown_fields=True``. Names that are not identifiers
  are renamed and keep their wire name through ``msgspec.field(name=...)``.
* Component enums -> ``StrEnum`` (pydantic reports them as ``enum``); inline ``enum``/``const``
  -> ``Literal`` (pydantic reports ``literal_error``). Both encode to their values.
* ``format: date-time`` -> ``datetime``, ``date`` -> ``date``, ``uuid`` -> ``UUID``,
  ``duration`` -> ``timedelta``; ``anyOf [X, null]`` -> ``X | None``; constraints -> ``msgspec.Meta``.
* Request models (used only in request bodies): an optional field with a non-null spec default gets
  that default; any other optional field defaults to ``msgspec.UNSET`` so a handler can tell
  "not sent" from "sent as null" (PATCH semantics).
* Response models (everything else): an optional field defaults to its spec default, else ``None``
  (``[]``/``{}`` for non-nullable arrays/objects) -- so encoding emits every key, as Airflow does.
  Exception: models of routes that exclude unset fields (``EXCLUDE_UNSET`` in the generator, e.g.
  ``TIRunContext``) use ``UNSET`` like request models.
* ``oneOf`` of structs whose ``action`` is a ``const`` -> tagged union (``tag_field="action"``).
  Other unions msgspec cannot represent are typed ``Any``.
* ``additionalProperties: true`` objects keep only their declared fields (extra keys are dropped).
* ``OPERATIONS``: operationId -> method, path, tags, parameters (normalised schemas), request body
  model, success status, response model. ``TITLES``: struct -> pydantic class name where they differ.
"""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

import datetime as _dt
import enum as _enum
import typing as _t
import uuid as _uuid

import msgspec as _m
from msgspec import UNSET, UnsetType

SPEC_FILE = 'execution-api-2026-04-06.json'
SPEC_VERSION = '2026-04-06'
SERVER_PREFIX = '/execution'

class DagRunState(_enum.StrEnum):
    'All possible states that a DagRun can be in.'

    QUEUED = 'queued'
    RUNNING = 'running'
    SUCCESS = 'success'
    FAILED = 'failed'


class DagRunType(_enum.StrEnum):
    'Class with DagRun types.'

    BACKFILL = 'backfill'
    SCHEDULED = 'scheduled'
    MANUAL = 'manual'
    ASSET_TRIGGERED = 'asset_triggered'
    ASSET_MATERIALIZATION = 'asset_materialization'


class IntermediateTIState(_enum.StrEnum):
    'States that a Task Instance can be in that indicate it is not yet in a terminal or running state.'

    SCHEDULED = 'scheduled'
    QUEUED = 'queued'
    RESTARTING = 'restarting'
    UP_FOR_RETRY = 'up_for_retry'
    UP_FOR_RESCHEDULE = 'up_for_reschedule'
    DEFERRED = 'deferred'


class TaskInstanceState(_enum.StrEnum):
    'All possible states that a Task Instance can be in.'

    REMOVED = 'removed'
    SCHEDULED = 'scheduled'
    QUEUED = 'queued'
    RUNNING = 'running'
    SUCCESS = 'success'
    RESTARTING = 'restarting'
    FAILED = 'failed'
    UP_FOR_RETRY = 'up_for_retry'
    UP_FOR_RESCHEDULE = 'up_for_reschedule'
    UPSTREAM_FAILED = 'upstream_failed'
    SKIPPED = 'skipped'
    DEFERRED = 'deferred'


class TerminalStateNonSuccess(_enum.StrEnum):
    'TaskInstance states that can be reported without extra information.'

    FAILED = 'failed'
    SKIPPED = 'skipped'
    REMOVED = 'removed'
    UPSTREAM_FAILED = 'upstream_failed'


class TerminalTIState(_enum.StrEnum):
    'TerminalTIState'

    SUCCESS = 'success'
    FAILED = 'failed'
    SKIPPED = 'skipped'
    UPSTREAM_FAILED = 'upstream_failed'
    REMOVED = 'removed'


class WeightRule(_enum.StrEnum):
    'WeightRule'

    DOWNSTREAM = 'downstream'
    UPSTREAM = 'upstream'
    ABSOLUTE = 'absolute'


class TriggerRule(_enum.StrEnum):
    'TriggerRule'

    ALL_SUCCESS = 'all_success'
    ALL_FAILED = 'all_failed'
    ALL_DONE = 'all_done'
    ALL_DONE_MIN_ONE_SUCCESS = 'all_done_min_one_success'
    ALL_DONE_SETUP_SUCCESS = 'all_done_setup_success'
    ONE_SUCCESS = 'one_success'
    ONE_FAILED = 'one_failed'
    ONE_DONE = 'one_done'
    NONE_FAILED = 'none_failed'
    NONE_SKIPPED = 'none_skipped'
    ALWAYS = 'always'
    NONE_FAILED_MIN_ONE_SUCCESS = 'none_failed_min_one_success'
    ALL_SKIPPED = 'all_skipped'


class DagAttributeTypes(_enum.StrEnum):
    'DagAttributeTypes'

    OP = 'operator'
    TASK_GROUP = 'taskgroup'


JsonValue = str | float | int | dict[str, _t.Any] | list[_t.Any] | bool | None

XComSequenceIndexResponse = JsonValue

XComSequenceSliceResponse = list[JsonValue]


class AssetAliasReferenceAssetEventDagRun(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for AssetAliasModel used in AssetEventDagRunReference.'

    name: str


class AssetEventDagRunReference(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for AssetEvent model used in DagRun.'

    asset: AssetReferenceAssetEventDagRun
    extra: dict[str, JsonValue]
    source_task_id: str | None
    source_dag_id: str | None
    source_run_id: str | None
    source_map_index: int | None
    source_aliases: list[AssetAliasReferenceAssetEventDagRun]
    timestamp: _dt.datetime


class AssetEventResponse(_m.Struct, kw_only=True):
    'Asset event schema with fields that are needed for Runtime.'

    id: int
    timestamp: _dt.datetime
    extra: dict[str, JsonValue] | None = None
    asset: AssetResponse
    created_dagruns: list[DagRunAssetReference]
    source_task_id: str | None = None
    source_dag_id: str | None = None
    source_run_id: str | None = None
    source_map_index: int | None = None
    partition_key: str | None = None


class AssetEventsResponse(_m.Struct, kw_only=True):
    'Collection of AssetEventResponse.'

    asset_events: list[AssetEventResponse]


class AssetProfile(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Profile of an asset-like object.'

    name: str | None = None
    uri: str | None = None
    type: str


class AssetReferenceAssetEventDagRun(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for AssetModel used in AssetEventDagRunReference.'

    name: str
    uri: str
    extra: dict[str, JsonValue]


class AssetResponse(_m.Struct, kw_only=True):
    'Asset schema for responses with fields that are needed for Runtime.'

    name: str
    uri: str
    group: str
    extra: dict[str, JsonValue] | None = None


class ConnectionResponse(_m.Struct, kw_only=True):
    'Connection schema for responses with fields that are needed for Runtime.'

    conn_id: str
    conn_type: str
    host: str | None
    schema: str | None
    login: str | None
    password: str | None
    port: int | None
    extra: str | None


class DagResponse(_m.Struct, kw_only=True):
    'Schema for DAG response.'

    dag_id: str
    is_paused: bool
    bundle_name: str | None
    bundle_version: str | None
    relative_fileloc: str | None
    owners: str | None
    tags: list[str]
    next_dagrun: _dt.datetime | None


class DagRun(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for DagRun model with minimal required fields needed for Runtime.'

    dag_id: str
    run_id: str
    logical_date: _dt.datetime | None
    data_interval_start: _dt.datetime | None
    data_interval_end: _dt.datetime | None
    run_after: _dt.datetime
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    clear_number: int = 0
    run_type: DagRunType
    state: DagRunState
    conf: dict[str, _t.Any] | None = None
    triggering_user_name: str | None = None
    consumed_asset_events: list[AssetEventDagRunReference]
    partition_key: str | None
    note: str | None = None


class DagRunAssetReference(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'DagRun serializer for asset responses.'

    run_id: str
    dag_id: str
    logical_date: _dt.datetime | None
    start_date: _dt.datetime
    end_date: _dt.datetime | None
    state: str
    data_interval_start: _dt.datetime | None
    data_interval_end: _dt.datetime | None
    partition_key: str | None


class DagRunStateResponse(_m.Struct, kw_only=True):
    'Schema for DAG Run State response.'

    state: DagRunState


class HITLDetailRequest(_m.Struct, kw_only=True):
    'Schema for the request part of a Human-in-the-loop detail for a specific task instance.'

    ti_id: _uuid.UUID
    options: _t.Annotated[list[str], _m.Meta(min_length=1)]
    subject: str
    body: str | None = None
    defaults: list[str] | None = None
    multiple: bool = False
    params: dict[str, _t.Any] = _m.field(default_factory=dict)
    assigned_users: list[HITLUser] = _m.field(default_factory=list)


class HITLDetailResponse(_m.Struct, kw_only=True):
    'Schema for the response part of a Human-in-the-loop detail for a specific task instance.'

    response_received: bool
    responded_by_user: HITLUser | None = None
    responded_at: _dt.datetime | None
    chosen_options: list[str] | None
    params_input: dict[str, _t.Any] = _m.field(default_factory=dict)


class HITLUser(_m.Struct, kw_only=True):
    'Schema for a Human-in-the-loop users.'

    id: str
    name: str


class HTTPValidationError(_m.Struct, kw_only=True):
    'HTTPValidationError'

    detail: list[ValidationError] = _m.field(default_factory=list)


class InactiveAssetsResponse(_m.Struct, kw_only=True):
    'Response for inactive assets.'

    inactive_assets: list[AssetProfile] = _m.field(default_factory=list)


class PrevSuccessfulDagRunResponse(_m.Struct, kw_only=True):
    'Schema for response with previous successful DagRun information for Task Template Context.'

    data_interval_start: _dt.datetime | None = None
    data_interval_end: _dt.datetime | None = None
    start_date: _dt.datetime | None = None
    end_date: _dt.datetime | None = None


class PreviousTIResponse(_m.Struct, kw_only=True):
    'Schema for response with previous TaskInstance information.'

    task_id: str
    dag_id: str
    run_id: str
    logical_date: _dt.datetime | None = None
    start_date: _dt.datetime | None = None
    end_date: _dt.datetime | None = None
    state: str | None = None
    try_number: int
    map_index: int | None = -1
    duration: float | None = None


class TIDeferredStatePayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for updating TaskInstance to a deferred state.'

    state: _t.Literal['deferred']
    classpath: str
    trigger_kwargs: dict[str, JsonValue] | str | UnsetType = UNSET
    trigger_timeout: _dt.timedelta | None | UnsetType = UNSET
    queue: str | None | UnsetType = UNSET
    next_method: str
    next_kwargs: dict[str, JsonValue] | UnsetType = UNSET
    rendered_map_index: str | None | UnsetType = UNSET


class TIEnterRunningPayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    "Schema for updating TaskInstance to 'RUNNING' state with minimal required fields."

    state: _t.Literal['running']
    hostname: str
    unixname: str
    pid: int
    start_date: _dt.datetime


class TIHeartbeatInfo(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for TaskInstance heartbeat endpoint.'

    hostname: str
    pid: int


class TIRescheduleStatePayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for updating TaskInstance to a up_for_reschedule state.'

    state: _t.Literal['up_for_reschedule']
    reschedule_date: _dt.datetime
    end_date: _dt.datetime


class TIRetryStatePayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for updating TaskInstance to up_for_retry.'

    state: _t.Literal['up_for_retry']
    end_date: _dt.datetime
    rendered_map_index: str | None | UnsetType = UNSET


class TIRunContext(_m.Struct, kw_only=True):
    'Response schema for TaskInstance run context.'

    dag_run: DagRun
    task_reschedule_count: int = 0
    max_tries: int
    variables: list[VariableResponse] | UnsetType = UNSET
    connections: list[ConnectionResponse] | UnsetType = UNSET
    next_method: str | None | UnsetType = UNSET
    next_kwargs: dict[str, _t.Any] | str | None | UnsetType = UNSET
    xcom_keys_to_clear: list[str] | UnsetType = UNSET
    should_retry: bool = False
    start_date: _dt.datetime | None | UnsetType = UNSET


class TISkippedDownstreamTasksStatePayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for updating downstream tasks to a skipped state.'

    tasks: list[str | tuple[str, int]]


class TISuccessStatePayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for updating TaskInstance to success state.'

    state: _t.Literal['success']
    end_date: _dt.datetime
    task_outlets: list[AssetProfile] | UnsetType = UNSET
    outlet_events: list[dict[str, _t.Any]] | UnsetType = UNSET
    rendered_map_index: str | None | UnsetType = UNSET


class TITargetStatePayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for updating TaskInstance to a target state, excluding terminal and running states.'

    state: IntermediateTIState


class TITerminalStatePayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for updating TaskInstance to a terminal state except SUCCESS state.'

    state: TerminalStateNonSuccess
    end_date: _dt.datetime
    rendered_map_index: str | None | UnsetType = UNSET


class TaskBreadcrumbsResponse(_m.Struct, kw_only=True):
    'Response for task breadcrumbs.'

    breadcrumbs: list[dict[str, _t.Any]]


class TaskStatesResponse(_m.Struct, kw_only=True):
    'Response for task states with run_id, task and state.'

    task_states: dict[str, _t.Any]


class TriggerDAGRunPayload(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Schema for Trigger DAG Run API request.'

    logical_date: _dt.datetime | None | UnsetType = UNSET
    conf: dict[str, _t.Any] | UnsetType = UNSET
    reset_dag_run: bool = False
    partition_key: str | None | UnsetType = UNSET
    note: str | None | UnsetType = UNSET


class UpdateHITLDetailPayload(_m.Struct, kw_only=True):
    'Schema for writing the response part of a Human-in-the-loop detail for a specific task instance.'

    ti_id: _uuid.UUID
    chosen_options: _t.Annotated[list[str], _m.Meta(min_length=1)]
    params_input: dict[str, _t.Any] | UnsetType = UNSET


class ValidationError(_m.Struct, kw_only=True):
    'ValidationError'

    loc: list[str | int]
    msg: str
    type: str
    input: _t.Any = None
    ctx: dict[str, _t.Any] = _m.field(default_factory=dict)


class VariablePostBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Request body schema for creating variables.'

    val: str | None
    description: str | None | UnsetType = UNSET


class VariableResponse(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Variable schema for responses with fields that are needed for Runtime.'

    key: str
    value: str | None


class XComResponse(_m.Struct, kw_only=True):
    'XCom schema for responses with fields that are needed for Runtime.'

    key: str
    value: JsonValue


class TaskInstance(_m.Struct, kw_only=True):
    'Schema for TaskInstance model with minimal required fields needed for Runtime.'

    id: _uuid.UUID
    task_id: str
    dag_id: str
    run_id: str
    try_number: int
    dag_version_id: _uuid.UUID
    map_index: int = -1
    hostname: str | None = None
    context_carrier: dict[str, _t.Any] | None = None


class BundleInfo(_m.Struct, kw_only=True):
    'Schema for telling task which bundle to run with.'

    name: str
    version: str | None = None


#: struct name -> pydantic class name where they differ (used in error locations)
TITLES: dict[str, str] = {}


#: operationId -> method, path, tags, parameters, body model, success status, response model
OPERATIONS: dict[str, dict[str, _t.Any]] = {
    'health': {
        'method': 'GET',
        'path': '/health',
        'tags': ('Health',),
        'parameters': [{'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': dict[str, _t.Any],
        'response_media_types': ('application/json',),
    },
    'ping': {
        'method': 'GET',
        'path': '/health/ping',
        'tags': ('Health',),
        'parameters': [{'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'get_asset_by_name': {
        'method': 'GET',
        'path': '/assets/by-name',
        'tags': ('Assets',),
        'parameters': [{'name': 'name', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetResponse,
        'response_media_types': ('application/json',),
    },
    'get_asset_by_uri': {
        'method': 'GET',
        'path': '/assets/by-uri',
        'tags': ('Assets',),
        'parameters': [{'name': 'uri', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetResponse,
        'response_media_types': ('application/json',),
    },
    'get_asset_event_by_asset_name_uri': {
        'method': 'GET',
        'path': '/asset-events/by-asset',
        'tags': ('Asset Events',),
        'parameters': [{'name': 'name', 'in': 'query', 'required': True, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'uri', 'in': 'query', 'required': True, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'after', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'ascending', 'in': 'query', 'required': False, 'schema': {'default': True, 'type': 'boolean'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetEventsResponse,
        'response_media_types': ('application/json',),
    },
    'get_asset_event_by_asset_alias': {
        'method': 'GET',
        'path': '/asset-events/by-asset-alias',
        'tags': ('Asset Events',),
        'parameters': [{'name': 'name', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'after', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'ascending', 'in': 'query', 'required': False, 'schema': {'default': True, 'type': 'boolean'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetEventsResponse,
        'response_media_types': ('application/json',),
    },
    'get_connection': {
        'method': 'GET',
        'path': '/connections/{connection_id}',
        'tags': ('Connections',),
        'parameters': [{'name': 'connection_id', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ConnectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag_run': {
        'method': 'GET',
        'path': '/dag-runs/{dag_id}/{run_id}',
        'tags': ('Dag Runs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DagRun,
        'response_media_types': ('application/json',),
    },
    'trigger_dag_run': {
        'method': 'POST',
        'path': '/dag-runs/{dag_id}/{run_id}',
        'tags': ('Dag Runs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': TriggerDAGRunPayload,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'clear_dag_run': {
        'method': 'POST',
        'path': '/dag-runs/{dag_id}/{run_id}/clear',
        'tags': ('Dag Runs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_dagrun_state': {
        'method': 'GET',
        'path': '/dag-runs/{dag_id}/{run_id}/state',
        'tags': ('Dag Runs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DagRunStateResponse,
        'response_media_types': ('application/json',),
    },
    'get_dr_count': {
        'method': 'GET',
        'path': '/dag-runs/count',
        'tags': ('Dag Runs',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'logical_dates', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'datetime'}}, {'name': 'run_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'states', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': int,
        'response_media_types': ('application/json',),
    },
    'get_previous_dagrun': {
        'method': 'GET',
        'path': '/dag-runs/previous',
        'tags': ('Dag Runs',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'logical_date', 'in': 'query', 'required': True, 'schema': {'type': 'datetime'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'enum', 'choices': ['queued', 'running', 'success', 'failed'], 'enum_class': 'DagRunState', 'nullable': True, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DagRun | None,
        'response_media_types': ('application/json',),
    },
    'get_dag': {
        'method': 'GET',
        'path': '/dags/{dag_id}',
        'tags': ('Dags',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DagResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instance_count': {
        'method': 'GET',
        'path': '/task-instances/count',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'task_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'task_group_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'logical_dates', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'datetime'}}, {'name': 'run_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'states', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': int,
        'response_media_types': ('application/json',),
    },
    'get_previous_task_instance': {
        'method': 'GET',
        'path': '/task-instances/previous/{dag_id}/{task_id}',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'logical_date', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'enum', 'choices': ['removed', 'scheduled', 'queued', 'running', 'success', 'restarting', 'failed', 'up_for_retry', 'up_for_reschedule', 'upstream_failed', 'skipped', 'deferred'], 'enum_class': 'TaskInstanceState', 'nullable': True, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PreviousTIResponse | None,
        'response_media_types': ('application/json',),
    },
    'get_task_instance_states': {
        'method': 'GET',
        'path': '/task-instances/states',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'task_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'task_group_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'logical_dates', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'datetime'}}, {'name': 'run_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskStatesResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instance_breadcrumbs': {
        'method': 'GET',
        'path': '/task-instances/breadcrumbs',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskBreadcrumbsResponse,
        'response_media_types': ('application/json',),
    },
    'ti_run': {
        'method': 'PATCH',
        'path': '/task-instances/{task_instance_id}/run',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': TIEnterRunningPayload,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': TIRunContext,
        'response_media_types': ('application/json',),
    },
    'ti_update_state': {
        'method': 'PATCH',
        'path': '/task-instances/{task_instance_id}/state',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': _t.Any,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'ti_skip_downstream': {
        'method': 'PATCH',
        'path': '/task-instances/{task_instance_id}/skip-downstream',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': TISkippedDownstreamTasksStatePayload,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'ti_heartbeat': {
        'method': 'PUT',
        'path': '/task-instances/{task_instance_id}/heartbeat',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': TIHeartbeatInfo,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'put_rtif': {
        'method': 'PUT',
        'path': '/task-instances/{task_instance_id}/rtif',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': dict[str, JsonValue],
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'ti_patch_rendered_map_index': {
        'method': 'PATCH',
        'path': '/task-instances/{task_instance_id}/rendered-map-index',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': str,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_previous_successful_dagrun': {
        'method': 'GET',
        'path': '/task-instances/{task_instance_id}/previous-successful-dagrun',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PrevSuccessfulDagRunResponse,
        'response_media_types': ('application/json',),
    },
    'validate_inlets_and_outlets': {
        'method': 'GET',
        'path': '/task-instances/{task_instance_id}/validate-inlets-and-outlets',
        'tags': ('Task Instances',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': InactiveAssetsResponse,
        'response_media_types': ('application/json',),
    },
    'get_start_date': {
        'method': 'GET',
        'path': '/task-reschedules/{task_instance_id}/start_date',
        'tags': ('Task Reschedules',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _dt.datetime | None,
        'response_media_types': ('application/json',),
    },
    'get_variable': {
        'method': 'GET',
        'path': '/variables/{variable_key}',
        'tags': ('Variables',),
        'parameters': [{'name': 'variable_key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': VariableResponse,
        'response_media_types': ('application/json',),
    },
    'put_variable': {
        'method': 'PUT',
        'path': '/variables/{variable_key}',
        'tags': ('Variables',),
        'parameters': [{'name': 'variable_key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': VariablePostBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'delete_variable': {
        'method': 'DELETE',
        'path': '/variables/{variable_key}',
        'tags': ('Variables',),
        'parameters': [{'name': 'variable_key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_mapped_xcom_by_index': {
        'method': 'GET',
        'path': '/xcoms/{dag_id}/{run_id}/{task_id}/{key}/item/{offset}',
        'tags': ('XComs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'offset', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': XComSequenceIndexResponse,
        'response_media_types': ('application/json',),
    },
    'get_mapped_xcom_by_slice': {
        'method': 'GET',
        'path': '/xcoms/{dag_id}/{run_id}/{task_id}/{key}/slice',
        'tags': ('XComs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'start', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'stop', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'step', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'include_prior_dates', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': XComSequenceSliceResponse,
        'response_media_types': ('application/json',),
    },
    'head_xcom': {
        'method': 'HEAD',
        'path': '/xcoms/{dag_id}/{run_id}/{task_id}/{key}',
        'tags': ('XComs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'get_xcom': {
        'method': 'GET',
        'path': '/xcoms/{dag_id}/{run_id}/{task_id}/{key}',
        'tags': ('XComs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}, {'name': 'include_prior_dates', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': XComResponse,
        'response_media_types': ('application/json',),
    },
    'set_xcom': {
        'method': 'POST',
        'path': '/xcoms/{dag_id}/{run_id}/{task_id}/{key}',
        'tags': ('XComs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}, {'name': 'mapped_length', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': JsonValue,
        'body_required': False,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'delete_xcom': {
        'method': 'DELETE',
        'path': '/xcoms/{dag_id}/{run_id}/{task_id}/{key}',
        'tags': ('XComs',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'key', 'in': 'path', 'required': True, 'schema': {'min_length': 1, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'upsert_hitl_detail': {
        'method': 'POST',
        'path': '/hitlDetails/{task_instance_id}',
        'tags': ('Human in the Loop',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': HITLDetailRequest,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': HITLDetailRequest,
        'response_media_types': ('application/json',),
    },
    'update_hitl_detail': {
        'method': 'PATCH',
        'path': '/hitlDetails/{task_instance_id}',
        'tags': ('Human in the Loop',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': UpdateHITLDetailPayload,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': HITLDetailResponse,
        'response_media_types': ('application/json',),
    },
    'get_hitl_detail': {
        'method': 'GET',
        'path': '/hitlDetails/{task_instance_id}',
        'tags': ('Human in the Loop',),
        'parameters': [{'name': 'task_instance_id', 'in': 'path', 'required': True, 'schema': {'type': 'uuid'}}, {'name': 'Airflow-API-Version', 'in': 'header', 'required': False, 'schema': {'default': '2026-04-06', 'type': 'date'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': HITLDetailResponse,
        'response_media_types': ('application/json',),
    },
}
