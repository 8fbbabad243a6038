"""Users of the simple auth manager: ``core.simple_auth_manager_users`` and its generated passwords file.

As in Airflow, every configured user without a password in the passwords file gets a generated one, written
back to the file (under an exclusive lock) and printed once. In all-admins mode there are no users to log in:
everyone is an anonymous admin.
"""

from __future__ import annotations

import fcntl
import hmac
import json
import os
import secrets
import string
from collections.abc import Callable
from pathlib import Path

import msgspec

from airgate.gateway.auth.permissions import Role

_ALPHABET = string.ascii_letters + string.digits


class User(msgspec.Struct, frozen=True, kw_only=True):
    """An authenticated user as carried in a token."""

    username: str
    role_name: str
    teams: tuple[str, ...] = ()

    @property
    def role(self) -> Role | None:
        return Role.parse(self.role_name)


ANONYMOUS_ADMIN = User(username="Anonymous", role_name="admin")


def parse_users(spec: str) -> list[User]:
    """``admin:admin,bob:viewer`` (``name:role[:team|team]``) as users."""
    users = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, role, *rest = item.split(":")
        teams = tuple(rest[0].split("|")) if rest else ()
        users.append(User(username=name, role_name=role.lower(), teams=teams))
    return users


def _generate_password() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(16))


class UserDirectory:
    """The configured users and their passwords."""

    def __init__(self, users: list[User], passwords_file: str, *, all_admins: bool) -> None:
        self.users = {u.username: u for u in users}
        self.passwords_file = Path(passwords_file)
        self.all_admins = all_admins

    def ensure_passwords(self, announce: Callable[[str], None] | None = None) -> dict[str, str]:
        """Generate a password for every user that has none; return the passwords."""
        if self.all_admins:
            return {}
        self.passwords_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.passwords_file, os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(fd, "r+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                text = fh.read().strip()
                passwords: dict[str, str] = json.loads(text) if text else {}
                if not isinstance(passwords, dict):
                    raise ValueError(f"{self.passwords_file}: expected a JSON object of username: password")
                changed = False
                for name in self.users:
                    if name not in passwords:
                        passwords[name] = _generate_password()
                        changed = True
                        if announce:
                            announce(f"Simple auth manager | Password for user '{name}': {passwords[name]}")
                if changed:
                    fh.seek(0)
                    fh.truncate()
                    fh.write(json.dumps(passwords) + "\n")
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return passwords

    def _passwords(self) -> dict[str, str]:
        try:
            data = json.loads(self.passwords_file.read_text() or "{}")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def authenticate(self, username: str, password: str) -> User | None:
        """The user if the credentials match, else None."""
        user = self.users.get(username)
        if user is None:
            return None
        expected = self._passwords().get(username)
        if not isinstance(expected, str) or not hmac.compare_digest(expected.encode(), password.encode()):
            return None
        return user
