"""Translations: every string is translated, placeholders match, and English loads."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QApplication

from ui.i18n import install_translators, remove_translators, translation_file

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _messages():
    tree = ET.parse(translation_file("en", ".ts"))  # noqa: S314 - our own file
    for message in tree.iter("message"):
        yield message.findtext("source"), message.find("translation")


def test_every_string_is_translated_with_the_same_placeholders():
    messages = list(_messages())
    assert len(messages) > 200
    for source, translation in messages:
        assert translation is not None and translation.text, source
        assert translation.get("type") is None, f"unfinished: {source}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(
            PLACEHOLDER.findall(translation.text)
        ), source


def test_every_string_in_the_code_is_in_the_translation_file(tmp_path):
    """lupdate over the code finds nothing the .ts file lacks: a new self.tr() string without
    an English translation fails here, not in front of an English-speaking user."""
    import shutil

    from ui import build_translations

    probe = tmp_path / "probe_en.ts"
    shutil.copy(translation_file("en", ".ts"), probe)
    subprocess.run(
        [
            build_translations._tool("pyside6-lupdate"),
            *build_translations.sources(),
            "-source-language",
            "sv_SE",
            "-target-language",
            "en",
            "-no-obsolete",
            "-ts",
            str(probe),
        ],
        check=True,
        capture_output=True,
    )
    tree = ET.parse(probe)  # noqa: S314 - our own file
    missing = [
        (context.findtext("name"), message.findtext("source"))
        for context in tree.iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], "run `python -m ui.build_translations --update` and translate these"


@pytest.fixture
def english(qapp, tmp_path, monkeypatch):
    subprocess.run([sys.executable, "-m", "ui.build_translations"], check=True, capture_output=True)
    translators = install_translators(qapp, "en")
    qapp.setProperty("assessment_language", "en")
    yield
    remove_translators(qapp, translators)
    qapp.setProperty("assessment_language", "sv")


def test_english_interface_loads(qtbot, english, database, db_url):
    from ui.startup.sign_in import SignInDialog

    dialog = SignInDialog(db_url, database)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Sign in"
    assert dialog.sign_in_button.text() == "&Sign in"
    assert isinstance(QApplication.instance(), QApplication)
