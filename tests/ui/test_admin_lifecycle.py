"""After sign-in: the rollback check (a warning banner when the database went backwards), the
backup reminder for a local database (a button for administrators, a note for others), and
the backup itself through the core."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.credentials import CredentialStore
from assessment_app.lifecycle import backup
from assessment_app.lifecycle.state import BackupRecord, StateStore
from assessment_app.records import cases
from tests.ui.conftest import ADMIN
from ui.admin import lifecycle_checks
from ui.main_window import MainWindow
from ui.services import Services, StaticTemplates


@pytest.fixture
def state(tmp_path, memory_keyring):
    return StateStore(
        tmp_path / "state" / "lifecycle-state.json",
        CredentialStore(memory_keyring, allow_any_backend=True),
    )


def _window(qtbot, services, state, now=None):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.lifecycle.now = now
    window.show()
    window.after_sign_in(state)
    qtbot.waitUntil(lambda: window.lifecycle.rollback_status is not None)
    return window


def _admin_services(database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    return Services(database, admin, settings, StaticTemplates(template))


def test_reminder_for_administrator_then_backup(
    qtbot, database, settings, template, state, tmp_path, monkeypatch
):
    services = _admin_services(database, settings, template)
    window = _window(qtbot, services, state)
    banner = window.backup_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.text() == "Det finns ingen säkerhetskopia av databasen ännu."
    assert window.backup_action.isVisible()
    button = next(b for b in banner._buttons if "Säkerhetskopiera" in b.text())
    out = tmp_path / "kopior" / "backup.sqlite3"
    out.parent.mkdir()
    monkeypatch.setattr(
        lifecycle_checks.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(out), "")),
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.lifecycle.backing_up)
    assert "Säkerhetskopian är sparad: backup.sqlite3" in banner.text()
    assert out.exists() and backup.manifest_path(out).exists()
    assert backup.read_manifest(out).size == out.stat().st_size
    newest = backup.last_backup(database.sqlite_path, state)
    assert newest is not None and newest.file == str(out)
    window.grab().save("/tmp/uicheck/backup-done.png")

    # a backup that cannot be written: the core's message, inline
    window.lifecycle.backup_to(out)  # exists already; the core refuses to overwrite
    qtbot.waitUntil(lambda: not window.lifecycle.backing_up)
    assert banner.kind == "error" and "backup.sqlite3" in banner.text()


def test_reminder_counts_days_and_tells_others_to_ask(qtbot, services, database, state, tmp_path):
    old = datetime.now(UTC) - timedelta(days=12)
    state.add_backup(
        BackupRecord("x", str(database.sqlite_path), str(tmp_path / "b"), old, "0" * 64, 1)
    )
    window = _window(qtbot, services, state)  # anna, a caseworker
    qtbot.waitUntil(window.backup_banner.isVisible)
    assert window.backup_banner.text() == (
        "Det är 12 dagar sedan senaste säkerhetskopian. Be administratören göra en säkerhetskopia."
    )
    assert window.backup_banner._buttons == []
    assert not window.backup_action.isVisible()
    window.grab().save("/tmp/uicheck/backup-reminder.png")


def test_no_reminder_after_a_recent_backup(qtbot, services, database, state, tmp_path):
    state.add_backup(
        BackupRecord(
            "x", str(database.sqlite_path), str(tmp_path / "b"), datetime.now(UTC), "0" * 64, 1
        )
    )
    window = _window(qtbot, services, state)
    qtbot.waitUntil(lambda: window.lifecycle.backup_checked)
    assert not window.backup_banner.isVisible()
    assert not window.rollback_banner.isVisible()
    assert window.lifecycle.rollback_status.state in ("ok", "unknown")


def _snapshot(source, target):
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def test_an_older_copy_put_back_is_warned_about(
    qtbot, database, settings, template, state, worker, tmp_path
):
    path = database.sqlite_path
    copy = tmp_path / "older.sqlite3"
    _snapshot(path, copy)  # an older copy, taken now
    cases.create_case(worker, name="Ny Person")  # the database moves on
    services = Services(database, worker, settings, StaticTemplates(template))
    window = _window(qtbot, services, state)  # this installation sees the newer head
    assert window.lifecycle.rollback_status.state in ("ok", "unknown")
    assert not window.rollback_banner.isVisible()
    window.close()
    database.dispose()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copy(copy, path)  # ... and the older copy is put back
    from assessment_app.db.engine import Database

    db = Database.open(f"sqlite:///{path}")
    ctx = accounts.sign_in(db, "anna", "anna-password-1")
    window = _window(qtbot, Services(db, ctx, settings, StaticTemplates(template)), state)
    assert window.lifecycle.rollback_status.state == "went_backwards"
    qtbot.waitUntil(window.rollback_banner.isVisible)
    assert window.rollback_banner.text().startswith("Varning: databasen")
    assert window.rollback_banner.kind == "warning"
    window.grab().save("/tmp/uicheck/rollback.png")
    db.dispose()
