"""``file_token`` is byte-compatible with itsdangerous' URLSafeSerializer (vector made with itsdangerous 2)."""

from __future__ import annotations

from airgate.gateway.registry import tokens

VECTOR = "eyJidW5kbGVfbmFtZSI6ImRhZ3MtZm9sZGVyIiwicmVsYXRpdmVfZmlsZWxvYyI6InNpbXBsZS5weSJ9.QdTRAcGnDcx1Ote2_C_TYFVNRbI"


def test_matches_itsdangerous() -> None:
    assert tokens.file_token("test-secret", "dags-folder", "simple.py") == VECTOR


def test_round_trip_including_compressed_payloads() -> None:
    payload = {"bundle_name": "dags-folder", "relative_fileloc": "a/" * 60 + "x.py"}
    token = tokens.dumps("k", payload)
    assert token.startswith(".")  # long repetitive payloads are zlib-compressed, as itsdangerous does
    assert tokens.loads("k", token) == payload


def test_bad_signature_or_garbage_is_none() -> None:
    assert tokens.loads("other-secret", VECTOR) is None
    assert tokens.loads("test-secret", "not-a-valid-token") is None
    assert tokens.loads("test-secret", VECTOR[:-2] + "xx") is None
