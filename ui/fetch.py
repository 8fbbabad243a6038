"""Fill the UI asset cache: ``python ui/fetch.py`` is ``python -m airgate.gateway.ui.fetch`` (see README.md)."""

from __future__ import annotations

from airgate.gateway.ui.fetch import main

if __name__ == "__main__":
    raise SystemExit(main())
