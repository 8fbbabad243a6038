"""Load a task from its DAG file: exec the file under the shim, take the task's dag.json document and
the live callables the document refers to (see ``docs/adr/0007-agent-execs-dag-file-under-shim.md``)."""

from __future__ import annotations

import datetime as _dt
import os
import sys
import types
from collections.abc import Mapping
from typing import Any

from .runtime import Api


class TaskNotFound(Exception):
    """The DAG file does not define the DAG or the task any more."""


class XComRef:
    """An ``xcomarg`` reference from dag.json, resolved at run time."""

    def __init__(self, task_id: str, key: str) -> None:
        self.task_id, self.key = task_id, key

    def __repr__(self) -> str:
        return f"XComArg({self.task_id!r}, {self.key!r})"


class Holder:
    """What the run-time names patched into the shim answer with (set once the task is loaded)."""

    api: Api | None = None
    context: dict[str, Any] | None = None


_PATCHED: list[bool] = []


def _patch_shim_runtime() -> None:
    """Make ``Variable``, ``Connection`` and ``get_current_context`` of the served ``airflow.*`` modules
    work at run time (the shim's own versions refuse: they are for parse time). Once per process: a
    ``local`` worker does it before forking its tasks (in a task it cost ~0.8 ms, mostly copy-on-write
    faults from walking ``sys.modules``)."""
    from airgate.shim import runtime

    if _PATCHED:
        return
    _PATCHED.append(True)

    def _api() -> Api:
        if Holder.api is None:
            raise RuntimeError("the Execution API is not available yet")
        return Holder.api

    def var_get(key: str, default: Any = None, deserialize_json: bool = False, **kw: Any) -> Any:
        return _api().get_variable(key, kw.get("default_var", default), deserialize_json)

    def var_set(
        key: str, value: Any, description: str | None = None, serialize_json: bool = False, **_: Any
    ) -> None:
        _api().set_variable(key, value, description, serialize_json)

    def var_delete(key: str, **_: Any) -> None:
        _api().delete_variable(key)

    def conn_get(cls: Any, conn_id: str) -> Any:
        return _api().get_connection(conn_id)

    def get_current_context() -> Any:
        if Holder.context is None:
            return runtime_original()
        return Holder.context

    runtime_original = runtime.get_current_context
    runtime.Variable.get = staticmethod(var_get)  # type: ignore[method-assign]
    runtime.Variable.set = staticmethod(var_set)  # type: ignore[method-assign]
    runtime.Variable.delete = staticmethod(var_delete)  # type: ignore[attr-defined]
    runtime.Connection.get = classmethod(conn_get)  # type: ignore[method-assign,assignment]
    runtime.Connection.get_connection_from_secrets = classmethod(conn_get)  # type: ignore[assignment]
    runtime.get_current_context = get_current_context
    for name, module in list(sys.modules.items()):  # served modules built before the patch
        if (name == "airflow" or name.startswith("airflow.")) and getattr(
            module, "get_current_context", None
        ) is runtime_original:
            module.get_current_context = get_current_context  # type: ignore[attr-defined]


def warm_served_modules() -> None:
    """Build the served ``airflow.*`` modules DAG files usually import (the shim's parse-worker list), once
    in a ``local`` worker: a task that execs its DAG file then finds them in ``sys.modules`` instead of
    building them (~0.5 ms a task). The import hooks stay off: a task installs them when it execs its file,
    as before. Best effort: a module that cannot be built is simply built again by the task that needs it."""
    import contextlib
    import importlib

    from airgate.shim import importer
    from airgate.shim.worker import WARM_MODULES

    finders = list(sys.meta_path)
    importer.install()
    try:
        for name in WARM_MODULES:
            with contextlib.suppress(Exception):
                importlib.import_module(name)
    finally:
        sys.meta_path[:] = finders


def dags_folder(environ: Mapping[str, str] = os.environ) -> str:
    """``[core] dags_folder`` (``AIRFLOW__CORE__DAGS_FOLDER``, default ``$AIRFLOW_HOME/dags``) of ``environ``."""
    folder = environ.get("AIRFLOW__CORE__DAGS_FOLDER")
    if folder:
        return os.path.expanduser(folder)
    home = environ.get("AIRFLOW_HOME") or os.path.join(os.path.expanduser("~"), "airflow")
    return os.path.join(home, "dags")


DAG_JSON_ENV = "AIRGATE_DAG_JSON"
"""Optional: a file holding the task's compiled DAG document (a dag.json dict, or ``{"dags": [...]}``).
When given, the DAG file is exec'd only if the task needs one of its callables."""


class Source:
    """The task's documents and, on demand, the module of its exec'd DAG file."""

    def __init__(self, path: str, rel_path: str, dag_id: str, task_id: str) -> None:
        self.path, self.rel_path, self.dag_id, self.task_id = path, rel_path, dag_id, task_id
        self.dag_doc: dict[str, Any] = {}
        self.task_doc: dict[str, Any] = {}
        self._module: types.ModuleType | None = None

    @property
    def module(self) -> types.ModuleType:
        """The DAG file's module (exec'd under the shim on first use)."""
        if self._module is None:
            self._exec()
        assert self._module is not None
        return self._module

    def _exec(self) -> None:
        from airgate.shim import importer, parse

        for folder in (dags_folder(), os.path.dirname(self.path)):
            if folder not in sys.path:
                sys.path.append(folder)
        importer.install()
        _patch_shim_runtime()
        # With the document in hand (``AIRGATE_DAG_JSON``), only the callables are needed: skip serializing.
        code = compiled(self.path)  # as the worker compiled it, while the file is unchanged
        result = parse.parse_file(self.path, self.rel_path, serialize=not self.task_doc, code=code)
        if result["import_errors"]:
            message = result["import_errors"][0]["message"]
            raise TaskNotFound(f"Dag file {self.path} could not be imported: {message}")
        self._module = sys.modules[parse.module_name_for(self.path)]
        if not self.task_doc:
            self._pick(result["dags"])

    def _pick(self, dags: list[dict[str, Any]]) -> None:
        for dag in dags:
            if dag["dag_id"] == self.dag_id:
                for task in dag["tasks"]:
                    if task["task_id"] == self.task_id:
                        self.dag_doc, self.task_doc = dag, task
                        return
                raise TaskNotFound(f"Task {self.task_id!r} not found in Dag {self.dag_id!r} ({self.path})")
        raise TaskNotFound(f"Dag {self.dag_id!r} not found in {self.path}")


class Document:
    """A compiled DAG document (``AIRGATE_DAG_JSON``) and its tasks by ``(dag_id, task_id)``."""

    def __init__(self, data: Any) -> None:
        self.dags: list[dict[str, Any]] = data["dags"] if isinstance(data, dict) and "dags" in data else [data]
        self.tasks: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
        for dag in self.dags:
            for task in dag["tasks"]:
                self.tasks.setdefault((dag["dag_id"], task["task_id"]), (dag, task))


MAX_PRELOADED = 8
"""How many documents a ``local`` worker keeps (the most recently asked for)."""

_preloaded: dict[str, tuple[tuple[int, int, int, int], Document]] = {}


def _file_key(path: str) -> tuple[int, int, int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _read_document(path: str) -> Document:
    import json

    with open(path) as fh:
        return Document(json.load(fh))


def preload_document(path: str, folder: str | None = None) -> None:
    """Load ``path`` into this process's documents (a ``local`` worker does, before it forks the tasks that
    will read it: they then share it instead of each parsing the file again); with the tasks' DAGs
    ``folder``, compile the DAG files the document comes from too (:func:`compiled`)."""
    key = _file_key(path)
    held = _preloaded.pop(path, None)
    if held is None or held[0] != key:
        held = (key, _read_document(path))
    _preloaded[path] = held
    _trim(_preloaded)
    if folder is not None:
        for dag in held[1].dags:
            _precompile(dag.get("relative_fileloc"), folder)


_compiled: dict[str, tuple[tuple[int, int, int, int], types.CodeType]] = {}


def _trim(held: dict[str, Any]) -> None:
    while len(held) > MAX_PRELOADED:
        del held[next(iter(held))]


def _precompile(rel_path: Any, folder: str) -> None:
    """Compile (never run) a DAG file as ``parse_file`` would, for the tasks a worker forks next: they exec
    the code object instead of reading and compiling the file each (~0.1 ms a small file, ~1 ms for 6 kB).
    The file's identity is taken before it is read, so a file changed meanwhile never matches. A file
    whose compilation warns is left to the tasks, so that each task's log still shows the warning."""
    if not isinstance(rel_path, str) or not rel_path.endswith(".py"):
        return
    path = rel_path if os.path.isabs(rel_path) else os.path.join(folder, rel_path)
    try:
        key = _file_key(path)
        held = _compiled.pop(path, None)
        if held is None or held[0] != key:
            held = (key, _compile_quietly(path))
    except (OSError, SyntaxError, ValueError, Warning):
        return
    _compiled[path] = held
    _trim(_compiled)


def _compile_quietly(path: str) -> types.CodeType:
    """``path`` compiled as ``parse_file`` compiles it; any warning raised instead."""
    import warnings

    with open(path, "rb") as fh:
        source = fh.read()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return compile(source, path, "exec", dont_inherit=True)


def compiled(path: str) -> types.CodeType | None:
    """The DAG file ``path`` compiled by the worker, while the file is the one it compiled; else ``None``."""
    held = _compiled.get(path)
    if held is None:
        return None
    try:
        return held[1] if held[0] == _file_key(path) else None
    except OSError:
        return None


def document(path: str) -> Document:
    """The document in ``path``: the preloaded one while the file is unchanged, else read now."""
    held = _preloaded.get(path)
    if held is not None:
        try:
            if held[0] == _file_key(path):
                return held[1]
        except OSError:
            pass
    return _read_document(path)


def load_task(dag_rel_path: str, dag_id: str, task_id: str) -> Source:
    """The task's :class:`Source`: from ``AIRGATE_DAG_JSON`` when given, else by exec'ing the DAG file."""
    folder = dags_folder()
    path = dag_rel_path if os.path.isabs(dag_rel_path) else os.path.join(folder, dag_rel_path)
    source = Source(path, dag_rel_path, dag_id, task_id)
    compiled = os.environ.get(DAG_JSON_ENV)
    if compiled:
        doc = document(compiled)
        found = doc.tasks.get((dag_id, task_id))
        if found is not None:
            source.dag_doc, source.task_doc = found
        else:
            source._pick(doc.dags)
    else:
        source._exec()
    return source


def find_callable(ref: dict[str, Any], module: types.ModuleType) -> Any:
    """The function a ``callable`` reference names (for ``@task`` objects: the raw ``.function``)."""
    if ref.get("module") == "<dag file>" or ref.get("module") == module.__name__:
        if ref.get("module_level") and ref.get("name") in vars(module):
            obj = vars(module)[ref["name"]]
            return getattr(obj, "function", obj)
        found = _function_at_line(module, ref.get("line"), ref.get("name"))
        if found is not None:
            return found
        raise TaskNotFound(
            f"Cannot find callable {ref.get('name')!r} (line {ref.get('line')}) in the Dag file"
        )
    import importlib

    target: Any = importlib.import_module(ref["module"])
    for part in str(ref["name"]).split("."):
        target = getattr(target, part)
    return target


def _function_at_line(module: types.ModuleType, line: int | None, name: str | None) -> Any:
    """A function of the DAG file starting at ``line`` (else the one called ``name``)."""
    import gc

    path = getattr(module, "__file__", None)
    functions = [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, types.FunctionType) and obj.__code__.co_filename == path
    ]
    for obj in functions:
        if obj.__code__.co_firstlineno == line:
            return obj
    # Decorated functions: the recorded line may be the decorator's or the def's.
    for obj in functions:
        if obj.__name__ == name:
            return obj
    return None


def decode(value: Any, source: Source) -> Any:
    """A dag.json value as Python: tagged datetimes, timedeltas, sets, callables and XCom references."""
    if isinstance(value, list):
        return [decode(v, source) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("__type")
    if kind is None:
        return {k: decode(v, source) for k, v in value.items()}
    if kind == "datetime":
        return _dt.datetime.fromisoformat(value["value"])
    if kind == "date":
        return _dt.date.fromisoformat(value["value"])
    if kind == "time":
        return _dt.time.fromisoformat(value["value"])
    if kind == "timedelta":
        return _dt.timedelta(seconds=value["seconds"])
    if kind == "set":
        return set(decode(value["items"], source))
    if kind == "callable":
        return find_callable(value, source.module)
    if kind == "xcomarg":
        return XComRef(value["task_id"], value["key"])
    return value
