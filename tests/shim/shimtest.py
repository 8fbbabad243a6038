"""Paths of the shim's test data (import from here, not conftest)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
NEGATIVE = HERE / "negative"
GOLDENS = HERE / "goldens"
