"""Registry throughput: register N generated DAG files (``bench.dags``) into a fresh store and time it.

    .venv/bin/python -m bench.registry_scan [--files 1000] [--workers 2] [--db sqlite|postgresql://...]

Reports the first full scan (compile + store, files/s), an unchanged re-scan (the watcher's steady state)
and the time from editing one file to its new version being stored.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from airgate.gateway.registry import Bundle, DagProcessor
from airgate.gateway.store import create_store, migrate
from airgate.shim import ParserPool
from bench.dags import simple_dag_id, write_dags


async def run(files: int, workers: int, db: str | None) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory(prefix="airgate-bench-registry-") as tmp:
        folder = Path(tmp) / "dags"
        dag_count = write_dags(folder, files - 1, 10)
        url = db or f"sqlite:///{tmp}/bench.db"
        await migrate(url)
        store = await create_store(url)
        with ParserPool(workers) as pool:
            processor = DagProcessor(store, [Bundle("dags-folder", str(folder))], pool=pool)
            started = time.perf_counter()
            first = await processor.scan()
            full = time.perf_counter() - started
            started = time.perf_counter()
            await processor.scan()
            idle = time.perf_counter() - started
            edited = folder / f"{simple_dag_id(0)}.py"
            edited.write_text(edited.read_text().replace("echo 0", "echo zero"))
            started = time.perf_counter()
            again = await processor.scan()
            edit = time.perf_counter() - started
            processor.close()
        await store.dispose()
    assert len(first.new_versions) == dag_count and again.new_versions == [simple_dag_id(0)], (first, again)
    return {"files": files, "workers": workers, "full_scan_s": round(full, 2), "files_per_s": round(files / full, 1),
            "unchanged_rescan_s": round(idle, 3), "one_edit_rescan_s": round(edit, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.files, args.workers, args.db))))


if __name__ == "__main__":
    main()
