"""Jinja2 rendering of a task's template fields, as Airflow's templater does (imported lazily)."""

from __future__ import annotations

import os
from typing import Any


def _filters() -> dict[str, Any]:
    def ds(value: Any) -> str:
        return value.strftime("%Y-%m-%d")

    def ds_nodash(value: Any) -> str:
        return value.strftime("%Y%m%d")

    def ts(value: Any) -> str:
        return value.isoformat()

    def ts_nodash(value: Any) -> str:
        return value.strftime("%Y%m%dT%H%M%S")

    def ts_nodash_with_tz(value: Any) -> str:
        return value.isoformat().replace("-", "").replace(":", "")

    return {
        "ds": ds,
        "ds_nodash": ds_nodash,
        "ts": ts,
        "ts_nodash": ts_nodash,
        "ts_nodash_with_tz": ts_nodash_with_tz,
    }


class Renderer:
    """Renders values with the DAG's Jinja settings (``template_searchpath``, native objects, undefined,
    user-defined macros and filters)."""

    def __init__(self, dag_doc: dict[str, Any], task_doc: dict[str, Any], dag_file: str, decode: Any) -> None:
        self._dag_doc, self._dag_file, self._decode = dag_doc, dag_file, decode
        native = task_doc.get("render_template_as_native_obj")
        if native is None:
            native = dag_doc.get("render_template_as_native_obj")
        self._native = bool(native)
        # a string without Jinja syntax renders to itself with the default delimiters, except under the native
        # environment (``"1"`` becomes 1) and for newline handling (``\r\n`` and a trailing newline change)
        self.plain_is_itself = not native and not dag_doc.get("jinja_environment_kwargs")
        self.template_ext = tuple(task_doc.get("template_ext") or ())
        self.user_macros: dict[str, Any] = {}
        self._env: Any = None
        if not self.plain_is_itself or dag_doc.get("user_defined_filters") or dag_doc.get("user_defined_macros"):
            self._build()  # now, so that a bad setting fails the task whether or not a field needs Jinja

    @property
    def env(self) -> Any:
        """The Jinja environment (made on first use: a task whose fields hold no Jinja never needs one)."""
        if self._env is None:
            self._build()
        return self._env

    def _build(self) -> None:
        import jinja2
        import jinja2.nativetypes
        import jinja2.sandbox

        dag_doc = self._dag_doc
        searchpath = [os.path.dirname(self._dag_file), *list(dag_doc.get("template_searchpath") or [])]
        undefined_name = (
            (dag_doc.get("template_undefined") or {}).get("name")
            if isinstance(dag_doc.get("template_undefined"), dict)
            else None
        )
        undefined = (
            getattr(jinja2, undefined_name, jinja2.StrictUndefined)
            if undefined_name
            else jinja2.StrictUndefined
        )
        options: dict[str, Any] = {
            "loader": jinja2.FileSystemLoader(searchpath),
            "undefined": undefined,
            "extensions": ["jinja2.ext.do"],
            "cache_size": 0,
        }
        options.update(dag_doc.get("jinja_environment_kwargs") or {})
        env_cls: Any = (
            jinja2.nativetypes.NativeEnvironment if self._native else jinja2.sandbox.SandboxedEnvironment
        )
        env = env_cls(**options)
        env.filters.update(_filters())
        env.filters.update(self._decode(dag_doc.get("user_defined_filters") or {}))
        self.user_macros = self._decode(dag_doc.get("user_defined_macros") or {})
        self._env = env

    def render(self, value: Any, context: dict[str, Any]) -> Any:
        """``value`` rendered: strings (and files named by strings ending in ``template_ext``), recursively
        inside lists, tuples, sets and dicts; anything else unchanged."""
        if isinstance(value, str):
            if self.plain_is_itself and not any(c in value for c in "{\r") and not value.endswith("\n") \
                    and not (self.template_ext and value.endswith(self.template_ext)):
                return value
            if self.template_ext and value.endswith(self.template_ext):
                template = self.env.get_template(value)
            else:
                template = self.env.from_string(value)
            return template.render({**self.user_macros, **context})
        if isinstance(value, list):
            return [self.render(v, context) for v in value]
        if isinstance(value, tuple):
            return tuple(self.render(v, context) for v in value)
        if isinstance(value, set):
            return {self.render(v, context) for v in value}
        if isinstance(value, dict):
            return {k: self.render(v, context) for k, v in value.items()}
        return value


def serialize_rendered(value: Any) -> Any:
    """A rendered value as the rtif body carries it: JSON values as they are, anything else as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [serialize_rendered(v) for v in value]
    if isinstance(value, dict):
        return {str(k): serialize_rendered(v) for k, v in value.items()}
    return str(value)
