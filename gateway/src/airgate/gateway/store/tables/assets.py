"""Assets, aliases, events, and the references that tie them to DAGs, tasks, runs and triggers."""

from __future__ import annotations

import sqlalchemy as sa

from airgate.gateway.store.tables._base import ID_LEN, metadata, string_id, utc
from airgate.gateway.store.types import Json

_NAME_LEN = 1500


def _dag_fk(column: str = "dag_id") -> sa.Column[str]:
    return sa.Column(
        column, sa.String(ID_LEN), sa.ForeignKey("dag.dag_id", ondelete="CASCADE"), primary_key=True
    )


def _asset_fk(column: str = "asset_id") -> sa.Column[int]:
    return sa.Column(column, sa.Integer, sa.ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True)


asset = sa.Table(
    "asset",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(_NAME_LEN), nullable=False),
    sa.Column("uri", sa.String(_NAME_LEN), nullable=False),
    sa.Column("group", sa.String(_NAME_LEN), nullable=False, default=""),
    sa.Column("extra", Json(), nullable=False, default=dict),
    utc("created_at", nullable=False, now=True),
    utc("updated_at", nullable=False, now=True, onupdate=True),
    sa.Index("idx_asset_name_uri_unique", "name", "uri", unique=True),
)

asset_alias = sa.Table(
    "asset_alias",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(_NAME_LEN), nullable=False),
    sa.Column("group", sa.String(_NAME_LEN), nullable=False, default=""),
    sa.Index("idx_asset_alias_name_unique", "name", unique=True),
)

asset_alias_asset = sa.Table(
    "asset_alias_asset",
    metadata,
    sa.Column("alias_id", sa.Integer, sa.ForeignKey("asset_alias.id", ondelete="CASCADE"), primary_key=True),
    _asset_fk(),
    sa.Index("idx_asset_alias_asset_asset_id", "asset_id"),
)

asset_active = sa.Table(
    "asset_active",
    metadata,
    sa.Column("name", sa.String(_NAME_LEN), primary_key=True),
    sa.Column("uri", sa.String(_NAME_LEN), primary_key=True),
    sa.ForeignKeyConstraint(["name", "uri"], ["asset.name", "asset.uri"], ondelete="CASCADE"),
    sa.Index("idx_asset_active_name_unique", "name", unique=True),
    sa.Index("idx_asset_active_uri_unique", "uri", unique=True),
)

asset_event = sa.Table(
    "asset_event",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("asset_id", sa.Integer, nullable=False),
    sa.Column("extra", Json(), nullable=False, default=dict),
    string_id("source_task_id", nullable=True),
    string_id("source_dag_id", nullable=True),
    string_id("source_run_id", nullable=True),
    sa.Column("source_map_index", sa.Integer, nullable=True, default=-1),
    utc("timestamp", nullable=False, now=True),
    string_id("partition_key", nullable=True),
    sa.Index("idx_asset_id_timestamp", "asset_id", "timestamp"),
    sa.Index("idx_asset_event_timestamp", "timestamp"),
)

asset_alias_asset_event = sa.Table(
    "asset_alias_asset_event",
    metadata,
    sa.Column("alias_id", sa.Integer, sa.ForeignKey("asset_alias.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("asset_event.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("idx_asset_alias_asset_event_event_id", "event_id"),
)

dagrun_asset_event = sa.Table(
    "dagrun_asset_event",
    metadata,
    sa.Column("dag_run_id", sa.Integer, sa.ForeignKey("dag_run.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("asset_event.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("idx_dagrun_asset_events_event_id", "event_id"),
)

asset_dag_run_queue = sa.Table(
    "asset_dag_run_queue",
    metadata,
    _asset_fk(),
    _dag_fk("target_dag_id"),
    utc("created_at", nullable=False, now=True),
    sa.Index("idx_asset_dag_run_queue_target_dag_id", "target_dag_id"),
)

dag_schedule_asset_reference = sa.Table(
    "dag_schedule_asset_reference",
    metadata,
    _asset_fk(),
    _dag_fk(),
    utc("created_at", nullable=False, now=True),
    utc("updated_at", nullable=False, now=True, onupdate=True),
    sa.Index("idx_dag_schedule_asset_reference_dag_id", "dag_id"),
)

dag_schedule_asset_alias_reference = sa.Table(
    "dag_schedule_asset_alias_reference",
    metadata,
    sa.Column("alias_id", sa.Integer, sa.ForeignKey("asset_alias.id", ondelete="CASCADE"), primary_key=True),
    _dag_fk(),
    utc("created_at", nullable=False, now=True),
    utc("updated_at", nullable=False, now=True, onupdate=True),
    sa.Index("idx_dag_schedule_asset_alias_reference_dag_id", "dag_id"),
)

dag_schedule_asset_name_reference = sa.Table(
    "dag_schedule_asset_name_reference",
    metadata,
    sa.Column("name", sa.String(_NAME_LEN), primary_key=True),
    _dag_fk(),
    utc("created_at", nullable=False, now=True),
    sa.Index("idx_dag_schedule_asset_name_reference_dag_id", "dag_id"),
)

dag_schedule_asset_uri_reference = sa.Table(
    "dag_schedule_asset_uri_reference",
    metadata,
    sa.Column("uri", sa.String(_NAME_LEN), primary_key=True),
    _dag_fk(),
    utc("created_at", nullable=False, now=True),
    sa.Index("idx_dag_schedule_asset_uri_reference_dag_id", "dag_id"),
)

task_outlet_asset_reference = sa.Table(
    "task_outlet_asset_reference",
    metadata,
    _asset_fk(),
    _dag_fk(),
    sa.Column("task_id", sa.String(ID_LEN), primary_key=True),
    utc("created_at", nullable=False, now=True),
    utc("updated_at", nullable=False, now=True, onupdate=True),
    sa.Index("idx_task_outlet_asset_reference_dag_id", "dag_id"),
)

task_inlet_asset_reference = sa.Table(
    "task_inlet_asset_reference",
    metadata,
    _asset_fk(),
    _dag_fk(),
    sa.Column("task_id", sa.String(ID_LEN), primary_key=True),
    utc("created_at", nullable=False, now=True),
    utc("updated_at", nullable=False, now=True, onupdate=True),
    sa.Index("idx_task_inlet_asset_reference_dag_id", "dag_id"),
)

asset_watcher = sa.Table(
    "asset_watcher",
    metadata,
    sa.Column("name", sa.String(_NAME_LEN), nullable=False),
    _asset_fk(),
    sa.Column("trigger_id", sa.Integer, sa.ForeignKey("trigger.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("idx_asset_watcher_trigger_id", "trigger_id"),
)
