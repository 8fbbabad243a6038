"""Load generator: HTTP/1.1 keep-alive GETs at a fixed concurrency, run as a process of its own.

``python -m bench.loadgen run --port P --path /api/v2/version --token T [--concurrency 16] [--duration 5]``
prints one JSON object: requests, successful (2xx) requests/s, the share of other answers, latency percentiles (ms), status counts and the generator's own
CPU use. ``python -m bench.loadgen serve --port P`` is a do-nothing HTTP server used to measure the
generator's ceiling, so a report can show the generator was not the bottleneck. Standard library only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import sys
import time


def percentile(sorted_values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of already sorted values, nearest-rank."""
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, math.ceil(q * len(sorted_values)) - 1))
    return sorted_values[index]


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length: int | None = None
    chunked = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _worker(host: str, port: int, request: bytes, stop_at: float, record_from: float,
                  latencies: list[float], statuses: dict[int, int], window: list[float]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while True:
            start = time.perf_counter()
            if start >= stop_at:
                return
            writer.write(request)
            try:
                status = await _read_response(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                writer.close()
                if time.perf_counter() >= record_from:  # a dropped connection counts as a failed request
                    latencies.append(time.perf_counter() - start)
                    statuses[0] = statuses.get(0, 0) + 1
                reader, writer = await asyncio.open_connection(host, port)
                continue
            end = time.perf_counter()
            if end >= record_from:  # every answer arriving after the warm-up counts, however slow
                latencies.append(end - start)
                window[0] = max(window[0], end)
                statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def run_load(host: str, port: int, path: str, token: str | None, concurrency: int,
                   duration: float, warmup: float) -> dict[str, object]:
    """Send GET ``path`` on ``concurrency`` connections for ``warmup + duration`` seconds; summarise."""
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n{auth}"
               "Connection: keep-alive\r\n\r\n").encode()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    now = time.perf_counter()
    record_from = now + warmup
    stop_at = record_from + duration
    # when the last answer arrived: no request is sent after stop_at, but those in flight are waited for
    window = [stop_at]
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(*(
        _worker(host, port, request, stop_at, record_from, latencies, statuses, window) for _ in range(concurrency)
    ))
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    wall = time.perf_counter() - now
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    latencies.sort()
    ok = sum(n for s, n in statuses.items() if 200 <= s < 300)
    measured = window[0] - record_from
    return {
        "path": path, "concurrency": concurrency, "duration_s": measured,
        "requests": len(latencies), "ok": ok, "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "rps": ok / measured, "error_pct": 100.0 * (len(latencies) - ok) / len(latencies) if latencies else 0.0,
        "p50_ms": percentile(latencies, 0.50) * 1000, "p99_ms": percentile(latencies, 0.99) * 1000,
        "mean_ms": (sum(latencies) / len(latencies) * 1000) if latencies else float("nan"),
        "generator_cpu_fraction": cpu / wall if wall else 0.0,
    }


async def _serve(port: int, seconds: float) -> None:
    body = b'{"version":"noop"}'
    response = (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                + str(len(body)).encode() + b"\r\n\r\n" + body)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                await reader.readuntil(b"\r\n\r\n")
                writer.write(response)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    async with server:
        await asyncio.sleep(seconds)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``run`` (print a JSON summary) or ``serve`` (a no-op server for the ceiling check)."""
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, required=True)
    run.add_argument("--path", required=True)
    run.add_argument("--token")
    run.add_argument("--concurrency", type=int, default=16)
    run.add_argument("--duration", type=float, default=5.0)
    run.add_argument("--warmup", type=float, default=1.0)
    serve = sub.add_parser("serve")
    serve.add_argument("--port", type=int, required=True)
    serve.add_argument("--seconds", type=float, default=60.0, help="stop by itself after this long")
    args = parser.parse_args(argv)
    if args.command == "serve":
        asyncio.run(_serve(args.port, args.seconds))
        return 0
    result = asyncio.run(run_load(args.host, args.port, args.path, args.token, args.concurrency,
                                  args.duration, args.warmup))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
