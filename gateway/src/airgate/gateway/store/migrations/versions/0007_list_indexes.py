"""list indexes: task instances in their default order, the DAG versions of a run, a DAG's newest runs

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 06:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task_instance", schema=None) as batch_op:
        batch_op.create_index("ti_map_index_id", ["map_index", "id"], unique=False)
        batch_op.create_index("ti_dag_run_version", ["dag_id", "run_id", "dag_version_id"], unique=False)
    with op.batch_alter_table("dag_run", schema=None) as batch_op:
        batch_op.create_index("idx_dag_run_dag_id_run_after", ["dag_id", "run_after"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dag_run", schema=None) as batch_op:
        batch_op.drop_index("idx_dag_run_dag_id_run_after")
    with op.batch_alter_table("task_instance", schema=None) as batch_op:
        batch_op.drop_index("ti_dag_run_version")
        batch_op.drop_index("ti_map_index_id")
