"""First run and sign-in, driven through the real dialogs."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update
from sqlalchemy.engine import make_url

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.db.models import User
from assessment_app.db.types import utcnow
from tests.ui.conftest import ADMIN, WORKER
from ui.startup.dburl import display_url, sqlite_file_of
from ui.startup.first_run import FirstRunDialog, first_run_needed
from ui.startup.sign_in import SignInDialog


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_first_run_creates_database_and_demands_key_confirmation(qtbot, db_url):
    assert first_run_needed(db_url)
    dialog = FirstRunDialog(db_url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.unit, "Vuxenenheten")
    qtbot.keyClicks(dialog.username, "chef")
    qtbot.keyClicks(dialog.password, "ett-bra-losenord")
    qtbot.keyClicks(dialog.repeat, "ett-bra-losenord")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)

    key = dialog.key_field.text()
    assert key and key == dialog.recovery_key
    assert not dialog.continue_button.isEnabled()
    dialog.reject()  # Esc before confirming does not close: the key is shown only once
    assert dialog.isVisible()
    qtbot.keyClick(dialog.saved_check, Qt.Key.Key_Space)
    assert dialog.continue_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)

    assert not first_run_needed(db_url)
    db = Database.open(db_url)
    ctx = accounts.sign_in(db, "chef", "ett-bra-losenord")
    assert ctx.role == "administrator"
    db.dispose()
    dialog.database.dispose()


def test_first_run_refuses_mismatched_passwords_and_creates_nothing(qtbot, db_url):
    dialog = FirstRunDialog(db_url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "chef")
    qtbot.keyClicks(dialog.password, "ett-bra-losenord")
    qtbot.keyClicks(dialog.repeat, "ett-annat-losenord")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "inte likadana" in dialog.banner.text()
    assert dialog.pages.currentIndex() == 0
    assert not _path(db_url).exists()


def _sign_in(qtbot, url, username, password, db=None):
    dialog = SignInDialog(url, db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled() or dialog.context is not None)
    return dialog


def test_sign_in_succeeds(qtbot, database, db_url):
    dialog = _sign_in(qtbot, db_url, *WORKER, db=database)
    assert dialog.context is not None and dialog.context.username == WORKER[0]


def test_wrong_password_message(qtbot, database, db_url):
    dialog = _sign_in(qtbot, db_url, WORKER[0], "fel-losenord-123", db=database)
    assert dialog.context is None
    assert dialog.banner.text() == "Fel användarnamn eller lösenord. Kontrollera och försök igen."
    assert dialog.password.text() == ""


def test_locked_account_message(qtbot, database, db_url):
    with database.session() as session:
        session.execute(
            update(User)
            .where(User.username == WORKER[0])
            .values(locked_until=utcnow() + timedelta(minutes=10))
        )
    dialog = _sign_in(qtbot, db_url, *WORKER, db=database)
    assert dialog.context is None
    assert "tillfälligt låst" in dialog.banner.text()


def test_disabled_account_message(qtbot, database, db_url):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.set_user_active(admin, WORKER[0], False)
    dialog = _sign_in(qtbot, db_url, *WORKER, db=database)
    assert "avstängt" in dialog.banner.text()


def test_the_lock_screen_checks_the_password_in_the_background(qtbot, services):
    from ui.lock import LockScreen

    lock = LockScreen(services)
    qtbot.addWidget(lock)
    lock.show()
    lock.prepare("idle")
    qtbot.keyClicks(lock.password, "fel-losenord-123")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert not lock.unlock_button.isEnabled()  # checking: Enter twice checks once
    qtbot.waitUntil(lock.unlock_button.isEnabled)
    assert lock.banner.text() == "Fel lösenord. Försök igen." and lock.password.text() == ""
    qtbot.keyClicks(lock.password, WORKER[1])
    with qtbot.waitSignal(lock.unlocked):
        qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.password.text() == ""


def test_not_a_database_is_reported_and_left_untouched(qtbot, tmp_path):
    path = tmp_path / "records.sqlite3"
    path.write_bytes(b"this is somebody's spreadsheet")
    url = f"sqlite:///{path}"
    assert not first_run_needed(url)  # an existing file never leads to creating a database
    dialog = _sign_in(qtbot, url, *WORKER)
    assert "inte en databas för den här appen" in dialog.banner.text()
    assert path.read_bytes() == b"this is somebody's spreadsheet"


def test_unreachable_server_message(qtbot):
    url = "postgresql+psycopg://user:secret@127.0.0.1:1/records?connect_timeout=1"
    assert not first_run_needed(url)
    dialog = _sign_in(qtbot, url, *WORKER)
    assert "nå databasservern" in dialog.banner.text()
    assert "secret" not in dialog.findChildren(type(dialog.banner.label))[0].text()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///records.sqlite3",
        "sqlite:////tmp/some folder/records.sqlite3",
        "sqlite:////tmp/%C3%A4renden.sqlite3",
        "sqlite+pysqlite:////tmp/x.sqlite3?timeout=5",
        "sqlite:///~/data/x.sqlite3",
        "sqlite://",
        "sqlite:///:memory:",
        "postgresql://anna:hemligt@db.kommun.se:5432/kartlaggning",
        "mysql+pymysql://anna@db/kartlaggning",
    ],
)
def test_database_url_reading_agrees_with_sqlalchemy(url):
    """The start screens read URLs without importing SQLAlchemy; they must agree with it."""
    parsed = make_url(url)
    expected = None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        expected = Path(parsed.database).expanduser().resolve()
    assert sqlite_file_of(url) == expected
    assert "hemligt" not in display_url(url)


def test_the_sign_in_window_comes_before_the_storage_layer():
    """Showing the first window must not wait for SQLAlchemy and the core's storage: they
    are loaded in the background while the person types. That holds for the
    `assessment-app` command too, which is what a user starts."""
    code = (
        "import sys; import assessment_app.cli.main, ui.app, ui.controller, ui.startup.sign_in; "
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'assessment_app.db.engine', "
        "'assessment_app.accounts', 'reportlab', 'ui.main_window') if m in sys.modules]; "
        "print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_language_from_the_command_line_else_the_saved_setting(settings):
    from ui.app import resolve_language

    assert resolve_language(None, settings) == "sv"  # nothing chosen anywhere
    settings.language = "en"
    assert resolve_language(None, settings) == "en"  # chosen earlier in the app
    assert resolve_language("sv", settings) == "sv"  # chosen on the command line now
