"""DAG runs and what hangs off them: task instances (with try history), reschedules, rendered fields, XCom,
human-in-the-loop details, deadlines, triggers, backfills and jobs."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from airgate.gateway.store.tables._base import ID_LEN, metadata, string_id, utc
from airgate.gateway.store.types import Json, Uuid

backfill = sa.Table(
    "backfill",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    string_id("dag_id"),
    utc("from_date", nullable=False),
    utc("to_date", nullable=False),
    sa.Column("dag_run_conf", Json(), nullable=False, default=dict),
    sa.Column("is_paused", sa.Boolean, nullable=True, default=False),
    sa.Column("reprocess_behavior", sa.String(250), nullable=False, default="none"),
    sa.Column("max_active_runs", sa.Integer, nullable=False, default=10),
    utc("created_at", nullable=False, now=True),
    utc("completed_at"),
    utc("updated_at", nullable=False, now=True, onupdate=True),
    sa.Column("triggering_user_name", sa.String(512), nullable=True),
    sa.Index("idx_backfill_dag_id", "dag_id"),
)

dag_run = sa.Table(
    "dag_run",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    string_id("dag_id"),
    utc("queued_at"),
    utc("logical_date"),
    utc("start_date"),
    utc("end_date"),
    sa.Column("state", sa.String(50), nullable=True, default="queued"),
    string_id("run_id"),
    sa.Column("creating_job_id", sa.Integer, nullable=True),
    sa.Column("run_type", sa.String(50), nullable=False),
    sa.Column("triggered_by", sa.String(50), nullable=True),
    sa.Column("triggering_user_name", sa.String(512), nullable=True),
    sa.Column("conf", Json(), nullable=True),
    utc("data_interval_start"),
    utc("data_interval_end"),
    utc("run_after", nullable=False, now=True),
    utc("last_scheduling_decision"),
    utc("created_at", now=True),
    utc("updated_at", now=True, onupdate=True),
    sa.Column("clear_number", sa.Integer, nullable=False, default=0),
    sa.Column("backfill_id", sa.Integer, sa.ForeignKey("backfill.id"), nullable=True),
    string_id("bundle_version", nullable=True),
    sa.Column("scheduled_by_job_id", sa.Integer, nullable=True),
    sa.Column("context_carrier", Json(), nullable=True),
    sa.Column("span_status", sa.String(250), nullable=False, default="not_started"),
    sa.Column(
        "created_dag_version_id",
        Uuid(),
        sa.ForeignKey("dag_version.id", ondelete="SET NULL"),
        nullable=True,
    ),
    string_id("partition_key", nullable=True),
    utc("partition_date"),
    sa.Column("note", sa.String(1000), nullable=True),
    sa.Column("note_user_id", sa.String(128), nullable=True),
    sa.UniqueConstraint("dag_id", "run_id", name="dag_run_dag_id_run_id_key"),
    sa.UniqueConstraint("dag_id", "logical_date", name="dag_run_dag_id_logical_date_key"),
    sa.Index("dag_id_state", "dag_id", "state"),
    sa.Index("idx_dag_run_dag_id", "dag_id"),
    sa.Index("idx_dag_run_run_after", "run_after"),
    sa.Index("idx_dag_run_logical_date", "logical_date"),
    sa.Index("idx_dag_run_start_date", "start_date"),
    sa.Index("idx_dag_run_state", "state"),
    sa.Index("idx_dag_run_dag_id_run_after", "dag_id", "run_after"),  # a DAG's newest runs (grid, run lists)
)

backfill_dag_run = sa.Table(
    "backfill_dag_run",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("backfill_id", sa.Integer, sa.ForeignKey("backfill.id", ondelete="CASCADE"), nullable=False),
    sa.Column("dag_run_id", sa.Integer, sa.ForeignKey("dag_run.id", ondelete="SET NULL"), nullable=True),
    string_id("exception_reason", nullable=True),
    utc("logical_date"),
    string_id("partition_key", nullable=True),
    sa.Column("sort_ordinal", sa.Integer, nullable=False),
    sa.UniqueConstraint("backfill_id", "dag_run_id", name="ix_bdr_backfill_id_dag_run_id"),
)


def _ti_columns() -> list[sa.Column[Any]]:
    """Columns a task instance and each archived try share (the try history keeps the same shape)."""
    return [
        string_id("task_id"),
        string_id("dag_id"),
        string_id("run_id"),
        sa.Column("map_index", sa.Integer, nullable=False, default=-1, server_default="-1"),
        utc("start_date"),
        utc("end_date"),
        sa.Column("duration", sa.Float, nullable=True),
        sa.Column("state", sa.String(20), nullable=True),
        sa.Column("max_tries", sa.Integer, nullable=True, default=-1),
        sa.Column("hostname", sa.String(1000), nullable=True),
        sa.Column("unixname", sa.String(1000), nullable=True),
        sa.Column("pool", sa.String(256), nullable=False, default="default_pool"),
        sa.Column("pool_slots", sa.Integer, nullable=False, default=1),
        sa.Column("queue", sa.String(256), nullable=True),
        sa.Column("priority_weight", sa.Integer, nullable=True),
        sa.Column("operator", sa.String(1000), nullable=True),
        sa.Column("custom_operator_name", sa.String(1000), nullable=True),
        utc("queued_dttm"),
        utc("scheduled_dttm"),
        sa.Column("queued_by_job_id", sa.Integer, nullable=True),
        sa.Column("pid", sa.Integer, nullable=True),
        sa.Column("executor", sa.String(1000), nullable=True),
        sa.Column("executor_config", Json(), nullable=True),
        utc("updated_at", now=True, onupdate=True),
        sa.Column("rendered_map_index", sa.String(250), nullable=True),
        sa.Column("context_carrier", Json(), nullable=True),
        sa.Column("span_status", sa.String(250), nullable=False, default="not_started"),
        sa.Column("external_executor_id", sa.Text, nullable=True),
        sa.Column("trigger_id", sa.Integer, nullable=True),
        utc("trigger_timeout"),
        sa.Column("next_method", sa.String(1000), nullable=True),
        sa.Column("next_kwargs", Json(), nullable=True),
        sa.Column("task_display_name", sa.String(2000), nullable=True),
        sa.Column("dag_version_id", Uuid(), nullable=True),
        sa.Column("note", sa.String(1000), nullable=True),
        sa.Column("note_user_id", sa.String(128), nullable=True),
    ]


_TI_KEY = ["dag_id", "task_id", "run_id", "map_index"]
_TI_KEY_REF = [f"task_instance.{name}" for name in _TI_KEY]

task_instance = sa.Table(
    "task_instance",
    metadata,
    sa.Column("id", Uuid(), primary_key=True),
    *_ti_columns(),
    sa.Column("try_number", sa.Integer, nullable=False, default=0),
    utc("last_heartbeat_at"),
    sa.ForeignKeyConstraint(
        ["dag_id", "run_id"],
        ["dag_run.dag_id", "dag_run.run_id"],
        name="task_instance_dag_run_fkey",
        ondelete="CASCADE",
    ),
    sa.UniqueConstraint(*_TI_KEY, name="task_instance_composite_key"),
    sa.Index("ti_dag_state", "dag_id", "state"),
    sa.Index("ti_dag_run", "dag_id", "run_id"),
    sa.Index("ti_state", "state"),
    sa.Index("ti_state_lkp", "dag_id", "task_id", "run_id", "state"),
    sa.Index("ti_pool", "pool", "state", "priority_weight"),
    sa.Index("ti_trigger_id", "trigger_id"),
    sa.Index("ti_heartbeat", "last_heartbeat_at"),
    sa.Index("ti_start_date", "start_date"),
    sa.Index("ti_map_index_id", "map_index", "id"),  # the default order of task instance lists
    sa.Index("ti_dag_run_version", "dag_id", "run_id", "dag_version_id"),  # the versions a run's tasks used
)

task_instance_history = sa.Table(
    "task_instance_history",
    metadata,
    sa.Column("task_instance_id", Uuid(), primary_key=True),
    *_ti_columns(),
    sa.Column("try_number", sa.Integer, nullable=False),
    sa.ForeignKeyConstraint(
        _TI_KEY,
        _TI_KEY_REF,
        name="task_instance_history_ti_fkey",
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
    sa.UniqueConstraint(*_TI_KEY, "try_number", name="task_instance_history_dtrt_uq"),
    sa.Index("idx_tih_dag_run", "dag_id", "run_id"),
)

task_reschedule = sa.Table(
    "task_reschedule",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ti_id", Uuid(), sa.ForeignKey("task_instance.id", ondelete="CASCADE"), nullable=False),
    utc("start_date", nullable=False),
    utc("end_date", nullable=False),
    sa.Column("duration", sa.Integer, nullable=False),
    utc("reschedule_date", nullable=False),
    sa.Index("idx_task_reschedule_ti_id", "ti_id"),
)

rendered_task_instance_fields = sa.Table(
    "rendered_task_instance_fields",
    metadata,
    sa.Column("dag_id", sa.String(ID_LEN), primary_key=True),
    sa.Column("task_id", sa.String(ID_LEN), primary_key=True),
    sa.Column("run_id", sa.String(ID_LEN), primary_key=True),
    sa.Column("map_index", sa.Integer, primary_key=True, default=-1, server_default="-1"),
    sa.Column("rendered_fields", Json(), nullable=False),
    sa.Column("k8s_pod_yaml", Json(), nullable=True),
    sa.ForeignKeyConstraint(_TI_KEY, _TI_KEY_REF, name="rtif_ti_fkey", ondelete="CASCADE"),
)

xcom = sa.Table(
    "xcom",
    metadata,
    sa.Column("dag_run_id", sa.Integer, primary_key=True),
    sa.Column("task_id", sa.String(ID_LEN), primary_key=True),
    sa.Column("map_index", sa.Integer, primary_key=True, default=-1, server_default="-1"),
    sa.Column("key", sa.String(512), primary_key=True),
    string_id("dag_id"),
    string_id("run_id"),
    sa.Column("value", Json(), nullable=True),
    utc("timestamp", nullable=False, now=True),
    sa.ForeignKeyConstraint(_TI_KEY, _TI_KEY_REF, name="xcom_task_instance_fkey", ondelete="CASCADE"),
    sa.Index("idx_xcom_key", "key"),
    sa.Index("idx_xcom_task_instance", *_TI_KEY),
)

hitl_detail = sa.Table(
    "hitl_detail",
    metadata,
    sa.Column("ti_id", Uuid(), sa.ForeignKey("task_instance.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("options", Json(), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=True),
    sa.Column("defaults", Json(), nullable=True),
    sa.Column("multiple", sa.Boolean, nullable=True, default=False),
    sa.Column("params", Json(), nullable=False, default=dict),
    sa.Column("assignees", Json(), nullable=True),
    utc("created_at", nullable=False, now=True),
    utc("responded_at"),
    sa.Column("responded_by", Json(), nullable=True),
    sa.Column("chosen_options", Json(), nullable=True),
    sa.Column("params_input", Json(), nullable=False, default=dict),
)

deadline = sa.Table(
    "deadline",
    metadata,
    sa.Column("id", Uuid(), primary_key=True),
    utc("created_at", nullable=False, now=True),
    utc("last_updated_at", nullable=False, now=True, onupdate=True),
    sa.Column("dagrun_id", sa.Integer, sa.ForeignKey("dag_run.id", ondelete="CASCADE"), nullable=True),
    utc("deadline_time", nullable=False),
    sa.Column("missed", sa.Boolean, nullable=False, default=False),
    sa.Column("callback", Json(), nullable=True),
    sa.Column("callback_state", sa.String(20), nullable=True),
    sa.Column("deadline_alert_id", Uuid(), nullable=True),
    sa.Index("deadline_missed_deadline_time_idx", "missed", "deadline_time"),
    sa.Index("idx_deadline_dagrun_id", "dagrun_id"),
)

trigger = sa.Table(
    "trigger",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("classpath", sa.String(1000), nullable=False),
    sa.Column("kwargs", sa.Text, nullable=False),
    utc("created_date", nullable=False, now=True),
    sa.Column("triggerer_id", sa.Integer, nullable=True),
    sa.Column("queue", sa.String(256), nullable=True),
)

job = sa.Table(
    "job",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    string_id("dag_id", nullable=True),
    sa.Column("state", sa.String(20), nullable=True),
    sa.Column("job_type", sa.String(30), nullable=True),
    utc("start_date"),
    utc("end_date"),
    utc("latest_heartbeat"),
    sa.Column("executor_class", sa.String(500), nullable=True),
    sa.Column("hostname", sa.String(500), nullable=True),
    sa.Column("unixname", sa.String(1000), nullable=True),
    sa.Index("job_type_heart", "job_type", "latest_heartbeat"),
    sa.Index("idx_job_state_heartbeat", "state", "latest_heartbeat"),
    sa.Index("idx_job_dag_id", "dag_id"),
)
