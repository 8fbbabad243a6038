"""Benchmark (run by hand, not collected): trigger → run success wall time of a 50-task chain and a
200-task fan-out of no-op tasks on a real ``airgate lite``, and the scheduling overhead per chained task.

    .venv/bin/python tests/e2e/bench_runs.py [executor] [parallelism]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.e2e.lite_harness import Lite

CHAIN = '''
from datetime import datetime
from airflow.sdk import DAG, chain
from airflow.providers.standard.operators.bash import BashOperator
with DAG("bench_chain", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    chain(*[BashOperator(task_id=f"t{i:03d}", bash_command="true") for i in range(50)])
'''
FAN = '''
from datetime import datetime
from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator
with DAG("bench_fan", schedule=None, start_date=datetime(2026, 1, 1), max_active_tasks=256) as dag:
    @task
    def noop(i):
        return None
    for i in range(100):
        BashOperator(task_id=f"b{i:03d}", bash_command="true")
        noop.override(task_id=f"p{i:03d}")(i)
'''


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value)


def measure(lite: Lite, dag_id: str) -> tuple[float, float, int]:
    """Wall time trigger → success, sum of task run times, task count."""
    start = time.perf_counter()
    run = lite.trigger(dag_id)
    done = lite.wait_run(dag_id, run["dag_run_id"], timeout=600)
    wall = time.perf_counter() - start
    assert done["state"] == "success", done
    rows = lite.query("SELECT duration FROM task_instance WHERE run_id = ? AND state = 'success'", run["dag_run_id"])
    return wall, sum(r[0] or 0 for r in rows), len(rows)


def main() -> None:
    executor = sys.argv[1] if len(sys.argv) > 1 else "LocalExecutor"
    parallelism = sys.argv[2] if len(sys.argv) > 2 else "8"
    with tempfile.TemporaryDirectory() as home:
        lite = Lite(Path(home), executor, **{"AIRFLOW__EXECUTORS.LOCAL__PARALLELISM": parallelism,
                                             "AIRFLOW__EXECUTORS.LITE__PARALLELISM": parallelism})
        try:
            lite.add_dag("chain.py", CHAIN, "bench_chain")
            lite.add_dag("fan.py", FAN, "bench_fan")
            wall, busy, count = measure(lite, "bench_chain")
            print(f"{executor} chain: {count} tasks, {wall:.2f} s wall, task time {busy:.2f} s, "
                  f"overhead {(wall - busy) / count * 1000:.0f} ms/task")
            wall, busy, count = measure(lite, "bench_fan")
            print(f"{executor} fan-out: {count} tasks, {wall:.2f} s wall (parallelism {parallelism})")
        finally:
            lite.stop()


if __name__ == "__main__":
    main()
