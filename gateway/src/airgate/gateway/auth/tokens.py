"""JWTs as Airflow's api-server issues them: HS512, ``kid: not-used``, audience ``apache-airflow``."""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt

from airgate.gateway.auth.users import User

ALGORITHM = "HS512"
KID = "not-used"


class InvalidToken(Exception):
    """Malformed, forged or otherwise unusable token (Airflow answers 403 ``Invalid JWT token``)."""


class ExpiredToken(Exception):
    """A well-signed token past its ``exp`` (Airflow answers 401 ``Token Expired``)."""


class TokenIssuer:
    """Issues and verifies the REST API's tokens."""

    def __init__(self, secret: str, *, audience: str, expiration_s: int, cli_expiration_s: int, leeway_s: int) -> None:
        self._secret = secret
        self.audience = audience
        self.expiration_s = expiration_s
        self.cli_expiration_s = cli_expiration_s
        self._leeway = leeway_s

    def issue(self, user: User, *, cli: bool = False) -> str:
        """A token for ``user``; CLI tokens use ``jwt_cli_expiration_time``."""
        now = int(time.time())
        lifetime = self.cli_expiration_s if cli else self.expiration_s
        claims: dict[str, Any] = {
            "sub": user.username,
            "role": user.role_name,
            "teams": list(user.teams),
            "jti": uuid.uuid4().hex,
            "aud": self.audience,
            "nbf": now,
            "exp": now + lifetime,
            "iat": now,
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM, headers={"kid": KID})

    def verify(self, token: str) -> tuple[User, str | None]:
        """The user a token stands for and the token's id; raises ExpiredToken or InvalidToken."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=self.audience,
                leeway=self._leeway,
                options={"require": ["exp", "sub", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise ExpiredToken(str(exc)) from None
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(str(exc)) from None
        sub, role = claims.get("sub"), claims.get("role")
        teams = claims.get("teams") or []
        if not isinstance(sub, str) or not isinstance(role, str) or not isinstance(teams, list):
            raise InvalidToken("token claims are not those of a user")
        jti = claims.get("jti")
        user = User(username=sub, role_name=role, teams=tuple(str(t) for t in teams))
        return user, jti if isinstance(jti, str) else None
