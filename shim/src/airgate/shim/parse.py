"""Exec one DAG file under the shim and turn what it defines into dag.json dicts (runs in a forked child)."""

from __future__ import annotations

import os
import sys
import traceback
import types
from typing import Any

try:  # CPython's own SHA-1: hashlib would load OpenSSL into every parse worker (~0.5 MB each)
    from _sha1 import sha1
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import sha1

from . import _ctx, importer
from .serialize import dag_json

_SHIM_DIR = os.path.dirname(os.path.abspath(__file__))
TRACEBACK_DEPTH = 2  # Airflow's [core] dagbag_import_error_traceback_depth


class AirflowTaskTimeout(BaseException):
    """The file took longer than ``dagbag_import_timeout`` (raised from SIGALRM)."""


AirflowTaskTimeout.__module__ = "airflow.sdk.exceptions"


def module_name_for(path: str) -> str:
    """A stable module name for a DAG file (Airflow prefixes a hash of the path too)."""
    digest = sha1(path.encode()).hexdigest()
    stem = os.path.splitext(os.path.basename(path))[0]
    return f"unusual_prefix_{digest}_{stem}"


def _user_frames(tb: Any) -> list[traceback.FrameSummary]:
    frames = traceback.extract_tb(tb)
    return [
        f for f in frames if not f.filename.startswith(_SHIM_DIR) and "<frozen importlib" not in f.filename
    ]


def error_from_exception(path: str, exc: BaseException) -> dict[str, Any]:
    """An import error: message, DAG-file line and a short traceback of the user's frames."""
    frames = _user_frames(exc.__traceback__)
    lineno = None
    for frame in reversed(frames):
        if frame.filename == path:
            lineno = frame.lineno
            break
    if isinstance(exc, SyntaxError) and exc.filename == path:
        lineno = exc.lineno
    shown = frames[-TRACEBACK_DEPTH:]
    lines = [
        "Traceback (most recent call last):\n",
        *traceback.format_list(shown),
        *traceback.format_exception_only(type(exc), exc),
    ]
    message = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return {"filename": path, "lineno": lineno, "message": message, "stacktrace": "".join(lines)}


def _collect(module: types.ModuleType) -> list[Any]:
    from .dag import DAG

    found: dict[int, Any] = {}
    for dag in _ctx.STATE.dags:
        if dag._entered and dag.auto_register:
            found[id(dag)] = dag
    for value in list(vars(module).values()):
        if isinstance(value, DAG):
            found[id(value)] = value
    return sorted(found.values(), key=lambda d: d.dag_id)


def parse_file(
    path: str, relative_fileloc: str, *, serialize: bool = True, code: types.CodeType | None = None
) -> dict[str, Any]:
    """Exec ``path`` and return ``{"dags": [...], "import_errors": [...], "warnings": [...]}``.

    ``serialize=False`` (a task process that already has its document) only execs the file: ``dags`` stays
    empty and only the file's own errors are reported. ``code``: the file already compiled (by a ``local``
    worker, from the same bytes, as below)."""
    importer.install()
    state = _ctx.STATE
    state.fileloc = path
    state.module_name = module_name_for(path)
    state.lines = serialize
    errors: list[dict[str, Any]] = []
    dags: list[dict[str, Any]] = []
    try:
        if code is None:
            with open(path, "rb") as fh:
                source = fh.read()
            code = compile(source, path, "exec", dont_inherit=True)
        module = types.ModuleType(state.module_name)
        module.__file__ = path
        sys.modules[state.module_name] = module
        exec(code, module.__dict__)
    except BaseException as exc:
        errors.append(error_from_exception(path, exc))
        return {"dags": [], "import_errors": errors, "warnings": state.warnings}
    if not serialize:
        return {"dags": [], "import_errors": errors, "warnings": state.warnings}
    seen: set[str] = set()
    for dag in _collect(module):
        try:
            if dag.dag_id in seen:
                raise ValueError(f"Dag {dag.dag_id!r} is defined more than once in {path}")
            seen.add(dag.dag_id)
            dag.validate()
            dags.append(dag_json(dag, relative_fileloc))
        except Exception as exc:
            err = error_from_exception(path, exc)
            err["lineno"] = err["lineno"] or dag.lineno
            err["message"] = f"{type(exc).__name__}: {exc}"
            err["stacktrace"] = None
            errors.append(err)
    return {"dags": dags, "import_errors": errors, "warnings": state.warnings}
