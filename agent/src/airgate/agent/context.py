"""The Airflow template context (``ds``, ``ti``, ``params``, ``var``, ``conn``, ``macros``...) and the
``ti`` object a task sees."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from .accessors import AttrDict, ConnectionAccessor, Lazy, VariableAccessor
from .outlets import OutletEvents
from .runtime import XCOM_RETURN_KEY, Api

_NOTSET: Any = object()


class DateTime(_dt.datetime):
    """An aware datetime printed like ``pendulum.DateTime`` (ISO 8601 with ``T``)."""

    def __str__(self) -> str:
        return self.isoformat()

    def add(self, **kwargs: Any) -> DateTime:
        """``pendulum``'s ``add`` for days/hours/minutes/seconds/weeks."""
        return _aware(self + _dt.timedelta(**kwargs))

    def subtract(self, **kwargs: Any) -> DateTime:
        """``pendulum``'s ``subtract``."""
        return _aware(self - _dt.timedelta(**kwargs))


def as_datetime(value: Any) -> DateTime | None:
    """An ISO string or datetime as :class:`DateTime` (UTC when naive); ``None`` stays ``None``."""
    if value is None:
        return None
    return _aware(value)


def _aware(value: Any) -> DateTime:
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.UTC)
    return DateTime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=value.tzinfo,
        fold=value.fold,
    )


class TaskView:
    """The ``task`` in the context: the task document's fields as attributes."""

    def __init__(self, doc: dict[str, Any], dag_doc: dict[str, Any]) -> None:
        self._doc = doc
        self.dag_id = dag_doc["dag_id"]
        self.downstream_task_ids = set(doc.get("downstream_task_ids") or [])
        self.upstream_task_ids = set(doc.get("upstream_task_ids") or [])

    def __getattr__(self, name: str) -> Any:
        try:
            return self._doc[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        return f"<Task({self._doc.get('operator_name')}): {self._doc['task_id']}>"


class RuntimeTI:
    """The ``ti`` / ``task_instance`` a task sees."""

    def __init__(self, api: Api, run: dict[str, Any], task: TaskView, dag_doc: dict[str, Any]) -> None:
        me = api.me
        self._api, self._dag_doc = api, dag_doc
        self.id, self.dag_id, self.task_id, self.run_id = me.ti_id, me.dag_id, me.task_id, me.run_id
        self.try_number, self.map_index = me.try_number, me.map_index
        self.max_tries = run.get("max_tries", 0)
        self.task = task
        self.start_date: DateTime | None = None
        self.logical_date = as_datetime(run["dag_run"].get("logical_date"))
        self.hostname = ""
        self.state = "running"

    def xcom_push(self, key: str, value: Any) -> None:
        """Store an XCom of this task instance."""
        self._api.xcom_push(key, value)

    def xcom_pull(
        self,
        task_ids: str | list[str] | None = None,
        dag_id: str | None = None,
        key: str = XCOM_RETURN_KEY,
        include_prior_dates: bool = False,
        *,
        map_indexes: Any = _NOTSET,
        default: Any = None,
        run_id: str | None = None,
    ) -> Any:
        """Airflow's ``xcom_pull``: all map indexes via the slice route unless ``map_indexes`` is given."""
        single = task_ids is None or isinstance(task_ids, str)
        ids = (
            [self.task_id]
            if task_ids is None
            else [task_ids]
            if isinstance(task_ids, str)
            else list(task_ids)
        )
        where = {"dag_id": dag_id, "run_id": run_id, "include_prior_dates": include_prior_dates}
        if map_indexes is _NOTSET:
            out: list[Any] = []
            for tid in ids:
                values = self._api.xcom_slice(tid, key, **where)
                out.extend([None] if values is None else values)
            return out[0] if single and len(out) == 1 else out
        indexes = [map_indexes] if isinstance(map_indexes, int) or map_indexes is None else list(map_indexes)
        found = []
        for tid in ids:
            for index in indexes:
                value = self._api.xcom_get(tid, key, index, **where)
                found.append(default if value is None else value)
        single_index = isinstance(map_indexes, int) or map_indexes is None
        return found[0] if single and single_index else found

    def get_template_context(self) -> Any:
        """The running task's context."""
        from .dagfile import Holder

        return Holder.context

    def __repr__(self) -> str:
        return f"RuntimeTaskInstance(id={self.id!r}, task_id={self.task_id!r}, try_number={self.try_number})"


def _ds_add(ds: str, days: int) -> str:
    if not days:
        return str(ds)
    return (_dt.datetime.strptime(str(ds), "%Y-%m-%d") + _dt.timedelta(days=days)).strftime("%Y-%m-%d")


def _ds_format(ds: str, input_format: str, output_format: str) -> str:
    return _dt.datetime.strptime(str(ds), input_format).strftime(output_format)


def macros() -> AttrDict:
    """``macros``: Airflow's date helpers and the standard modules it exposes."""
    import random
    import time
    import uuid

    return AttrDict(
        ds_add=_ds_add,
        ds_format=_ds_format,
        datetime=_dt.datetime,
        timedelta=_dt.timedelta,
        date=_dt.date,
        time=time,
        uuid=uuid,
        random=random,
        json=json,
        datetime_diff_for_humans=lambda dt, since=None: str((since or _dt.datetime.now(_dt.UTC)) - dt),
    )


def params_for(
    dag_doc: dict[str, Any], task_doc: dict[str, Any], conf: dict[str, Any] | None
) -> dict[str, Any]:
    """Task params over DAG params, with ``dag_run.conf`` overriding them
    (``[core] dag_run_conf_overrides_params``, default true)."""
    import os

    out: dict[str, Any] = {}
    for source in (dag_doc.get("params") or {}, task_doc.get("params") or {}):
        for name, spec in source.items():
            out[name] = spec.get("value") if isinstance(spec, dict) and "value" in spec else spec
    overrides = os.environ.get("AIRFLOW__CORE__DAG_RUN_CONF_OVERRIDES_PARAMS", "True").lower() in (
        "true",
        "1",
        "t",
    )
    if conf and overrides:
        out.update(conf)
    return out


def build_context(
    api: Api, run: dict[str, Any], dag_doc: dict[str, Any], task_doc: dict[str, Any]
) -> dict[str, Any]:
    """The template context Airflow 3.2's task runner builds, from the ``/run`` answer."""
    dr = run["dag_run"]
    task = TaskView(task_doc, dag_doc)
    ti = RuntimeTI(api, run, task, dag_doc)
    dag_run = AttrDict(dr)
    for field in (
        "logical_date",
        "data_interval_start",
        "data_interval_end",
        "run_after",
        "start_date",
        "end_date",
    ):
        dag_run[field] = as_datetime(dr.get(field))
    dag_run["conf"] = dr.get("conf") or {}
    prev: Lazy = Lazy(api.previous_successful_dagrun)
    ctx: dict[str, Any] = {
        "dag": AttrDict({k: v for k, v in dag_doc.items() if k != "tasks"}),
        "dag_run": dag_run,
        "run_id": dr["run_id"],
        "task": task,
        "ti": ti,
        "task_instance": ti,
        "params": params_for(dag_doc, task_doc, dr.get("conf")),
        "var": {"value": VariableAccessor(api, False), "json": VariableAccessor(api, True)},
        "conn": ConnectionAccessor(api),
        "macros": macros(),
        "map_index_template": task_doc.get("map_index_template"),
        "inlets": task_doc.get("inlets") or [],
        "outlets": task_doc.get("outlets") or [],
        "task_instance_key_str": f"{dag_doc['dag_id']}__{task_doc['task_id']}__{dr['run_id']}",
        "task_reschedule_count": run.get("task_reschedule_count") or 0,
        "triggering_asset_events": {},
        "prev_start_date_success": Lazy(lambda: as_datetime(prev.resolve().get("start_date"))),
        "prev_end_date_success": Lazy(lambda: as_datetime(prev.resolve().get("end_date"))),
        "expanded_ti_count": None,
        "outlet_events": OutletEvents(),
    }
    logical_date = as_datetime(dr.get("logical_date"))
    if logical_date is not None:
        ds = logical_date.strftime("%Y-%m-%d")
        ts = logical_date.isoformat()
        ctx.update(
            logical_date=logical_date,
            ds=ds,
            ds_nodash=ds.replace("-", ""),
            ts=ts,
            ts_nodash=logical_date.strftime("%Y%m%dT%H%M%S"),
            ts_nodash_with_tz=ts.replace("-", "").replace(":", ""),
            task_instance_key_str=f"{dag_doc['dag_id']}__{task_doc['task_id']}__{ds.replace('-', '')}",
            data_interval_start=as_datetime(dr.get("data_interval_start")),
            data_interval_end=as_datetime(dr.get("data_interval_end")),
            prev_data_interval_start_success=Lazy(
                lambda: as_datetime(prev.resolve().get("data_interval_start"))
            ),
            prev_data_interval_end_success=Lazy(lambda: as_datetime(prev.resolve().get("data_interval_end"))),
        )
    return ctx
