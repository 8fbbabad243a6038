"""Launch overhead of Airgate's executors: from ``submit`` to the task's ``/run`` call.

``python bench/executor_launch.py [--runs N] [--executors lite,local]`` starts the conformance kit's fake
Execution API, submits probe tasks one at a time to each executor and prints the median, p90 and max
milliseconds from ``submit()`` to the arrival of ``PATCH /execution/task-instances/{id}/run``.
Targets: ``local`` under 10 ms median, ``lite`` under 80 ms median.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from airgate.sdk.loader import load
from airgate.sdk.testing import FakeExecutionAPI, WorkloadFactory

TARGET_MS = {"local": 10.0, "lite": 80.0}


async def measure(name: str, runs: int, api: FakeExecutionAPI, log_dir: str) -> tuple[list[float], list[float]]:
    """Milliseconds from submit to ``/run`` for ``runs`` sequential probe tasks (after one warm-up), and
    from submit to the probe's ``main()`` starting (the launch itself, without the probe's request)."""
    config = {"base_log_folder": log_dir, "parallelism": "2"}
    if name == "local":
        config["preload"] = "airgate.sdk.testing.probe"
    executor = load(name, config)
    factory = WorkloadFactory(api.url, dag_id=f"bench_{name}")
    await executor.start()  # type: ignore[attr-defined]
    samples: list[float] = []
    entered: list[float] = []
    try:
        for i in range(runs + 1):
            workload = factory(lines=0)
            began = time.monotonic()
            await executor.submit(workload)  # type: ignore[attr-defined]
            call = await asyncio.to_thread(api.wait_for, workload.ti.id, "run", 30.0)
            if call is None:
                raise RuntimeError(f"{name}: task never called /run")
            if i:  # the first launch warms caches
                samples.append((call.at - began) * 1000)
                entered.append((call.body["probe"]["entered"] - began) * 1000)
            await asyncio.to_thread(api.wait_for, workload.ti.id, "state", 30.0)
            await asyncio.sleep(0.02)  # let the process exit before the next launch
    finally:
        await executor.shutdown(drain=True, timeout_s=10)  # type: ignore[attr-defined]
    return samples, entered


def children_cpu_ms() -> float:
    """CPU time (user + system) of all waited-for child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def baseline_ms(runs: int) -> tuple[float, float]:
    """Median wall time and mean CPU time of a bare interpreter start, for comparing machines and load."""
    times = []
    cpu_before = children_cpu_ms()
    for _ in range(runs):
        began = time.monotonic()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append((time.monotonic() - began) * 1000)
    return statistics.median(times), (children_cpu_ms() - cpu_before) / runs


def main() -> None:
    """Run the benchmark and print one line per executor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--executors", default="local,lite")
    args = parser.parse_args()
    # An installed package has byte-code; with PYTHONDONTWRITEBYTECODE set, an editable checkout would
    # compile the runner's modules in every task process instead. Compile them once, as pip would.
    import airgate.sdk

    for folder in airgate.sdk.__path__:
        compileall.compile_dir(folder, quiet=1)
    with FakeExecutionAPI() as api, tempfile.TemporaryDirectory() as logs:
        for name in args.executors.split(","):
            cpu_before = children_cpu_ms()
            samples, entered = asyncio.run(measure(name, args.runs, api, logs))
            # lite's tasks are our children: their CPU time is what a launch costs on an idle machine
            cpu = f"; CPU per task {(children_cpu_ms() - cpu_before) / (args.runs + 1):.1f} ms" if name == "lite" else ""
            samples.sort()
            median = statistics.median(samples)
            p90 = samples[int(0.9 * (len(samples) - 1))]
            verdict = "ok" if median < TARGET_MS.get(name, float("inf")) else "OVER TARGET"
            print(
                f"{name:6s} submit->/run over {len(samples)} runs: median {median:.1f} ms, "
                f"min {samples[0]:.1f} ms, p90 {p90:.1f} ms, max {samples[-1]:.1f} ms (target < {TARGET_MS.get(name)} ms: {verdict}); "
                f"submit->probe main() median {statistics.median(entered):.1f} ms{cpu}"
            )
        wall, cpu_ms = baseline_ms(args.runs)
        print(f"baseline: '{sys.executable} -c pass' median {wall:.1f} ms spawn to exit, CPU {cpu_ms:.1f} ms")


if __name__ == "__main__":
    main()
