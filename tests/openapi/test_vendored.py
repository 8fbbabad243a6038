"""The vendored OpenAPI documents are the bytes SOURCE.md says they are."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

OPENAPI = Path(__file__).resolve().parents[2] / "openapi"
ROW = re.compile(r"^\| `(?P<file>[^`]+)` \|.*\| `(?P<wheel>[0-9a-f]{64})` \| `(?P<sha>[0-9a-f]{64})` \|$")


def _rows() -> dict[str, str]:
    rows = {}
    for line in (OPENAPI / "SOURCE.md").read_text().splitlines():
        match = ROW.match(line)
        if match:
            rows[match["file"]] = match["sha"]
    return rows


def test_every_vendored_document_matches_its_recorded_sha256() -> None:
    rows = _rows()
    assert set(rows) == {
        "v2-rest-api-generated.yaml",
        "_private_ui.yaml",
        "v2-simple-auth-manager-generated.yaml",
        "execution-api-2026-04-06.json",
    }
    for name, sha in rows.items():
        assert hashlib.sha256((OPENAPI / name).read_bytes()).hexdigest() == sha, name


def test_no_unlisted_document_is_vendored() -> None:
    documents = {p.name for p in OPENAPI.iterdir() if p.suffix in (".yaml", ".json")}
    assert documents == set(_rows())
