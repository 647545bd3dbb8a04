"""The About dialog: version, the licences of the bundled parts (Qt's LGPL terms first), and
where this installation keeps its data.

``bundled_packages()`` is also what the PyInstaller spec (``installer/assessment-app.spec``)
uses to decide which package metadata and licence files go into the build, so the dialog lists
exactly what a frozen build ships.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSettings, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from assessment_app import __version__
from assessment_app.config import config_dir, data_dir
from assessment_app.resources import resource_path
from assessment_app.settings import settings_files

ROOT_DISTRIBUTION = "assessment-app"
# Pulled in by the PySide6 meta-package but not used, so not bundled (see the spec's excludes).
NOT_BUNDLED = frozenset({"pyside6-addons", "pyside6-webengine"})
QT_SOURCE_URL = "https://download.qt.io/official_releases/qt/"
PYSIDE_SOURCE_URL = "https://download.qt.io/official_releases/QtForPython/"
REPO_ROOT = Path(__file__).resolve().parent.parent

_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class BundledPackage:
    name: str
    version: str
    licence: str  # an SPDX expression or the package's own words; "" when it says nothing


def licence_of(dist: metadata.Distribution) -> str:
    meta: Any = dist.metadata  # an email.message.Message at runtime (has .get)
    expression = meta.get("License-Expression")
    if expression:
        return str(expression).strip()
    text = str(meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 80:
        return text
    classifiers = [
        str(c).split(" :: ")[-1]
        for c in (meta.get_all("Classifier") or [])
        if str(c).startswith("License ::")
    ]
    return ", ".join(classifiers)


def _wanted(requirement: str, extras: set[str]) -> tuple[str, set[str]] | None:
    """Name and extras of a requirement line, or None when it needs an extra not asked for.

    Platform markers are not evaluated: a package that is installed counts, one that is not
    is skipped by the caller, which is what a build on this platform bundles."""
    spec, _, marker = requirement.partition(";")
    match = _NAME.match(spec)
    if match is None:
        return None
    needed_extras = set(_EXTRA.findall(marker))
    if needed_extras and not needed_extras & extras:
        return None
    own_extras = {e.strip() for e in (match.group(2) or "").split(",") if e.strip()}
    return match.group(1), own_extras


def bundled_packages(
    root: str = ROOT_DISTRIBUTION, exclude: frozenset[str] = NOT_BUNDLED
) -> list[BundledPackage]:
    """The installed runtime dependency closure of ``root`` (itself included), sorted by name.
    Packages without metadata (not installed, or not in a frozen build) are left out."""
    found: dict[str, BundledPackage] = {}
    pending: list[tuple[str, set[str]]] = [(root, set())]
    extras_seen: dict[str, set[str]] = {}
    while pending:
        name, extras = pending.pop()
        key = normalise(name)
        if key in exclude:
            continue
        known = extras_seen.setdefault(key, set())
        if key in found and extras <= known:
            continue
        known |= extras
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = BundledPackage(str(dist.metadata["Name"]), dist.version, licence_of(dist))
        for line in dist.requires or []:
            wanted = _wanted(line, known)
            if wanted is not None:
                pending.append(wanted)
    return sorted(found.values(), key=lambda p: normalise(p.name))


def licences_dir() -> Path:
    """The folder with the licence texts: bundled in a build, ``installer/licenses`` in a
    source checkout."""
    bundled = resource_path("licenses")
    return bundled if bundled.is_dir() else REPO_ROOT / "installer" / "licenses"


def display_database(url: str | None) -> str:
    """The database for people: a file path for SQLite, else the URL without its password."""
    if not url:
        return ""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return ""
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ""
    return parsed.render_as_string(hide_password=True)


def _version_of(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


class AboutDialog(QDialog):
    """Om programmet / About: three tabs (the program, licences, data)."""

    def __init__(self, database_url: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Om Kartläggning"))
        self.resize(720, 560)
        self.version = __version__
        self.database = display_database(database_url)

        self.tabs = QTabWidget(self)
        self.summary = QLabel(self._summary_html(), self)
        self.summary.setWordWrap(True)
        self.summary.setOpenExternalLinks(True)
        self.licences = QTextBrowser(self)
        self.licences.setOpenExternalLinks(True)
        self.licences.setHtml(self._licences_html())
        self.data = QTextBrowser(self)
        self.data.setHtml(self._data_html())
        self.tabs.addTab(self.summary, self.tr("Programmet"))
        self.tabs.addTab(self.licences, self.tr("Licenser"))
        self.tabs.addTab(self.data, self.tr("Data"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.open_data_button = QPushButton(self.tr("Öppna datamappen"), self)
        self.open_data_button.clicked.connect(lambda: self._open_folder(data_dir()))
        self.open_licences_button = QPushButton(self.tr("Öppna licensmappen"), self)
        self.open_licences_button.clicked.connect(lambda: self._open_folder(licences_dir()))
        buttons.addButton(self.open_data_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_licences_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _open_folder(path: Path) -> None:
        if path.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _summary_html(self) -> str:
        e = html.escape
        python = ".".join(str(part) for part in sys.version_info[:3])
        title = self.tr("Kartläggning och handlingsplan")
        version = self.tr("Version {version}").format(version=self.version)
        purpose = self.tr(
            "Kartläggning, handlingsplan och uppföljning för vuxna som vill lämna en "
            "kriminell livsstil."
        )
        built = self.tr("Byggd med Qt {qt}, PySide6 {pyside} och Python {python}.").format(
            qt=qVersion(), pyside=pyside_version, python=python
        )
        return f"<h2>{e(title)}</h2><p>{e(version)}</p><p>{e(purpose)}</p><p>{e(built)}</p>"

    def _licences_html(self) -> str:
        e = html.escape
        folder = e(str(licences_dir()))
        qt_terms = self.tr(
            "Qt {qt} och PySide6 {pyside} (med shiboken6) används enligt GNU Lesser General "
            "Public License version 3 (LGPL-3.0). De ingår som separata, dynamiskt länkade "
            "bibliotek i installationsmappen, och du får byta ut dem mot egna, ändrade versioner. "
            "Licenstexterna (LGPL-3.0 och GPL-3.0) finns i licensmappen."
        ).format(qt=qVersion(), pyside=pyside_version)
        source = self.tr("Källkod för Qt: {qt_url}. Källkod för PySide6 och shiboken6: {py_url}.")
        source_html = e(source).format(
            qt_url=f'<a href="{QT_SOURCE_URL}">{QT_SOURCE_URL}</a>',
            py_url=f'<a href="{PYSIDE_SOURCE_URL}">{PYSIDE_SOURCE_URL}</a>',
        )
        fonts = self.tr(
            "Typsnitten i PDF-utskrifterna: DejaVu Sans (DejaVu-licensen: Bitstream Vera-licensen "
            "med tillägg, delvis allmän egendom; LICENSE-DejaVu.txt), Noto Sans Arabic (SIL Open "
            "Font License 1.1; LICENSE-NotoSansArabic-OFL.txt), Droid Sans Fallback (Apache-2.0; "
            "LICENSE-DroidSansFallback.txt) och Symbola (fri för all användning; "
            "LICENSE-Symbola.txt)."
        )
        reportlab = self.tr("ReportLab {version} (BSD-licens) skapar PDF-filerna.").format(
            version=_version_of("reportlab")
        )
        psycopg = self.tr(
            "psycopg {version} (LGPL-3.0) ansluter till PostgreSQL; det medföljer libpq "
            "(PostgreSQL-licensen) och OpenSSL (Apache-2.0)."
        ).format(version=_version_of("psycopg"))
        stdnum = self.tr(
            "python-stdnum {version} (LGPL-2.1 eller senare) kontrollerar personnummer."
        ).format(version=_version_of("python-stdnum"))
        python = self.tr("Python {version} (Python Software Foundation License).").format(
            version=".".join(str(part) for part in sys.version_info[:3])
        )
        unknown = self.tr("se licensfilen")
        rows = "".join(
            f"<tr><td>{e(p.name)}</td><td>{e(p.version)}</td>"
            f"<td>{e(p.licence or unknown)}</td></tr>"
            for p in bundled_packages()
        )
        heading_qt = self.tr("Qt och PySide6")
        heading_fonts = self.tr("Typsnitt")
        heading_other = self.tr("Övriga delar")
        heading_all = self.tr("Alla medföljande paket")
        columns = (self.tr("Paket"), self.tr("Version"), self.tr("Licens"))
        where = self.tr("Licenstexterna finns i: {folder}")
        header = "".join(f"<th align='left'>{e(c)}</th>" for c in columns)
        return (
            f"<h3>{e(heading_qt)}</h3><p>{e(qt_terms)}</p><p>{source_html}</p>"
            f"<h3>{e(heading_fonts)}</h3><p>{e(fonts)}</p>"
            f"<h3>{e(heading_other)}</h3>"
            f"<ul><li>{e(reportlab)}</li><li>{e(psycopg)}</li><li>{e(stdnum)}</li>"
            f"<li>{e(python)}</li></ul>"
            f"<h3>{e(heading_all)}</h3>"
            f"<table cellspacing='0' cellpadding='3'><tr>{header}</tr>{rows}</table>"
            f"<p>{e(where).format(folder=folder)}</p>"
        )

    def _data_html(self) -> str:
        e = html.escape
        rows = [
            (self.tr("Datamapp"), str(data_dir())),
            (self.tr("Inställningsmapp"), str(config_dir())),
            # the same store as ui.settings.AppSettings uses by default
            (
                self.tr("Programmets egna val"),
                QSettings("assessment-app", "assessment-app").fileName(),
            ),
        ]
        missing = self.tr("(finns inte)")
        for path in settings_files():
            shown = str(path) if path.exists() else f"{path} {missing}"
            rows.append((self.tr("Inställningsfil"), shown))
        if self.database:
            rows.insert(0, (self.tr("Databas"), self.database))
        table = "".join(
            f"<tr><td><b>{e(label)}</b></td><td>{e(value)}</td></tr>" for label, value in rows
        )
        note = self.tr(
            "Uppgifterna i databasen är krypterade. Avinstallation tar inte bort datamappen "
            "eller inställningarna; de tas bort för hand eller enligt kommunens rutiner."
        )
        return f"<table cellspacing='0' cellpadding='3'>{table}</table><p>{e(note)}</p>"
