"""Models and operations of Airflow API (2).

generated from openapi/v2-rest-api-generated.yaml by openapi/codegen.py, do not edit

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

SPEC_FILE = 'v2-rest-api-generated.yaml'
SPEC_VERSION = '2'
SERVER_PREFIX = ''

class BulkActionNotOnExistence(_enum.StrEnum):
    'Bulk Action to be taken if the entity does not exist.'

    FAIL = 'fail'
    SKIP = 'skip'


class BulkActionOnExistence(_enum.StrEnum):
    'Bulk Action to be taken if the entity already exists or not.'

    FAIL = 'fail'
    SKIP = 'skip'
    OVERWRITE = 'overwrite'


class DAGRunPatchStates(_enum.StrEnum):
    'Enum for Dag Run states when updating a Dag Run.'

    QUEUED = 'queued'
    SUCCESS = 'success'
    FAILED = 'failed'


class DagRunState(_enum.StrEnum):
    'All possible states that a DagRun can be in.'

    QUEUED = 'queued'
    RUNNING = 'running'
    SUCCESS = 'success'
    FAILED = 'failed'


class DagRunTriggeredByType(_enum.StrEnum):
    'Class with TriggeredBy types for DagRun.'

    CLI = 'cli'
    OPERATOR = 'operator'
    REST_API = 'rest_api'
    UI = 'ui'
    TEST = 'test'
    TIMETABLE = 'timetable'
    ASSET = 'asset'
    BACKFILL = 'backfill'


class DagRunType(_enum.StrEnum):
    'Class with DagRun types.'

    BACKFILL = 'backfill'
    SCHEDULED = 'scheduled'
    MANUAL = 'manual'
    ASSET_TRIGGERED = 'asset_triggered'
    ASSET_MATERIALIZATION = 'asset_materialization'


class DagWarningType(_enum.StrEnum):
    'Enum for DAG warning types.'

    ASSET_CONFLICT = 'asset conflict'
    NON_EXISTENT_POOL = 'non-existent pool'
    RUNTIME_VARYING_VALUE = 'runtime varying value'


class ReprocessBehavior(_enum.StrEnum):
    'Internal enum for setting reprocess behavior in a backfill.'

    FAILED = 'failed'
    COMPLETED = 'completed'
    NONE = 'none'


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


JsonValue = _t.Any


class AppBuilderMenuItemResponse(_m.Struct, kw_only=True):
    'Serializer for AppBuilder Menu Item responses.'

    name: str
    href: str
    category: str | None = None


class AppBuilderViewResponse(_m.Struct, kw_only=True):
    'Serializer for AppBuilder View responses.'

    name: str | None = None
    category: str | None = None
    view: str | None = None
    label: str | None = None


class AssetAliasCollectionResponse(_m.Struct, kw_only=True):
    'Asset alias collection response.'

    asset_aliases: list[AssetAliasResponse]
    total_entries: int


class AssetAliasResponse(_m.Struct, kw_only=True):
    'Asset alias serializer for responses.'

    id: int
    name: str
    group: str


class AssetCollectionResponse(_m.Struct, kw_only=True):
    'Asset collection response.'

    assets: list[AssetResponse]
    total_entries: int


class AssetEventCollectionResponse(_m.Struct, kw_only=True):
    'Asset event collection response.'

    asset_events: list[AssetEventResponse]
    total_entries: int


class AssetEventResponse(_m.Struct, kw_only=True):
    'Asset event serializer for responses.'

    id: int
    asset_id: int
    uri: str | None = None
    name: str | None = None
    group: str | None = None
    extra: dict[str, JsonValue] | None = None
    source_task_id: str | None = None
    source_dag_id: str | None = None
    source_run_id: str | None = None
    source_map_index: int
    created_dagruns: list[DagRunAssetReference]
    timestamp: _dt.datetime
    partition_key: str | None = None


class AssetResponse(_m.Struct, kw_only=True):
    'Asset serializer for responses.'

    id: int
    name: str
    uri: str
    group: str
    extra: dict[str, JsonValue] | None = None
    created_at: _dt.datetime
    updated_at: _dt.datetime
    scheduled_dags: list[DagScheduleAssetReference]
    producing_tasks: list[TaskOutletAssetReference]
    consuming_tasks: list[TaskInletAssetReference]
    aliases: list[AssetAliasResponse]
    watchers: list[AssetWatcherResponse]
    last_asset_event: LastAssetEventResponse | None = None


class AssetWatcherResponse(_m.Struct, kw_only=True):
    'Asset watcher serializer for responses.'

    name: str
    trigger_id: int
    created_date: _dt.datetime


class BackfillCollectionResponse(_m.Struct, kw_only=True):
    'Backfill Collection serializer for responses.'

    backfills: list[BackfillResponse]
    total_entries: int


class BackfillPostBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Object used for create backfill request.'

    dag_id: str
    from_date: _dt.datetime
    to_date: _dt.datetime
    run_backwards: bool = False
    dag_run_conf: dict[str, _t.Any] | None | UnsetType = UNSET
    reprocess_behavior: ReprocessBehavior = ReprocessBehavior.NONE
    max_active_runs: int = 10
    run_on_latest_version: bool = True


class BackfillResponse(_m.Struct, kw_only=True):
    'Base serializer for Backfill.'

    id: _t.Annotated[int, _m.Meta(ge=0)]
    dag_id: str
    from_date: _dt.datetime
    to_date: _dt.datetime
    dag_run_conf: dict[str, _t.Any] | None
    is_paused: bool
    reprocess_behavior: ReprocessBehavior
    max_active_runs: int
    created_at: _dt.datetime
    completed_at: _dt.datetime | None
    updated_at: _dt.datetime
    dag_display_name: str


class BaseInfoResponse(_m.Struct, kw_only=True):
    'Base info serializer for responses.'

    status: str | None


class BulkActionResponse(_m.Struct, kw_only=True):
    'Serializer for individual bulk action responses.'

    success: list[str] = _m.field(default_factory=list)
    errors: list[dict[str, _t.Any]] = _m.field(default_factory=list)


class BulkBody_BulkTaskInstanceBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'BulkBody[BulkTaskInstanceBody]'

    actions: list[BulkCreateAction_BulkTaskInstanceBody_ | BulkUpdateAction_BulkTaskInstanceBody_ | BulkDeleteAction_BulkTaskInstanceBody_]


class BulkBody_ConnectionBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'BulkBody[ConnectionBody]'

    actions: list[BulkCreateAction_ConnectionBody_ | BulkUpdateAction_ConnectionBody_ | BulkDeleteAction_ConnectionBody_]


class BulkBody_PoolBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'BulkBody[PoolBody]'

    actions: list[BulkCreateAction_PoolBody_ | BulkUpdateAction_PoolBody_ | BulkDeleteAction_PoolBody_]


class BulkBody_VariableBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'BulkBody[VariableBody]'

    actions: list[BulkCreateAction_VariableBody_ | BulkUpdateAction_VariableBody_ | BulkDeleteAction_VariableBody_]


class BulkCreateAction_BulkTaskInstanceBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='create'):
    'BulkCreateAction[BulkTaskInstanceBody]'

    entities: list[BulkTaskInstanceBody]
    action_on_existence: BulkActionOnExistence = BulkActionOnExistence.FAIL


class BulkCreateAction_ConnectionBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='create'):
    'BulkCreateAction[ConnectionBody]'

    entities: list[ConnectionBody]
    action_on_existence: BulkActionOnExistence = BulkActionOnExistence.FAIL


class BulkCreateAction_PoolBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='create'):
    'BulkCreateAction[PoolBody]'

    entities: list[PoolBody]
    action_on_existence: BulkActionOnExistence = BulkActionOnExistence.FAIL


class BulkCreateAction_VariableBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='create'):
    'BulkCreateAction[VariableBody]'

    entities: list[VariableBody]
    action_on_existence: BulkActionOnExistence = BulkActionOnExistence.FAIL


class BulkDeleteAction_BulkTaskInstanceBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='delete'):
    'BulkDeleteAction[BulkTaskInstanceBody]'

    entities: list[str | BulkTaskInstanceBody]
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class BulkDeleteAction_ConnectionBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='delete'):
    'BulkDeleteAction[ConnectionBody]'

    entities: list[str | ConnectionBody]
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class BulkDeleteAction_PoolBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='delete'):
    'BulkDeleteAction[PoolBody]'

    entities: list[str | PoolBody]
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class BulkDeleteAction_VariableBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='delete'):
    'BulkDeleteAction[VariableBody]'

    entities: list[str | VariableBody]
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class BulkResponse(_m.Struct, kw_only=True):
    'Serializer for responses to bulk entity operations.'

    create: BulkActionResponse | None = None
    update: BulkActionResponse | None = None
    delete: BulkActionResponse | None = None


class BulkTaskInstanceBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Request body for bulk update, and delete task instances.'

    new_state: TaskInstanceState | None | UnsetType = UNSET
    note: _t.Annotated[str, _m.Meta(max_length=1000)] | None | UnsetType = UNSET
    include_upstream: bool = False
    include_downstream: bool = False
    include_future: bool = False
    include_past: bool = False
    task_id: str
    map_index: int | None | UnsetType = UNSET
    dag_id: str | None | UnsetType = UNSET
    dag_run_id: str | None | UnsetType = UNSET


class BulkUpdateAction_BulkTaskInstanceBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='update'):
    'BulkUpdateAction[BulkTaskInstanceBody]'

    entities: list[BulkTaskInstanceBody]
    update_mask: list[str] | None | UnsetType = UNSET
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class BulkUpdateAction_ConnectionBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='update'):
    'BulkUpdateAction[ConnectionBody]'

    entities: list[ConnectionBody]
    update_mask: list[str] | None | UnsetType = UNSET
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class BulkUpdateAction_PoolBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='update'):
    'BulkUpdateAction[PoolBody]'

    entities: list[PoolBody]
    update_mask: list[str] | None | UnsetType = UNSET
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class BulkUpdateAction_VariableBody_(_m.Struct, kw_only=True, forbid_unknown_fields=True, tag_field='action', tag='update'):
    'BulkUpdateAction[VariableBody]'

    entities: list[VariableBody]
    update_mask: list[str] | None | UnsetType = UNSET
    action_on_non_existence: BulkActionNotOnExistence = BulkActionNotOnExistence.FAIL


class ClearTaskInstanceCollectionResponse(_m.Struct, kw_only=True):
    'Response for clear dag run dry run, which may contain new tasks without full TaskInstance data.'

    task_instances: list[_t.Any]
    total_entries: int


class ClearTaskInstancesBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Request body for Clear Task Instances endpoint.'

    dry_run: bool = True
    start_date: _dt.datetime | None | UnsetType = UNSET
    end_date: _dt.datetime | None | UnsetType = UNSET
    only_failed: bool = True
    only_running: bool = False
    reset_dag_runs: bool = True
    task_ids: list[str | tuple[str, int]] | None | UnsetType = UNSET
    dag_run_id: str | None | UnsetType = UNSET
    include_upstream: bool = False
    include_downstream: bool = False
    include_future: bool = False
    include_past: bool = False
    run_on_latest_version: bool = False
    prevent_running_task: bool = False


class Config(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'List of config sections with their options.'

    sections: list[ConfigSection]


class ConfigOption(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Config option.'

    key: str
    value: str | tuple[str, str]


class ConfigSection(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Config Section Schema.'

    name: str
    options: list[ConfigOption]


class ConnectionBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Connection Serializer for requests body.'

    connection_id: _t.Annotated[str, _m.Meta(max_length=200, pattern='^[\\w.-]+$')]
    conn_type: str
    description: str | None | UnsetType = UNSET
    host: str | None | UnsetType = UNSET
    login: str | None | UnsetType = UNSET
    schema: str | None | UnsetType = UNSET
    port: int | None | UnsetType = UNSET
    password: str | None | UnsetType = UNSET
    extra: str | None | UnsetType = UNSET
    team_name: _t.Annotated[str, _m.Meta(max_length=50)] | None | UnsetType = UNSET


class ConnectionCollectionResponse(_m.Struct, kw_only=True):
    'Connection Collection serializer for responses.'

    connections: list[ConnectionResponse]
    total_entries: int


class ConnectionResponse(_m.Struct, kw_only=True):
    'Connection serializer for responses.'

    connection_id: str
    conn_type: str
    description: str | None
    host: str | None
    login: str | None
    schema: str | None
    port: int | None
    password: str | None
    extra: str | None
    team_name: str | None


class ConnectionTestResponse(_m.Struct, kw_only=True):
    'Connection Test serializer for responses.'

    status: bool
    message: str


class CreateAssetEventsBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Create asset events request.'

    asset_id: int
    partition_key: str | None | UnsetType = UNSET
    extra: dict[str, _t.Any] | UnsetType = UNSET


class DAGCollectionResponse(_m.Struct, kw_only=True):
    'Dag Collection serializer for responses.'

    dags: list[DAGResponse]
    total_entries: int


class DAGDetailsResponse(_m.Struct, kw_only=True):
    'Specific serializer for Dag Details responses.'

    dag_id: str
    dag_display_name: str
    is_paused: bool
    is_stale: bool
    last_parsed_time: _dt.datetime | None
    last_parse_duration: float | None
    last_expired: _dt.datetime | None
    bundle_name: str | None
    bundle_version: str | None
    relative_fileloc: str | None
    fileloc: str
    description: str | None
    timetable_summary: str | None
    timetable_description: str | None
    timetable_partitioned: bool
    tags: list[DagTagResponse]
    max_active_tasks: int
    max_active_runs: int | None
    max_consecutive_failed_dag_runs: int
    has_task_concurrency_limits: bool
    has_import_errors: bool
    next_dagrun_logical_date: _dt.datetime | None
    next_dagrun_data_interval_start: _dt.datetime | None
    next_dagrun_data_interval_end: _dt.datetime | None
    next_dagrun_run_after: _dt.datetime | None
    allowed_run_types: list[DagRunType] | None
    owners: list[str]
    catchup: bool
    dag_run_timeout: _dt.timedelta | None
    asset_expression: dict[str, _t.Any] | None
    doc_md: str | None
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    is_paused_upon_creation: bool | None
    params: dict[str, _t.Any] | None
    render_template_as_native_obj: bool
    template_search_path: list[str] | None
    timezone: str | None
    last_parsed: _dt.datetime | None
    default_args: dict[str, _t.Any] | None
    owner_links: dict[str, str] | None = None
    is_favorite: bool = False
    active_runs_count: int = 0
    file_token: str
    concurrency: int
    latest_dag_version: DagVersionResponse | None


class DAGPatchBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Dag Serializer for updatable bodies.'

    is_paused: bool


class DAGResponse(_m.Struct, kw_only=True):
    'Dag serializer for responses.'

    dag_id: str
    dag_display_name: str
    is_paused: bool
    is_stale: bool
    last_parsed_time: _dt.datetime | None
    last_parse_duration: float | None
    last_expired: _dt.datetime | None
    bundle_name: str | None
    bundle_version: str | None
    relative_fileloc: str | None
    fileloc: str
    description: str | None
    timetable_summary: str | None
    timetable_description: str | None
    timetable_partitioned: bool
    tags: list[DagTagResponse]
    max_active_tasks: int
    max_active_runs: int | None
    max_consecutive_failed_dag_runs: int
    has_task_concurrency_limits: bool
    has_import_errors: bool
    next_dagrun_logical_date: _dt.datetime | None
    next_dagrun_data_interval_start: _dt.datetime | None
    next_dagrun_data_interval_end: _dt.datetime | None
    next_dagrun_run_after: _dt.datetime | None
    allowed_run_types: list[DagRunType] | None
    owners: list[str]
    file_token: str


class DAGRunClearBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Dag Run serializer for clear endpoint body.'

    dry_run: bool = True
    only_failed: bool = False
    only_new: bool = False
    run_on_latest_version: bool = False


class DAGRunCollectionResponse(_m.Struct, kw_only=True):
    'Dag Run collection response supporting both offset and cursor pagination.'

    dag_runs: list[DAGRunResponse]
    total_entries: int | None = None
    next_cursor: str | None = None
    previous_cursor: str | None = None


class DAGRunPatchBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Dag Run Serializer for PATCH requests.'

    state: DAGRunPatchStates | None | UnsetType = UNSET
    note: _t.Annotated[str, _m.Meta(max_length=1000)] | None | UnsetType = UNSET


class DAGRunResponse(_m.Struct, kw_only=True):
    'Dag Run serializer for responses.'

    dag_run_id: str
    dag_id: str
    logical_date: _dt.datetime | None
    queued_at: _dt.datetime | None
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    duration: float | None
    data_interval_start: _dt.datetime | None
    data_interval_end: _dt.datetime | None
    run_after: _dt.datetime
    last_scheduling_decision: _dt.datetime | None
    run_type: DagRunType
    state: DagRunState
    triggered_by: DagRunTriggeredByType | None
    triggering_user_name: str | None
    conf: dict[str, _t.Any] | None
    note: str | None
    dag_versions: list[DagVersionResponse]
    bundle_version: str | None
    dag_display_name: str
    partition_key: str | None


class DAGRunsBatchBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'List Dag Runs body for batch endpoint.'

    order_by: str | None | UnsetType = UNSET
    page_offset: _t.Annotated[int, _m.Meta(ge=0)] = 0
    page_limit: _t.Annotated[int, _m.Meta(ge=0)] = 100
    dag_ids: list[str] | None | UnsetType = UNSET
    states: list[DagRunState | None] | None | UnsetType = UNSET
    run_after_gte: _dt.datetime | None | UnsetType = UNSET
    run_after_gt: _dt.datetime | None | UnsetType = UNSET
    run_after_lte: _dt.datetime | None | UnsetType = UNSET
    run_after_lt: _dt.datetime | None | UnsetType = UNSET
    logical_date_gte: _dt.datetime | None | UnsetType = UNSET
    logical_date_gt: _dt.datetime | None | UnsetType = UNSET
    logical_date_lte: _dt.datetime | None | UnsetType = UNSET
    logical_date_lt: _dt.datetime | None | UnsetType = UNSET
    start_date_gte: _dt.datetime | None | UnsetType = UNSET
    start_date_gt: _dt.datetime | None | UnsetType = UNSET
    start_date_lte: _dt.datetime | None | UnsetType = UNSET
    start_date_lt: _dt.datetime | None | UnsetType = UNSET
    end_date_gte: _dt.datetime | None | UnsetType = UNSET
    end_date_gt: _dt.datetime | None | UnsetType = UNSET
    end_date_lte: _dt.datetime | None | UnsetType = UNSET
    end_date_lt: _dt.datetime | None | UnsetType = UNSET
    duration_gte: float | None | UnsetType = UNSET
    duration_gt: float | None | UnsetType = UNSET
    duration_lte: float | None | UnsetType = UNSET
    duration_lt: float | None | UnsetType = UNSET
    conf_contains: str | None | UnsetType = UNSET


class DAGSourceResponse(_m.Struct, kw_only=True):
    'Dag Source serializer for responses.'

    content: str | None
    dag_id: str
    version_number: int | None
    dag_display_name: str


class DAGTagCollectionResponse(_m.Struct, kw_only=True):
    'Dag Tags Collection serializer for responses.'

    tags: list[str]
    total_entries: int


class DAGVersionCollectionResponse(_m.Struct, kw_only=True):
    'Dag Version Collection serializer for responses.'

    dag_versions: list[DagVersionResponse]
    total_entries: int


class DAGWarningCollectionResponse(_m.Struct, kw_only=True):
    'Dag warning collection serializer for responses.'

    dag_warnings: list[DAGWarningResponse]
    total_entries: int


class DAGWarningResponse(_m.Struct, kw_only=True):
    'Dag Warning serializer for responses.'

    dag_id: str
    warning_type: DagWarningType
    message: str
    timestamp: _dt.datetime
    dag_display_name: str


class DagProcessorInfoResponse(_m.Struct, kw_only=True):
    'DagProcessor info serializer for responses.'

    status: str | None
    latest_dag_processor_heartbeat: str | None


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


class DagScheduleAssetReference(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Dag schedule reference serializer for assets.'

    dag_id: str
    created_at: _dt.datetime
    updated_at: _dt.datetime


class DagStatsCollectionResponse(_m.Struct, kw_only=True):
    'Dag Stats Collection serializer for responses.'

    dags: list[DagStatsResponse]
    total_entries: int


class DagStatsResponse(_m.Struct, kw_only=True):
    'Dag Stats serializer for responses.'

    dag_id: str
    dag_display_name: str
    stats: list[DagStatsStateResponse]


class DagStatsStateResponse(_m.Struct, kw_only=True):
    'DagStatsState serializer for responses.'

    state: DagRunState
    count: int


class DagTagResponse(_m.Struct, kw_only=True):
    'Dag Tag serializer for responses.'

    name: str
    dag_id: str
    dag_display_name: str


class DagVersionResponse(_m.Struct, kw_only=True):
    'Dag Version serializer for responses.'

    id: _uuid.UUID
    version_number: int
    dag_id: str
    bundle_name: str | None
    bundle_version: str | None
    created_at: _dt.datetime
    dag_display_name: str
    bundle_url: str | None


class DryRunBackfillCollectionResponse(_m.Struct, kw_only=True):
    'Backfill collection serializer for responses in dry-run mode.'

    backfills: list[DryRunBackfillResponse]
    total_entries: int


class DryRunBackfillResponse(_m.Struct, kw_only=True):
    'Backfill serializer for responses in dry-run mode.'

    logical_date: _dt.datetime | None
    partition_key: str | None
    partition_date: _dt.datetime | None


class EventLogCollectionResponse(_m.Struct, kw_only=True):
    'Event Log Collection Response.'

    event_logs: list[EventLogResponse]
    total_entries: int


class EventLogResponse(_m.Struct, kw_only=True):
    'Event Log Response.'

    event_log_id: int
    when: _dt.datetime
    dag_id: str | None
    task_id: str | None
    run_id: str | None
    map_index: int | None
    try_number: int | None
    event: str
    logical_date: _dt.datetime | None
    owner: str | None
    extra: str | None
    dag_display_name: str | None = None
    task_display_name: str | None = None


class ExternalLogUrlResponse(_m.Struct, kw_only=True):
    'Response for the external log URL endpoint.'

    url: str


class ExternalViewResponse(_m.Struct, kw_only=True):
    'Serializer for External View Plugin responses.'

    name: str
    icon: str | None = None
    icon_dark_mode: str | None = None
    url_route: str | None = None
    category: str | None = None
    href: str
    destination: _t.Literal['nav', 'dag', 'dag_run', 'task', 'task_instance', 'base'] = 'nav'


class ExtraLinkCollectionResponse(_m.Struct, kw_only=True):
    'Extra Links Response.'

    extra_links: dict[str, str | None]
    total_entries: int


class FastAPIAppResponse(_m.Struct, kw_only=True):
    'Serializer for Plugin FastAPI App responses.'

    app: str
    url_prefix: str
    name: str


class FastAPIRootMiddlewareResponse(_m.Struct, kw_only=True):
    'Serializer for Plugin FastAPI root middleware responses.'

    middleware: str
    name: str


class HITLDetail(_m.Struct, kw_only=True):
    'Schema for Human-in-the-loop detail.'

    options: _t.Annotated[list[str], _m.Meta(min_length=1)]
    subject: str
    body: str | None = None
    defaults: list[str] | None = None
    multiple: bool = False
    params: dict[str, _t.Any] = _m.field(default_factory=dict)
    assigned_users: list[HITLUser] = _m.field(default_factory=list)
    created_at: _dt.datetime
    responded_by_user: HITLUser | None = None
    responded_at: _dt.datetime | None = None
    chosen_options: list[str] | None = None
    params_input: dict[str, _t.Any] = _m.field(default_factory=dict)
    response_received: bool = False
    task_instance: TaskInstanceResponse


class HITLDetailCollection(_m.Struct, kw_only=True):
    'Schema for a collection of Human-in-the-loop details.'

    hitl_details: list[HITLDetail]
    total_entries: int


class HITLDetailHistory(_m.Struct, kw_only=True):
    'Schema for Human-in-the-loop detail history.'

    options: _t.Annotated[list[str], _m.Meta(min_length=1)]
    subject: str
    body: str | None = None
    defaults: list[str] | None = None
    multiple: bool = False
    params: dict[str, _t.Any] = _m.field(default_factory=dict)
    assigned_users: list[HITLUser] = _m.field(default_factory=list)
    created_at: _dt.datetime
    responded_by_user: HITLUser | None = None
    responded_at: _dt.datetime | None = None
    chosen_options: list[str] | None = None
    params_input: dict[str, _t.Any] = _m.field(default_factory=dict)
    response_received: bool = False
    task_instance: TaskInstanceHistoryResponse


class HITLDetailResponse(_m.Struct, kw_only=True):
    'Response of updating a Human-in-the-loop detail.'

    responded_by: HITLUser
    responded_at: _dt.datetime
    chosen_options: _t.Annotated[list[str], _m.Meta(min_length=1)]
    params_input: dict[str, _t.Any] = _m.field(default_factory=dict)


class HITLUser(_m.Struct, kw_only=True):
    'Schema for a Human-in-the-loop users.'

    id: str
    name: str


class HTTPExceptionResponse(_m.Struct, kw_only=True):
    'HTTPException Model used for error response.'

    detail: str | dict[str, _t.Any]


class HTTPValidationError(_m.Struct, kw_only=True):
    'HTTPValidationError'

    detail: list[ValidationError] = _m.field(default_factory=list)


class HealthInfoResponse(_m.Struct, kw_only=True):
    'Health serializer for responses.'

    metadatabase: BaseInfoResponse
    scheduler: SchedulerInfoResponse
    triggerer: TriggererInfoResponse
    dag_processor: DagProcessorInfoResponse | None = None


class ImportErrorCollectionResponse(_m.Struct, kw_only=True):
    'Import Error Collection Response.'

    import_errors: list[ImportErrorResponse]
    total_entries: int


class ImportErrorResponse(_m.Struct, kw_only=True):
    'Import Error Response.'

    import_error_id: int
    timestamp: _dt.datetime
    filename: str
    bundle_name: str | None
    stack_trace: str


class JobCollectionResponse(_m.Struct, kw_only=True):
    'Job Collection Response.'

    jobs: list[JobResponse]
    total_entries: int


class JobResponse(_m.Struct, kw_only=True):
    'Job serializer for responses.'

    id: int
    dag_id: str | None
    state: str | None
    job_type: str | None
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    latest_heartbeat: _dt.datetime | None
    executor_class: str | None
    hostname: str | None
    unixname: str | None
    dag_display_name: str | None = None


class LastAssetEventResponse(_m.Struct, kw_only=True):
    'Last asset event response serializer.'

    id: _t.Annotated[int, _m.Meta(ge=0)] | None = None
    timestamp: _dt.datetime | None = None


class MaterializeAssetBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Materialize asset request.'

    dag_run_id: str | None | UnsetType = UNSET
    data_interval_start: _dt.datetime | None | UnsetType = UNSET
    data_interval_end: _dt.datetime | None | UnsetType = UNSET
    logical_date: _dt.datetime | None | UnsetType = UNSET
    run_after: _dt.datetime | None | UnsetType = UNSET
    conf: dict[str, _t.Any] | None | UnsetType = UNSET
    note: str | None | UnsetType = UNSET
    partition_key: str | None | UnsetType = UNSET


class NewTaskResponse(_m.Struct, kw_only=True):
    "Lightweight response for new tasks that don't have TaskInstances yet."

    task_id: str
    task_display_name: str


class PatchTaskInstanceBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Request body for Clear Task Instances endpoint.'

    new_state: TaskInstanceState | None | UnsetType = UNSET
    note: _t.Annotated[str, _m.Meta(max_length=1000)] | None | UnsetType = UNSET
    include_upstream: bool = False
    include_downstream: bool = False
    include_future: bool = False
    include_past: bool = False


class PluginCollectionResponse(_m.Struct, kw_only=True):
    'Plugin Collection serializer.'

    plugins: list[PluginResponse]
    total_entries: int


class PluginImportErrorCollectionResponse(_m.Struct, kw_only=True):
    'Plugin Import Error Collection serializer.'

    import_errors: list[PluginImportErrorResponse]
    total_entries: int


class PluginImportErrorResponse(_m.Struct, kw_only=True):
    'Plugin Import Error serializer for responses.'

    source: str
    error: str


class PluginResponse(_m.Struct, kw_only=True):
    'Plugin serializer.'

    name: str
    macros: list[str]
    flask_blueprints: list[str]
    fastapi_apps: list[FastAPIAppResponse]
    fastapi_root_middlewares: list[FastAPIRootMiddlewareResponse]
    external_views: list[ExternalViewResponse]
    react_apps: list[ReactAppResponse]
    appbuilder_views: list[AppBuilderViewResponse]
    appbuilder_menu_items: list[AppBuilderMenuItemResponse]
    global_operator_extra_links: list[str]
    operator_extra_links: list[str]
    source: str
    listeners: list[str]
    timetables: list[str]


class PoolBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Pool serializer for post bodies.'

    name: _t.Annotated[str, _m.Meta(max_length=256)]
    slots: _t.Annotated[int, _m.Meta(ge=-1)]
    description: str | None | UnsetType = UNSET
    include_deferred: bool = False
    team_name: _t.Annotated[str, _m.Meta(max_length=50)] | None | UnsetType = UNSET


class PoolCollectionResponse(_m.Struct, kw_only=True):
    'Pool Collection serializer for responses.'

    pools: list[PoolResponse]
    total_entries: int


class PoolPatchBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Pool serializer for patch bodies.'

    pool: str | None | UnsetType = UNSET
    slots: _t.Annotated[int, _m.Meta(ge=-1)] | None | UnsetType = UNSET
    description: str | None | UnsetType = UNSET
    include_deferred: bool | None | UnsetType = UNSET
    team_name: _t.Annotated[str, _m.Meta(max_length=50)] | None | UnsetType = UNSET


class PoolResponse(_m.Struct, kw_only=True):
    'Pool serializer for responses.'

    name: str
    slots: _t.Annotated[int, _m.Meta(ge=-1)]
    description: str | None = None
    include_deferred: bool
    occupied_slots: int
    running_slots: int
    queued_slots: int
    scheduled_slots: int
    open_slots: int
    deferred_slots: int
    team_name: str | None


class ProviderCollectionResponse(_m.Struct, kw_only=True):
    'Provider Collection serializer for responses.'

    providers: list[ProviderResponse]
    total_entries: int


class ProviderResponse(_m.Struct, kw_only=True):
    'Provider serializer for responses.'

    package_name: str
    description: str
    version: str
    documentation_url: str | None


class QueuedEventCollectionResponse(_m.Struct, kw_only=True):
    'Queued Event Collection serializer for responses.'

    queued_events: list[QueuedEventResponse]
    total_entries: int


class QueuedEventResponse(_m.Struct, kw_only=True):
    'Queued Event serializer for responses..'

    dag_id: str
    asset_id: int
    created_at: _dt.datetime
    dag_display_name: str


class ReactAppResponse(_m.Struct, kw_only=True):
    'Serializer for React App Plugin responses.'

    name: str
    icon: str | None = None
    icon_dark_mode: str | None = None
    url_route: str | None = None
    category: str | None = None
    bundle_url: str
    destination: _t.Literal['nav', 'dag', 'dag_run', 'task', 'task_instance', 'base', 'dashboard'] = 'nav'


class SchedulerInfoResponse(_m.Struct, kw_only=True):
    'Scheduler info serializer for responses.'

    status: str | None
    latest_scheduler_heartbeat: str | None


class StructuredLogMessage(_m.Struct, kw_only=True):
    'An individual log message.'

    timestamp: _dt.datetime = None
    event: str


class TaskCollectionResponse(_m.Struct, kw_only=True):
    'Task collection serializer for responses.'

    tasks: list[TaskResponse]
    total_entries: int


class TaskDependencyCollectionResponse(_m.Struct, kw_only=True):
    'Task scheduling dependencies collection serializer for responses.'

    dependencies: list[TaskDependencyResponse]


class TaskDependencyResponse(_m.Struct, kw_only=True):
    'Task Dependency serializer for responses.'

    name: str
    reason: str


class TaskInletAssetReference(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Task inlet reference serializer for assets.'

    dag_id: str
    task_id: str
    created_at: _dt.datetime
    updated_at: _dt.datetime


class TaskInstanceCollectionResponse(_m.Struct, kw_only=True):
    'Task instance collection response supporting both offset and cursor pagination.'

    task_instances: list[TaskInstanceResponse]
    total_entries: int | None = None
    next_cursor: str | None = None
    previous_cursor: str | None = None


class TaskInstanceHistoryCollectionResponse(_m.Struct, kw_only=True):
    'TaskInstanceHistory Collection serializer for responses.'

    task_instances: list[TaskInstanceHistoryResponse]
    total_entries: int


class TaskInstanceHistoryResponse(_m.Struct, kw_only=True):
    'TaskInstanceHistory serializer for responses.'

    task_id: str
    dag_id: str
    dag_run_id: str
    map_index: int
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    duration: float | None
    state: TaskInstanceState | None
    try_number: int
    max_tries: int
    task_display_name: str
    dag_display_name: str
    hostname: str | None
    unixname: str | None
    pool: str
    pool_slots: int
    queue: str | None
    priority_weight: int | None
    operator: str | None
    operator_name: str | None
    queued_when: _dt.datetime | None
    scheduled_when: _dt.datetime | None
    pid: int | None
    executor: str | None
    executor_config: str
    dag_version: DagVersionResponse | None


class TaskInstanceResponse(_m.Struct, kw_only=True):
    'TaskInstance serializer for responses.'

    id: _uuid.UUID
    task_id: str
    dag_id: str
    dag_run_id: str
    map_index: int
    logical_date: _dt.datetime | None
    run_after: _dt.datetime
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    duration: float | None
    state: TaskInstanceState | None
    try_number: int
    max_tries: int
    task_display_name: str
    dag_display_name: str
    hostname: str | None
    unixname: str | None
    pool: str
    pool_slots: int
    queue: str | None
    priority_weight: int | None
    operator: str | None
    operator_name: str | None
    queued_when: _dt.datetime | None
    scheduled_when: _dt.datetime | None
    pid: int | None
    executor: str | None
    executor_config: str
    note: str | None
    rendered_map_index: str | None
    rendered_fields: dict[str, _t.Any] = _m.field(default_factory=dict)
    trigger: TriggerResponse | None
    triggerer_job: JobResponse | None
    dag_version: DagVersionResponse | None


class TaskInstancesBatchBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Task Instance body for get batch.'

    dag_ids: list[str] | None | UnsetType = UNSET
    dag_run_ids: list[str] | None | UnsetType = UNSET
    task_ids: list[str] | None | UnsetType = UNSET
    state: list[TaskInstanceState | None] | None | UnsetType = UNSET
    run_after_gte: _dt.datetime | None | UnsetType = UNSET
    run_after_gt: _dt.datetime | None | UnsetType = UNSET
    run_after_lte: _dt.datetime | None | UnsetType = UNSET
    run_after_lt: _dt.datetime | None | UnsetType = UNSET
    logical_date_gte: _dt.datetime | None | UnsetType = UNSET
    logical_date_gt: _dt.datetime | None | UnsetType = UNSET
    logical_date_lte: _dt.datetime | None | UnsetType = UNSET
    logical_date_lt: _dt.datetime | None | UnsetType = UNSET
    start_date_gte: _dt.datetime | None | UnsetType = UNSET
    start_date_gt: _dt.datetime | None | UnsetType = UNSET
    start_date_lte: _dt.datetime | None | UnsetType = UNSET
    start_date_lt: _dt.datetime | None | UnsetType = UNSET
    end_date_gte: _dt.datetime | None | UnsetType = UNSET
    end_date_gt: _dt.datetime | None | UnsetType = UNSET
    end_date_lte: _dt.datetime | None | UnsetType = UNSET
    end_date_lt: _dt.datetime | None | UnsetType = UNSET
    duration_gte: float | None | UnsetType = UNSET
    duration_gt: float | None | UnsetType = UNSET
    duration_lte: float | None | UnsetType = UNSET
    duration_lt: float | None | UnsetType = UNSET
    pool: list[str] | None | UnsetType = UNSET
    queue: list[str] | None | UnsetType = UNSET
    executor: list[str] | None | UnsetType = UNSET
    page_offset: _t.Annotated[int, _m.Meta(ge=0)] = 0
    page_limit: _t.Annotated[int, _m.Meta(ge=0)] = 100
    order_by: str | None | UnsetType = UNSET


class TaskInstancesLogResponse(_m.Struct, kw_only=True):
    'Log serializer for responses.'

    content: _t.Any
    continuation_token: str | None


class TaskOutletAssetReference(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Task outlet reference serializer for assets.'

    dag_id: str
    task_id: str
    created_at: _dt.datetime
    updated_at: _dt.datetime


class TaskResponse(_m.Struct, kw_only=True):
    'Task serializer for responses.'

    task_id: str | None
    task_display_name: str | None
    owner: str | None
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    trigger_rule: str | None
    depends_on_past: bool
    wait_for_downstream: bool
    retries: float | None
    queue: str | None
    pool: str | None
    pool_slots: float | None
    execution_timeout: TimeDelta | None
    retry_delay: TimeDelta | None
    retry_exponential_backoff: float
    priority_weight: float | None
    weight_rule: str | None
    ui_color: str | None
    ui_fgcolor: str | None
    template_fields: list[str] | None
    downstream_task_ids: list[str] | None
    doc_md: str | None
    operator_name: str | None
    params: dict[str, _t.Any] | None
    class_ref: dict[str, _t.Any] | None
    is_mapped: bool | None
    extra_links: list[str]


class TimeDelta(_m.Struct, kw_only=True):
    'TimeDelta can be used to interact with datetime.timedelta objects.'

    type: str = _m.field(name='__type', default='TimeDelta')
    days: int
    seconds: int
    microseconds: int


class TriggerDAGRunPostBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Trigger Dag Run Serializer for POST body.'

    dag_run_id: str | None | UnsetType = UNSET
    data_interval_start: _dt.datetime | None | UnsetType = UNSET
    data_interval_end: _dt.datetime | None | UnsetType = UNSET
    logical_date: _dt.datetime | None
    run_after: _dt.datetime | None | UnsetType = UNSET
    conf: dict[str, _t.Any] | None | UnsetType = UNSET
    note: str | None | UnsetType = UNSET
    partition_key: str | None | UnsetType = UNSET


class TriggerResponse(_m.Struct, kw_only=True):
    'Trigger serializer for responses.'

    id: int
    classpath: str
    kwargs: str
    created_date: _dt.datetime
    queue: str | None
    triggerer_id: int | None


class TriggererInfoResponse(_m.Struct, kw_only=True):
    'Triggerer info serializer for responses.'

    status: str | None
    latest_triggerer_heartbeat: str | None


class UpdateHITLDetailPayload(_m.Struct, kw_only=True):
    'Schema for updating the content of a Human-in-the-loop detail.'

    chosen_options: _t.Annotated[list[str], _m.Meta(min_length=1)]
    params_input: dict[str, _t.Any] | UnsetType = UNSET


class ValidationError(_m.Struct, kw_only=True):
    'ValidationError'

    loc: list[str | int]
    msg: str
    type: str
    input: _t.Any = None
    ctx: dict[str, _t.Any] = _m.field(default_factory=dict)


class VariableBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Variable serializer for bodies.'

    key: _t.Annotated[str, _m.Meta(max_length=250)]
    value: JsonValue
    description: str | None | UnsetType = UNSET
    team_name: _t.Annotated[str, _m.Meta(max_length=50)] | None | UnsetType = UNSET


class VariableCollectionResponse(_m.Struct, kw_only=True):
    'Variable Collection serializer for responses.'

    variables: list[VariableResponse]
    total_entries: int


class VariableResponse(_m.Struct, kw_only=True):
    'Variable serializer for responses.'

    key: str
    value: str
    description: str | None
    is_encrypted: bool
    team_name: str | None


class VersionInfo(_m.Struct, kw_only=True):
    'Version information serializer for responses.'

    version: str
    git_version: str | None


class XComCollectionResponse(_m.Struct, kw_only=True):
    'XCom Collection serializer for responses.'

    xcom_entries: list[XComResponse]
    total_entries: int


class XComCreateBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Payload serializer for creating an XCom entry.'

    key: str
    value: _t.Any
    map_index: int = -1


class XComResponse(_m.Struct, kw_only=True):
    'Serializer for a xcom item.'

    key: str
    timestamp: _dt.datetime
    logical_date: _dt.datetime | None
    map_index: int
    task_id: str
    dag_id: str
    run_id: str
    dag_display_name: str
    task_display_name: str
    run_after: _dt.datetime


class XComResponseNative(_m.Struct, kw_only=True):
    'XCom response serializer with native return type.'

    key: str
    timestamp: _dt.datetime
    logical_date: _dt.datetime | None
    map_index: int
    task_id: str
    dag_id: str
    run_id: str
    dag_display_name: str
    task_display_name: str
    run_after: _dt.datetime
    value: _t.Any


class XComResponseString(_m.Struct, kw_only=True):
    'XCom response serializer with string return type.'

    key: str
    timestamp: _dt.datetime
    logical_date: _dt.datetime | None
    map_index: int
    task_id: str
    dag_id: str
    run_id: str
    dag_display_name: str
    task_display_name: str
    run_after: _dt.datetime
    value: str | None


class XComUpdateBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Payload serializer for updating an XCom entry.'

    value: _t.Any
    map_index: int = -1


#: struct name -> pydantic class name where they differ (used in error locations)
TITLES: dict[str, str] = {'BulkBody_BulkTaskInstanceBody_': 'BulkBody[BulkTaskInstanceBody]', 'BulkBody_ConnectionBody_': 'BulkBody[ConnectionBody]', 'BulkBody_PoolBody_': 'BulkBody[PoolBody]', 'BulkBody_VariableBody_': 'BulkBody[VariableBody]', 'BulkCreateAction_BulkTaskInstanceBody_': 'BulkCreateAction[BulkTaskInstanceBody]', 'BulkCreateAction_ConnectionBody_': 'BulkCreateAction[ConnectionBody]', 'BulkCreateAction_PoolBody_': 'BulkCreateAction[PoolBody]', 'BulkCreateAction_VariableBody_': 'BulkCreateAction[VariableBody]', 'BulkDeleteAction_BulkTaskInstanceBody_': 'BulkDeleteAction[BulkTaskInstanceBody]', 'BulkDeleteAction_ConnectionBody_': 'BulkDeleteAction[ConnectionBody]', 'BulkDeleteAction_PoolBody_': 'BulkDeleteAction[PoolBody]', 'BulkDeleteAction_VariableBody_': 'BulkDeleteAction[VariableBody]', 'BulkUpdateAction_BulkTaskInstanceBody_': 'BulkUpdateAction[BulkTaskInstanceBody]', 'BulkUpdateAction_ConnectionBody_': 'BulkUpdateAction[ConnectionBody]', 'BulkUpdateAction_PoolBody_': 'BulkUpdateAction[PoolBody]', 'BulkUpdateAction_VariableBody_': 'BulkUpdateAction[VariableBody]'}


#: operationId -> method, path, tags, parameters, body model, success status, response model
OPERATIONS: dict[str, dict[str, _t.Any]] = {
    'get_assets': {
        'method': 'GET',
        'path': '/api/v2/assets',
        'tags': ('Asset',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'uri_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'uri_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'only_active', 'in': 'query', 'required': False, 'schema': {'default': True, 'type': 'boolean'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_asset_aliases': {
        'method': 'GET',
        'path': '/api/v2/assets/aliases',
        'tags': ('Asset',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetAliasCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_asset_alias': {
        'method': 'GET',
        'path': '/api/v2/assets/aliases/{asset_alias_id}',
        'tags': ('Asset',),
        'parameters': [{'name': 'asset_alias_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'get_asset_events': {
        'method': 'GET',
        'path': '/api/v2/assets/events',
        'tags': ('Asset',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['timestamp'], 'type': 'string'}}, {'name': 'asset_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'source_dag_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'source_task_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'source_run_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'source_map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'timestamp_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'timestamp_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'timestamp_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'timestamp_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetEventCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'create_asset_event': {
        'method': 'POST',
        'path': '/api/v2/assets/events',
        'tags': ('Asset',),
        'parameters': [],
        'body': CreateAssetEventsBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': AssetEventResponse,
        'response_media_types': ('application/json',),
    },
    'materialize_asset': {
        'method': 'POST',
        'path': '/api/v2/assets/{asset_id}/materialize',
        'tags': ('Asset',),
        'parameters': [{'name': 'asset_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': MaterializeAssetBody | None,
        'body_required': False,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': DAGRunResponse,
        'response_media_types': ('application/json',),
    },
    'get_asset_queued_events': {
        'method': 'GET',
        'path': '/api/v2/assets/{asset_id}/queuedEvents',
        'tags': ('Asset',),
        'parameters': [{'name': 'asset_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': QueuedEventCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'delete_asset_queued_events': {
        'method': 'DELETE',
        'path': '/api/v2/assets/{asset_id}/queuedEvents',
        'tags': ('Asset',),
        'parameters': [{'name': 'asset_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_asset': {
        'method': 'GET',
        'path': '/api/v2/assets/{asset_id}',
        'tags': ('Asset',),
        'parameters': [{'name': 'asset_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag_asset_queued_events': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/assets/queuedEvents',
        'tags': ('Asset',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': QueuedEventCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'delete_dag_asset_queued_events': {
        'method': 'DELETE',
        'path': '/api/v2/dags/{dag_id}/assets/queuedEvents',
        'tags': ('Asset',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_dag_asset_queued_event': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/assets/{asset_id}/queuedEvents',
        'tags': ('Asset',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'asset_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': QueuedEventResponse,
        'response_media_types': ('application/json',),
    },
    'delete_dag_asset_queued_event': {
        'method': 'DELETE',
        'path': '/api/v2/dags/{dag_id}/assets/{asset_id}/queuedEvents',
        'tags': ('Asset',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'asset_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'list_backfills': {
        'method': 'GET',
        'path': '/api/v2/backfills',
        'tags': ('Backfill',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': BackfillCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'create_backfill': {
        'method': 'POST',
        'path': '/api/v2/backfills',
        'tags': ('Backfill',),
        'parameters': [],
        'body': BackfillPostBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': BackfillResponse,
        'response_media_types': ('application/json',),
    },
    'get_backfill': {
        'method': 'GET',
        'path': '/api/v2/backfills/{backfill_id}',
        'tags': ('Backfill',),
        'parameters': [{'name': 'backfill_id', 'in': 'path', 'required': True, 'schema': {'ge': 0, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': BackfillResponse,
        'response_media_types': ('application/json',),
    },
    'pause_backfill': {
        'method': 'PUT',
        'path': '/api/v2/backfills/{backfill_id}/pause',
        'tags': ('Backfill',),
        'parameters': [{'name': 'backfill_id', 'in': 'path', 'required': True, 'schema': {'ge': 0, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': BackfillResponse,
        'response_media_types': ('application/json',),
    },
    'unpause_backfill': {
        'method': 'PUT',
        'path': '/api/v2/backfills/{backfill_id}/unpause',
        'tags': ('Backfill',),
        'parameters': [{'name': 'backfill_id', 'in': 'path', 'required': True, 'schema': {'ge': 0, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': BackfillResponse,
        'response_media_types': ('application/json',),
    },
    'cancel_backfill': {
        'method': 'PUT',
        'path': '/api/v2/backfills/{backfill_id}/cancel',
        'tags': ('Backfill',),
        'parameters': [{'name': 'backfill_id', 'in': 'path', 'required': True, 'schema': {'ge': 0, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': BackfillResponse,
        'response_media_types': ('application/json',),
    },
    'create_backfill_dry_run': {
        'method': 'POST',
        'path': '/api/v2/backfills/dry_run',
        'tags': ('Backfill',),
        'parameters': [],
        'body': BackfillPostBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': DryRunBackfillCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'delete_connection': {
        'method': 'DELETE',
        'path': '/api/v2/connections/{connection_id}',
        'tags': ('Connection',),
        'parameters': [{'name': 'connection_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_connection': {
        'method': 'GET',
        'path': '/api/v2/connections/{connection_id}',
        'tags': ('Connection',),
        'parameters': [{'name': 'connection_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ConnectionResponse,
        'response_media_types': ('application/json',),
    },
    'patch_connection': {
        'method': 'PATCH',
        'path': '/api/v2/connections/{connection_id}',
        'tags': ('Connection',),
        'parameters': [{'name': 'connection_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': ConnectionBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': ConnectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_connections': {
        'method': 'GET',
        'path': '/api/v2/connections',
        'tags': ('Connection',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'connection_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'connection_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ConnectionCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'post_connection': {
        'method': 'POST',
        'path': '/api/v2/connections',
        'tags': ('Connection',),
        'parameters': [],
        'body': ConnectionBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': ConnectionResponse,
        'response_media_types': ('application/json',),
    },
    'bulk_connections': {
        'method': 'PATCH',
        'path': '/api/v2/connections',
        'tags': ('Connection',),
        'parameters': [],
        'body': BulkBody_ConnectionBody_,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': BulkResponse,
        'response_media_types': ('application/json',),
    },
    'test_connection': {
        'method': 'POST',
        'path': '/api/v2/connections/test',
        'tags': ('Connection',),
        'parameters': [],
        'body': ConnectionBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': ConnectionTestResponse,
        'response_media_types': ('application/json',),
    },
    'create_default_connections': {
        'method': 'POST',
        'path': '/api/v2/connections/defaults',
        'tags': ('Connection',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_dag_run': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGRunResponse,
        'response_media_types': ('application/json',),
    },
    'delete_dag_run': {
        'method': 'DELETE',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'patch_dag_run': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': DAGRunPatchBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': DAGRunResponse,
        'response_media_types': ('application/json',),
    },
    'get_upstream_asset_events': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/upstreamAssetEvents',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AssetEventCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'clear_dag_run': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/clear',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': DAGRunClearBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'get_dag_runs': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'cursor', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'run_after_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'duration_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'updated_at_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'conf_contains', 'in': 'query', 'required': False, 'schema': {'type': 'string'}}, {'name': 'run_type', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'dag_version', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'integer'}}, {'name': 'bundle_version', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'run_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'triggering_user_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'triggering_user_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'partition_key_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'partition_key_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'consuming_asset_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGRunCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'trigger_dag_run': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/dagRuns',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'any'}}],
        'body': TriggerDAGRunPostBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': DAGRunResponse,
        'response_media_types': ('application/json',),
    },
    'wait_dag_run_until_finished': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/wait',
        'tags': ('DagRun', 'experimental'),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'interval', 'in': 'query', 'required': True, 'schema': {'gt': 0.0, 'type': 'number'}}, {'name': 'result', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json', 'application/x-ndjson'),
    },
    'get_list_dag_runs_batch': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/dagRuns/list',
        'tags': ('DagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'choice_kind': 'literal', 'choices': ['~'], 'type': 'string'}}],
        'body': DAGRunsBatchBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': DAGRunCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag_source': {
        'method': 'GET',
        'path': '/api/v2/dagSources/{dag_id}',
        'tags': ('DagSource',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'version_number', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'accept', 'in': 'header', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['application/json', 'text/plain', '*/*'], 'default': '*/*', 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGSourceResponse,
        'response_media_types': ('application/json', 'text/plain'),
    },
    'get_dag_stats': {
        'method': 'GET',
        'path': '/api/v2/dagStats',
        'tags': ('DagStats',),
        'parameters': [{'name': 'dag_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DagStatsCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_config': {
        'method': 'GET',
        'path': '/api/v2/config',
        'tags': ('Config',),
        'parameters': [{'name': 'section', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'accept', 'in': 'header', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['application/json', 'text/plain', '*/*'], 'default': '*/*', 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': Config,
        'response_media_types': ('application/json', 'text/plain'),
    },
    'get_config_value': {
        'method': 'GET',
        'path': '/api/v2/config/section/{section}/option/{option}',
        'tags': ('Config',),
        'parameters': [{'name': 'section', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'option', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'accept', 'in': 'header', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['application/json', 'text/plain', '*/*'], 'default': '*/*', 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': Config,
        'response_media_types': ('application/json', 'text/plain'),
    },
    'list_dag_warnings': {
        'method': 'GET',
        'path': '/api/v2/dagWarnings',
        'tags': ('DagWarning',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'warning_type', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'enum', 'choices': ['asset conflict', 'non-existent pool', 'runtime varying value'], 'enum_class': 'DagWarningType', 'nullable': True, 'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['dag_id'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGWarningCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_dags': {
        'method': 'GET',
        'path': '/api/v2/dags',
        'tags': ('DAG',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'tags', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'tags_match_mode', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['any', 'all'], 'nullable': True, 'type': 'string'}}, {'name': 'owners', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'dag_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_display_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_display_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'exclude_stale', 'in': 'query', 'required': False, 'schema': {'default': True, 'type': 'boolean'}}, {'name': 'paused', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'has_import_errors', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'last_dag_run_state', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'enum', 'choices': ['queued', 'running', 'success', 'failed'], 'enum_class': 'DagRunState', 'nullable': True, 'type': 'string'}}, {'name': 'bundle_name', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'bundle_version', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'has_asset_schedule', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'asset_dependency', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_run_start_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_start_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_start_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_start_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_end_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_end_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_end_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_end_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_run_state', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['dag_id'], 'type': 'string'}}, {'name': 'is_favorite', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'timetable_type', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'patch_dags': {
        'method': 'PATCH',
        'path': '/api/v2/dags',
        'tags': ('DAG',),
        'parameters': [{'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'tags', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'tags_match_mode', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['any', 'all'], 'nullable': True, 'type': 'string'}}, {'name': 'owners', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'dag_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'exclude_stale', 'in': 'query', 'required': False, 'schema': {'default': True, 'type': 'boolean'}}, {'name': 'paused', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}],
        'body': DAGPatchBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': DAGCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGResponse,
        'response_media_types': ('application/json',),
    },
    'patch_dag': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': DAGPatchBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': DAGResponse,
        'response_media_types': ('application/json',),
    },
    'delete_dag': {
        'method': 'DELETE',
        'path': '/api/v2/dags/{dag_id}',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'get_dag_details': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/details',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGDetailsResponse,
        'response_media_types': ('application/json',),
    },
    'favorite_dag': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/favorite',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'unfavorite_dag': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/unfavorite',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_event_log': {
        'method': 'GET',
        'path': '/api/v2/eventLogs/{event_log_id}',
        'tags': ('Event Log',),
        'parameters': [{'name': 'event_log_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': EventLogResponse,
        'response_media_types': ('application/json',),
    },
    'get_event_logs': {
        'method': 'GET',
        'path': '/api/v2/eventLogs',
        'tags': ('Event Log',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'dag_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'try_number', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'owner', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'event', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'excluded_events', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'included_events', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'before', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'after', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'dag_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'owner_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'event_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'owner_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'event_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': EventLogCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_extra_links': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/links',
        'tags': ('Extra Links', 'Task Instance'),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}, {'name': 'try_number', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ExtraLinkCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_import_error': {
        'method': 'GET',
        'path': '/api/v2/importErrors/{import_error_id}',
        'tags': ('Import Error',),
        'parameters': [{'name': 'import_error_id', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ImportErrorResponse,
        'response_media_types': ('application/json',),
    },
    'get_import_errors': {
        'method': 'GET',
        'path': '/api/v2/importErrors',
        'tags': ('Import Error',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'filename_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'filename_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ImportErrorCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_jobs': {
        'method': 'GET',
        'path': '/api/v2/jobs',
        'tags': ('Job',),
        'parameters': [{'name': 'is_alive', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'start_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'job_state', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'job_type', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'hostname', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'executor_class', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': JobCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_plugins': {
        'method': 'GET',
        'path': '/api/v2/plugins',
        'tags': ('Plugin',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PluginCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'import_errors': {
        'method': 'GET',
        'path': '/api/v2/plugins/importErrors',
        'tags': ('Plugin',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PluginImportErrorCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'delete_pool': {
        'method': 'DELETE',
        'path': '/api/v2/pools/{pool_name}',
        'tags': ('Pool',),
        'parameters': [{'name': 'pool_name', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_pool': {
        'method': 'GET',
        'path': '/api/v2/pools/{pool_name}',
        'tags': ('Pool',),
        'parameters': [{'name': 'pool_name', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PoolResponse,
        'response_media_types': ('application/json',),
    },
    'patch_pool': {
        'method': 'PATCH',
        'path': '/api/v2/pools/{pool_name}',
        'tags': ('Pool',),
        'parameters': [{'name': 'pool_name', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': PoolPatchBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': PoolResponse,
        'response_media_types': ('application/json',),
    },
    'get_pools': {
        'method': 'GET',
        'path': '/api/v2/pools',
        'tags': ('Pool',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'pool_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'pool_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PoolCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'post_pool': {
        'method': 'POST',
        'path': '/api/v2/pools',
        'tags': ('Pool',),
        'parameters': [],
        'body': PoolBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': PoolResponse,
        'response_media_types': ('application/json',),
    },
    'bulk_pools': {
        'method': 'PATCH',
        'path': '/api/v2/pools',
        'tags': ('Pool',),
        'parameters': [],
        'body': BulkBody_PoolBody_,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': BulkResponse,
        'response_media_types': ('application/json',),
    },
    'get_providers': {
        'method': 'GET',
        'path': '/api/v2/providers',
        'tags': ('Provider',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ProviderCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_xcom_entry': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}',
        'tags': ('XCom',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'xcom_key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'ge': -1, 'type': 'integer'}}, {'name': 'deserialize', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'stringify', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'update_xcom_entry': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}',
        'tags': ('XCom',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'xcom_key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': XComUpdateBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': XComResponseNative,
        'response_media_types': ('application/json',),
    },
    'delete_xcom_entry': {
        'method': 'DELETE',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}',
        'tags': ('XCom',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'xcom_key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'ge': -1, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_xcom_entries': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries',
        'tags': ('XCom',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'xcom_key', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'ge': -1, 'nullable': True, 'type': 'integer'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'xcom_key_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'xcom_key_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_display_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_display_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'map_index_filter', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'logical_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['dag_id', 'task_id', 'run_id', 'map_index', 'key'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': XComCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'create_xcom_entry': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries',
        'tags': ('XCom',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': XComCreateBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': XComResponseNative,
        'response_media_types': ('application/json',),
    },
    'get_task_instance': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceResponse,
        'response_media_types': ('application/json',),
    },
    'patch_task_instance': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': PatchTaskInstanceBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'delete_task_instance': {
        'method': 'DELETE',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'get_mapped_task_instances': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/listMapped',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_after_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'duration_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'pool', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'pool_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'pool_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'queue', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'queue_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'queue_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'executor', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'version_number', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'integer'}}, {'name': 'try_number', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'integer'}}, {'name': 'operator', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'operator_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'operator_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'integer'}}, {'name': 'rendered_map_index_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'rendered_map_index_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['map_index'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instance_dependencies_by_map_index': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/dependencies',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskDependencyCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instance_dependencies': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/dependencies',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskDependencyCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instance_tries': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceHistoryCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_mapped_task_instance_tries': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceHistoryCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_mapped_task_instance': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceResponse,
        'response_media_types': ('application/json',),
    },
    'patch_task_instance_by_map_index': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': PatchTaskInstanceBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instances': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'cursor', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_after_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'start_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'end_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'updated_at_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'duration_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'duration_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'number'}}, {'name': 'task_display_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_display_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_group_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'run_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'pool', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'pool_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'pool_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'queue', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'queue_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'queue_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'executor', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'version_number', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'integer'}}, {'name': 'try_number', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'integer'}}, {'name': 'operator', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'operator_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'operator_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'integer'}}, {'name': 'rendered_map_index_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'rendered_map_index_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['map_index'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'bulk_task_instances': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': BulkBody_BulkTaskInstanceBody_,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': BulkResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instances_batch': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/list',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'choice_kind': 'literal', 'choices': ['~'], 'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'choice_kind': 'literal', 'choices': ['~'], 'type': 'string'}}],
        'body': TaskInstancesBatchBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_task_instance_try_details': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries/{task_try_number}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_try_number', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceHistoryResponse,
        'response_media_types': ('application/json',),
    },
    'get_mapped_task_instance_try_details': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries/{task_try_number}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_try_number', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstanceHistoryResponse,
        'response_media_types': ('application/json',),
    },
    'post_clear_task_instances': {
        'method': 'POST',
        'path': '/api/v2/dags/{dag_id}/clearTaskInstances',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': ClearTaskInstancesBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'patch_task_instance_dry_run_by_map_index': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/dry_run',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': PatchTaskInstanceBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'patch_task_instance_dry_run': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/dry_run',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': PatchTaskInstanceBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': TaskInstanceCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_tasks': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/tasks',
        'tags': ('Task',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'default': 'task_id', 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_task': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/tasks/{task_id}',
        'tags': ('Task',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'any'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskResponse,
        'response_media_types': ('application/json',),
    },
    'delete_variable': {
        'method': 'DELETE',
        'path': '/api/v2/variables/{variable_key}',
        'tags': ('Variable',),
        'parameters': [{'name': 'variable_key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 204,
        'response': None,
        'response_media_types': (),
    },
    'get_variable': {
        'method': 'GET',
        'path': '/api/v2/variables/{variable_key}',
        'tags': ('Variable',),
        'parameters': [{'name': 'variable_key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': VariableResponse,
        'response_media_types': ('application/json',),
    },
    'patch_variable': {
        'method': 'PATCH',
        'path': '/api/v2/variables/{variable_key}',
        'tags': ('Variable',),
        'parameters': [{'name': 'variable_key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'update_mask', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': VariableBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': VariableResponse,
        'response_media_types': ('application/json',),
    },
    'get_variables': {
        'method': 'GET',
        'path': '/api/v2/variables',
        'tags': ('Variable',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'variable_key_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'variable_key_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': VariableCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'post_variable': {
        'method': 'POST',
        'path': '/api/v2/variables',
        'tags': ('Variable',),
        'parameters': [],
        'body': VariableBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': VariableResponse,
        'response_media_types': ('application/json',),
    },
    'bulk_variables': {
        'method': 'PATCH',
        'path': '/api/v2/variables',
        'tags': ('Variable',),
        'parameters': [],
        'body': BulkBody_VariableBody_,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': BulkResponse,
        'response_media_types': ('application/json',),
    },
    'get_log': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'try_number', 'in': 'path', 'required': True, 'schema': {'ge': 0, 'type': 'integer'}}, {'name': 'full_content', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}, {'name': 'token', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'accept', 'in': 'header', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['application/json', 'application/x-ndjson', '*/*'], 'default': '*/*', 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TaskInstancesLogResponse,
        'response_media_types': ('application/json', 'application/x-ndjson'),
    },
    'get_external_log_url': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/externalLogUrl/{try_number}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'try_number', 'in': 'path', 'required': True, 'schema': {'gt': 0, 'type': 'integer'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'default': -1, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ExternalLogUrlResponse,
        'response_media_types': ('application/json',),
    },
    'reparse_dag_file': {
        'method': 'PUT',
        'path': '/api/v2/parseDagFile/{file_token}',
        'tags': ('DAG Parsing',),
        'parameters': [{'name': 'file_token', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 201,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'get_dag_tags': {
        'method': 'GET',
        'path': '/api/v2/dagTags',
        'tags': ('DAG',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['name'], 'type': 'string'}}, {'name': 'tag_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'tag_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGTagCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag_version': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagVersions/{version_number}',
        'tags': ('DagVersion',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'version_number', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DagVersionResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag_versions': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagVersions',
        'tags': ('DagVersion',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'version_number', 'in': 'query', 'required': False, 'schema': {'type': 'integer'}}, {'name': 'bundle_name', 'in': 'query', 'required': False, 'schema': {'type': 'string'}}, {'name': 'bundle_version', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGVersionCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'update_hitl_detail': {
        'method': 'PATCH',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/hitlDetails',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': UpdateHITLDetailPayload,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': HITLDetailResponse,
        'response_media_types': ('application/json',),
    },
    'get_hitl_detail': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/hitlDetails',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': HITLDetail,
        'response_media_types': ('application/json',),
    },
    'get_hitl_detail_try_detail': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/hitlDetails/tries/{try_number}',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'task_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'map_index', 'in': 'path', 'required': True, 'schema': {'type': 'integer'}}, {'name': 'try_number', 'in': 'path', 'required': True, 'schema': {'nullable': True, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': HITLDetailHistory,
        'response_media_types': ('application/json',),
    },
    'get_hitl_details': {
        'method': 'GET',
        'path': '/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/hitlDetails',
        'tags': ('Task Instance',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['ti_id'], 'type': 'string'}}, {'name': 'dag_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'task_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'map_index', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'response_received', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'responded_by_user_id', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'responded_by_user_name', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'subject_search', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'body_search', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'created_at_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'created_at_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'created_at_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'created_at_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': HITLDetailCollection,
        'response_media_types': ('application/json',),
    },
    'get_health': {
        'method': 'GET',
        'path': '/api/v2/monitor/health',
        'tags': ('Monitor',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': HealthInfoResponse,
        'response_media_types': ('application/json',),
    },
    'get_version': {
        'method': 'GET',
        'path': '/api/v2/version',
        'tags': ('Version',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': VersionInfo,
        'response_media_types': ('application/json',),
    },
    'login': {
        'method': 'GET',
        'path': '/api/v2/auth/login',
        'tags': ('Login',),
        'parameters': [{'name': 'next', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'logout': {
        'method': 'GET',
        'path': '/api/v2/auth/logout',
        'tags': ('Login',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
}
