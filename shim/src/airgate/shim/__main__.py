"""``python -m airgate.shim compile PATH...``: print dag.json (exit 1 when any file has import errors)."""

from __future__ import annotations

import argparse
import json
import sys

from .compiler import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, ParserPool


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m airgate.shim")
    sub = parser.add_subparsers(dest="command", required=True)
    comp = sub.add_parser("compile", help="compile DAG files to dag.json")
    comp.add_argument("paths", nargs="+")
    comp.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    comp.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB)
    args = parser.parse_args(argv)
    failed = False
    with ParserPool(timeout=args.timeout, memory_mb=args.memory_mb) as pool:
        results = pool.compile_many(args.paths)
    out = []
    for result in results:
        failed = failed or not result.ok
        out.append(
            {
                "path": result.path,
                "dags": result.dags,
                "import_errors": result.import_errors,
                "warnings": result.warnings,
                "dag_warnings": result.dag_warnings,
            }
        )
        for err in result.import_errors:
            where = f"{err['filename']}:{err['lineno']}" if err.get("lineno") else err["filename"]
            print(f"{where}: {err['message'].splitlines()[0]}", file=sys.stderr)
    print(json.dumps(out if len(out) > 1 else out[0], sort_keys=True, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
