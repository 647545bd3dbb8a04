"""Entry point of the desktop app: ``run_app(database_url, self_test, language)``.

The CLI (``assessment_app/cli/main.py``) calls this with no command, or with ``--self-test``; it
finds it as the ``desktop`` entry point of ``assessment_app.frontends`` (``pyproject.toml``).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from assessment_app.config import default_database_url
from assessment_app.resources import resource_path
from ui.i18n import install_translators
from ui.preferences.store import Preferences
from ui.services import RegistryTemplates
from ui.settings import LANGUAGES, AppSettings

DESKTOP_FILE_NAME = "se.kommun.AssessmentApp"  # installer/linux/se.kommun.AssessmentApp.desktop
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resolve_language(cli_language: str | None, settings: AppSettings) -> str:
    """A language given on the command line wins; otherwise the one chosen in the app;
    otherwise IT's preset; otherwise Swedish. (The CLI passes None when nothing was given.)"""
    if cli_language in LANGUAGES:
        return cli_language
    if isinstance(settings, Preferences):
        return settings.effective_language
    return settings.language or "sv"


def resolve_database_url(cli_url: str | None, settings: Preferences) -> str:
    """A database named on the command line or in ``ASSESSMENT_DATABASE_URL`` wins; otherwise
    the connection chosen in the app (or preset by IT); otherwise the local file. (The CLI
    passes the default file's URL when nothing was given.)"""
    local = default_database_url()
    if cli_url and (cli_url != local or os.environ.get("ASSESSMENT_DATABASE_URL")):
        return cli_url
    return settings.database_url(local)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"assessment-app-{size}.png")
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon


def make_application(language: str) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("assessment-app")
    QCoreApplication.setApplicationName("assessment-app")
    app.setApplicationDisplayName(QCoreApplication.translate("app", "Kartläggning"))
    app.setDesktopFileName(DESKTOP_FILE_NAME)  # Wayland and the taskbar find the .desktop entry
    app.setWindowIcon(app_icon())
    app.setProperty("assessment_language", language)
    app.setProperty("assessment_translators", install_translators(app, language))
    return app


def run_app(database_url: str, self_test: bool = False, language: str | None = None) -> int:
    if self_test:
        from ui.self_test import run_self_test

        chosen = language if language in LANGUAGES else "sv"
        app = make_application(chosen)
        return run_self_test(app, chosen)
    settings = Preferences()
    chosen = resolve_language(language, settings)
    app = make_application(chosen)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the app ends
    if os.environ.get("ASSESSMENT_TOUR_STATE"):  # the scripted tour only (make tour)
        from ui.tour_hook import install_if_asked

        app.setProperty("assessment_tour_hook", install_if_asked(app))

    from ui.controller import AppController

    url = resolve_database_url(database_url, settings)
    local = database_url if database_url.startswith("sqlite") else default_database_url()
    controller = AppController(url, settings, RegistryTemplates(), chosen, local_url=local)
    controller.start()
    return int(app.exec())
