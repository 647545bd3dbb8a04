"""The settings dialog: local file or server URL (validated; a password in the URL refused),
the server password through the credential service (or a clear explanation without a
keyring), "Testa anslutningen" against a real PostgreSQL database, language and idle lock
with IT's presets as defaults; and signing in against the configured server."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy.engine import make_url

from assessment_app import accounts
from assessment_app.credentials import CredentialStore
from assessment_app.db.engine import Database
from assessment_app.settings import Presets
from tests.ui.conftest import ADMIN, WORKER
from ui.app import resolve_database_url, resolve_language
from ui.controller import AppController
from ui.preferences.dialog import SettingsDialog
from ui.preferences.store import Preferences, check_server_url
from ui.services import StaticTemplates

SERVER = "postgresql://anna@db.kommun.se:5432/kartlaggning?sslmode=verify-full"


@pytest.fixture
def prefs(tmp_path):
    def make(presets=None):
        presets = presets or Presets()
        store = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
        return Preferences(store, presets)

    return make


@pytest.fixture
def keyring_store(memory_keyring):
    return CredentialStore(memory_keyring, allow_any_backend=True)


class NoKeyring(CredentialStore):
    """A store whose backend is not trusted: what a machine without a keyring gives."""

    def __init__(self, backend):
        super().__init__(backend, allow_any_backend=False)


def _dialog(qtbot, preferences, credentials):
    dialog = SettingsDialog(preferences, credentials)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_server_url_with_password_is_refused_with_an_explanation(qtbot, prefs, keyring_store):
    p = prefs()
    dialog = _dialog(qtbot, p, keyring_store)
    assert dialog.local_radio.isChecked() and not dialog.server_box.isEnabled()
    dialog.server_radio.setChecked(True)
    qtbot.keyClicks(dialog.server_url, "postgresql://anna:hemligt@db.kommun.se/kartlaggning")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert "Skriv inte lösenordet i adressen" in dialog.banner.text()
    assert p.database_mode == "local" and p.server_url == ""
    dialog.server_url.clear()
    qtbot.keyClicks(dialog.server_url, "sqlite:///records.sqlite3")
    _save(qtbot, dialog)
    assert "Bara PostgreSQL- och MariaDB-servrar" in dialog.banner.text()
    dialog.server_url.clear()
    qtbot.keyClicks(dialog.server_url, "postgresql://anna@db.kommun.se")
    _save(qtbot, dialog)
    assert "databasens namn" in dialog.banner.text()


def test_server_and_password_saved_in_the_keyring_only(
    qtbot, prefs, keyring_store, memory_keyring, tmp_path
):
    p = prefs()
    dialog = _dialog(qtbot, p, keyring_store)
    dialog.server_radio.setChecked(True)
    qtbot.keyClicks(dialog.server_url, SERVER)
    qtbot.keyClicks(dialog.server_password, "server-hemlighet")
    assert "nyckelring" in dialog.keyring_note.text()
    with qtbot.waitSignal(dialog.saved) as saved:
        _save(qtbot, dialog)
    assert saved.args == [True]
    assert p.database_mode == "server"
    assert p.server_url == SERVER.replace("postgresql://", "postgresql+psycopg://")
    assert p.database_url("sqlite:///local.sqlite3") == p.server_url
    assert keyring_store.get_server_password(p.server_url) == "server-hemlighet"
    assert "server-hemlighet" not in (tmp_path / "prefs.ini").read_text(encoding="utf-8")
    assert list(memory_keyring.store.values()) == ["server-hemlighet"]


def test_without_a_keyring_the_password_is_typed_at_sign_in(qtbot, prefs, memory_keyring):
    dialog = _dialog(qtbot, prefs(), NoKeyring(memory_keyring))
    assert not dialog.keyring_available
    assert "ingen säker nyckelring" in dialog.keyring_note.text()
    assert "vid varje inloggning" in dialog.keyring_note.text()
    assert not dialog.server_password.isEnabled()
    dialog.server_radio.setChecked(True)
    assert dialog.server_box.isEnabled() and dialog.server_url.isEnabled()
    dialog.grab().save("/tmp/uicheck/settings-no-keyring.png")


def test_sign_in_asks_for_the_server_password_without_a_keyring(
    qtbot, settings, template, memory_keyring
):
    controller = AppController(
        SERVER, settings, StaticTemplates(template), credentials=NoKeyring(memory_keyring)
    )
    controller.start()
    sign_in = controller.sign_in
    qtbot.waitUntil(lambda: sign_in.asks_server_password)
    assert sign_in.server_password.isVisible()
    assert "vid varje inloggning" in sign_in.server_password_note.text()
    sign_in.grab().save("/tmp/uicheck/sign-in-server-password.png")
    sign_in.rejected.disconnect(controller._finish)
    sign_in.close()


def test_presets_are_the_defaults_until_the_user_chooses(qtbot, prefs, keyring_store):
    presets = Presets(server_url=SERVER, language="en", idle_lock_minutes=25)
    p = prefs(presets)
    assert p.database_mode == "server" and p.server_url == SERVER
    assert p.effective_language == "en" and p.idle_lock_minutes == 25
    assert resolve_language(None, p) == "en"
    dialog = _dialog(qtbot, p, keyring_store)
    assert dialog.server_radio.isChecked() and dialog.server_url.text() == SERVER
    assert dialog.language.currentData() == "en" and dialog.idle_minutes.value() == 25
    assert "Förinställt av IT" in dialog.presets_label.text()
    dialog.grab().save("/tmp/uicheck/settings.png")
    # saving without changes pins nothing: a later preset still reaches this user
    _save(qtbot, dialog)
    for key in ("language", "idle_lock_minutes", "database_mode", "server_url"):
        assert not p.is_user_choice(key)
    # the user's own choices win over the presets
    dialog = _dialog(qtbot, p, keyring_store)
    dialog.language.setCurrentIndex(dialog.language.findData("sv"))
    dialog.idle_minutes.setValue(5)
    dialog.local_radio.setChecked(True)
    assert "nästa gång appen startas" in dialog.language_note.text()
    _save(qtbot, dialog)
    assert p.effective_language == "sv" and p.idle_lock_minutes == 5
    assert p.database_url("sqlite:///local.sqlite3") == "sqlite:///local.sqlite3"
    assert dialog.idle_minutes.maximum() == 120 and dialog.idle_minutes.minimum() == 1


def test_database_from_the_command_line_wins(prefs, monkeypatch):
    from ui import app

    monkeypatch.delenv("ASSESSMENT_DATABASE_URL", raising=False)
    p = prefs(Presets(server_url=SERVER))
    default = app.default_database_url()
    assert resolve_database_url(default, p) == SERVER  # nothing given: the configured server
    assert resolve_database_url("sqlite:////tmp/x.sqlite3", p) == "sqlite:////tmp/x.sqlite3"


def test_check_server_url_adds_the_driver():
    assert check_server_url("mysql://app@db/kartlaggning") == "mysql+pymysql://app@db/kartlaggning"
    assert check_server_url(" postgresql+psycopg://a@h/d ") == "postgresql+psycopg://a@h/d"


# --- against a real PostgreSQL server --------------------------------------------------------


@pytest.fixture
def pg(server_database):
    """A PostgreSQL database set up for the app; its URL without and with the password."""
    url = make_url(server_database)
    db = Database.create(url)
    accounts.initialise(db, *ADMIN, unit_name="Vuxenenheten")
    admin = accounts.sign_in(db, *ADMIN)
    accounts.add_user(admin, *WORKER, "caseworker", unit="Vuxenenheten")
    db.dispose()
    return url


def _test_connection(qtbot, dialog):
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.testing)
    return dialog.last_test


@pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
def test_test_connection_on_postgresql(qtbot, prefs, keyring_store, pg):
    bare = pg.set(password=None).render_as_string(hide_password=False)
    dialog = _dialog(qtbot, prefs(), keyring_store)
    dialog.server_radio.setChecked(True)
    qtbot.keyClicks(dialog.server_url, bare)
    if pg.password:
        qtbot.keyClicks(dialog.server_password, pg.password)
    assert _test_connection(qtbot, dialog) == "ok"
    assert "Anslutningen fungerar" in dialog.test_banner.text()
    # a database on the server that is not set up for the app
    dialog.server_url.setText(pg.set(database="postgres").render_as_string(hide_password=True))
    assert _test_connection(qtbot, dialog) == "error"
    assert "Servern svarar, men" in dialog.test_banner.text()
    # nothing listens on this port
    dialog.server_url.setText(pg.set(port=1).render_as_string(hide_password=True))
    assert _test_connection(qtbot, dialog) == "unreachable"
    assert "går inte att nå" in dialog.test_banner.text()


def test_test_connection_refuses_an_unverified_remote_server(qtbot, prefs, keyring_store):
    """Refused before any connection (the host is not even looked up), and said so plainly."""
    dialog = _dialog(qtbot, prefs(), keyring_store)
    dialog.server_radio.setChecked(True)
    qtbot.keyClicks(dialog.server_url, "postgresql://anna@db.invalid/kartlaggning?sslmode=require")
    assert _test_connection(qtbot, dialog) == "error"
    shown = dialog.test_banner.text()
    assert "kontrollerar inte serverns certifikat" in shown and "ASSESSMENT_SERVER_CA" in shown
    assert "Servern svarar" not in shown


@pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
def test_sign_in_against_the_configured_server(
    qtbot, prefs, keyring_store, pg, settings, template, tmp_path
):
    """The sign-in window's settings choose the server; the password comes from the keyring
    (saved through the dialog), and signing in works."""
    p = Preferences.of(settings)
    local = f"sqlite:///{tmp_path / 'local.sqlite3'}"
    Database.create(local).dispose()  # an existing local file: sign-in, not first run
    controller = AppController(
        local, p, StaticTemplates(template), local_url=local, credentials=keyring_store
    )
    controller.start()
    sign_in = controller.sign_in  # the controller owns its windows
    qtbot.mouseClick(sign_in.settings_button, Qt.MouseButton.LeftButton)
    dialog = controller.settings_dialog
    dialog.server_radio.setChecked(True)
    qtbot.keyClicks(dialog.server_url, pg.set(password=None).render_as_string())
    qtbot.keyClicks(dialog.server_password, pg.password or "")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.sign_in is not None and controller.sign_in is not sign_in)
    sign_in = controller.sign_in
    qtbot.addWidget(sign_in)
    assert (
        controller.url.startswith("postgresql+psycopg://")
        and ":" + str(pg.password) + "@" not in controller.url
    )
    qtbot.keyClicks(sign_in.username, WORKER[0])
    qtbot.keyClicks(sign_in.password, WORKER[1])
    qtbot.mouseClick(sign_in.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=15000)
    window = controller.window
    assert window.ctx.username == WORKER[0] and not window.services.db.is_sqlite
    assert window.server_watch is not None
    window.sign_out()
    if controller.database is not None:
        controller.database.dispose()
    Path(local.removeprefix("sqlite:///")).unlink()
