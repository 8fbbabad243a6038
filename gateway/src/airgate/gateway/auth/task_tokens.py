"""Task identity JWTs as Airflow issues them for the Execution API.

HS512, ``kid`` header, audience ``urn:airflow.apache.org:task``, ``sub`` = the task instance id and a
``scope``: ``workload`` (handed to a queued task; accepted only by ``/run``) or ``execution`` (every other
route; ``/run`` answers with one in ``Refreshed-API-Token``). Lifetime ``[execution_api] jwt_expiration_time``
(600 s). Validation requires ``aud``, ``exp`` and ``iat``; a token without ``scope`` counts as ``execution``.
"""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import jwt

from airgate.gateway.auth.tokens import ALGORITHM, KID

AUDIENCE = "urn:airflow.apache.org:task"
DEFAULT_EXPIRATION_S = 600
SCOPES = frozenset({"execution", "workload"})


class TaskTokenError(Exception):
    """A token that cannot be used; the message is PyJWT's (Airflow answers ``Invalid auth token: <msg>``)."""


@dataclass(frozen=True)
class TaskClaims:
    """Validated claims of a task token."""

    ti_id: str
    scope: str
    claims: dict[str, Any]

    @property
    def lifetime(self) -> int:
        return int(self.claims.get("exp", 0)) - int(self.claims.get("iat", 0))


_VALIDATED: OrderedDict[tuple[str, str], TaskClaims] = OrderedDict()
"""Tokens this process issued or that passed :meth:`TaskTokens.validate` (by secret and token), least recently
used first."""
_VALIDATED_MAX = 256
"""A running task uses one token at a time (two around ``/run``): room for the local executor's 32 tasks at
once several times over. An entry weighs ~2 kB; a token pushed out is only decoded again."""


class TaskTokens:
    """Issues and validates task tokens with one secret."""

    def __init__(self, secret: str, *, expiration_s: int = DEFAULT_EXPIRATION_S, leeway_s: int = 0) -> None:
        self._secret = secret
        self.expiration_s = expiration_s
        self._leeway = leeway_s

    def issue(self, ti_id: str, scope: str = "execution", *, extra: dict[str, Any] | None = None) -> str:
        """A fresh token for task instance ``ti_id`` with ``scope``."""
        now = int(time.time())
        claims: dict[str, Any] = {
            **(extra or {}),
            "sub": str(ti_id),
            "scope": scope,
            "jti": uuid.uuid4().hex,
            "aud": AUDIENCE,
            "nbf": now,
            "exp": now + self.expiration_s,
            "iat": now,
        }
        token = jwt.encode(claims, self._secret, algorithm=ALGORITHM, headers={"kid": KID})
        self._remember(token, claims)  # its task's first call need not decode it
        return token

    def _timely(self, claims: dict[str, Any], now: float) -> bool:
        """Whether ``claims`` are within their times (``exp``, ``nbf``, ``iat``) at ``now``, with the leeway."""
        leeway = self._leeway
        return int(claims.get("exp", 0)) + leeway > now and all(
            int(claims.get(name, 0)) - leeway <= now for name in ("nbf", "iat"))

    def _remember(self, token: str, claims: dict[str, Any]) -> TaskClaims:
        """Keep ``token`` as validated with ``claims`` (see :meth:`validate`)."""
        result = TaskClaims(ti_id=str(claims.get("sub", "")), scope=str(claims["scope"]), claims=claims)
        _VALIDATED[(self._secret, token)] = TaskClaims(result.ti_id, result.scope, dict(claims))
        while len(_VALIDATED) > _VALIDATED_MAX:
            _VALIDATED.popitem(last=False)
        return result

    def issue_workload_token(self, ti_id: str) -> str:
        """The ``workload`` token the scheduler hands to a task when it queues it."""
        return self.issue(ti_id, "workload")

    def validate(self, token: str) -> TaskClaims:
        """The token's claims, or :class:`TaskTokenError` with PyJWT's message.

        A task sends the same token with each of its calls: a token this secret already validated — or issued
        — is only checked for its times again, with this issuer's leeway (its signature and audience cannot
        have changed)."""
        key = (self._secret, token)
        known = _VALIDATED.get(key)
        if known is not None and self._timely(known.claims, time.time()):
            _VALIDATED.move_to_end(key)
            return TaskClaims(known.ti_id, known.scope, dict(known.claims))
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                leeway=self._leeway,
                options={"require": ["aud", "exp", "iat"]},
            )
        except jwt.InvalidTokenError as exc:
            raise TaskTokenError(str(exc)) from None
        claims.setdefault("scope", "execution")
        return self._remember(token, claims)

    def refreshed(self, claims: TaskClaims, *, now: int | None = None) -> str | None:
        """A new token with the same claims when ``claims`` is an execution token close to expiry, else None.

        Close means no more than a fifth of its lifetime (at least 30 s) left, as Airflow's reissue middleware.
        """
        if claims.scope == "workload":
            return None
        now = int(time.time()) if now is None else now
        left = int(claims.claims.get("exp", 0)) - now
        if left > max(int(claims.lifetime * 0.20), 30):
            return None
        keep = {k: v for k, v in claims.claims.items() if k not in ("jti", "aud", "nbf", "exp", "iat")}
        return self.issue(claims.ti_id, claims.scope, extra=keep)


def task_tokens(jwt_secret: str, expiration_s: int = DEFAULT_EXPIRATION_S) -> TaskTokens:
    """The issuer for the app's secret (``[api_auth] jwt_secret``, which Airflow also signs task tokens with)."""
    return TaskTokens(jwt_secret, expiration_s=expiration_s)


def issue_workload_token(jwt_secret: str, ti_id: str, expiration_s: int = DEFAULT_EXPIRATION_S) -> str:
    """Shortcut for the scheduler: a ``workload`` token for ``ti_id``."""
    return task_tokens(jwt_secret, expiration_s).issue_workload_token(ti_id)
