"""Linux: the desktop entry and AppStream metadata validate, and install.sh puts the program,
command, menu entry, icons and metadata in place, keeps IT's settings on upgrade and leaves
users' data alone on uninstall."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

from tests.installer.conftest import INSTALLER, REPO, require_tool

APP_ID = "se.kommun.AssessmentApp"
LINUX = INSTALLER / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_desktop_entry_validates():
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_appstream_metadata_validates():
    tool = require_tool("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metadata_agrees_with_the_package_and_the_desktop_entry():
    root = ET.parse(METAINFO).getroot()  # noqa: S314 - our own file
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    newest = root.find("releases/release")
    assert newest.get("version") == metadata.version("assessment-app"), (
        "add a <release> for the new version to the metainfo"
    )
    entry = DESKTOP.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in entry
    assert "Name[sv]=Kartläggning\n" in entry
    assert "StartupWMClass=assessment-app\n" in entry


def _fake_bundle(root: Path) -> Path:
    bundle = root / "assessment-app"
    icons = bundle / "_internal" / "resources" / "icons"
    icons.mkdir(parents=True)
    for source in (REPO / "resources" / "icons").iterdir():
        (icons / source.name).write_bytes(source.read_bytes())
    exe = bundle / "assessment-app"
    exe.write_text("#!/bin/sh\necho fake\n", encoding="utf-8")
    exe.chmod(0o755)
    return bundle


def _install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(LINUX / "install.sh"), *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def staged(tmp_path):
    bundle = _fake_bundle(tmp_path / "build")
    dest = tmp_path / "root"
    settings = tmp_path / "it-settings.json"
    settings.write_text('{"municipality_name": "Exempelby"}', encoding="utf-8")
    result = _install("--bundle", str(bundle), "--destdir", str(dest), "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    return bundle, dest


def test_install_places_every_file(staged):
    _, dest = staged
    app = dest / "opt" / "assessment-app"
    share = dest / "usr" / "local" / "share"
    assert (app / "assessment-app").is_file()
    assert (app / "settings.json").read_text(
        encoding="utf-8"
    ) == '{"municipality_name": "Exempelby"}'
    assert (app / "settings.example.json").is_file()
    link = dest / "usr" / "local" / "bin" / "assessment-app"
    assert link.is_symlink() and str(link.readlink()) == "/opt/assessment-app/assessment-app"
    entry = (share / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert re.search(r"^Exec=/opt/assessment-app/assessment-app$", entry, re.M)
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()


def test_installed_desktop_entry_validates(staged):
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    _, dest = staged
    path = dest / "usr" / "local" / "share" / "applications" / f"{APP_ID}.desktop"
    assert subprocess.run([tool, str(path)], check=False).returncode == 0


def test_upgrade_replaces_the_program_and_keeps_settings(staged):
    bundle, dest = staged
    app = dest / "opt" / "assessment-app"
    (app / "_internal" / "stale-from-old-version.txt").write_text("old", encoding="utf-8")
    result = _install("--bundle", str(bundle), "--destdir", str(dest))
    assert result.returncode == 0, result.stderr
    assert not (app / "_internal" / "stale-from-old-version.txt").exists()
    assert "Exempelby" in (app / "settings.json").read_text(encoding="utf-8")


def test_uninstall_removes_the_program_only(staged):
    _, dest = staged
    user_data = dest / "home" / "anna" / ".local" / "share" / "assessment-app"
    user_data.mkdir(parents=True)
    (user_data / "records.sqlite3").write_bytes(b"SQLite format 3\x00")
    result = _install("--destdir", str(dest), "--uninstall")
    assert result.returncode == 0, result.stderr
    left = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert left == [
        "home/anna/.local/share/assessment-app/records.sqlite3",
        "opt/assessment-app/settings.json",
    ]
    result = _install("--destdir", str(dest), "--uninstall", "--remove-settings")
    assert result.returncode == 0
    assert not (dest / "opt" / "assessment-app").exists()
    assert (user_data / "records.sqlite3").exists()


def test_install_refuses_a_missing_bundle(tmp_path):
    result = _install("--bundle", str(tmp_path / "nothing"), "--destdir", str(tmp_path / "r"))
    assert result.returncode != 0
    assert "no built app" in result.stderr
