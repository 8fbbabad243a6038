"""The scheduler's view of the compiled DAG a run is pinned to: :class:`DagDoc` and :class:`DocCache` live in
:mod:`airgate.gateway.services.dag_docs` (the services create task instances from them too)."""

from airgate.gateway.services.dag_docs import DagDoc, DocCache

__all__ = ["DagDoc", "DocCache"]
