"""scheduler: requests to stop a task's process

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 03:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "task_stop_request",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dag_id", sa.String(length=250), nullable=False),
        sa.Column("task_id", sa.String(length=250), nullable=False),
        sa.Column("run_id", sa.String(length=250), nullable=False),
        sa.Column("map_index", sa.Integer(), nullable=False),
        sa.Column("try_number", sa.Integer(), nullable=False),
        sa.Column("queued_by_job_id", sa.Integer(), nullable=True),
        sa.Column("executor", sa.String(length=1000), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_stop_request")),
    )
    with op.batch_alter_table("task_stop_request", schema=None) as batch_op:
        batch_op.create_index("idx_task_stop_request_job", ["queued_by_job_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("task_stop_request", schema=None) as batch_op:
        batch_op.drop_index("idx_task_stop_request_job")
    op.drop_table("task_stop_request")
