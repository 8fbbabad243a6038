"""Connections, variables and pools (secrets are stored encrypted by the services, see ``crypto``)."""

from __future__ import annotations

import sqlalchemy as sa

from airgate.gateway.store.tables._base import ID_LEN, metadata

connection = sa.Table(
    "connection",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conn_id", sa.String(ID_LEN), nullable=False, unique=True),
    sa.Column("conn_type", sa.String(500), nullable=False),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("host", sa.String(500), nullable=True),
    sa.Column("schema", sa.String(500), nullable=True),
    sa.Column("login", sa.Text, nullable=True),
    sa.Column("password", sa.Text, nullable=True),
    sa.Column("port", sa.Integer, nullable=True),
    sa.Column("is_encrypted", sa.Boolean, nullable=False, default=False),
    sa.Column("is_extra_encrypted", sa.Boolean, nullable=False, default=False),
    sa.Column("team_name", sa.String(50), nullable=True),
    sa.Column("extra", sa.Text, nullable=True),
)

variable = sa.Table(
    "variable",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(ID_LEN), nullable=False, unique=True),
    sa.Column("val", sa.Text, nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("is_encrypted", sa.Boolean, nullable=False, default=False),
    sa.Column("team_name", sa.String(50), nullable=True),
)

slot_pool = sa.Table(
    "slot_pool",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("pool", sa.String(256), nullable=False, unique=True),
    sa.Column("slots", sa.Integer, nullable=False, default=0),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("include_deferred", sa.Boolean, nullable=False, default=False),
    sa.Column("team_name", sa.String(50), nullable=True),
)
