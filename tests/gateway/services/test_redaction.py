"""Key-based redaction and merging, checked against what Airflow 3.2.2's secrets masker does."""

from __future__ import annotations

from airgate.gateway.services.redaction import MASK, is_sensitive, merge, redact


class TestRedact:
    def test_sensitive_names(self) -> None:
        assert is_sensitive(" My_PASSWORD ") and is_sensitive("x_api_key") and is_sensitive("webhook_url")
        assert not is_sensitive("host") and not is_sensitive(None)

    def test_only_strings_are_hidden_under_a_sensitive_key(self) -> None:
        value = {"password": "p", "token": {"a": "x", "n": 3, "none": None, "l": ["s", 1]}, "empty_secret": "", "host": "h"}
        assert redact(value) == {
            "password": MASK,
            "token": {"a": MASK, "n": 3, "none": None, "l": [MASK, 1]},
            "empty_secret": MASK,
            "host": "h",
        }

    def test_named_value_and_lists(self) -> None:
        assert redact("plain", "db_password") == MASK
        assert redact("plain", "name") == "plain"
        assert redact([{"secret": "s"}, "x"]) == [{"secret": MASK}, "x"]

    def test_depth_limit_hides_everything_deep_under_a_sensitive_key(self) -> None:
        deep = {"secret": {"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}}
        assert redact(deep) == {"secret": {"a": {"b": {"c": {"d": {"e": MASK}}}}}}


class TestMerge:
    def test_masked_values_keep_the_stored_ones(self) -> None:
        old = {"token": "t0k3n", "host": "a", "nested": {"password": "p", "x": 1}, "keys": ["k1", "k2"]}
        new = {"token": MASK, "host": MASK, "nested": {"password": MASK, "x": 2}, "keys": [MASK, "k3"], "added": 1}
        assert merge(new, old) == {"token": "t0k3n", "host": MASK, "nested": {"password": "p", "x": 2},
                                   "keys": [MASK, "k3"], "added": 1}

    def test_sensitive_name_at_the_top(self) -> None:
        assert merge(MASK, "secret", "password") == "secret"
        assert merge("new", "secret", "password") == "new"
        assert merge({"a": MASK}, {"a": "kept"}, "private_key") == {"a": "kept"}
