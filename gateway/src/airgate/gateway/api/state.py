"""What every request handler can reach: settings, the store, users, tokens, the secret box."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from airgate.gateway.auth import TokenIssuer, UserDirectory
from airgate.gateway.config import Settings
from airgate.gateway.services.revoked_tokens import RevokedSet
from airgate.gateway.store.crypto import SecretBox
from airgate.gateway.store.engine import Store


@dataclass
class AppState:
    """Shared, long-lived objects of one running gateway."""

    settings: Settings
    store: Store
    users: UserDirectory
    tokens: TokenIssuer
    secrets: SecretBox
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    components: dict[str, datetime | None] = field(default_factory=dict)
    revoked: RevokedSet = field(default_factory=RevokedSet)
