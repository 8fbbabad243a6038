"""Airgate's gateway: the API server, scheduler, DAG registry and CLI."""

__version__ = "0.1.0"
AIRFLOW_API_VERSION = "3.2.2"
