"""Which files are DAG files: Airflow's heuristic and ``.airflowignore`` (glob syntax)."""

from __future__ import annotations

from pathlib import Path

from airgate.gateway.registry import scanner

DAG_TEXT = "from airflow.sdk import DAG\n"


def write(path: Path, text: str = DAG_TEXT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def names(root: Path) -> list[str]:
    return [str(Path(p).relative_to(root)) for p in scanner.dag_files(str(root))]


def test_heuristic_needs_airflow_and_dag_or_asset(tmp_path: Path) -> None:
    write(tmp_path / "a.py")
    write(tmp_path / "b.py", "import airflow\nx = Asset('s3://x')\n")
    write(tmp_path / "c.py", "print('dag')\n")
    write(tmp_path / "d.txt")
    write(tmp_path / "__pycache__" / "e.py")
    assert names(tmp_path) == ["a.py", "b.py"]


def test_airflowignore_glob_patterns(tmp_path: Path) -> None:
    for rel in ("keep.py", "skip_me.py", "sub/keep.py", "sub/tmp_x.py", "vendor/lib.py", "sub/deep/vendor/x.py"):
        write(tmp_path / rel)
    (tmp_path / ".airflowignore").write_text("# comment\nskip_*.py\nvendor/\n")
    (tmp_path / "sub" / ".airflowignore").write_text("tmp_*\n")
    assert names(tmp_path) == ["keep.py", "sub/keep.py"]


def test_airflowignore_negation_and_anchored_path(tmp_path: Path) -> None:
    for rel in ("a/one.py", "a/two.py", "b/a/one.py"):
        write(tmp_path / rel)
    (tmp_path / ".airflowignore").write_text("/a/*.py\n!a/two.py\n")
    assert names(tmp_path) == ["a/two.py", "b/a/one.py"]


def test_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert scanner.dag_files(str(tmp_path / "nope")) == []
