"""Which files of a bundle are DAG files, as Airflow finds them.

- walk the folder; ``.airflowignore`` files (glob syntax, Airflow 3's default ``[core] dag_ignore_file_syntax``)
  exclude paths relative to the folder holding them, in every folder below it; ``!pattern`` re-includes;
  ``#`` starts a comment;
- keep ``.py`` files that might contain a DAG (safe mode): the file mentions ``airflow`` and ``dag`` or
  ``asset`` (case-insensitive).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass

IGNORE_FILE = ".airflowignore"


@dataclass(frozen=True)
class _Rule:
    base: str
    pattern: str
    negated: bool
    anchored: bool
    dir_only: bool

    def matches(self, path: str, is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        rel = os.path.relpath(path, self.base)
        if rel.startswith(".."):
            return False
        if self.anchored:
            return fnmatch.fnmatchcase(rel, self.pattern) or _any_prefix(rel, self.pattern)
        name = os.path.basename(path)
        return fnmatch.fnmatchcase(name, self.pattern) or fnmatch.fnmatchcase(rel, self.pattern) or \
            fnmatch.fnmatchcase(rel, f"*/{self.pattern}")


def _any_prefix(rel: str, pattern: str) -> bool:
    parts = rel.split(os.sep)
    return any(fnmatch.fnmatchcase(os.sep.join(parts[:i]), pattern) for i in range(1, len(parts)))


def _rules(folder: str) -> list[_Rule]:
    try:
        with open(os.path.join(folder, IGNORE_FILE), encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return []
    rules = []
    for line in lines:
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("\\#") else line.strip()
        if not line or line == "/":
            continue
        negated = line.startswith("!")
        body = line[1:] if negated else line
        dir_only = body.endswith("/")
        body = body.rstrip("/")
        anchored = "/" in body
        rules.append(_Rule(folder, body.lstrip("/"), negated, anchored, dir_only))
    return rules


def _ignored(path: str, is_dir: bool, rules: list[_Rule]) -> bool:
    ignored = False
    for rule in rules:
        if rule.matches(path, is_dir):
            ignored = not rule.negated
    return ignored


def might_contain_dag(path: str) -> bool:
    """Airflow's safe-mode heuristic: the file mentions ``airflow`` and ``dag`` or ``asset``."""
    try:
        with open(path, "rb") as fh:
            content = fh.read().lower()
    except OSError:
        return False
    return b"airflow" in content and (b"dag" in content or b"asset" in content)


def python_files(root: str) -> list[str]:
    """Every ``.py`` file under ``root`` not excluded by ``.airflowignore`` (sorted, absolute)."""
    found: list[str] = []
    if not os.path.isdir(root):
        return found
    stack: list[tuple[str, list[_Rule]]] = [(os.path.abspath(root), [])]
    while stack:
        folder, inherited = stack.pop()
        rules = inherited + _rules(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                is_dir = entry.is_dir(follow_symlinks=True)
                if entry.name == "__pycache__" or _ignored(entry.path, is_dir, rules):
                    continue
                if is_dir:
                    stack.append((entry.path, rules))
                elif entry.name.endswith(".py") and entry.is_file():
                    found.append(entry.path)
    return sorted(found)


def dag_files(root: str) -> list[str]:
    """The DAG files of a bundle folder."""
    return [p for p in python_files(root) if might_contain_dag(p)]


def snapshot(paths: list[str]) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of each existing path: what the watcher compares."""
    out = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        out[path] = (st.st_mtime_ns, st.st_size)
    return out
