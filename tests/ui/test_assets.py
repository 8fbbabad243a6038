"""The UI asset cache: verification by manifest, the pinned wheel hash, the fetch command."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from airgate.gateway.ui.assets import WHEEL_SHA256, AssetError, UiAssets, cache_dir, extract, verify
from airgate.gateway.ui.fetch import ensure_for_server


@pytest.fixture
def copy(ui_assets: UiAssets, tmp_path: Path) -> Path:
    """A private copy of the verified cache."""
    target = tmp_path / "cache"
    shutil.copytree(ui_assets.root, target)
    return target


def test_cache_dir_resolution(tmp_path: Path) -> None:
    assert cache_dir("/x/y", {"AIRGATE_UI_CACHE": "/a"}) == Path("/x/y")
    assert cache_dir(None, {"AIRGATE_UI_CACHE": "/a"}) == Path("/a")
    assert cache_dir(None, {"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "airgate" / "ui-3.2.2"


def test_verify_notices_changed_and_missing_files(copy: Path) -> None:
    assert verify(copy, hashes=True) == UiAssets(copy)
    index = copy / "ui" / "index.html"
    text = index.read_bytes()
    index.write_bytes(text.replace(b"Airflow", b"Airgate"))  # same size, other content
    assert verify(copy) is not None and verify(copy, hashes=True) is None
    index.write_bytes(text + b"\n")
    assert verify(copy) is None
    index.write_bytes(text)
    (copy / "simple-auth" / "pin_32.png").unlink()
    assert verify(copy) is None
    assert verify(copy.parent / "nothing") is None


def test_a_wheel_with_another_hash_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "apache_airflow_core-3.2.2-py3-none-any.whl"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("airflow/ui/dist/index.html", "<html></html>")
    with pytest.raises(AssetError, match=f"does not match the pinned {WHEEL_SHA256}"):
        extract(fake, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
    done = subprocess.run([sys.executable, "-m", "airgate.gateway.ui.fetch", "--dir", str(tmp_path / "c2"),
                           "--wheel", str(fake)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1 and "does not match the pinned" in done.stderr


def test_fetch_command_keeps_a_verified_cache(copy: Path) -> None:
    before = (copy / "manifest.json").stat().st_mtime_ns
    done = subprocess.run([sys.executable, "-m", "airgate.gateway.ui.fetch", "--dir", str(copy)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"UI assets verified in {copy}\n"
    assert (copy / "manifest.json").stat().st_mtime_ns == before


def test_offline_first_start_says_how_to_fetch_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there: pip cannot reach PyPI
    monkeypatch.setenv("PIP_FIND_LINKS", "")
    assert ensure_for_server(str(tmp_path / "cache")) is None
    err = capsys.readouterr().err
    assert f"fetching the Airflow 3.2.2 UI assets into {tmp_path / 'cache'}" in err
    assert "not available (cannot download apache-airflow-core==3.2.2 (offline?)" in err
    assert "The API works; run `python -m airgate.gateway.ui.fetch`" in err
    assert not (tmp_path / "cache").exists()
