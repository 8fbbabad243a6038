"""What API tests share besides fixtures: ``ANY`` and the ``Timestamp`` matcher (import from here, not conftest)."""

from __future__ import annotations

import re
from unittest.mock import ANY

__all__ = ["ANY", "Timestamp"]

_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


class Timestamp:
    """Equal to any ISO-8601 date-time string with a zone (what Airflow's API returns for datetimes)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and bool(_ISO.match(other))

    def __repr__(self) -> str:
        return "<ISO timestamp>"

    __hash__ = None  # type: ignore[assignment]
