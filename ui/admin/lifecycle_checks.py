"""What the main window checks after sign-in, and the backup of a local database.

- The rollback anchor (``lifecycle.anchor.record_head``): a database that went backwards (an
  older copy put back) is warned about in a banner.
- The backup reminder for a local SQLite database (``lifecycle.backup.backup_due``): a banner
  that says how long ago the last backup was, with a button for administrators and a note to
  ask the administrator for everyone else.
- "Säkerhetskopiera …": ``lifecycle.backup.create_backup`` to a file the administrator picks.

All of it runs in the background; nothing here blocks the window.

``LifecycleChecks(services, rollback_banner, backup_banner, window, state=None)``; ``run()``
starts the checks (the rollback anchor through ``ws.admin.record_head``, the backup through
``ws.admin.backup``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from assessment_app.errors import AppError
from assessment_app.lifecycle import anchor, backup
from assessment_app.lifecycle.backup import BackupInfo
from assessment_app.lifecycle.settings import DEFAULT_BACKUP_EVERY_DAYS, load_retention_settings
from assessment_app.lifecycle.state import StateStore
from ui.messages import current_language, error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner

log = logging.getLogger(__name__)


def backup_every_days() -> int:
    """From the retention settings file (read in the background)."""
    try:
        return load_retention_settings().backup_every_days
    except AppError as error:
        log.warning("retention settings: %s", error.message_en)
        return DEFAULT_BACKUP_EVERY_DAYS


def days_since_backup(db_path: Path, now: datetime, store: StateStore | None) -> int | None:
    """Whole days since the newest backup of ``db_path`` made here; None if there is none."""
    newest = backup.last_backup(db_path, store)
    if newest is None:
        return None
    at = newest.at if newest.at.tzinfo else newest.at.replace(tzinfo=UTC)
    return max(0, (now - at).days)


class LifecycleChecks(QObject):
    backup_made = Signal(object)  # BackupInfo

    def __init__(
        self,
        services: Services,
        rollback_banner: Banner,
        backup_banner: Banner,
        window: QWidget,
        state: StateStore | None = None,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.role = services.ctx.role
        self.rollback_banner = rollback_banner
        self.backup_banner = backup_banner
        self.window = window
        self.state = state
        self.rollback_status: anchor.RollbackStatus | None = None
        self.backing_up = False
        self.backup_checked = False  # the reminder check has answered
        self.now: datetime | None = None  # None: the clock (tests pass a moment)

    @property
    def local_path(self) -> Path | None:
        db = self.services.db
        return db.sqlite_path if db.is_sqlite else None

    def run(self) -> None:
        admin, state = self.services.ws.admin, self.state
        run_task(lambda: admin.record_head(state), self._anchored, self._anchor_failed, owner=self)
        self.check_backup()

    # --- rollback ----------------------------------------------------------------------------
    def _anchored(self, status: anchor.RollbackStatus) -> None:
        self.rollback_status = status
        if status.warning:
            self.rollback_banner.show_message(status.message(current_language()), "warning")

    def _anchor_failed(self, error: BaseException) -> None:
        log.warning("rollback check failed: %s", type(error).__name__)

    # --- backup reminder ---------------------------------------------------------------------
    def check_backup(self) -> None:
        path = self.local_path
        if path is None:
            return  # a server database is backed up by IT with the server's tools
        now = self.now or datetime.now(UTC)
        state = self.state

        def check() -> tuple[bool, int | None]:
            every = backup_every_days()
            return backup.backup_due(path, now, every, state), days_since_backup(path, now, state)

        run_task(check, self._checked, lambda e: log.warning("backup check: %r", e), owner=self)

    def _checked(self, result: tuple[bool, int | None]) -> None:
        due, days = result
        self.backup_checked = True
        self.backup_banner.clear()
        if not due:
            return
        if days is None:
            text = self.tr("Det finns ingen säkerhetskopia av databasen ännu.")
        else:
            text = self.tr("Det är {n} dagar sedan senaste säkerhetskopian.").format(n=days)
        if self.role == "administrator":
            self.backup_banner.show_message(text, "warning")
            button = self.backup_banner.add_button(self.tr("Säkerhetskopiera nu …"))
            button.clicked.connect(self.backup_now)
        else:
            self.backup_banner.show_message(
                text + " " + self.tr("Be administratören göra en säkerhetskopia."), "warning"
            )

    # --- making a backup ---------------------------------------------------------------------
    def choose_path(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = f"kartlaggning-backup-{QDate.currentDate().toString('yyyy-MM-dd')}.sqlite3"
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Spara säkerhetskopian"),
            str(Path(folder) / suggested),
            self.tr("Säkerhetskopia (*.sqlite3)"),
        )
        return Path(name) if name else None

    def backup_now(self) -> None:
        if self.local_path is None:
            self.backup_banner.show_message(
                self.tr(
                    "En serverdatabas säkerhetskopieras av IT med serverns egna verktyg, inte "
                    "från appen."
                ),
                "info",
            )
            return
        path = self.choose_path()
        if path is not None:
            self.backup_to(path)

    def backup_to(self, path: Path) -> None:
        if self.backing_up:
            return
        self.backing_up = True
        self.backup_banner.clear()
        self.backup_banner.show_message(self.tr("Säkerhetskopierar …"), "info")
        admin, state = self.services.ws.admin, self.state
        run_task(lambda: admin.backup(path, store=state), self._backed_up, self._failed, owner=self)

    def _backed_up(self, info: BackupInfo) -> None:
        self.backing_up = False
        self.backup_banner.show_message(
            self.tr(
                "Säkerhetskopian är sparad: {name} (med kontrollfilen {manifest}). Förvara "
                "den lika säkert som datorn; den är krypterad."
            ).format(name=info.path.name, manifest=info.manifest.name),
            "success",
        )
        self.backup_made.emit(info)

    def _failed(self, error: BaseException) -> None:
        self.backing_up = False
        self.backup_banner.show_message(error_message(error), "error")
