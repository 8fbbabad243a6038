"""revoked tokens

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:56:27.131979
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("revoked_token",
    sa.Column("jti", sa.String(length=32), nullable=False),
    sa.Column("exp", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("jti", name=op.f("pk_revoked_token"))
    )
    with op.batch_alter_table("revoked_token", schema=None) as batch_op:
        batch_op.create_index("idx_revoked_token_exp", ["exp"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("revoked_token", schema=None) as batch_op:
        batch_op.drop_index("idx_revoked_token_exp")

    op.drop_table("revoked_token")
