"""Assets as the public API and the UI show them.

- :mod:`.catalog` — assets (with their DAG and task references, aliases, watchers, last event) and aliases.
- :mod:`.events` — asset events: the list, and an event created through the API (which queues DAGs).
- :mod:`.queued` — ``asset_dag_run_queue`` rows per asset and per DAG: read and delete.
- :mod:`.materialize` — a run of the one DAG that produces an asset.
- :mod:`.next_run` — the UI's view of what an asset-scheduled DAG waits for, and partitioned runs.
"""
