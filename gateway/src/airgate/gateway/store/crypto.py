"""Encryption at rest with Airflow's ``[core] fernet_key`` format.

``cryptography`` is imported when a :class:`SecretBox` is made, not with this module, so that processes that
never handle secrets (the standalone ``airgate dag-processor``) do not carry it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.fernet import MultiFernet


class SecretError(Exception):
    """A stored secret could not be decrypted with any of the configured keys."""


class SecretBox:
    """Encrypts and decrypts secrets as Airflow does with ``[core] fernet_key``.

    ``keys`` is a comma-separated list of Fernet keys: the first encrypts, all of them decrypt (so a key can be
    rotated by prepending the new one). With no key (``None`` or empty) values are stored in plain text and
    :attr:`is_encrypting` is ``False`` — callers then write ``is_encrypted = False`` as Airflow does.
    """

    def __init__(self, keys: str | None) -> None:
        from cryptography.fernet import Fernet, MultiFernet

        parts = [part.strip() for part in (keys or "").split(",") if part.strip()]
        self._fernet: MultiFernet | None = None
        if parts:
            fernets = []
            for index, part in enumerate(parts, start=1):
                try:
                    fernets.append(Fernet(part.encode()))
                except (ValueError, TypeError):
                    raise ValueError(
                        f"[core] fernet_key: key #{index} is not a valid Fernet key "
                        "(32 url-safe base64-encoded bytes, e.g. from Fernet.generate_key())"
                    ) from None
            self._fernet = MultiFernet(fernets)

    @property
    def is_encrypting(self) -> bool:
        """Whether values are really encrypted (a key is configured)."""
        return self._fernet is not None

    def encrypt(self, value: str | None) -> str | None:
        """Encrypt ``value`` with the first key (``None`` stays ``None``; no key: returned unchanged)."""
        if value is None or self._fernet is None:
            return value
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, value: str | None) -> str | None:
        """Decrypt ``value`` with any key (``None`` stays ``None``; no key: returned unchanged)."""
        from cryptography.fernet import InvalidToken

        if value is None or self._fernet is None:
            return value
        try:
            return self._fernet.decrypt(value.encode()).decode()
        except InvalidToken:
            raise SecretError(
                "cannot decrypt a stored secret: is [core] fernet_key the one it was written with?"
            ) from None

    def rotate(self, value: str | None) -> str | None:
        """Re-encrypt a stored ``value`` with the first key (for key rotation)."""
        from cryptography.fernet import InvalidToken

        if value is None or self._fernet is None:
            return value
        try:
            return self._fernet.rotate(value.encode()).decode()
        except InvalidToken:
            raise SecretError(
                "cannot decrypt a stored secret: is [core] fernet_key the one it was written with?"
            ) from None
