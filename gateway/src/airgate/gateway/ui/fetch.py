"""``python -m airgate.gateway.ui.fetch [--dir DIR] [--wheel WHEEL]``: fill or verify the UI asset cache.

Idempotent: an existing cache whose manifest matches (every file's size and sha256) is kept. ``--wheel`` uses an
already downloaded ``apache-airflow-core`` wheel (still checked against the pinned sha256) instead of PyPI.
Exit status 0 when the cache is ready, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from airgate.gateway.ui.assets import AssetError, UiAssets, cache_dir, ensure, verify


def configured_dir() -> str | None:
    """``[airgate] ui_cache_dir`` when the option exists and is set (read from Airflow-style settings)."""
    try:
        from airgate.gateway.config import load_settings

        value = load_settings(generate_secrets=False).raw.get("airgate", {}).get("ui_cache_dir")
    except Exception:  # no readable configuration: fall back to the environment and the XDG cache
        return None
    return value or None


def ensure_for_server(configured: str | None) -> UiAssets | None:
    """The cache for a starting server, fetched on first start; None (with a message) when it cannot be had."""
    root = cache_dir(configured)
    found = verify(root)
    if found is not None:
        return found
    print(f"Airgate UI: fetching the Airflow 3.2.2 UI assets into {root} ...", file=sys.stderr, flush=True)
    try:
        return ensure(root)
    except AssetError as exc:
        print(f"Airgate UI: not available ({exc}). The API works; run `python -m airgate.gateway.ui.fetch` "
              "when online to enable the UI.", file=sys.stderr, flush=True)
        return None


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m airgate.gateway.ui.fetch", description=__doc__.split("\n")[0])
    parser.add_argument("--dir", help="cache directory (default: [airgate] ui_cache_dir, $AIRGATE_UI_CACHE, XDG)")
    parser.add_argument("--wheel", type=Path, help="a local apache-airflow-core 3.2.2 wheel to extract")
    args = parser.parse_args(argv)
    root = cache_dir(args.dir or configured_dir())
    if verify(root, hashes=True) is not None:
        print(f"UI assets verified in {root}")
        return 0
    try:
        assets = ensure(root, wheel=args.wheel, hashes=True)
    except AssetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"UI assets ready in {assets.root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
