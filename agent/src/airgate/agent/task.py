"""One loaded task: its documents, resolved and rendered arguments, and the outcome exceptions."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from .dagfile import Source, XComRef, decode
from .runtime import Api, LazyXComSequence
from .templates import Renderer

if TYPE_CHECKING:
    import types

DECORATED_PYTHON = {
    "_PythonDecoratedOperator",
    "_BranchPythonDecoratedOperator",
    "_ShortCircuitDecoratedOperator",
    "_PythonSensorDecoratedOperator",
    "_BashDecoratedOperator",
    "DecoratedSensorOperator",
}
"""Decorated operators whose expanded (mapped) arguments go into ``op_kwargs``."""

FIELD_DEFAULTS: dict[str, Any] = {"op_args": [], "op_kwargs": {}}
"""Template fields whose default (when the DAG did not give them) is not ``None``."""


class Reschedule(Exception):
    """The sensor asks to be run again at ``reschedule_date`` (state ``up_for_reschedule``)."""

    def __init__(self, reschedule_date: _dt.datetime) -> None:
        super().__init__(f"Rescheduling to {reschedule_date.isoformat()}")
        self.reschedule_date = reschedule_date


class Task:
    """Everything an operator implementation needs."""

    def __init__(
        self,
        api: Api,
        run: dict[str, Any],
        dag_doc: dict[str, Any],
        doc: dict[str, Any],
        source: Source,
        context: dict[str, Any],
        renderer: Renderer,
    ) -> None:
        self.api, self.run, self.dag_doc, self.doc, self.source = api, run, dag_doc, doc, source
        self.context, self.renderer = context, renderer
        self.class_name: str = (doc.get("class_ref") or {}).get("class_name") or doc.get("task_type") or ""
        self.kwargs: dict[str, Any] = {}
        self._tasks: dict[str, dict[str, Any]] | None = None

    @property
    def tasks(self) -> dict[str, dict[str, Any]]:
        """The DAG's task documents by task id (built on first use: most tasks never need it)."""
        if self._tasks is None:
            self._tasks = {t["task_id"]: t for t in self.dag_doc.get("tasks", [])}
        return self._tasks

    @property
    def module(self) -> types.ModuleType:
        """The exec'd DAG file (exec'd on first use)."""
        return self.source.module

    # -- arguments ------------------------------------------------------------------------------------
    def prepare(self) -> dict[str, Any]:
        """Decode the task's arguments, apply its expansion (mapped tasks), resolve XCom references and
        render the template fields; returns the rendered fields as the rtif body carries them."""
        from .templates import serialize_rendered

        raw = dict(self.doc.get("kwargs") or {})
        mapping = self.doc.get("mapping")
        if self.doc.get("is_mapped") and mapping:
            raw.update(mapping.get("partial_kwargs") or {})
            raw = {**raw, **self._expanded(mapping)}
        kwargs = self.resolve(self._group_arguments(decode(raw, self.source)))
        fields = list(self.doc.get("template_fields") or [])
        for name in fields:
            value = kwargs.get(name, FIELD_DEFAULTS.get(name))
            kwargs[name] = self.renderer.render(value, self.context)
        self.kwargs = kwargs
        return {name: serialize_rendered(kwargs.get(name)) for name in fields}

    def _expanded(self, mapping: dict[str, Any]) -> dict[str, Any]:
        index = self.api.me.map_index
        expand = mapping.get("expand_input")
        if mapping.get("expand_type") == "list":
            items = self._sequence(expand)
            chosen = decode(items[index], self.source)
            return self._place(chosen if isinstance(chosen, dict) else {})
        values: dict[str, Any] = {}
        sequences = {key: self._sequence(value) for key, value in (expand or {}).items()}
        if len(sequences) == 1:
            key, seq = next(iter(sequences.items()))
            return self._place({key: seq[index]})
        for key in reversed(list(sequences)):
            seq = sequences[key]
            length = len(seq)
            values[key] = seq[index % length] if length else None
            index //= max(length, 1)
        return self._place(values)

    # -- mapped task groups ---------------------------------------------------------------------------
    def _mapped_group(self, task_id: str) -> dict[str, Any] | None:
        """The innermost mapped task group ``task_id`` belongs to, or None."""
        groups = {g["group_id"]: g for g in self.dag_doc.get("task_groups") or []}
        group_id = (self.tasks.get(task_id) or {}).get("task_group_id")
        while group_id is not None and group_id in groups:
            if groups[group_id].get("is_mapped"):
                return groups[group_id]
            group_id = groups[group_id].get("parent_group_id")
        return None

    def _group_arguments(self, value: Any) -> Any:
        """``mapped_argument`` placeholders replaced by this map index's value of the group's expansion."""
        if isinstance(value, dict) and value.get("__type") == "mapped_argument":
            group = next((g for g in self.dag_doc.get("task_groups") or [] if g["group_id"] == value["group_id"]),
                         None)
            mapping = (group or {}).get("mapping") or {}
            if mapping.get("expand_type") == "list":
                chosen = self.resolve(decode(self._sequence(mapping.get("expand_input"))[self.api.me.map_index],
                                             self.source))
                return chosen.get(value["key"]) if isinstance(chosen, dict) else None
            return self._chosen(mapping.get("expand_input") or {}, self.api.me.map_index).get(value["key"])
        if isinstance(value, list):
            return [self._group_arguments(v) for v in value]
        if isinstance(value, dict):
            return {k: self._group_arguments(v) for k, v in value.items()}
        return value

    def _chosen(self, expand: dict[str, Any], index: int) -> dict[str, Any]:
        """The values of a dict expansion at ``index`` (the last key varies fastest, as Airflow's product)."""
        sequences = {key: self._sequence(value) for key, value in expand.items()}
        values: dict[str, Any] = {}
        for key in reversed(list(sequences)):
            seq = sequences[key]
            length = len(seq)
            values[key] = decode(seq[index % length], self.source) if length else None
            index //= max(length, 1)
        return values

    def _sequence(self, value: Any) -> Any:
        """A literal list, or the values an XCom reference stands for."""
        if isinstance(value, dict) and value.get("__type") == "xcomarg":
            return self.resolve(XComRef(value["task_id"], value["key"]))
        return value

    def _place(self, values: dict[str, Any]) -> dict[str, Any]:
        if self.class_name in DECORATED_PYTHON:
            merged = dict((self.doc.get("kwargs") or {}).get("op_kwargs") or {})
            merged.update(
                ((self.doc.get("mapping") or {}).get("partial_kwargs") or {}).get("op_kwargs") or {}
            )
            merged.update(values)
            return {"op_kwargs": merged}
        return values

    def resolve(self, value: Any) -> Any:
        """XCom references replaced by their values (a mapped upstream's values are fetched lazily)."""
        if isinstance(value, XComRef):
            upstream = self.tasks.get(value.task_id) or {}
            group = self._mapped_group(value.task_id)
            same_instance = group is not None and group is self._mapped_group(self.doc.get("task_id", ""))
            if upstream.get("is_mapped") or (group is not None and not same_instance):
                return LazyXComSequence(self.api, value.task_id, value.key)
            index = self.api.me.map_index if same_instance else None  # the same instance of the mapped group
            result = self.api.xcom_get(value.task_id, value.key, map_index=index)
            if result is None:
                raise KeyError(
                    f'XComArg result from {value.task_id} at {self.api.me.dag_id} with key="{value.key}" is not found!'
                )
            return result
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.resolve(v) for v in value)
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def arg(self, name: str, default: Any = None) -> Any:
        """A resolved, rendered argument (``default`` when the DAG did not give it)."""
        return self.kwargs.get(name, default)
