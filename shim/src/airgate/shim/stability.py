"""The DAG version inflation check Airflow 3.2 runs on a DAG file before parsing it.

A DAG or task built with a value that changes on every parse (``datetime.now()``, ``random.choice(...)``,
``uuid.uuid4()``, ``pendulum.today()``...) gets a new DAG version on every parse. Airflow finds such values by
reading the file's syntax tree (the file is not run for this) and, with ``[dag_processor]
dag_version_inflation_check_level``:

* ``warning`` (the default): every DAG of the file gets a ``runtime varying value`` DAG warning;
* ``error``: the file is an import error and is not parsed;
* ``off``: nothing.

This module reproduces that analysis (same findings, same report text), standard library only. Its scope is
deliberately Airflow's: a syntactic walk that looks at DAG constructors (``DAG(...)``/``@dag(...)`` imported
from ``airflow``), task constructors (calls inside a ``with DAG`` block whose name ends in ``Operator``,
``Task`` or ``Sensor``, or calls given a DAG variable) and task decorators, and at the names assigned from
runtime-varying calls.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

RUNTIME_VARYING_VALUE = "runtime varying value"
LEVELS = ("off", "warning", "error")

_VARYING: frozenset[tuple[str, str]] = frozenset({
    ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("date", "today"),
    ("time", "time"), ("time", "localtime"),
    ("random", "random"), ("random", "randint"), ("random", "choice"), ("random", "uniform"),
    ("uuid", "uuid4"), ("uuid", "uuid1"),
    ("pendulum", "now"), ("pendulum", "today"), ("pendulum", "yesterday"), ("pendulum", "tomorrow"),
})
_TASK_SUFFIXES = ("operator", "task", "sensor")
_DAG_NAMES = ("DAG", "dag")

DAG_CONSTRUCTOR = "Dag constructor"
TASK_CONSTRUCTOR = "Task constructor"
TASK_DECORATOR = "Task decorator"


@dataclass(frozen=True)
class Finding:
    """One constructor call built with a runtime-varying value."""

    line: int
    col: int
    code: str
    issue: str


@dataclass
class Report:
    """The findings of one file and the runtime-varying names it assigns."""

    findings: dict[int, Finding] = field(default_factory=dict)
    """By line: a later finding on the same line replaces the earlier one (its place is kept)."""
    names: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Name → (line of the assignment, the runtime-varying expression it comes from)."""

    def text(self) -> str | None:
        """The report Airflow stores as the warning message (or the import error), ``None`` without findings."""
        if not self.findings:
            return None
        lines = [
            "This Dag uses runtime-variable values in Dag construction.",
            "It causes the Dag version to increase as values change on every Dag parse.",
            "",
        ]
        for finding in self.findings.values():
            lines += [f"Line {finding.line}, Col {finding.col}", f"Code: {finding.code}", f"Issue: {finding.issue}",
                      ""]
        if self.names:
            # Airflow's heading starts with U+FE0F (an emoji variation selector), kept for byte-identical text
            lines.append("\ufe0fDon't use the variables as arguments in Dag/Task constructors:")
            for name, (line, source) in sorted(self.names.items(), key=lambda item: item[1][0]):
                lines.append(f"  Line {line}: '{name}' related '{source}'")
            lines.append("")
        return "\n".join(lines)


class _Checker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.report = Report()
        self.modules: dict[str, str] = {}  # `import x as y`: y → x
        self.imported: dict[str, tuple[str, str]] = {}  # `from m import x as y`: y → (m, x)
        self.deferred: dict[str, Finding] = {}  # function name → a finding made inside its body
        self.dag_names: set[str] = set()
        self.in_dag_block = False
        self.function: str | None = None

    # --- which calls are runtime-varying -------------------------------------------------------------
    def source_of(self, node: ast.expr) -> str | None:
        """The runtime-varying expression ``node`` contains, as source text, or ``None``."""
        if isinstance(node, ast.Call):
            if self._varying_call(node):
                return ast.unparse(node)
            if isinstance(node.func, ast.Attribute):
                return self.source_of(node.func.value)
        if isinstance(node, ast.Name) and node.id in self.report.names:
            return self.report.names[node.id][1]
        if isinstance(node, ast.JoinedStr):
            return self._first(v.value for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            return self.source_of(node.left) or self.source_of(node.right)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return self._first(node.elts)
        if isinstance(node, ast.ListComp):
            return self.source_of(node.elt)
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                found = (self.source_of(key) if key is not None else None) or self.source_of(value)
                if found:
                    return found
        return None

    def _first(self, nodes: object) -> str | None:
        for node in nodes:  # type: ignore[attr-defined]
            found = self.source_of(node)
            if found:
                return found
        return None

    def _varying_call(self, node: ast.Call) -> bool:
        func = node.func
        if isinstance(func, ast.Attribute) and self._varying_method(func):
            return True
        if isinstance(func, ast.Name) and func.id in self.imported:
            module, original = self.imported[func.id]
            if any((part, original) in _VARYING for part in module.split(".")):
                return True
        return any(self.source_of(arg) for arg in node.args) or any(self.source_of(kw.value) for kw in node.keywords)

    def _varying_method(self, func: ast.Attribute) -> bool:
        owner = func.value
        if isinstance(owner, ast.Name):
            module = self.modules.get(owner.id, owner.id)
            if owner.id in self.imported:
                module = self.imported[owner.id][1]
            return (module, func.attr) in _VARYING
        if isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Name):
            return (owner.attr, func.attr) in _VARYING
        return False

    # --- which calls build DAGs and tasks --------------------------------------------------------------
    def _from_airflow(self, name: str) -> tuple[str, str] | None:
        found = self.imported.get(name)
        if found and (found[0] == "airflow" or found[0].startswith("airflow.")):
            return found
        return None

    def _dag_call(self, node: ast.Call) -> bool:
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and self._from_airflow(func.value.id) and func.attr in _DAG_NAMES:
            return True
        if isinstance(func, ast.Name):
            found = self._from_airflow(func.id)
            return bool(found and found[1] in _DAG_NAMES)
        return False

    def _task_named(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id.lower().endswith(_TASK_SUFFIXES)
        if isinstance(node, ast.Attribute):
            return node.attr.lower().endswith(_TASK_SUFFIXES) or self._task_named(node.value)
        return False

    def _task_call(self, node: ast.Call) -> bool:
        if self.in_dag_block and self._task_named(node.func):
            return True
        values = [*node.args, *(kw.value for kw in node.keywords)]
        return any(isinstance(value, ast.Name) and value.id in self.dag_names for value in values)

    def _task_decorator(self, node: ast.expr) -> bool:
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self._task_named(node)
        if isinstance(node, ast.Call):
            return self._task_decorator(node.func)
        return False

    def _check(self, call: ast.Call, kind: str) -> None:
        if not self.source_of(call):
            return
        if self.in_dag_block and kind == TASK_CONSTRUCTOR:
            issue = "Don't use runtime-varying values as arguments of task within with Dag block"
        else:
            issue = f"Don't use runtime-varying value as argument in {kind}"
        finding = Finding(call.lineno, call.col_offset, ast.unparse(call), issue)
        if self.function:
            self.deferred[self.function] = finding
        else:
            self.report.findings[finding.line] = finding

    def _remember_dags(self, targets: list[ast.expr]) -> None:
        self.dag_names.update(t.id for t in targets if isinstance(t, ast.Name))

    # --- the walk ------------------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.modules[alias.asname or alias.name] = alias.name

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module:
            for alias in node.names:
                self.imported[alias.asname or alias.name] = (node.module, alias.name)

    def visit_Assign(self, node: ast.Assign) -> None:
        value = node.value
        if isinstance(value, ast.Call) and self._dag_call(value):
            self._remember_dags(node.targets)
            self._check(value, DAG_CONSTRUCTOR)
        elif isinstance(value, ast.Call) and self._task_call(value):
            self._check(value, TASK_CONSTRUCTOR)
        else:
            source = self.source_of(value)
            if source:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.report.names[target.id] = (node.lineno, source)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in self.deferred:
            finding = self.deferred[node.func.id]
            self.report.findings[finding.line] = finding
        if self._dag_call(node):
            self._check(node, DAG_CONSTRUCTOR)
        elif self._task_call(node):
            self._check(node, TASK_CONSTRUCTOR)

    def visit_For(self, node: ast.For) -> None:
        source = self.source_of(node.iter)
        loop_name = node.target.id if source and isinstance(node.target, ast.Name) else None
        if loop_name is not None and source:
            self.report.names[loop_name] = (node.lineno, source)
        for statement in node.body:
            self.visit(statement)
        if loop_name is not None:
            self.report.names.pop(loop_name, None)

    def visit_With(self, node: ast.With) -> None:
        opens_dag = False
        for item in node.items:
            self.visit(item)
            if isinstance(item.context_expr, ast.Call) and self._dag_call(item.context_expr):
                opens_dag = True
                if isinstance(item.optional_vars, ast.Name):
                    self._remember_dags([item.optional_vars])
        if opens_dag:
            self.in_dag_block = True
        for statement in node.body:
            self.visit(statement)
        self.in_dag_block = False  # as Airflow: any ``with`` ends the DAG block

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for decorator in node.decorator_list:
            if self._task_decorator(decorator):
                if isinstance(decorator, ast.Call):
                    self._check(decorator, TASK_DECORATOR)
                return
            self.visit(decorator)
        self.function = node.name
        for statement in node.body:
            self.visit(statement)
        self.function = None


def check_source(source: bytes | str) -> Report:
    """The inflation check of a DAG file's source (no findings when it does not parse)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return Report()
    checker = _Checker()
    try:
        checker.visit(tree)
    except RecursionError:
        return Report()
    return checker.report


def check_file(path: str) -> Report:
    """The inflation check of the DAG file at ``path`` (no findings when it cannot be read or parsed)."""
    try:
        with open(path, "rb") as fh:
            source = fh.read()
    except OSError:
        return Report()
    return check_source(source)


def dag_warnings(report: Report, dag_ids: list[str]) -> list[dict[str, str]]:
    """The ``runtime varying value`` DAG warnings of ``report`` for the DAGs of its file (level ``warning``)."""
    text = report.text()
    if text is None:
        return []
    return [{"dag_id": dag_id, "warning_type": RUNTIME_VARYING_VALUE, "message": text} for dag_id in dag_ids]


def level_of(value: object) -> str:
    """``[dag_processor] dag_version_inflation_check_level``: an unknown value means ``warning``, as in Airflow."""
    text = str(value or "").strip()
    return text if text in LEVELS else "warning"
