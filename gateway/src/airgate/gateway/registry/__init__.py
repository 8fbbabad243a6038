"""The DAG registry: bundles of DAG files → immutable, hash-deduplicated DAG versions in the store.

- :mod:`.bundles` — where DAG files live (``[core] dags_folder`` is the bundle ``dags-folder``).
- :mod:`.scanner` — which files are DAG files (``.airflowignore``, Airflow's "might contain a DAG" heuristic).
- :mod:`.versions` — one compiled file → dag rows, versions, serialized DAGs, code, tags, errors, warnings.
- :mod:`.reconciler` — what is registered but gone from disk becomes stale; orphan import errors go.
- :mod:`.processor` — the loop: full scan on start, re-scan of changed files, reparse requests.
- :mod:`.tokens` — Airflow's ``file_token`` (an itsdangerous-compatible signed payload, standard library only).
"""

from __future__ import annotations

from airgate.gateway.registry.bundles import DEFAULT_BUNDLE, Bundle, bundles_for
from airgate.gateway.registry.processor import DagProcessor

__all__ = ["DEFAULT_BUNDLE", "Bundle", "DagProcessor", "bundles_for"]
