"""Scheduler bookkeeping that Airflow keeps in process memory or does not need: requests to stop a task's
process (a running task the user marked or cleared), read and deleted by the scheduler that launched it."""

from __future__ import annotations

import sqlalchemy as sa

from airgate.gateway.store.tables._base import ID_LEN, metadata, utc

task_stop_request = sa.Table(
    "task_stop_request",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dag_id", sa.String(ID_LEN), nullable=False),
    sa.Column("task_id", sa.String(ID_LEN), nullable=False),
    sa.Column("run_id", sa.String(ID_LEN), nullable=False),
    sa.Column("map_index", sa.Integer, nullable=False),
    sa.Column("try_number", sa.Integer, nullable=False),
    sa.Column("queued_by_job_id", sa.Integer, nullable=True),
    sa.Column("executor", sa.String(1000), nullable=True),
    utc("requested_at", nullable=False),
    sa.Index("idx_task_stop_request_job", "queued_by_job_id"),
)
