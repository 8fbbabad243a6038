"""A compiled DAG (dag.json) as the graph the UI views walk: tasks, task groups (nested, with their join
relations), Airflow's child orderings and ``partial_subset``.

dag.json records task-level edges only. A group's own relations (what ``task >> group`` / ``group >> group``
record in Airflow, used for the Graph view's join nodes) are read from the group document when present and
otherwise derived: a task outside a group that is upstream of every root of the group is the group's
upstream task (and likewise for leaves and downstream tasks); when those tasks are exactly the leaves of
another group, the two groups are related instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from airgate.gateway.errors import HTTPError


@dataclass(eq=False)
class Task:
    """One task of the DAG."""

    task_id: str
    display_name: str
    operator_name: str | None
    is_setup: bool
    is_teardown: bool
    is_mapped: bool
    group: Group
    upstream: set[str] = field(default_factory=set)
    downstream: set[str] = field(default_factory=set)
    doc: Mapping[str, Any] = field(default_factory=dict)

    @property
    def node_id(self) -> str:
        return self.task_id

    @property
    def label(self) -> str:
        """The task id without its group's prefix."""
        group = self.group
        if group.group_id and group.prefix_group_id and self.task_id.startswith(f"{group.group_id}."):
            return self.task_id[len(group.group_id) + 1:]
        return self.task_id

    @property
    def shown_name(self) -> str:
        """What the graph and grid show: the display name when one is set, else the label."""
        return self.display_name if self.display_name != self.task_id else self.label


@dataclass(eq=False)
class Group:
    """A task group (``group_id`` None for the root)."""

    group_id: str | None
    short_id: str | None = None
    display_name: str | None = None
    tooltip: str = ""
    is_mapped: bool = False
    prefix_group_id: bool = True
    parent: Group | None = None
    children: dict[str, Task | Group] = field(default_factory=dict)
    upstream_task_ids: set[str] = field(default_factory=set)
    downstream_task_ids: set[str] = field(default_factory=set)
    upstream_group_ids: set[str] = field(default_factory=set)
    downstream_group_ids: set[str] = field(default_factory=set)

    @property
    def node_id(self) -> str:
        return self.group_id or ""

    @property
    def label(self) -> str:
        return self.display_name or self.short_id or ""

    @property
    def upstream_join_id(self) -> str:
        return f"{self.group_id}.upstream_join_id"

    @property
    def downstream_join_id(self) -> str:
        return f"{self.group_id}.downstream_join_id"

    def tasks(self) -> list[Task]:
        """Every task in the group, nested groups included."""
        out: list[Task] = []
        for child in self.children.values():
            out.extend(child.tasks() if isinstance(child, Group) else [child])
        return out

    def groups(self) -> list[Group]:
        """This group and every nested group."""
        out = [self]
        for child in self.children.values():
            if isinstance(child, Group):
                out.extend(child.groups())
        return out

    def roots(self) -> list[Task]:
        tasks = self.tasks()
        ids = {t.task_id for t in tasks}
        return [t for t in tasks if not (t.upstream & ids)]

    def leaves(self, graph: DagGraph) -> list[Task]:
        """Tasks without downstream in the group; a teardown leaf gives way to the work it tears down."""
        tasks = self.tasks()
        ids = {t.task_id for t in tasks}

        def busy(task: Task, exclude: str) -> bool:
            return any(d != exclude and d in ids and not graph.tasks[d].is_teardown for d in task.downstream)

        def first_work(task: Task) -> Iterable[Task]:
            for up_id in sorted(task.upstream):
                if up_id not in ids:
                    continue
                up = graph.tasks[up_id]
                if up.is_teardown:
                    yield from first_work(up)
                elif task.is_teardown and up.is_setup:
                    continue
                elif not busy(up, task.task_id):
                    yield up

        out: list[Task] = []
        for task in tasks:
            if task.downstream & ids:
                continue
            out.extend([task] if not task.is_teardown else first_work(task))
        return out

    def topological(self, graph: DagGraph) -> list[Task | Group]:
        """Children so that each comes after what it depends on (Airflow's pass-based Kahn sort)."""
        pending = dict(self.children)
        ordered: list[Task | Group] = []
        while pending:
            progressed = False
            for node in list(pending.values()):
                if not any(self._blocks(graph, up, pending) for up in graph.upstream_of(node)):
                    del pending[node.node_id]
                    ordered.append(node)
                    progressed = True
            if not progressed:  # a cycle cannot be registered; never loop forever
                ordered.extend(pending.values())
                break
        return ordered

    @staticmethod
    def _blocks(graph: DagGraph, up: Task, pending: Mapping[str, Task | Group]) -> bool:
        if up.task_id in pending:
            return True
        group: Group | None = up.group
        while group is not None:
            if group.node_id in pending:
                return True
            group = group.parent
        return False


class DagGraph:
    """The tasks and groups of one dag.json."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.root = Group(None)
        self.tasks: dict[str, Task] = {}
        self.edge_labels: dict[tuple[str, str], str] = {
            (e["source"], e["target"]): e["label"] for e in data.get("edges") or [] if e.get("label")}
        docs = {g["group_id"]: g for g in data.get("task_groups") or []}
        self.group_map: dict[str, Group] = {}
        for group_id in sorted(docs, key=lambda g: g.count(".") if docs[g].get("prefix_group_id", True) else 0):
            self._group(group_id, docs)
        for doc in data.get("tasks") or []:
            parent = self.group_map.get(doc.get("task_group_id") or "", self.root)
            task = Task(doc["task_id"], doc.get("task_display_name") or doc["task_id"], doc.get("operator_name"),
                        bool(doc.get("is_setup")), bool(doc.get("is_teardown")), bool(doc.get("is_mapped")),
                        parent, set(doc.get("upstream_task_ids") or ()), set(doc.get("downstream_task_ids") or ()),
                        doc)
            self.tasks[task.task_id] = task
            parent.children[task.task_id] = task
        for group in self.root.groups():
            group.children = dict(sorted(group.children.items()))
        self._group_relations(docs)

    def _group(self, group_id: str, docs: Mapping[str, Mapping[str, Any]]) -> Group:
        if group_id in self.group_map:
            return self.group_map[group_id]
        doc = docs[group_id]
        parent_id = doc.get("parent_group_id")
        parent = self._group(parent_id, docs) if parent_id and parent_id in docs else self.root
        short = group_id[len(parent_id) + 1:] if parent_id and group_id.startswith(f"{parent_id}.") else group_id
        group = Group(group_id, short, doc.get("group_display_name"), doc.get("tooltip") or "",
                      bool(doc.get("is_mapped")), bool(doc.get("prefix_group_id", True)), parent)
        self.group_map[group_id] = group
        parent.children[group_id] = group
        return group

    def _group_relations(self, docs: Mapping[str, Mapping[str, Any]]) -> None:
        explicit = [g for g in self.group_map.values() if "upstream_task_ids" in docs[g.node_id]]
        for group in explicit:
            doc = docs[group.node_id]
            group.upstream_task_ids = set(doc.get("upstream_task_ids") or ())
            group.downstream_task_ids = set(doc.get("downstream_task_ids") or ())
            group.upstream_group_ids = set(doc.get("upstream_group_ids") or ())
            group.downstream_group_ids = set(doc.get("downstream_group_ids") or ())
        if explicit:
            return
        groups = sorted(self.group_map.values(), key=lambda g: len(_ancestors(g.group_id, self.group_map)))
        for group in groups:
            inside = {t.task_id for t in group.tasks()}
            roots, leaves = group.roots(), group.leaves(self)
            if roots:
                group.upstream_task_ids = set.intersection(*(t.upstream for t in roots)) - inside
            if leaves:
                group.downstream_task_ids = set.intersection(*(t.downstream for t in leaves)) - inside
        for group in groups:  # parents first: a relation of the parent is not repeated on its children
            parent = group.parent if group.parent is not None and group.parent.group_id else None
            candidates = [o for o in groups if o is not group and not _nested(group, o)
                          and (ends := {t.task_id for t in o.leaves(self)}) and ends <= group.upstream_task_ids]
            for other in candidates:
                if any(_nested(other, c) and c is not other and _depth(c) < _depth(other) for c in candidates):
                    continue  # the outermost group whose leaves these are
                if parent is not None and other.node_id in parent.upstream_group_ids:
                    continue
                group.upstream_group_ids.add(other.node_id)
                other.downstream_group_ids.add(group.node_id)
        for group in groups:
            for other_id in group.upstream_group_ids:
                group.upstream_task_ids -= {t.task_id for t in self.group_map[other_id].leaves(self)}
            for other_id in group.downstream_group_ids:
                group.downstream_task_ids -= {t.task_id for t in self.group_map[other_id].roots()}
        for group in groups:
            parent = group.parent
            if parent is None or parent.group_id is None:
                continue
            group.upstream_task_ids -= parent.upstream_task_ids | {
                t.task_id for g in parent.upstream_group_ids for t in self.group_map[g].leaves(self)}
            group.downstream_task_ids -= parent.downstream_task_ids | {
                t.task_id for g in parent.downstream_group_ids for t in self.group_map[g].roots()}
            for other_id in list(group.downstream_group_ids):
                if other_id in parent.downstream_group_ids:
                    group.downstream_group_ids.discard(other_id)
                    self.group_map[other_id].upstream_group_ids.discard(group.node_id)

    def upstream_of(self, node: Task | Group) -> list[Task]:
        """The tasks a node waits for (a group: its own upstream tasks)."""
        ids = node.upstream if isinstance(node, Task) else node.upstream_task_ids
        return [self.tasks[i] for i in sorted(ids) if i in self.tasks]

    def relatives(self, task: Task, *, upstream: bool, depth: int | None = None) -> list[Task]:
        """Every task reachable from ``task`` in one direction (at most ``depth`` levels)."""
        found: dict[str, Task] = {}
        frontier = set(task.upstream if upstream else task.downstream)
        levels = depth
        while frontier:
            if levels is not None and levels <= 0:
                break
            following: set[str] = set()
            for task_id in sorted(frontier):
                if task_id in found or task_id not in self.tasks:
                    continue
                found[task_id] = self.tasks[task_id]
                relative = self.tasks[task_id]
                following |= relative.upstream if upstream else relative.downstream
            frontier = following
            if levels is not None:
                levels -= 1
        return list(found.values())

    def _setups_and_teardowns(self, task: Task) -> set[str]:
        teardowns_below = {t.task_id for t in self.relatives(task, upstream=False) if t.is_teardown}
        out: set[str] = set()
        for up in self.relatives(task, upstream=True):
            if not up.is_setup:
                continue
            own = [self.tasks[d] for d in up.downstream if d in self.tasks and self.tasks[d].is_teardown]
            if not own or up.downstream & teardowns_below:
                out.add(up.task_id)
                out |= {t.task_id for t in own if t is not task}
        return out

    def subset(self, root: str, *, include_upstream: bool, include_downstream: bool,
               depth: int | None) -> DagGraph:
        """Airflow's ``partial_subset(task_ids=root, ...)``: tasks whose id contains ``root`` and their kin
        (a negative ``depth``, a 500 in Airflow, is a 400 here)."""
        if depth is not None and depth < 0:
            raise HTTPError(400, f"depth must be non-negative, got {depth}")
        matched = [t for t in self.tasks.values() if root in t.task_id]
        keep = {t.task_id for t in matched}
        for task in matched:
            if include_downstream:
                for rel in self.relatives(task, upstream=False, depth=depth):
                    keep.add(rel.task_id)
                    if rel not in matched and not rel.is_setup and not rel.is_teardown:
                        keep |= self._setups_and_teardowns(rel)
            if include_upstream:
                for up in self.relatives(task, upstream=True, depth=depth):
                    keep.add(up.task_id)
                    if up.is_setup:
                        keep |= {d for d in up.downstream if d in self.tasks and self.tasks[d].is_teardown
                                 and d != task.task_id}
            elif not task.is_setup and not task.is_teardown:
                keep |= self._setups_and_teardowns(task)
            if task.is_setup and not include_downstream:
                keep |= {d for d in task.downstream if d in self.tasks and self.tasks[d].is_teardown}
        return self._restricted(keep)

    def _restricted(self, keep: set[str]) -> DagGraph:
        tasks = []
        for doc in self.data.get("tasks") or []:
            if doc["task_id"] in keep:
                tasks.append({**doc, "upstream_task_ids": sorted(set(doc.get("upstream_task_ids") or ()) & keep),
                              "downstream_task_ids": sorted(set(doc.get("downstream_task_ids") or ()) & keep)})
        used = {g for t in tasks for g in _ancestors(t.get("task_group_id"), self.group_map)}
        groups = [g for g in self.data.get("task_groups") or [] if g["group_id"] in used]
        relations = {g.node_id: g for g in self.group_map.values()}
        docs = []
        for doc in groups:
            group = relations[doc["group_id"]]
            docs.append({**doc, "upstream_task_ids": sorted(group.upstream_task_ids & keep),
                         "downstream_task_ids": sorted(group.downstream_task_ids & keep),
                         "upstream_group_ids": sorted(group.upstream_group_ids & used),
                         "downstream_group_ids": sorted(group.downstream_group_ids & used)})
        return DagGraph({**self.data, "tasks": tasks, "task_groups": docs})


def _nested(a: Group, b: Group) -> bool:
    """Whether one group contains the other."""
    for inner, outer in ((a, b), (b, a)):
        group = inner.parent
        while group is not None:
            if group is outer:
                return True
            group = group.parent
    return False


def _depth(group: Group) -> int:
    depth, parent = 0, group.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def _ancestors(group_id: str | None, groups: Mapping[str, Group]) -> list[str]:
    out: list[str] = []
    group = groups.get(group_id or "")
    while group is not None and group.group_id is not None:
        out.append(group.group_id)
        group = group.parent
    return out
