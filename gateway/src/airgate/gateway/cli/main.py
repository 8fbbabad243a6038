"""``airgate`` command line, named as Airflow's: api-server, scheduler, dag-processor, lite, db, version,
plus ``compile`` (a DAG file to dag.json)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from airgate.gateway.cli import commands, lean, malloc
from airgate.gateway.config import ConfigError

SERVERS = ("api-server", "lite", "scheduler", "dag-processor")
"""The long-running commands: they import SQLAlchemy's ORM and unused drivers lazily (ADR 0013, ADR 0018)."""
GATEWAYS = ("api-server", "lite")
"""The commands that serve the APIs: glibc's allocator thresholds fixed (ADR 0018)."""


def _with_bind(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--host", help="address to bind (default: [api] host)")
    parser.add_argument("--port", type=int, help="port to listen on (default: [api] port)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="airgate", description="A control plane that speaks Apache Airflow 3.2.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _with_bind(sub.add_parser("api-server", help="serve the REST, UI, auth and Execution APIs"))
    _with_bind(sub.add_parser("lite", help="everything in one process over an embedded database"))
    sub.add_parser("scheduler", help="run the scheduler")
    sub.add_parser("dag-processor", help="parse DAG files into DAG versions")
    comp = sub.add_parser("compile", help="compile DAG files to dag.json (or print their import errors)")
    comp.add_argument("paths", nargs="+", metavar="PATH")
    comp.add_argument("--timeout", type=float, help="seconds per file (default: [core] dagbag_import_timeout)")
    db = sub.add_parser("db", help="database operations")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="DB_COMMAND")
    db_sub.add_parser("migrate", help="create or upgrade the schema")
    db_sub.add_parser("check", help="check the database is reachable and up to date")
    sub.add_parser("version", help="print the version")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in SERVERS:
        lean.slim_server()  # no ORM, no unused driver dialects, no entry-point machinery in its memory
    if args.command in GATEWAYS:
        malloc.fix_thresholds()  # large freed blocks go back to the system rather than stay in the heap
        malloc.small_reads()  # and no read maps a fresh buffer
    try:
        return commands.run(args)
    except ConfigError as exc:
        print(f"airgate: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
