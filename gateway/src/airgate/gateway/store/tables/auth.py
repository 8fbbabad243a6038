"""Authentication state: tokens revoked at logout (Airflow's ``revoked_token``)."""

from __future__ import annotations

import sqlalchemy as sa

from airgate.gateway.store.tables._base import metadata, utc

revoked_token = sa.Table(
    "revoked_token",
    metadata,
    sa.Column("jti", sa.String(32), primary_key=True),
    utc("exp", nullable=False),
    sa.Index("idx_revoked_token_exp", "exp"),
)
