"""DAGs as parsed: bundles, DAGs, tags, owners, favourites, versions, serialized DAGs, code, warnings, errors."""

from __future__ import annotations

import sqlalchemy as sa

from airgate.gateway.store.tables._base import ID_LEN, metadata, string_id, utc
from airgate.gateway.store.types import Json, Uuid

dag_bundle = sa.Table(
    "dag_bundle",
    metadata,
    sa.Column("name", sa.String(ID_LEN), primary_key=True),
    sa.Column("active", sa.Boolean, nullable=True, default=True),
    sa.Column("version", sa.String(200), nullable=True),
    utc("last_refreshed"),
    sa.Column("signed_url_template", sa.Text, nullable=True),
    sa.Column("template_params", Json(), nullable=True),
)

dag = sa.Table(
    "dag",
    metadata,
    sa.Column("dag_id", sa.String(ID_LEN), primary_key=True),
    sa.Column("is_paused", sa.Boolean, nullable=False, default=True),
    sa.Column("is_stale", sa.Boolean, nullable=False, default=True),
    sa.Column("exceeds_max_non_backfill", sa.Boolean, nullable=False, default=False),
    utc("last_parsed_time"),
    sa.Column("last_parse_duration", sa.Float, nullable=True),
    utc("last_expired"),
    sa.Column("fileloc", sa.String(2000), nullable=True),
    sa.Column("relative_fileloc", sa.String(2000), nullable=True),
    string_id("bundle_name"),
    sa.Column("bundle_version", sa.String(200), nullable=True),
    sa.Column("owners", sa.String(2000), nullable=True),
    sa.Column("dag_display_name", sa.String(2000), nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("timetable_type", sa.String(255), nullable=False, default=""),
    sa.Column("timetable_summary", sa.Text, nullable=True),
    sa.Column("timetable_description", sa.String(1000), nullable=True),
    sa.Column("timetable_partitioned", sa.Boolean, nullable=False, default=False),
    sa.Column("asset_expression", Json(), nullable=True),
    sa.Column("deadline", Json(), nullable=True),
    sa.Column("max_active_tasks", sa.Integer, nullable=False, default=16),
    sa.Column("max_active_runs", sa.Integer, nullable=True),
    sa.Column("max_consecutive_failed_dag_runs", sa.Integer, nullable=False, default=0),
    sa.Column("has_task_concurrency_limits", sa.Boolean, nullable=False, default=False),
    sa.Column("has_import_errors", sa.Boolean, nullable=True, default=False),
    sa.Column("fail_fast", sa.Boolean, nullable=False, default=False),
    sa.Column("allowed_run_types", Json(), nullable=True),
    utc("next_dagrun"),
    utc("next_dagrun_data_interval_start"),
    utc("next_dagrun_data_interval_end"),
    sa.Column("next_dagrun_partition_key", sa.String(255), nullable=True),
    utc("next_dagrun_partition_date"),
    utc("next_dagrun_create_after"),
    sa.Index("idx_next_dagrun_create_after", "next_dagrun_create_after"),
    sa.Index("idx_dag_is_paused_is_stale", "is_paused", "is_stale"),
    sa.Index("idx_dag_bundle_name", "bundle_name"),
)

_DAG_FK = sa.ForeignKey("dag.dag_id", ondelete="CASCADE")

dag_tag = sa.Table(
    "dag_tag",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("dag_id", sa.String(ID_LEN), _DAG_FK, primary_key=True),
    sa.Index("idx_dag_tag_dag_id", "dag_id"),
)

dag_owner_attributes = sa.Table(
    "dag_owner_attributes",
    metadata,
    sa.Column("dag_id", sa.String(ID_LEN), sa.ForeignKey("dag.dag_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("owner", sa.String(500), primary_key=True),
    sa.Column("link", sa.String(500), nullable=False),
)

dag_favorite = sa.Table(
    "dag_favorite",
    metadata,
    sa.Column("user_id", sa.String(ID_LEN), primary_key=True),
    sa.Column("dag_id", sa.String(ID_LEN), sa.ForeignKey("dag.dag_id", ondelete="CASCADE"), primary_key=True),
)

dag_version = sa.Table(
    "dag_version",
    metadata,
    sa.Column("id", Uuid(), primary_key=True),
    sa.Column("version_number", sa.Integer, nullable=False, default=1),
    sa.Column("dag_id", sa.String(ID_LEN), sa.ForeignKey("dag.dag_id", ondelete="CASCADE"), nullable=False),
    string_id("bundle_name", nullable=True),
    string_id("bundle_version", nullable=True),
    utc("created_at", nullable=False, now=True),
    utc("last_updated", nullable=False, now=True, onupdate=True),
    sa.UniqueConstraint("dag_id", "version_number", name="dag_id_v_name_v_number_unique_constraint"),
    sa.Index("idx_dag_version_dag_id", "dag_id"),
)

serialized_dag = sa.Table(
    "serialized_dag",
    metadata,
    sa.Column("id", Uuid(), primary_key=True),
    string_id("dag_id"),
    sa.Column("data", Json(), nullable=True),
    sa.Column("data_compressed", sa.LargeBinary, nullable=True),
    utc("created_at", nullable=False, now=True),
    utc("last_updated", nullable=False, now=True, onupdate=True),
    sa.Column("dag_hash", sa.String(32), nullable=False),
    sa.Column(
        "dag_version_id",
        Uuid(),
        sa.ForeignKey("dag_version.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Index("idx_serialized_dag_dag_id", "dag_id"),
    sa.Index("idx_serialized_dag_dag_hash", "dag_hash"),
)

dag_code = sa.Table(
    "dag_code",
    metadata,
    sa.Column("id", Uuid(), primary_key=True),
    string_id("dag_id"),
    sa.Column("fileloc", sa.String(2000), nullable=False),
    utc("created_at", nullable=False, now=True),
    utc("last_updated", nullable=False, now=True, onupdate=True),
    sa.Column("source_code", sa.Text, nullable=False),
    sa.Column("source_code_hash", sa.String(32), nullable=False),
    sa.Column(
        "dag_version_id",
        Uuid(),
        sa.ForeignKey("dag_version.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Index("idx_dag_code_dag_id", "dag_id"),
)

dag_warning = sa.Table(
    "dag_warning",
    metadata,
    sa.Column("dag_id", sa.String(ID_LEN), sa.ForeignKey("dag.dag_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("warning_type", sa.String(50), primary_key=True),
    sa.Column("message", sa.Text, nullable=False),
    utc("timestamp", nullable=False, now=True),
    sa.Index("idx_dag_warning_dag_id", "dag_id"),
)

import_error = sa.Table(
    "import_error",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    utc("timestamp"),
    sa.Column("filename", sa.String(1024), nullable=True),
    string_id("bundle_name", nullable=True),
    sa.Column("stacktrace", sa.Text, nullable=True),
    sa.Index("idx_import_error_filename", "bundle_name", "filename"),
)

dag_priority_parsing_request = sa.Table(
    "dag_priority_parsing_request",
    metadata,
    # md5 of "bundle_name:relative_fileloc" (Airflow's key): one pending request per file
    sa.Column("id", sa.String(32), primary_key=True),
    string_id("bundle_name"),
    sa.Column("relative_fileloc", sa.String(2000), nullable=False),
)
