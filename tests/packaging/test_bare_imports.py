"""``airgate-shim`` needs only the standard library and ``airgate-agent`` only Jinja2 and the shim
(ADR 0007): both import in an isolated interpreter that sees nothing but their declared dependencies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_isolated(code: str, paths: list[Path]) -> subprocess.CompletedProcess[str]:
    setup = "import sys; sys.path[:0] = %r; " % [str(p) for p in paths]
    return subprocess.run(
        [sys.executable, "-I", "-S", "-c", setup + code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_shim_imports_with_the_standard_library_only() -> None:
    result = _run_isolated("import airgate.shim; print('ok')", [ROOT / "shim" / "src"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_agent_imports_with_jinja2_and_the_shim_only() -> None:
    import jinja2
    import markupsafe

    deps = {Path(jinja2.__file__).parents[1], Path(markupsafe.__file__).parents[1]}
    code = (
        "import airgate.agent, airgate.agent.__main__, airgate.agent.runner, airgate.agent.dagfile, "
        "airgate.agent.templates, airgate.agent.sensors, airgate.agent.http; print('ok')"
    )
    result = _run_isolated(code, [ROOT / "agent" / "src", ROOT / "shim" / "src", *sorted(deps)])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_a_gateway_import_is_refused_in_the_bare_shim_interpreter() -> None:
    """The isolation above is real: the gateway is not reachable from there."""
    result = _run_isolated("import airgate.gateway", [ROOT / "shim" / "src"])
    assert result.returncode != 0
    assert "ModuleNotFoundError" in result.stderr
