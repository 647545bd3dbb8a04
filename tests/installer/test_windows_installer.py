"""The NSIS script compiles (makensis runs on Linux too) against a dummy payload, installs per
machine with a Start-menu entry, takes IT's settings file, and its uninstaller leaves every
user's data alone."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.installer.conftest import INSTALLER, REPO, load_script, require_tool

build_installer = load_script("windows/build_installer.py")
SCRIPT_TEXT = (INSTALLER / "windows" / "assessment-app.nsi").read_text(encoding="utf-8-sig")
SETTINGS_KEYS = {
    "municipality_name",
    "logo_path",
    "confidentiality_text",
    "contact_phone",
    "server_url",
    "language",
    "idle_lock_minutes",
    "provider_managers",
}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> tuple[Path, str]:
    makensis = require_tool("makensis", "nsis")
    root = tmp_path_factory.mktemp("nsis")
    payload = root / "assessment-app"
    icons = payload / "_internal" / "resources" / "icons"
    icons.mkdir(parents=True)
    (icons / "assessment-app.ico").write_bytes(
        (REPO / "resources" / "icons" / "assessment-app.ico").read_bytes()
    )
    (payload / "assessment-app.exe").write_bytes(b"MZ dummy gui")
    (payload / "assessment-app-cli.exe").write_bytes(b"MZ dummy cli")
    (payload / "_internal" / "marker.txt").write_text("payload", encoding="utf-8")
    out = root / "assessment-app-9.8.7-setup.exe"
    command = build_installer.makensis_command(payload, out, "9.8.7", makensis)
    command[1] = "-V4"  # full log: every instruction as compiled
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout


def _section(log: str, name: str) -> str:
    match = re.search(rf'Section: "{name}"\n(.*?)\nSectionEnd', log, re.S)
    assert match, f"no section {name}"
    return match.group(1)


def test_compiles_to_a_windows_installer(compiled):
    exe, _ = compiled
    data = exe.read_bytes()
    assert data[:2] == b"MZ"
    assert b"Nullsoft" in data


def test_installs_the_payload_per_machine_with_a_start_menu_entry(compiled):
    _, log = compiled
    install = _section(log, "Install")
    for name in (
        "assessment-app.exe",
        "assessment-app-cli.exe",
        "marker.txt",
        "assessment-app.ico",
        "settings.example.json",
    ):
        assert re.search(rf'File: "{re.escape(name)}"', install), name
    assert (
        'CreateShortcut: "$SMPROGRAMS\\Kartläggning.lnk"->"$INSTDIR\\assessment-app.exe"' in install
    )
    assert (
        "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\assessment-app" in install
    )
    assert "DisplayVersion=9.8.7" in install
    assert "SetShellVarContext: all" in log  # all users' Start menu
    assert 'InstallDir: "$PROGRAMFILES64\\assessment-app"' in log


def test_asks_for_administrator_rights(compiled):
    exe, _ = compiled
    assert b'level="requireAdministrator"' in exe.read_bytes()  # the manifest


def test_uninstaller_keeps_user_data_and_it_presets(compiled):
    _, log = compiled
    uninstall = _section(log, "Uninstall")
    # nothing under a user's profile or the app's per-user settings is touched
    for place in ("$APPDATA", "$LOCALAPPDATA", "$PROFILE", "$DOCUMENTS", "HKCU"):
        assert place not in uninstall
    # the install folder itself is never removed recursively, only the bundle's own parts
    assert 'RMDir: "$INSTDIR"' in uninstall
    assert not re.search(r'RMDir: /r "\$INSTDIR"\n', uninstall)
    assert 'RMDir: /r "$INSTDIR\\_internal"' in uninstall
    # settings.json goes only when asked (/REMOVESETTINGS): the delete follows the option check
    assert re.search(
        r'GetOptionsCall\n.*?_If\n.*?Delete: "\$INSTDIR\\settings\.json"', uninstall, re.S
    )
    assert '${GetOptions} $R0 "/REMOVESETTINGS" $R1' in SCRIPT_TEXT


def test_an_upgrade_keeps_it_settings(compiled):
    _, log = compiled
    install = _section(log, "Install")
    assert 'Delete: "$INSTDIR\\settings.json"' not in install
    # /SETTINGS=<file> is copied to settings.json
    copy = r'CopyFiles: \(silent\) "\$R1" -> "\$INSTDIR\\settings\.json"'
    assert re.search(r"GetOptionsCall\n.*?" + copy, install, re.S)
    assert '${GetOptions} $R0 "/SETTINGS=" $R1' in SCRIPT_TEXT


def test_settings_example_documents_every_key():
    example = json.loads(
        (INSTALLER / "windows" / "settings.example.json").read_text(encoding="utf-8")
    )
    assert set(example) == SETTINGS_KEYS
    assert ":" not in example["server_url"].split("@")[0].split("//")[1]  # no password
    docs = (REPO / "docs" / "install.md").read_text(encoding="utf-8")
    for key in SETTINGS_KEYS:
        assert f"`{key}`" in docs


@pytest.mark.parametrize(
    ("version", "quad"),
    [("0.1.0", "0.1.0.0"), ("1.2", "1.2.0.0"), ("2.0.3rc1", "2.0.3.0"), ("1.0.0+local", "1.0.0.0")],
)
def test_windows_version_numbers(version, quad):
    assert build_installer.version_quad(version) == quad
