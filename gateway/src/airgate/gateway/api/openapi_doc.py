"""``GET /openapi.json``: the vendored upstream document (Airflow 3.2.2's public REST API), never one generated
by the web framework. Converted from the vendored YAML once, on first request, and cached."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from litestar import Response, get

import airgate.gateway

SPEC_FILE = "v2-rest-api-generated.yaml"


def spec_dir() -> Path:
    """The checkout's ``openapi/`` folder (Airgate is installed from its checkout, in editable mode)."""
    return Path(airgate.gateway.__file__).resolve().parents[4] / "openapi"


@cache
def _document() -> bytes:
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((spec_dir() / SPEC_FILE).read_text(encoding="utf-8"), Loader=loader)
    return json.dumps(data, separators=(",", ":")).encode()


@get("/openapi.json", name="openapi_json", media_type="application/json", include_in_schema=False)
async def openapi_json() -> Response[bytes]:
    return Response(content=_document(), media_type="application/json")
