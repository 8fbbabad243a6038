"""The stock Airflow 3.2.2 UI, served unmodified from a verified cache of the ``apache-airflow-core`` wheel.

- :mod:`airgate.gateway.ui.assets`: where the cache lives, how it is fetched, extracted and verified.
- :mod:`airgate.gateway.ui.fetch`: ``python -m airgate.gateway.ui.fetch`` fills the cache.
- :mod:`airgate.gateway.ui.serving`: the routes (SPA documents, static files, Airflow's fixed 404s) and the
  sub-path prefix handling of ``[api] base_url``.
"""
