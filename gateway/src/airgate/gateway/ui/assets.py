"""The UI asset cache: the two ``dist/`` folders of the pinned ``apache-airflow-core`` wheel, never in git.

Layout of the cache directory (``[airgate] ui_cache_dir``, else ``$AIRGATE_UI_CACHE``, else
``${XDG_CACHE_HOME:-~/.cache}/airgate/ui-3.2.2``)::

    ui/             airflow/ui/dist/ of the wheel (the main SPA)
    simple-auth/    airflow/api_fastapi/auth/managers/simple/ui/dist/ (the login SPA)
    manifest.json   {"wheel", "sha256", "files": {"ui/...": [size, sha256], ...}}

The wheel is downloaded with the running interpreter's pip, checked against :data:`WHEEL_SHA256` and extracted
into a temporary sibling directory that is renamed into place, so a cache is either complete or absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

AIRFLOW_VERSION = "3.2.2"
DISTRIBUTION = f"apache-airflow-core=={AIRFLOW_VERSION}"
WHEEL_NAME = f"apache_airflow_core-{AIRFLOW_VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "877be429d59193b5e9aab1ae69f44066134bf483c633e9f7c59a9220ebfcc013"
ENV_VAR = "AIRGATE_UI_CACHE"
MANIFEST = "manifest.json"

# folder inside the wheel -> folder inside the cache
SOURCES: dict[str, str] = {
    "airflow/ui/dist/": "ui",
    "airflow/api_fastapi/auth/managers/simple/ui/dist/": "simple-auth",
}


class AssetError(Exception):
    """The UI assets cannot be fetched, verified or extracted."""


@dataclass(frozen=True)
class UiAssets:
    """A verified cache: the main SPA folder and the login SPA folder."""

    root: Path

    @property
    def ui(self) -> Path:
        return self.root / "ui"

    @property
    def simple_auth(self) -> Path:
        return self.root / "simple-auth"


def cache_dir(configured: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """Where the cache lives: the configured folder, else ``$AIRGATE_UI_CACHE``, else the XDG cache."""
    env = os.environ if env is None else env
    if configured:
        return Path(configured).expanduser()
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR]).expanduser()
    base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser()
    return base / "airgate" / f"ui-{AIRFLOW_VERSION}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(root: Path, *, hashes: bool = False) -> UiAssets | None:
    """The cache at ``root`` if its manifest matches the files on disk (sizes, and sha256 with ``hashes``)."""
    try:
        manifest = json.loads((root / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("sha256") != WHEEL_SHA256:
        return None
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return None
    for rel, (size, digest) in files.items():
        path = root / rel
        try:
            if path.stat().st_size != size or (hashes and _sha256(path) != digest):
                return None
        except OSError:
            return None
    for folder in SOURCES.values():
        if not (root / folder / "index.html").is_file():
            return None
    return UiAssets(root)


def download_wheel(dest: Path) -> Path:
    """Download the pinned wheel into ``dest`` with pip; :class:`AssetError` when pip fails (e.g. offline)."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--disable-pip-version-check", "--retries", "1", "--timeout", "20", "-q", DISTRIBUTION,
               "-d", str(dest)]
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AssetError(f"cannot run pip to download {DISTRIBUTION}: {exc}") from None
    wheel = dest / WHEEL_NAME
    if done.returncode != 0 or not wheel.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise AssetError(f"cannot download {DISTRIBUTION} (offline?): {' | '.join(tail) or 'pip failed'}")
    return wheel


def extract(wheel: Path, root: Path) -> UiAssets:
    """Check ``wheel`` against the pinned sha256 and extract the two ``dist/`` folders into ``root``."""
    actual = _sha256(wheel)
    if actual != WHEEL_SHA256:
        raise AssetError(f"{wheel.name}: sha256 {actual} does not match the pinned {WHEEL_SHA256}")
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-", dir=root.parent))
    try:
        files: dict[str, list[object]] = {}
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                for prefix, folder in SOURCES.items():
                    if info.is_dir() or not info.filename.startswith(prefix):
                        continue
                    rel = f"{folder}/{info.filename[len(prefix):]}"
                    target = staging / rel
                    if ".." in Path(rel).parts:
                        raise AssetError(f"{wheel.name}: unsafe member {info.filename}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    data = archive.read(info)
                    target.write_bytes(data)
                    files[rel] = [len(data), hashlib.sha256(data).hexdigest()]
        if not all(f"{folder}/index.html" in files for folder in SOURCES.values()):
            raise AssetError(f"{wheel.name}: the UI dist folders are missing")
        manifest = {"wheel": WHEEL_NAME, "sha256": WHEEL_SHA256, "files": files}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        if root.exists():
            shutil.rmtree(root, ignore_errors=True)
        try:
            staging.rename(root)
        except OSError:  # another process finished first: keep its cache if it is whole
            if verify(root) is None:
                raise AssetError(f"cannot move the UI assets into {root}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return UiAssets(root)


def ensure(root: Path, *, wheel: Path | None = None, hashes: bool = False) -> UiAssets:
    """A verified cache at ``root``: kept if the manifest matches, else (re)built from ``wheel`` or PyPI."""
    found = verify(root, hashes=hashes)
    if found is not None:
        return found
    if wheel is not None:
        return extract(wheel, root)
    with tempfile.TemporaryDirectory(prefix="airgate-ui-wheel-") as tmp:
        return extract(download_wheel(Path(tmp)), root)
