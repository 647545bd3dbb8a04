"""After sign-in: the rollback check (a warning banner when the database went backwards), the
backup reminder for a local database (a button for administrators, a note for others), and
the backup itself through the core."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from assessment_app import accounts
from assessment_app.credentials import CredentialStore
from assessment_app.lifecycle import backup
from assessment_app.lifecycle.state import BackupRecord, StateStore
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, wait_tasks
from ui.admin import lifecycle_checks
from ui.admin.lifecycle_checks import LifecycleChecks
from ui.services import Services, StaticTemplates
from ui.widgets.banner import Banner


@pytest.fixture
def state(tmp_path, memory_keyring):
    return StateStore(
        tmp_path / "state" / "lifecycle-state.json",
        CredentialStore(memory_keyring, allow_any_backend=True),
    )


class Host(QWidget):
    """Stands in for the main window: the two banners the checks write to."""

    def __init__(self, services, state, now=None):
        super().__init__()
        self.rollback_banner = Banner(self, "warning")
        self.backup_banner = Banner(self, "warning")
        layout = QVBoxLayout(self)
        layout.addWidget(self.rollback_banner)
        layout.addWidget(self.backup_banner)
        self.lifecycle = LifecycleChecks(
            services, self.rollback_banner, self.backup_banner, self, state
        )
        self.lifecycle.now = now


def _window(qtbot, services, state, now=None):
    window = Host(services, state, now)
    qtbot.addWidget(window)
    window.resize(900, 200)
    window.show()
    window.lifecycle.run()
    wait_tasks(qtbot)
    assert window.lifecycle.rollback_status is not None
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
    button = next(b for b in banner._buttons if "Säkerhetskopiera" in b.text())
    out = tmp_path / "kopior" / "backup.sqlite3"
    out.parent.mkdir()
    monkeypatch.setattr(
        lifecycle_checks.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(out), "")),
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.lifecycle.backing_up
    wait_tasks(qtbot)
    assert not window.lifecycle.backing_up
    assert "Säkerhetskopian är sparad: backup.sqlite3" in banner.text()
    assert out.exists() and backup.manifest_path(out).exists()
    assert backup.read_manifest(out).size == out.stat().st_size
    newest = backup.last_backup(database.sqlite_path, state)
    assert newest is not None and newest.file == str(out)
    window.grab().save("/tmp/uicheck/backup-done.png")

    # a backup that cannot be written: the core's message, inline
    window.lifecycle.backup_to(out)  # exists already; the core refuses to overwrite
    wait_tasks(qtbot)
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
    window.grab().save("/tmp/uicheck/backup-reminder.png")


def test_no_reminder_after_a_recent_backup(qtbot, services, database, state, tmp_path):
    state.add_backup(
        BackupRecord(
            "x", str(database.sqlite_path), str(tmp_path / "b"), datetime.now(UTC), "0" * 64, 1
        )
    )
    window = _window(qtbot, services, state)
    assert window.lifecycle.backup_checked
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
    Workspace(worker).cases.create(name="Ny Person")  # the database moves on
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
    assert window.rollback_banner.isVisible()
    assert window.rollback_banner.text().startswith("Varning: databasen")
    assert window.rollback_banner.kind == "warning"
    window.grab().save("/tmp/uicheck/rollback.png")
    db.dispose()


def test_the_backup_action_is_for_administrators_of_a_local_database(
    qtbot, database, settings, template, services
):
    """The main window's part (converted by the main window's author)."""
    from ui.main_window import MainWindow

    window = MainWindow(_admin_services(database, settings, template))
    qtbot.addWidget(window)
    window.show()
    assert window.backup_action.isVisible()
    window = MainWindow(services)  # anna, a caseworker
    qtbot.addWidget(window)
    window.show()
    assert not window.backup_action.isVisible()
