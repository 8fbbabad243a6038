"""dag priority parsing requests (reparse_dag_file for the standalone dag-processor)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 03:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("dag_priority_parsing_request",
    sa.Column("id", sa.String(length=32), nullable=False),
    sa.Column("bundle_name", sa.String(length=250), nullable=False),
    sa.Column("relative_fileloc", sa.String(length=2000), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_dag_priority_parsing_request"))
    )


def downgrade() -> None:
    op.drop_table("dag_priority_parsing_request")
