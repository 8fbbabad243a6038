"""The audit log (Airflow's ``log`` table, served by the Event Log API)."""

from __future__ import annotations

import sqlalchemy as sa

from airgate.gateway.store.tables._base import metadata, string_id, utc

log = sa.Table(
    "log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    utc("dttm"),
    string_id("dag_id", nullable=True),
    string_id("task_id", nullable=True),
    sa.Column("map_index", sa.Integer, nullable=True),
    sa.Column("event", sa.String(60), nullable=False),
    utc("logical_date"),
    string_id("run_id", nullable=True),
    sa.Column("owner", sa.String(500), nullable=True),
    sa.Column("owner_display_name", sa.String(500), nullable=True),
    sa.Column("extra", sa.Text, nullable=True),
    sa.Column("try_number", sa.Integer, nullable=True),
    sa.Index("idx_log_dttm", "dttm"),
    sa.Index("idx_log_event", "event"),
    sa.Index("idx_log_dag_id", "dag_id"),
    sa.Index("idx_log_owner", "owner"),
    sa.Index("idx_log_task_instance", "dag_id", "task_id", "run_id", "map_index", "try_number"),
)
