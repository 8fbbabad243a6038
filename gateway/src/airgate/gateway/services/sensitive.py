"""Airflow's default sensitive field names (``[core] sensitive_var_conn_names`` adds to them).

A key is sensitive when, lower-cased, it contains one of these words.
"""

from __future__ import annotations

SENSITIVE_WORDS = frozenset(
    {
        "access_key",
        "access_token",
        "api_key",
        "apikey",
        "auth_header",
        "authorization",
        "bearer",
        "connection_string",
        "dsn",
        "passphrase",
        "passwd",
        "password",
        "private_key",
        "proxy",
        "proxy_password",
        "proxies",
        "secret",
        "service_account",
        "service_key",
        "token",
        "keyfile_dict",
        "webhook_url",
    }
)
