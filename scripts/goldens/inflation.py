"""Generate ``tests/shim/goldens/inflation.json`` from REAL Apache Airflow 3.2.2's DAG version inflation check.

Run with the Python of an Airflow 3.2.2 environment (see ``generate.py`` for how it is installed; the bench's
``~/.cache/airgate/airflow-3.2.2/venv`` works too), from the repository root::

    AIRFLOW_HOME=$(mktemp -d) ~/.cache/airgate/airflow-3.2.2/venv/bin/python scripts/goldens/inflation.py

For every ``tests/shim/inflation/*.py`` and ``tests/shim/corpus/*.py`` it records the report Airflow's
``check_dag_file_stability`` gives at level ``warning`` (the text of the ``runtime varying value`` DAG warning,
or ``null``). ``tests/shim/test_inflation.py`` compares the shim's own check with it.
"""

from __future__ import annotations

import json
import pathlib

from airflow.utils.dag_version_inflation_checker import check_dag_file_stability

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHIM_TESTS = ROOT / "tests" / "shim"
OUT = SHIM_TESTS / "goldens" / "inflation.json"


def main() -> None:
    reports = {}
    for folder in ("inflation", "corpus"):
        for path in sorted((SHIM_TESTS / folder).glob("*.py")):
            reports[f"{folder}/{path.name}"] = check_dag_file_stability(str(path)).format_warnings()
    OUT.write_text(json.dumps(reports, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"{OUT}: {sum(v is not None for v in reports.values())} of {len(reports)} files with a report")


if __name__ == "__main__":
    main()
