"""A DAG file that fails at import (registry tests)."""
from airflow.sdk import DAG

raise RuntimeError("registry: deliberate import error")
