"""Models and operations of Airflow API (2).

generated from openapi/_private_ui.yaml by openapi/codegen.py, do not edit

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

SPEC_FILE = '_private_ui.yaml'
SPEC_VERSION = '2'
SERVER_PREFIX = ''

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


class MenuItem(_enum.StrEnum):
    'Define all menu items defined in the menu.'

    REQUIRED_ACTIONS = 'Required Actions'
    ASSETS = 'Assets'
    AUDIT_LOG = 'Audit Log'
    CONFIG = 'Config'
    CONNECTIONS = 'Connections'
    DAGS = 'Dags'
    DOCS = 'Docs'
    JOBS = 'Jobs'
    PLUGINS = 'Plugins'
    POOLS = 'Pools'
    PROVIDERS = 'Providers'
    VARIABLES = 'Variables'
    XCOMS = 'XComs'


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


class TokenType(_enum.StrEnum):
    'Type of token to generate.'

    API = 'api'
    CLI = 'cli'


OklchColor = str


class AuthenticatedMeResponse(_m.Struct, kw_only=True):
    'Authenticated user information serializer for responses.'

    id: str
    username: str


class BackfillCollectionResponse(_m.Struct, kw_only=True):
    'Backfill Collection serializer for responses.'

    backfills: list[BackfillResponse]
    total_entries: int


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


class BaseEdgeResponse(_m.Struct, kw_only=True):
    'Base Edge serializer for responses.'

    source_id: str
    target_id: str


class BaseGraphResponse(_m.Struct, kw_only=True):
    'Base Graph serializer for responses.'

    edges: list[BaseEdgeResponse]
    nodes: list[BaseNodeResponse]


class BaseNodeResponse(_m.Struct, kw_only=True):
    'Base Node serializer for responses.'

    id: str
    label: str
    type: _t.Literal['join', 'task', 'asset-condition', 'asset', 'asset-alias', 'asset-name-ref', 'asset-uri-ref', 'dag', 'sensor', 'trigger']


class CalendarTimeRangeCollectionResponse(_m.Struct, kw_only=True):
    'Response model for calendar time range results.'

    total_entries: int
    dag_runs: list[CalendarTimeRangeResponse]


class CalendarTimeRangeResponse(_m.Struct, kw_only=True):
    'Represents a summary of DAG runs for a specific calendar time range.'

    date: _dt.datetime
    state: _t.Literal['queued', 'running', 'success', 'failed', 'planned']
    count: int


class ConfigResponse(_m.Struct, kw_only=True):
    'configuration serializer.'

    fallback_page_limit: int
    auto_refresh_interval: int
    hide_paused_dags_by_default: bool
    instance_name: str
    enable_swagger_ui: bool
    require_confirmation_dag_change: bool
    default_wrap: bool
    test_connection: str
    dashboard_alert: list[UIAlert]
    show_external_log_redirect: bool
    external_log_name: str | None = None
    theme: Theme | None
    multi_team: bool


class ConnectionHookFieldBehavior(_m.Struct, kw_only=True):
    'A class to store the behavior of each standard field of a Hook.'

    hidden: bool = False
    title: str | None = None
    placeholder: str | None = None


class ConnectionHookMetaData(_m.Struct, kw_only=True):
    'Response model for Hook information == Connection type meta data.'

    connection_type: str | None
    hook_class_name: str | None
    default_conn_name: str | None
    hook_name: str
    standard_fields: StandardHookFields | None
    extra_fields: dict[str, _t.Any] | None


class DAGRunLightResponse(_m.Struct, kw_only=True):
    'DAG Run serializer for responses.'

    id: int
    dag_id: str
    run_id: str
    logical_date: _dt.datetime | None
    run_after: _dt.datetime
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    state: DagRunState
    duration: float | None


class DAGRunStates(_m.Struct, kw_only=True):
    'DAG Run States for responses.'

    queued: int
    running: int
    success: int
    failed: int


class DAGWithLatestDagRunsCollectionResponse(_m.Struct, kw_only=True):
    'DAG with latest dag runs collection response serializer.'

    total_entries: int
    dags: list[DAGWithLatestDagRunsResponse]


class DAGWithLatestDagRunsResponse(_m.Struct, kw_only=True):
    'DAG with latest dag runs response serializer.'

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
    asset_expression: dict[str, _t.Any] | None
    latest_dag_runs: list[DAGRunLightResponse]
    pending_actions: list[HITLDetail]
    is_favorite: bool
    file_token: str


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


class DashboardDagStatsResponse(_m.Struct, kw_only=True):
    'Dashboard DAG Stats serializer for responses.'

    active_dag_count: int
    failed_dag_count: int
    running_dag_count: int
    queued_dag_count: int


class DeadlineCollectionResponse(_m.Struct, kw_only=True):
    'Deadline Collection serializer for responses.'

    deadlines: list[DeadlineResponse]
    total_entries: int


class DeadlineResponse(_m.Struct, kw_only=True):
    'Deadline serializer for responses.'

    id: _uuid.UUID
    deadline_time: _dt.datetime
    missed: bool
    created_at: _dt.datetime
    alert_name: str | None = None
    alert_description: str | None = None


class EdgeResponse(_m.Struct, kw_only=True):
    'Edge serializer for responses.'

    source_id: str
    target_id: str
    is_setup_teardown: bool | None = None
    label: str | None = None
    is_source_asset: bool | None = None


class ExtraMenuItem(_m.Struct, kw_only=True):
    'Define a menu item that can be added to the menu by auth managers or plugins.'

    text: str
    href: str


class GanttResponse(_m.Struct, kw_only=True):
    'Response for Gantt chart endpoint.'

    dag_id: str
    run_id: str
    task_instances: list[GanttTaskInstance]


class GanttTaskInstance(_m.Struct, kw_only=True):
    'Task instance data for Gantt chart.'

    task_id: str
    task_display_name: str
    try_number: int
    state: TaskInstanceState | None
    scheduled_dttm: _dt.datetime | None
    queued_dttm: _dt.datetime | None
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    is_group: bool = False
    is_mapped: bool = False


class GenerateTokenBody(_m.Struct, kw_only=True):
    'Request body for generating a token.'

    token_type: TokenType = TokenType.API


class GenerateTokenResponse(_m.Struct, kw_only=True):
    'Response for a generated token.'

    access_token: str
    token_type: TokenType
    expires_in_seconds: int


class GridNodeResponse(_m.Struct, kw_only=True):
    'Base Node serializer for responses.'

    id: str
    label: str
    children: list[GridNodeResponse] | None = None
    is_mapped: bool | None
    setup_teardown_type: _t.Literal['setup', 'teardown'] | None = None


class GridRunsResponse(_m.Struct, kw_only=True):
    'Base Node serializer for responses.'

    dag_id: str
    run_id: str
    queued_at: _dt.datetime | None
    start_date: _dt.datetime | None
    end_date: _dt.datetime | None
    run_after: _dt.datetime
    state: DagRunState | None
    run_type: DagRunType
    dag_versions: list[DagVersionResponse] = _m.field(default_factory=list)
    has_missed_deadline: bool
    duration: float


class GridTISummaries(_m.Struct, kw_only=True):
    'DAG Run model for the Grid UI.'

    run_id: str
    dag_id: str
    task_instances: list[LightGridTaskInstanceSummary]


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


class HistoricalMetricDataResponse(_m.Struct, kw_only=True):
    'Historical Metric Data serializer for responses.'

    dag_run_states: DAGRunStates
    task_instance_states: TaskInstanceStateCount
    state_count_limit: int


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


class LightGridTaskInstanceSummary(_m.Struct, kw_only=True):
    'Task Instance Summary model for the Grid UI.'

    task_id: str
    task_display_name: str
    state: TaskInstanceState | None
    child_states: dict[str, int] | None
    min_start_date: _dt.datetime | None
    max_end_date: _dt.datetime | None
    dag_version_number: int | None = None


class MenuItemCollectionResponse(_m.Struct, kw_only=True):
    'Menu Item Collection serializer for responses.'

    authorized_menu_items: list[MenuItem]
    extra_menu_items: list[ExtraMenuItem]


class NodeResponse(_m.Struct, kw_only=True):
    'Node serializer for responses.'

    id: str
    label: str
    type: _t.Literal['join', 'task', 'asset-condition', 'asset', 'asset-alias', 'asset-name-ref', 'asset-uri-ref', 'dag', 'sensor', 'trigger']
    children: list[NodeResponse] | None = None
    is_mapped: bool | None = None
    tooltip: str | None = None
    setup_teardown_type: _t.Literal['setup', 'teardown'] | None = None
    operator: str | None = None
    asset_condition_type: _t.Literal['or-gate', 'and-gate'] | None = None


class PartitionedDagRunAssetResponse(_m.Struct, kw_only=True):
    'Asset info within a partitioned Dag run detail.'

    asset_id: int
    asset_name: str
    asset_uri: str
    received: bool


class PartitionedDagRunCollectionResponse(_m.Struct, kw_only=True):
    'Collection of partitioned Dag runs.'

    partitioned_dag_runs: list[PartitionedDagRunResponse]
    total: int
    asset_expressions: dict[str, dict[str, _t.Any] | None] | None = None


class PartitionedDagRunDetailResponse(_m.Struct, kw_only=True):
    'Detail of a single partitioned Dag run.'

    id: int
    dag_id: str
    partition_key: str
    created_at: str | None = None
    updated_at: str | None = None
    created_dag_run_id: str | None = None
    assets: list[PartitionedDagRunAssetResponse]
    total_required: int
    total_received: int
    asset_expression: dict[str, _t.Any] | None = None


class PartitionedDagRunResponse(_m.Struct, kw_only=True):
    'Single partitioned Dag run item.'

    id: int
    partition_key: str
    created_at: str | None = None
    total_received: int
    total_required: int
    dag_id: str | None = None
    state: str | None = None
    created_dag_run_id: str | None = None


class StandardHookFields(_m.Struct, kw_only=True):
    'Standard fields of a Hook that a form will render.'

    description: ConnectionHookFieldBehavior | None
    url_schema: ConnectionHookFieldBehavior | None
    host: ConnectionHookFieldBehavior | None
    port: ConnectionHookFieldBehavior | None
    login: ConnectionHookFieldBehavior | None
    password: ConnectionHookFieldBehavior | None


class StructureDataResponse(_m.Struct, kw_only=True):
    'Structure Data serializer for responses.'

    edges: list[EdgeResponse]
    nodes: list[NodeResponse]


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


class TaskInstanceStateCount(_m.Struct, kw_only=True):
    'TaskInstance serializer for responses.'

    no_status: int
    removed: int
    scheduled: int
    queued: int
    running: int
    success: int
    restarting: int
    failed: int
    up_for_retry: int
    up_for_reschedule: int
    upstream_failed: int
    skipped: int
    deferred: int


class TeamCollectionResponse(_m.Struct, kw_only=True):
    'Team collection serializer for responses.'

    teams: list[TeamResponse]
    total_entries: int


class TeamResponse(_m.Struct, kw_only=True):
    'Base serializer for Team.'

    name: str


class Theme(_m.Struct, kw_only=True):
    "JSON to modify Chakra's theme."

    tokens: dict[_t.Literal['colors'], ThemeColors] | None = None
    globalCss: dict[str, dict[str, _t.Any]] | None = None
    icon: str | None = None
    icon_dark_mode: str | None = None


class ThemeColors(_m.Struct, kw_only=True):
    'Color tokens for the UI theme. All fields are optional; at least one must be provided.'

    brand: dict[_t.Literal['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'], dict[_t.Literal['value'], OklchColor]] | None = None
    gray: dict[_t.Literal['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'], dict[_t.Literal['value'], OklchColor]] | None = None
    black: dict[_t.Literal['value'], OklchColor] | None = None
    white: dict[_t.Literal['value'], OklchColor] | None = None


class TriggerResponse(_m.Struct, kw_only=True):
    'Trigger serializer for responses.'

    id: int
    classpath: str
    kwargs: str
    created_date: _dt.datetime
    queue: str | None
    triggerer_id: int | None


class UIAlert(_m.Struct, kw_only=True):
    'Optional alert to be shown at the top of the page.'

    text: str
    category: _t.Literal['info', 'warning', 'error']


class ValidationError(_m.Struct, kw_only=True):
    'ValidationError'

    loc: list[str | int]
    msg: str
    type: str
    input: _t.Any = None
    ctx: dict[str, _t.Any] = _m.field(default_factory=dict)


#: struct name -> pydantic class name where they differ (used in error locations)
TITLES: dict[str, str] = {}


#: operationId -> method, path, tags, parameters, body model, success status, response model
OPERATIONS: dict[str, dict[str, _t.Any]] = {
    'get_auth_menus': {
        'method': 'GET',
        'path': '/ui/auth/menus',
        'tags': ('Auth Links',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': MenuItemCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_current_user_info': {
        'method': 'GET',
        'path': '/ui/auth/me',
        'tags': ('Auth Links',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': AuthenticatedMeResponse,
        'response_media_types': ('application/json',),
    },
    'generate_token': {
        'method': 'POST',
        'path': '/ui/auth/token',
        'tags': ('Auth Links',),
        'parameters': [],
        'body': GenerateTokenBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 200,
        'response': GenerateTokenResponse,
        'response_media_types': ('application/json',),
    },
    'next_run_assets': {
        'method': 'GET',
        'path': '/ui/next_run_assets/{dag_id}',
        'tags': ('Asset',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': dict[str, _t.Any],
        'response_media_types': ('application/json',),
    },
    'get_partitioned_dag_runs': {
        'method': 'GET',
        'path': '/ui/partitioned_dag_runs',
        'tags': ('PartitionedDagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'has_created_dag_run_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PartitionedDagRunCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_pending_partitioned_dag_run': {
        'method': 'GET',
        'path': '/ui/pending_partitioned_dag_run/{dag_id}/{partition_key}',
        'tags': ('PartitionedDagRun',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'partition_key', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': PartitionedDagRunDetailResponse,
        'response_media_types': ('application/json',),
    },
    'get_configs': {
        'method': 'GET',
        'path': '/ui/config',
        'tags': ('Config',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': ConfigResponse,
        'response_media_types': ('application/json',),
    },
    'hook_meta_data': {
        'method': 'GET',
        'path': '/ui/connections/hook_meta',
        'tags': ('Connection',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': list[ConnectionHookMetaData],
        'response_media_types': ('application/json',),
    },
    'get_dags_ui': {
        'method': 'GET',
        'path': '/ui/dags',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_runs_limit', 'in': 'query', 'required': False, 'schema': {'default': 10, 'type': 'integer'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'tags', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'tags_match_mode', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['any', 'all'], 'nullable': True, 'type': 'string'}}, {'name': 'owners', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'dag_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}, {'name': 'dag_id_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_id_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_display_name_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dag_display_name_prefix_pattern', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'exclude_stale', 'in': 'query', 'required': False, 'schema': {'default': True, 'type': 'boolean'}}, {'name': 'paused', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'has_import_errors', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'last_dag_run_state', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'enum', 'choices': ['queued', 'running', 'success', 'failed'], 'enum_class': 'DagRunState', 'nullable': True, 'type': 'string'}}, {'name': 'bundle_name', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'bundle_version', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['dag_id'], 'type': 'string'}}, {'name': 'is_favorite', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'has_asset_schedule', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}, {'name': 'asset_dependency', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'has_pending_actions', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGWithLatestDagRunsCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_latest_run_info': {
        'method': 'GET',
        'path': '/ui/dags/{dag_id}/latest_run',
        'tags': ('DAG',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DAGRunLightResponse | None,
        'response_media_types': ('application/json',),
    },
    'get_dependencies': {
        'method': 'GET',
        'path': '/ui/dependencies',
        'tags': ('Dependencies',),
        'parameters': [{'name': 'node_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'dependency_type', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['scheduling', 'data'], 'default': 'scheduling', 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': BaseGraphResponse,
        'response_media_types': ('application/json',),
    },
    'historical_metrics': {
        'method': 'GET',
        'path': '/ui/dashboard/historical_metrics_data',
        'tags': ('Dashboard',),
        'parameters': [{'name': 'start_date', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'end_date', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': HistoricalMetricDataResponse,
        'response_media_types': ('application/json',),
    },
    'dag_stats': {
        'method': 'GET',
        'path': '/ui/dashboard/dag_stats',
        'tags': ('Dashboard',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DashboardDagStatsResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag_run_deadlines': {
        'method': 'GET',
        'path': '/ui/dags/{dag_id}/dagRuns/{dag_run_id}/deadlines',
        'tags': ('Deadlines',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'dag_run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['deadline_time'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': DeadlineCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'structure_data': {
        'method': 'GET',
        'path': '/ui/structure/structure_data',
        'tags': ('Structure',),
        'parameters': [{'name': 'dag_id', 'in': 'query', 'required': True, 'schema': {'type': 'string'}}, {'name': 'include_upstream', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'include_downstream', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'depth', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'root', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'external_dependencies', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'version_number', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': StructureDataResponse,
        'response_media_types': ('application/json',),
    },
    'list_backfills_ui': {
        'method': 'GET',
        'path': '/ui/backfills',
        'tags': ('Backfill',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'dag_id', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'active', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'boolean'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': BackfillCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'get_dag_structure': {
        'method': 'GET',
        'path': '/ui/grid/structure/{dag_id}',
        'tags': ('Grid',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'include_upstream', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'include_downstream', 'in': 'query', 'required': False, 'schema': {'default': False, 'type': 'boolean'}}, {'name': 'depth', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'integer'}}, {'name': 'root', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'run_after_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_type', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'triggering_user', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'triggering_user_prefix', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': list[GridNodeResponse],
        'response_media_types': ('application/json',),
    },
    'get_grid_runs': {
        'method': 'GET',
        'path': '/ui/grid/runs/{dag_id}',
        'tags': ('Grid',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['id'], 'type': 'string'}}, {'name': 'run_after_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_after_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'run_type', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'state', 'in': 'query', 'required': False, 'schema': {'array': True, 'type': 'string'}}, {'name': 'triggering_user', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}, {'name': 'triggering_user_prefix', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': list[GridRunsResponse],
        'response_media_types': ('application/json',),
    },
    'get_grid_ti_summaries_stream': {
        'method': 'GET',
        'path': '/ui/grid/ti_summaries/{dag_id}',
        'tags': ('Grid',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_ids', 'in': 'query', 'required': False, 'schema': {'array': True, 'nullable': True, 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': str,
        'response_media_types': ('application/x-ndjson',),
    },
    'get_gantt_data': {
        'method': 'GET',
        'path': '/ui/gantt/{dag_id}/{run_id}',
        'tags': ('Gantt',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'run_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': GanttResponse,
        'response_media_types': ('application/json',),
    },
    'get_calendar': {
        'method': 'GET',
        'path': '/ui/calendar/{dag_id}',
        'tags': ('Calendar',),
        'parameters': [{'name': 'dag_id', 'in': 'path', 'required': True, 'schema': {'type': 'string'}}, {'name': 'granularity', 'in': 'query', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['hourly', 'daily'], 'default': 'daily', 'type': 'string'}}, {'name': 'logical_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'logical_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'partition_date_gte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'partition_date_gt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'partition_date_lte', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}, {'name': 'partition_date_lt', 'in': 'query', 'required': False, 'schema': {'nullable': True, 'type': 'datetime'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': CalendarTimeRangeCollectionResponse,
        'response_media_types': ('application/json',),
    },
    'list_teams': {
        'method': 'GET',
        'path': '/ui/teams',
        'tags': ('Teams',),
        'parameters': [{'name': 'limit', 'in': 'query', 'required': False, 'schema': {'default': 50, 'ge': 0, 'type': 'integer'}}, {'name': 'offset', 'in': 'query', 'required': False, 'schema': {'default': 0, 'ge': 0, 'type': 'integer'}}, {'name': 'order_by', 'in': 'query', 'required': False, 'schema': {'array': True, 'default': ['name'], 'type': 'string'}}],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 200,
        'response': TeamCollectionResponse,
        'response_media_types': ('application/json',),
    },
}
