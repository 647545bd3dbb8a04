"""UI test fixtures: a temp SQLite database per test, a small fixed interview template, and
settings on a temp INI file. Widgets are driven as a person would."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "5")

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from assessment_app import accounts
from assessment_app.context import Context
from assessment_app.db.engine import Database
from assessment_app.templates.model import Template
from ui.services import Services, StaticTemplates
from ui.settings import AppSettings

ADMIN = ("admin", "admin-password-1")
WORKER = ("anna", "anna-password-1")

TEMPLATE_DATA = {
    "id": "test-mall",
    "version": 1,
    "title": {"sv": "Testkartläggning", "en": "Test assessment"},
    "consent": {
        "title": "Samtycke",
        "questions": [
            {
                "id": "agrees",
                "type": "yes_no",
                "required": True,
                "label": {"sv": "Går du med på överenskommelsen?", "en": "Do you agree?"},
            },
        ],
    },
    "areas": [
        {
            "id": "housing",
            "title": {"sv": "Boende", "en": "Housing"},
            "help": "Hur bor du i dag?",
            "questions": [
                {
                    "id": "housing_now",
                    "type": "single_choice",
                    "required": True,
                    "label": "Hur bor du nu?",
                    "options": [
                        {"value": "own_lease", "label": "Eget kontrakt"},
                        {"value": "homeless", "label": "Bostadslös"},
                        {"value": "other", "label": "Annat"},
                    ],
                },
                {
                    "id": "housing_tonight",
                    "type": "yes_no",
                    "required": True,
                    "label": "Har du någonstans att sova i natt?",
                    "show_if": 'housing_now == "homeless"',
                    "safety_critical": {
                        "urgent_when": "housing_tonight == false",
                        "message": "Ingen plats att sova i natt",
                    },
                },
                {"id": "housing_note", "type": "long_text", "label": "Något mer om boendet?"},
            ],
        },
        {
            "id": "substances",
            "title": {"sv": "Droger", "en": "Substances"},
            "help": "Användning senaste 30 dagarna.",
            "questions": [
                {
                    "id": "substances_used",
                    "type": "multiple_choice",
                    "label": "Vad har du använt?",
                    "options": [
                        {"value": "alcohol", "label": "Alkohol"},
                        {"value": "cannabis", "label": "Cannabis"},
                        {"value": "none", "label": "Inget", "exclusive": True},
                    ],
                },
                {
                    "id": "substances_days",
                    "type": "number",
                    "label": "Hur många dagar?",
                    "constraint": {
                        "min": 0,
                        "max": 30,
                        "integer": True,
                        "message": "Ange 0–30 dagar.",
                    },
                },
                {
                    "id": "substances_treated",
                    "type": "date",
                    "label": "Senaste behandling",
                    "constraint": {
                        "not_in_future": True,
                        "message": "Datumet kan inte ligga i framtiden.",
                    },
                },
            ],
        },
        {
            "id": "motivation",
            "title": {"sv": "Motivation", "en": "Motivation"},
            "help": "Varför nu?",
            "questions": [
                {
                    "id": "why_now",
                    "type": "short_text",
                    "required": True,
                    "label": "Varför vill du förändra något nu?",
                },
                {
                    "id": "readiness",
                    "type": "scale",
                    "label": "Hur redo är du?",
                    "scale": {"min": 0, "max": 10},
                },
            ],
        },
    ],
}


@pytest.fixture
def template() -> Template:
    return Template.model_validate(TEMPLATE_DATA)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.sqlite3'}"


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A database with an administrator and one caseworker (anna) in the unit Vuxenenheten."""
    db = Database.create(db_url)
    accounts.initialise(db, *ADMIN, unit_name="Vuxenenheten")
    admin = accounts.sign_in(db, *ADMIN)
    accounts.add_user(admin, *WORKER, "caseworker", unit="Vuxenenheten")
    yield db
    db.dispose()


@pytest.fixture
def worker(database: Database) -> Context:
    return accounts.sign_in(database, *WORKER)


@pytest.fixture
def services(
    database: Database, worker: Context, settings: AppSettings, template: Template
) -> Services:
    return Services(database, worker, settings, StaticTemplates(template))


def wait_tasks(qtbot, timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until every background call a screen made has delivered its result."""
    from ui import tasks

    qtbot.waitUntil(lambda: not tasks.busy(), timeout=timeout)


@contextmanager
def scaled_app_font(qapp, factor: float) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The app font at ``factor`` times its size (a larger system font) while inside."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(before.pointSizeF() * factor)
    qapp.setFont(font)
    try:
        yield
    finally:
        qapp.setFont(before)


@pytest.fixture(params=[1, 2], ids=["100%", "200%"])
def font_scale(request: pytest.FixtureRequest, qapp) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """The app font at its size and at twice it."""
    with scaled_app_font(qapp, request.param):
        yield request.param
