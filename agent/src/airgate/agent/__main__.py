"""``python -m airgate.agent --json-string <ExecuteTask JSON>`` (the ``local`` executor calls :func:`main`
in a forked warm worker instead). The Execution API URL comes from ``AIRFLOW__CORE__EXECUTION_API_SERVER_URL``."""

from __future__ import annotations

import os
import sys


def main() -> int:
    """Run the workload given on the command line; the process exit code."""
    from .runner import EXECUTION_API_ENV, parse_args, run_workload

    workload = parse_args(sys.argv[1:])
    url = os.environ.get(EXECUTION_API_ENV)
    if not url:
        print(f"{EXECUTION_API_ENV} is not set", file=sys.stderr)
        return 2
    return run_workload(workload, url)


def warm_key(env: dict[str, str]) -> str | None:
    """Called by a ``local`` worker's freshly forked task: the compiled DAG document it will read and its
    DAGs folder, which the worker then loads and compiles once for the tasks it forks next (:func:`warm`)."""
    document = env.get("AIRGATE_DAG_JSON")
    if not document:
        return None
    from .dagfile import dags_folder

    return f"{document}\0{dags_folder(env)}"


def warm(key: str) -> None:
    """Called in a ``local`` worker before it forks the next task: load the document ``key`` names and
    compile (never run) the DAG files it comes from."""
    from .dagfile import preload_document

    document, _, folder = key.partition("\0")
    preload_document(document, folder or None)


def _warm() -> None:
    """Preloaded by a ``local`` worker: import what tasks need once, before the fork (a forked task then
    imports nothing of its own: an import costs milliseconds, more without byte-code)."""
    import datetime  # noqa: F401
    import http.client  # noqa: F401
    import inspect  # noqa: F401
    import pwd  # noqa: F401
    import random  # noqa: F401
    import subprocess  # noqa: F401
    import tempfile  # noqa: F401
    import threading  # noqa: F401
    import traceback  # noqa: F401
    import uuid  # noqa: F401

    from . import client, outlets, process, runner, runtime, states  # noqa: F401

    runner.warm_unixname()

    try:
        import jinja2.ext
        import jinja2.nativetypes
        import jinja2.sandbox  # noqa: F401

        from airgate.shim import errors, importer, parse  # noqa: F401

        from . import bash, context, dagfile, python, task, templates  # noqa: F401
    except ImportError:
        return
    dagfile.warm_served_modules()
    dagfile._patch_shim_runtime()  # the run-time Variable/Connection/context: once here, not in every task


if __name__ == "__main__":
    sys.exit(main())
elif os.environ.get("AIRGATE_AGENT_NO_WARM") != "1":
    _warm()
