"""``DAG`` and ``@dag``: the arguments Airflow 3.2 accepts, validated as Airflow validates them."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Collection
from typing import Any

from . import _ctx, pendulum_shim
from .errors import AirflowDagCycleException, DuplicateTaskIdFound
from .params import Param, ParamsDict
from .taskgroup import TaskGroup
from .timetables import from_schedule

_UNSET: Any = object()
TAG_MAX_LEN = 100


def _to_utc(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = pendulum_shim.parse(value)
    if not isinstance(value, dt.datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _tz_name(value: Any) -> str:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        tz = value.tzinfo
        name = getattr(tz, "name", None) or getattr(tz, "key", None)
        if name:
            return "UTC" if str(name) in ("UTC", "Etc/UTC") else str(name)
        offset = tz.utcoffset(value) or dt.timedelta()
        if offset == dt.timedelta():
            return "UTC"
        return pendulum_shim.FixedTimezone(int(offset.total_seconds())).name
    return "UTC"


class DAG:
    """Stand-in for ``airflow.sdk.DAG`` (every Airflow 3.2 argument; unknown ones are a TypeError)."""

    max_active_tasks: int
    max_active_runs: int
    max_consecutive_failed_dag_runs: int

    def __init__(
        self,
        dag_id: str,
        description: str | None = None,
        *,
        default_args: dict[str, Any] | None = None,
        start_date: Any = None,
        end_date: Any = None,
        schedule: Any = None,
        template_searchpath: Any = None,
        template_undefined: Any = None,
        user_defined_macros: dict[str, Any] | None = None,
        user_defined_filters: dict[str, Any] | None = None,
        max_active_tasks: int | None = None,
        max_active_runs: int | None = None,
        max_consecutive_failed_dag_runs: int | None = None,
        dagrun_timeout: dt.timedelta | None = None,
        deadline: Any = None,
        sla_miss_callback: Any = None,
        catchup: bool | None = None,
        on_success_callback: Any = None,
        on_failure_callback: Any = None,
        doc_md: str | None = None,
        params: Any = None,
        access_control: Any = None,
        is_paused_upon_creation: bool | None = None,
        jinja_environment_kwargs: dict[str, Any] | None = None,
        render_template_as_native_obj: bool = False,
        tags: Collection[str] | None = None,
        owner_links: dict[str, str] | None = None,
        auto_register: bool = True,
        fail_fast: bool = False,
        allowed_run_types: Any = None,
        dag_display_name: str | None = None,
        disable_bundle_versioning: bool = False,
    ) -> None:
        from .operator import validate_key

        validate_key(dag_id)
        if description is not None and not isinstance(description, str):
            raise TypeError(
                f"'description' must be <class 'str'> (got {description!r} that is a {type(description)})."
            )
        if default_args is not None and not isinstance(default_args, dict):
            raise TypeError(
                f"'default_args' must be <class 'dict'> (got {default_args!r} that is a "
                f"{type(default_args)})."
            )
        self.dag_id = dag_id
        self.description = description
        self.default_args = dict(default_args or {})
        self.lineno = _ctx.caller_lineno()
        self.fileloc = _ctx.STATE.fileloc
        tz_source = start_date if start_date is not None else self.default_args.get("start_date")
        if isinstance(tz_source, str):
            tz_source = pendulum_shim.parse(tz_source)
        self.timezone = _tz_name(tz_source)
        self.start_date = _to_utc(
            start_date if start_date is not None else self.default_args.get("start_date")
        )
        self.end_date = _to_utc(end_date)
        for key in ("start_date", "end_date"):
            if self.default_args.get(key) is not None:
                self.default_args[key] = _to_utc(self.default_args[key])
        self.schedule = schedule
        self.timetable = from_schedule(schedule)
        self.timetable.bind_timezone(self.timezone)
        if isinstance(template_searchpath, str):
            template_searchpath = [template_searchpath]
        self.template_searchpath = list(template_searchpath) if template_searchpath is not None else None
        self.template_undefined = template_undefined
        self.user_defined_macros = user_defined_macros
        self.user_defined_filters = user_defined_filters
        for name, value, default in (
            ("max_active_tasks", max_active_tasks, 16),
            ("max_active_runs", max_active_runs, 16),
            ("max_consecutive_failed_dag_runs", max_consecutive_failed_dag_runs, 0),
        ):
            value = default if value is None else value
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"'{name}' must be <class 'int'> (got {value!r} that is a {type(value)}).")
            setattr(self, name, value)
        if dagrun_timeout is not None and not isinstance(dagrun_timeout, dt.timedelta):
            raise TypeError(
                f"'dagrun_timeout' must be <class 'datetime.timedelta'> (got {dagrun_timeout!r} "
                f"that is a {type(dagrun_timeout)})."
            )
        self.dagrun_timeout = dagrun_timeout
        self.deadline = deadline if isinstance(deadline, list) or deadline is None else [deadline]
        if sla_miss_callback is not None:
            _ctx.warn(
                "The SLA feature is removed in Airflow 3.0, and replaced with a Deadline Alerts in >=3.1"
            )
        self.catchup = False if catchup is None else bool(catchup)
        self.on_success_callback = on_success_callback
        self.on_failure_callback = on_failure_callback
        self.doc_md = doc_md
        self.params = ParamsDict(self.default_args.get("params"))
        self.params.update(ParamsDict(params))
        self.access_control = access_control
        if access_control is not None:
            _ctx.warn("The airflow.security.permissions module is deprecated", "RemovedInAirflow4Warning")
        self.is_paused_upon_creation = is_paused_upon_creation
        self.jinja_environment_kwargs = jinja_environment_kwargs
        self.render_template_as_native_obj = bool(render_template_as_native_obj)
        self.tags = set(tags or [])
        if any(len(tag) > TAG_MAX_LEN for tag in self.tags):
            raise ValueError(f"tag cannot be longer than {TAG_MAX_LEN} characters")
        self.owner_links = dict(owner_links or {})
        self.auto_register = bool(auto_register)
        self.fail_fast = bool(fail_fast)
        self.allowed_run_types = allowed_run_types
        self.dag_display_name = dag_display_name if dag_display_name is not None else dag_id
        if not isinstance(self.dag_display_name, str):
            raise TypeError("'dag_display_name' must be <class 'str'>")
        self.disable_bundle_versioning = bool(disable_bundle_versioning)
        self.task_dict: dict[str, Any] = {}
        self.edge_info: dict[str, dict[str, dict[str, Any]]] = {}
        self.task_group = TaskGroup(group_id=None, dag=self)
        self._entered = False
        self._validate_schedule_args()
        _ctx.STATE.dags.append(self)

    def _validate_schedule_args(self) -> None:
        limit = self.timetable.active_runs_limit
        if limit is not None and limit < self.max_active_runs:
            raise ValueError(
                f"Invalid max_active_runs: {type(self.timetable).__name__} "
                f"requires max_active_runs <= {limit}"
            )
        if self.timetable.can_be_scheduled:
            if self.params.missing_values():
                raise ValueError(
                    f"Dag {self.dag_id!r} is not allowed to define a Schedule, as there are required params "
                    "without default values, or the default values are not valid."
                )
            if self.catchup and not ("start_date" in self.default_args or self.start_date):
                raise ValueError("start_date is required when catchup=True")

    # -- tasks ----------------------------------------------------------------------------------
    def add_task(self, task: Any) -> None:
        """Add a task (the start/end dates are narrowed to the DAG's)."""
        start, end = task.start_date, task.end_date
        if start is not None or end is not None or self.start_date is not None or self.end_date is not None:
            if not start:
                start = self.start_date
            elif self.start_date:
                start = max(_to_utc(start), self.start_date)
            if not end:
                end = self.end_date
            elif self.end_date:
                end = min(_to_utc(end), self.end_date)
            task.start_date = None if start is None else _to_utc(start)
            task.end_date = None if end is None else _to_utc(end)
        task_id = task.task_id
        if (
            task_id in self.task_dict and self.task_dict[task_id] is not task
        ) or task_id in self.task_group.used_group_ids:
            raise DuplicateTaskIdFound(f"Task id '{task_id}' has already been added to the DAG")
        self.task_dict[task_id] = task
        task.dag = self
        self.task_group.used_group_ids.add(task_id)

    def adopt(self, task: Any) -> None:
        """Give a DAG-less task (e.g. one created outside any context) to this DAG."""
        if task.task_group is None:
            task.task_group = self.task_group
            self.task_group.add(task)
        self.add_task(task)

    @property
    def tasks(self) -> list[Any]:
        return list(self.task_dict.values())

    @property
    def task_ids(self) -> list[str]:
        return list(self.task_dict)

    def get_task(self, task_id: str) -> Any:
        return self.task_dict[task_id]

    def has_task(self, task_id: str) -> bool:
        return task_id in self.task_dict

    # -- validation (done when the file is bagged) -----------------------------------------------
    def check_cycle(self) -> None:
        """Raise ``AirflowDagCycleException`` naming the faulty task, like Airflow."""
        new, in_progress, done = 0, 1, 2
        visited: dict[str, int] = {}
        for start in self.task_dict:
            if visited.get(start) == done:
                continue
            stack = [start]
            while stack:
                current = stack[-1]
                if visited.get(current, new) == new:
                    visited[current] = in_progress
                child = None
                for adjacent in sorted(self.task_dict[current].downstream_task_ids):
                    state = visited.get(adjacent, new)
                    if state == in_progress:
                        raise AirflowDagCycleException(
                            f"Cycle detected in Dag: {self.dag_id}. Faulty task: {current}"
                        )
                    if state == new:
                        child = adjacent
                        break
                if child is None:
                    visited[current] = done
                    stack.pop()
                else:
                    stack.append(child)

    def validate(self) -> None:
        """Everything Airflow checks before accepting the DAG."""
        self.timetable.validate()
        for task in self.tasks:
            if task.is_setup and task.is_teardown:
                raise ValueError(f"Task {task.task_id} cannot be both setup and teardown")
        self.check_cycle()

    def __enter__(self) -> DAG:
        self._entered = True
        _ctx.STATE.dag_stack.append(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        _ctx.STATE.dag_stack.pop()

    def __repr__(self) -> str:
        return f"<DAG: {self.dag_id}>"

    def __hash__(self) -> int:
        return hash(self.dag_id)


def dag(dag_id: Any = "", __dag_id: Any = None, **decorator_kwargs: Any) -> Any:
    """``@dag`` / ``@dag(...)``: calling the function builds the DAG; its parameters become params."""
    if callable(dag_id) and not decorator_kwargs:
        return _dag_factory({})(dag_id)
    if dag_id:
        decorator_kwargs["dag_id"] = dag_id
    return _dag_factory(decorator_kwargs)


def _dag_factory(kwargs: dict[str, Any]) -> Any:
    def wrapper(fn: Any) -> Any:
        @functools.wraps(fn)
        def factory(*args: Any, **fkwargs: Any) -> DAG:
            sig = inspect.signature(fn).bind(*args, **fkwargs)
            sig.apply_defaults()
            dag_kwargs = dict(kwargs)
            dag_id = dag_kwargs.pop("dag_id", None) or fn.__name__
            params = ParamsDict(dag_kwargs.pop("params", None))
            for name, value in sig.arguments.items():
                params[name] = value if isinstance(value, Param) else Param(value)
            if "doc_md" not in dag_kwargs and fn.__doc__:
                dag_kwargs["doc_md"] = fn.__doc__
            with DAG(dag_id, params=params, **dag_kwargs) as new_dag:
                from .xcom import MappedArgument

                call_args = {n: _ParamRef(n) for n in sig.arguments}
                fn(**{k: v for k, v in call_args.items() if not isinstance(v, MappedArgument)})
            return new_dag

        return factory

    return wrapper


class _ParamRef:
    """A ``@dag`` function argument inside the body: a reference to ``params[name]``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __shim_json__(self) -> dict[str, Any]:
        return {"__type": "param_ref", "name": self.name}

    def __str__(self) -> str:
        return "{{ params." + self.name + " }}"


_ = _UNSET
