"""Loading the interface language. Swedish is the source language; English comes from
``resources/translations/assessment_app_en.qm`` (built from the ``.ts`` by
``python -m ui.build_translations``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from assessment_app.resources import resource_path

log = logging.getLogger(__name__)

TRANSLATION_BASENAME = "assessment_app"


def translation_file(language: str, suffix: str = ".qm") -> str:
    return str(resource_path("translations", f"{TRANSLATION_BASENAME}_{language}{suffix}"))


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the app's and Qt's own translators for ``language``; return them (keep them
    referenced). Swedish needs only Qt's strings (standard buttons); a missing file is logged
    and the app falls back to Swedish text."""
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", qt_dir) and app.installTranslator(qt):
        installed.append(qt)
    if language != "sv":
        own = QTranslator(app)
        if own.load(translation_file(language)) and app.installTranslator(own):
            installed.append(own)
        else:
            log.warning(
                "no translation for %s (build it with python -m ui.build_translations)", language
            )
    QLocale.setDefault(
        QLocale(QLocale.Language.Swedish if language == "sv" else QLocale.Language.English)
    )
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
