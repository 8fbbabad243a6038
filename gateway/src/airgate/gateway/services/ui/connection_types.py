"""Connection-form metadata (``hook_meta_data``).

Airflow builds it from the hooks of the provider packages loaded in its api-server; with only Airflow core
(no provider package — Airgate's gateway loads none, see ADR 0008) that is the two built-in connection types,
``generic`` and ``email``, with no hook class and no form customisation.
"""

from __future__ import annotations

from typing import Any

_CORE_TYPES = (("generic", "Generic"), ("email", "Email"))


def hook_meta_data() -> list[dict[str, Any]]:
    """One entry per connection type the form offers."""
    return [{"connection_type": conn_type, "hook_class_name": None, "default_conn_name": None, "hook_name": name,
             "standard_fields": None, "extra_fields": None} for conn_type, name in _CORE_TYPES]
