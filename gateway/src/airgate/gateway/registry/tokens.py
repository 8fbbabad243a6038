"""Airflow's ``file_token``: ``{"bundle_name", "relative_fileloc"}`` signed with ``[api] secret_key``.

Byte-compatible with itsdangerous' ``URLSafeSerializer(secret_key).dumps/loads`` (compact JSON, zlib when
shorter, URL-safe base64 without padding, ``.``, HMAC-SHA1 over the payload with the key derived as
SHA1(salt + "signer" + secret), salt ``itsdangerous``), built on the standard library.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zlib
from typing import Any

_SALT = b"itsdangerous"


def _b64encode(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _b64decode(data: bytes) -> bytes:
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


def _signature(secret_key: str, value: bytes) -> bytes:
    key = hashlib.sha1(_SALT + b"signer" + secret_key.encode()).digest()
    return _b64encode(hmac.new(key, value, hashlib.sha1).digest())


def dumps(secret_key: str, payload: Any) -> str:
    """Sign ``payload`` as itsdangerous' ``URLSafeSerializer`` does."""
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    compressed = zlib.compress(raw)
    body = b"." + _b64encode(compressed) if len(compressed) < len(raw) - 1 else _b64encode(raw)
    return (body + b"." + _signature(secret_key, body)).decode()


def loads(secret_key: str, token: str) -> Any:
    """The payload of ``token``, or ``None`` when the signature or the encoding is wrong."""
    value, sep, sig = token.encode().rpartition(b".")
    if not sep or not hmac.compare_digest(sig, _signature(secret_key, value)):
        return None
    try:
        if value.startswith(b"."):
            return json.loads(zlib.decompress(_b64decode(value[1:])))
        return json.loads(_b64decode(value))
    except (ValueError, zlib.error):
        return None


def file_token(secret_key: str, bundle_name: str, relative_fileloc: str | None) -> str:
    """The ``file_token`` of a DAG file, as Airflow answers it in DAG bodies."""
    return dumps(secret_key, {"bundle_name": bundle_name, "relative_fileloc": relative_fileloc})
