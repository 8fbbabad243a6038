"""The gateway's layers import one way: api → services → store, and the lower distributions never import
the gateway (DESIGN.md §2-3)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GATEWAY = ROOT / "gateway" / "src" / "airgate" / "gateway"

# package prefix -> prefixes it must never import
FORBIDDEN = {
    "airgate.gateway.store": ("airgate.gateway.api", "airgate.gateway.services", "airgate.gateway.app",
                              "airgate.gateway.cli"),
    "airgate.gateway.services": ("airgate.gateway.api", "airgate.gateway.app", "airgate.gateway.cli"),
}
DISTRIBUTIONS = {
    "shim": ("airgate.gateway", "airgate.sdk", "airgate.agent"),
    "agent": ("airgate.gateway", "airgate.sdk"),
    "executors": ("airgate.gateway", "airgate.agent", "airgate.shim"),
}


def _module_name(path: Path, src: Path) -> str:
    return ".".join(path.relative_to(src).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(src: Path, rules: dict[str, tuple[str, ...]]) -> list[str]:
    found = []
    for path in sorted(src.rglob("*.py")):
        module = _module_name(path, src)
        for prefix, banned in rules.items():
            if module == prefix or module.startswith(prefix + "."):
                for name in _imports(path):
                    if name.startswith(banned):
                        found.append(f"{module} imports {name}")
    return found


def test_gateway_layers_import_one_way() -> None:
    assert _violations(GATEWAY.parents[1], FORBIDDEN) == []


@pytest.mark.parametrize("folder", sorted(DISTRIBUTIONS))
def test_lower_distributions_do_not_import_upper_ones(folder: str) -> None:
    src = ROOT / folder / "src"
    rules = {f"airgate.{p.name}": DISTRIBUTIONS[folder] for p in (src / "airgate").iterdir() if p.is_dir()}
    assert _violations(src, rules) == []
