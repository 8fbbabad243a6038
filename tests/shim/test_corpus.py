"""Every corpus file compiles to the structure real Airflow 3.2.2 produces (goldens)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from comparable import comparable
from shimtest import CORPUS, GOLDENS

from airgate.shim import ParserPool

FILES = sorted(CORPUS.glob("*.py"))


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 60
    assert all((GOLDENS / "corpus" / f"{f.stem}.json").exists() for f in FILES)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_matches_airflow(pool: ParserPool, path: Path) -> None:
    golden = json.loads((GOLDENS / "corpus" / f"{path.stem}.json").read_text())
    result = pool.compile(str(path))
    assert golden["import_errors"] == {}, "corpus files must load in real Airflow"
    assert result.import_errors == []
    got = {d["dag_id"]: comparable(d) for d in result.dags}
    assert sorted(got) == sorted(golden["dags"])
    for dag_id, expected in golden["dags"].items():
        assert got[dag_id] == expected, dag_id
