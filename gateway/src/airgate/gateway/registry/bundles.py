"""DAG bundles: named local folders of DAG files."""

from __future__ import annotations

import os
from dataclasses import dataclass

from airgate.gateway.config import Settings

DEFAULT_BUNDLE = "dags-folder"
"""Airflow's name for the bundle made of ``[core] dags_folder``."""


@dataclass(frozen=True)
class Bundle:
    """A local folder of DAG files, registered under ``name``."""

    name: str
    path: str

    def relative(self, fileloc: str) -> str:
        """``fileloc`` relative to the bundle's folder (Airflow's ``relative_fileloc``)."""
        return os.path.relpath(fileloc, self.path)

    def absolute(self, relative_fileloc: str) -> str:
        """The absolute path of a file of the bundle."""
        return os.path.join(self.path, relative_fileloc)


def parse_extra(value: str) -> list[Bundle]:
    """Bundles from ``name=path`` items separated by commas or new lines (``[airgate] extra_dag_bundles``)."""
    bundles = []
    for item in value.replace("\n", ",").split(","):
        item = item.strip()
        if not item:
            continue
        name, sep, path = item.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise ValueError(f"extra_dag_bundles: expected name=path, got {item!r}")
        bundles.append(Bundle(name.strip(), os.path.abspath(os.path.expanduser(path.strip()))))
    return bundles


def bundles_for(settings: Settings) -> list[Bundle]:
    """The bundles of ``settings``: ``dags-folder`` first, then ``[airgate] extra_dag_bundles`` if set."""
    bundles = [Bundle(DEFAULT_BUNDLE, os.path.abspath(os.path.expanduser(settings.dags_folder)))]
    extra = settings.raw.get("airgate", {}).get("extra_dag_bundles", "")
    for bundle in parse_extra(extra):
        if bundle.name in {b.name for b in bundles}:
            raise ValueError(f"extra_dag_bundles: bundle {bundle.name!r} is defined twice")
        bundles.append(bundle)
    return bundles
