"""``TaskGroup`` and ``MappedTaskGroup``."""

from __future__ import annotations

import re
from typing import Any

from . import _ctx
from .errors import DuplicateTaskIdFound, TaskAlreadyInTaskGroup
from .nodes import DependencyMixin, operators_of
from .values import encode


class TaskGroup(DependencyMixin):
    """A named group of tasks; ids are prefixed with the group id unless ``prefix_group_id=False``."""

    def __init__(
        self,
        group_id: str | None = None,
        prefix_group_id: bool = True,
        parent_group: Any = None,
        dag: Any = None,
        default_args: dict[str, Any] | None = None,
        tooltip: str = "",
        ui_color: str = "CornflowerBlue",
        ui_fgcolor: str = "#000",
        add_suffix_on_collision: bool = False,
        group_display_name: str = "",
    ) -> None:
        from .operator import validate_key

        self.prefix_group_id = prefix_group_id
        self.default_args = dict(default_args or {})
        self.tooltip = tooltip
        self.ui_color = ui_color
        self.ui_fgcolor = ui_fgcolor
        self.children: dict[str, Any] = {}
        self.lineno = _ctx.caller_lineno()
        self.expand_input: Any = None
        self.expand_type: str | None = None
        self._group_id = group_id
        self.parent_group = None
        if group_id is None:
            self.dag = dag
            self.used_group_ids: set[str | None] = set()
            self.group_display_name = group_display_name
            return
        if not isinstance(group_id, str):
            raise ValueError("group_id must be str")
        validate_key(group_id)
        self.dag = dag or _ctx.STATE.current_dag()
        parent = parent_group or _ctx.STATE.current_group() or (self.dag.task_group if self.dag else None)
        if parent is None:
            raise RuntimeError("TaskGroup can only be used inside a dag")
        self.dag = self.dag or parent.dag
        self.parent_group = parent
        self.used_group_ids = parent.used_group_ids
        self.group_display_name = group_display_name or group_id
        if self.group_id in self.used_group_ids:
            if not add_suffix_on_collision:
                raise DuplicateTaskIdFound(f"group_id '{self._group_id}' has already been added to the DAG")
            base = re.split(r"__\d+$", group_id)[0]
            suffixes = sorted(
                int(u.rsplit("__", 1)[1])
                for u in self.used_group_ids
                if u and re.match(rf"^{re.escape(base)}__\d+$", u)
            )
            self._group_id = f"{base}__{suffixes[-1] + 1}" if suffixes else f"{group_id}__1"
        parent.add(self)
        if parent.default_args:
            self.default_args = {**parent.default_args, **self.default_args}
        self.used_group_ids.add(self.group_id)

    @property
    def group_id(self) -> str | None:
        parent = self.parent_group
        if parent is not None and parent.prefix_group_id and parent._group_id:
            return parent.child_id(self._group_id)
        return self._group_id

    @property
    def node_id(self) -> str | None:
        return self.group_id

    @property
    def is_root(self) -> bool:
        return not self._group_id

    def child_id(self, label: str) -> str:
        """The full id of a child called ``label``."""
        if self.prefix_group_id and self.group_id:
            return f"{self.group_id}.{label}"
        return label

    def add(self, node: Any) -> Any:
        """Add a task or a group."""
        is_task = hasattr(node, "task_id")
        if is_task:
            existing = getattr(node, "task_group", None)
            if existing is not None and existing is not self:
                raise TaskAlreadyInTaskGroup(
                    f"cannot add {node.task_id!r} to {self.group_id!r} (already in {existing.group_id!r})"
                )
            key = node.task_id
        else:
            key = node.group_id
        if key in self.children:
            node_type = "Task" if is_task else "Task Group"
            raise DuplicateTaskIdFound(f"{node_type} id '{key}' has already been added to the Dag")
        if is_task:
            node.task_group = self
        self.children[key] = node
        return node

    def all_default_args(self) -> dict[str, Any]:
        """default_args of this group (parents' included)."""
        return dict(self.default_args)

    def iter_tasks(self) -> list[Any]:
        """All tasks in this group, recursively."""
        out: list[Any] = []
        for child in self.children.values():
            if isinstance(child, TaskGroup):
                out.extend(child.iter_tasks())
            else:
                out.append(child)
        return out

    def roots(self) -> list[Any]:
        """Tasks of the group with no upstream inside the group."""
        ids = {t.task_id for t in self.iter_tasks()}
        return [t for t in self.iter_tasks() if not (t.upstream_task_ids & ids)]

    def leaves(self) -> list[Any]:
        """Tasks of the group with no downstream inside the group (teardowns give way to their work)."""
        tasks = self.iter_tasks()
        ids = {t.task_id for t in tasks}
        leaves = [t for t in tasks if not (t.downstream_task_ids & ids)]
        non_teardown = [t for t in leaves if not t.is_teardown]
        if len(non_teardown) != len(leaves):
            by_id = {t.task_id: t for t in tasks}
            extra = [
                by_id[u]
                for t in leaves
                if t.is_teardown
                for u in sorted(t.upstream_task_ids)
                if u in by_id and not by_id[u].is_teardown and not by_id[u].is_setup
            ]
            unique: dict[str, Any] = {}
            for task in non_teardown + extra:
                unique.setdefault(task.task_id, task)
            non_teardown = list(unique.values())
        return non_teardown

    def _relate(self, other: Any, upstream: bool, edge_label: Any = None) -> None:
        if upstream:
            for up in operators_of(other, as_upstream=True):
                for down in self.roots():
                    up.add_downstream_task(down, edge_label)
        else:
            for up in self.leaves():
                for down in operators_of(other, as_upstream=False):
                    up.add_downstream_task(down, edge_label)

    def __enter__(self) -> TaskGroup:
        _ctx.STATE.group_stack.append(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        _ctx.STATE.group_stack.pop()

    def __shim_json__(self) -> dict[str, Any]:
        children_groups = sorted(str(c.group_id) for c in self.children.values() if isinstance(c, TaskGroup))
        children_tasks = sorted(c.task_id for c in self.children.values() if not isinstance(c, TaskGroup))
        out: dict[str, Any] = {
            "group_id": self.group_id,
            "group_display_name": self.group_display_name,
            "parent_group_id": self.parent_group.group_id if self.parent_group is not None else None,
            "prefix_group_id": self.prefix_group_id,
            "tooltip": self.tooltip,
            "ui_color": self.ui_color,
            "ui_fgcolor": self.ui_fgcolor,
            "default_args": encode(self.default_args),
            "task_ids": children_tasks,
            "group_ids": children_groups,
            "is_mapped": self.expand_input is not None,
        }
        if self.expand_input is not None:
            out["mapping"] = {"expand_type": self.expand_type, "expand_input": encode(self.expand_input)}
        return out


class MappedTaskGroup(TaskGroup):
    """A task group expanded at run time (made by ``@task_group(...).expand(...)``)."""


def task_group_context(group: TaskGroup) -> TaskGroup:
    """Enter ``group`` (helper for the decorator)."""
    return group
