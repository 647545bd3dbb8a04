"""The About dialog: version, licences of the bundled parts, where the data lives."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox

from assessment_app.config import config_dir, data_dir
from assessment_app.resources import resource_path
from ui import about
from ui.about import AboutDialog, bundled_packages, display_database, licences_dir


@pytest.fixture
def dialog(qtbot):
    widget = AboutDialog("sqlite:////srv/kartlaggning/records.sqlite3")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_shows_the_version_from_the_package_metadata(dialog):
    assert dialog.windowTitle() == "Om Kartläggning"
    assert f"Version {metadata.version('assessment-app')}" in dialog.summary.text()
    assert dialog.tabs.count() == 3


def test_lists_the_licences_of_the_bundled_parts(dialog):
    text = dialog.licences.toPlainText()
    assert "GNU Lesser General Public License version 3 (LGPL-3.0)" in text
    assert about.QT_SOURCE_URL in text and about.PYSIDE_SOURCE_URL in text
    assert "DejaVu" in text and "LICENSE-DejaVu.txt" in text
    # every bundled font and its licence file
    fonts = Path(resource_path("fonts"))
    for licence in sorted(fonts.glob("LICENSE-*.txt")):
        assert licence.name in text, licence.name
    assert "ReportLab" in text and "BSD" in text
    assert "psycopg" in text and "LGPL-3.0" in text
    # every bundled package is a row: name, version, licence
    for package in bundled_packages():
        row = f"{package.name}\n{package.version}\n{package.licence or 'se licensfilen'}\n"
        assert row in text
    assert str(licences_dir()) in text


def test_shows_where_the_data_lives(dialog):
    dialog.tabs.setCurrentIndex(2)
    text = dialog.data.toPlainText()
    assert str(data_dir()) in text
    assert str(config_dir()) in text
    assert "/srv/kartlaggning/records.sqlite3" in text
    assert QSettings("assessment-app", "assessment-app").fileName() in text
    assert "Avinstallation tar inte bort datamappen" in text


def test_a_server_password_is_never_shown(qtbot):
    widget = AboutDialog("postgresql+psycopg://kart:hemligt-ord@db.kommun.local/kart")
    qtbot.addWidget(widget)
    text = widget.data.toPlainText()
    assert "hemligt-ord" not in text
    assert "db.kommun.local/kart" in text
    assert display_database("not a url") == ""
    assert display_database(None) == ""


def test_open_data_folder_opens_the_data_folder(qtbot, dialog, monkeypatch, tmp_path):
    opened: list[str] = []
    monkeypatch.setattr(about, "data_dir", lambda: tmp_path)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog.open_data_button.click()
    assert opened == [str(tmp_path)]


def test_close_button_closes(qtbot, dialog):
    box = dialog.findChild(QDialogButtonBox)
    with qtbot.waitSignal(dialog.rejected):
        box.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()


def test_bundled_packages_follow_extras_and_skip_unbundled_qt_parts():
    names = {about.normalise(p.name) for p in bundled_packages()}
    # runtime dependencies, including one reached only through an extra (psycopg[binary])
    needed = {
        "assessment-app",
        "pyside6-essentials",
        "keyring",
        "reportlab",
        "psycopg",
        "psycopg-binary",
        "pymysql",
        "alembic",
        "sqlalchemy",
        "cryptography",
    }
    assert needed <= names
    assert not names & about.NOT_BUNDLED
    # test-only tools are not part of the app
    assert not names & {"pytest", "pytest-qt", "hypothesis", "mypy", "ruff", "pyinstaller"}
    licences = {about.normalise(p.name): p.licence for p in bundled_packages()}
    assert "LGPL-3.0" in licences["pyside6-essentials"]
    assert licences["psycopg"] == "LGPL-3.0-only"


@pytest.mark.parametrize(
    ("line", "extras", "expected"),
    [
        ("keyring>=25", set(), ("keyring", set())),
        ("psycopg[binary]>=3.1", set(), ("psycopg", {"binary"})),
        (
            'psycopg-binary==3.3.9; implementation_name != "pypy" and extra == "binary"',
            set(),
            None,
        ),
        ('psycopg-binary==3.3.9; extra == "binary"', {"binary"}, ("psycopg-binary", set())),
        ('pywin32-ctypes>=0.2.0; sys_platform == "win32"', set(), ("pywin32-ctypes", set())),
    ],
)
def test_requirement_lines(line, extras, expected):
    assert about._wanted(line, extras) == expected


def test_the_licence_texts_are_in_the_source_tree():
    folder = licences_dir()
    assert folder == Path(about.REPO_ROOT) / "installer" / "licenses"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / "LGPL-3.0.txt").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in (folder / "GPL-3.0.txt").read_text()
