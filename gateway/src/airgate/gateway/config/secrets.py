"""Secrets Airflow would generate on first start: the Fernet key and the JWT signing secret.

When ``core.fernet_key`` or ``api_auth.jwt_secret`` is empty, Airgate generates one once and keeps it in
``$AIRFLOW_HOME/airgate_secrets.json`` (mode 0600), so a restart neither loses access to encrypted connections
nor invalidates issued tokens. A configured value always wins.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import secrets
from pathlib import Path

from airgate.gateway.config.settings import Settings

SECRETS_FILE = "airgate_secrets.json"


def _generate() -> dict[str, str]:
    return {
        "fernet_key": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "jwt_secret": secrets.token_urlsafe(48),
    }


def _load_or_create(path: Path) -> dict[str, str]:
    if path.is_file():
        try:
            data = json.loads(path.read_text())
            if isinstance(data, dict) and all(isinstance(data.get(k), str) for k in ("fernet_key", "jwt_secret")):
                return data
        except ValueError:
            pass
        raise ValueError(f"{path}: not a valid Airgate secrets file; remove it to generate new secrets")
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _generate()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(json.dumps(data))
    return data


def ensure_generated_secrets(settings: Settings) -> Settings:
    """Fill an empty Fernet key / JWT secret from the generated secrets file."""
    if settings.fernet_key and settings.jwt_secret:
        return settings
    try:
        data = _load_or_create(Path(settings.airflow_home) / SECRETS_FILE)
    except FileExistsError:  # another process created it just now
        data = _load_or_create(Path(settings.airflow_home) / SECRETS_FILE)
    return dataclasses.replace(
        settings,
        fernet_key=settings.fernet_key or data["fernet_key"],
        jwt_secret=settings.jwt_secret or data["jwt_secret"],
    )
