"""Revoked tokens (logout), kept in the store by ``jti`` until they would have expired anyway.

Checking the store on every request would cost a query per call, so each process keeps the set of revoked
ids and refreshes it from the store at most once a second: a token revoked by this process is refused at once,
one revoked by another api-server process within a second.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import jwt
import sqlalchemy as sa

from airgate.gateway.store.engine import Store
from airgate.gateway.store.errors import UniqueViolation
from airgate.gateway.store.tables import revoked_token

REFRESH_S = 1.0


class RevokedSet:
    """Per-process view of the revoked token ids."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.loaded_at = 0.0

    async def refresh(self, store: Store) -> None:
        if time.monotonic() - self.loaded_at < REFRESH_S:
            return
        async with store.read() as conn:
            rows = await conn.execute(sa.select(revoked_token.c.jti))
            self.ids = {r.jti for r in rows}
        self.loaded_at = time.monotonic()


async def is_revoked(store: Store, revoked: RevokedSet, jti: str | None) -> bool:
    """Whether the token id was revoked."""
    if not jti:
        return False
    await revoked.refresh(store)
    return jti in revoked.ids


async def revoke(store: Store, revoked: RevokedSet, token: str) -> None:
    """Revoke a token (ignored if it cannot be decoded: it is unusable anyway)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return
    jti, exp = claims.get("jti"), claims.get("exp")
    if not isinstance(jti, str) or not isinstance(exp, int | float):
        return
    try:
        async with store.write() as conn:
            await conn.execute(
                sa.insert(revoked_token).values(jti=jti, exp=datetime.fromtimestamp(exp, UTC))
            )
    except UniqueViolation:
        pass
    revoked.ids.add(jti)
