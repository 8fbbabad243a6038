"""``python -m bench [--quick|--full] [--only SCENARIO ...]`` — see ``bench/README.md``."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from bench import report
from bench.runner import Options, run
from bench.scenarios import ALL, by_name
from bench.scenarios.base import FULL, QUICK


def parse(argv: list[str] | None = None) -> Options:
    """Options from the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=(
        "Benchmark Airgate side by side with a real Apache Airflow 3.2.2 (full mode) or alone (quick mode)."))
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="Airgate only, small sizes, a few minutes (CI)")
    mode.add_argument("--full", action="store_true", help="Airgate and Airflow 3.2.2, full sizes (default)")
    parser.add_argument("--only", action="append", default=[], metavar="SCENARIO",
                        help="run only these scenarios (repeat or comma-separate)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--repetitions", type=int, help="measurements per side per scenario")
    parser.add_argument("--duration", type=float, help="seconds of load per measurement")
    parser.add_argument("--rows", type=int, help="variables, pools and connections to create (each)")
    parser.add_argument("--no-airflow", action="store_true", help="full sizes, Airgate only")
    parser.add_argument("--airgate-command", choices=("lite", "api-server"), default="lite",
                        help="how Airgate is started (default: lite)")
    parser.add_argument("--airgate-db", choices=("postgres", "sqlite"),
                        help="Airgate's database (default: postgres in full mode, sqlite in quick mode)")
    parser.add_argument("--airgate-env", action="append", default=[], metavar="NAME=VALUE",
                        help="an extra Airflow-named setting for Airgate's processes, e.g. "
                             "AIRFLOW__CORE__EXECUTOR=LiteExecutor (repeatable)")
    parser.add_argument("--results", type=Path, default=report.RESULTS, help="where reports are written")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds any start or wait may take")
    args = parser.parse_args(argv)
    if args.list:
        for s in ALL:
            print(f"{s.name:24} {s.description}")
        sys.exit(0)
    quick = bool(args.quick)
    sizes = QUICK if quick else FULL
    overrides = {k: v for k, v in {"repetitions": args.repetitions, "duration": args.duration,
                                     "rows": args.rows}.items() if v is not None}
    sizes = dataclasses.replace(sizes, **overrides)
    names = [n for item in args.only for n in item.split(",") if n]
    try:
        scenarios = by_name(names) if names else list(ALL)
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    db = args.airgate_db or ("sqlite" if quick else "postgres")
    extra = {}
    for item in args.airgate_env:
        key, sep, value = item.partition("=")
        if not sep or not key.startswith("AIRFLOW"):
            parser.error(f"--airgate-env wants AIRFLOW...=VALUE, got {item!r}")
        extra[key] = value
    return Options(mode="quick" if quick else "full", sizes=sizes, scenarios=scenarios,
                   with_airflow=not (quick or args.no_airflow), airgate_command=args.airgate_command,
                   airgate_postgres=db == "postgres", results_dir=args.results, timeout=args.timeout,
                   airgate_env=extra)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    return run(parse(argv))


if __name__ == "__main__":
    sys.exit(main())
