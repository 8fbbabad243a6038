"""Messages shared by the worker and the compiler (no imports, so the compiler stays light)."""

from __future__ import annotations


def timeout_message(path: str, timeout: float) -> str:
    """Airflow's wording for a file that takes longer than ``dagbag_import_timeout``."""
    shown = int(timeout) if float(timeout).is_integer() else timeout
    return (
        f"DagBag import timeout for {path} after {shown}s.\n"
        "Please take a look at these docs to improve your DAG import time:\n"
        "* https://airflow.apache.org/docs/apache-airflow/3.2.2/best-practices.html#top-level-python-code\n"
        "* https://airflow.apache.org/docs/apache-airflow/3.2.2/best-practices.html#reducing-dag-complexity"
    )
