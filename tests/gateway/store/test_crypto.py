"""Secrets at rest with Airflow's ``[core] fernet_key`` (comma-separated keys, the first encrypts)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from airgate.gateway.store.crypto import SecretBox, SecretError

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def test_round_trip_and_ciphertext_hides_the_value() -> None:
    box = SecretBox(OLD)
    token = box.encrypt("s3cret")
    assert box.is_encrypting
    assert token is not None and "s3cret" not in token
    assert box.decrypt(token) == "s3cret"
    assert box.encrypt(None) is None and box.decrypt(None) is None


def test_rotation_new_key_first_still_reads_old_values_and_rotate_moves_them() -> None:
    old_token = SecretBox(OLD).encrypt("value")
    rotated_box = SecretBox(f"{NEW},{OLD}")
    assert rotated_box.decrypt(old_token) == "value"
    new_token = rotated_box.rotate(old_token)
    assert SecretBox(NEW).decrypt(new_token) == "value"
    with pytest.raises(SecretError):
        SecretBox(OLD).decrypt(new_token)
    # the first key encrypts
    assert SecretBox(NEW).decrypt(rotated_box.encrypt("fresh")) == "fresh"


def test_wrong_key_is_a_clear_error() -> None:
    token = SecretBox(OLD).encrypt("value")
    with pytest.raises(SecretError, match="fernet_key"):
        SecretBox(NEW).decrypt(token)


@pytest.mark.parametrize("keys", [None, "", " "])
def test_no_key_stores_plain_text(keys: str | None) -> None:
    box = SecretBox(keys)
    assert not box.is_encrypting
    assert box.encrypt("plain") == "plain"
    assert box.decrypt("plain") == "plain"


@pytest.mark.parametrize("keys", ["not-a-key", f"{OLD},short"])
def test_malformed_key_names_the_setting(keys: str) -> None:
    with pytest.raises(ValueError, match=r"\[core\] fernet_key"):
        SecretBox(keys)
