"""The app's flow between windows: first run or sign-in, then the main window, and back to
sign-in after signing out."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog

from ui.services import TemplateSource
from ui.settings import AppSettings
from ui.startup.dburl import first_run_needed, sqlite_file_of
from ui.startup.sign_in import SignInDialog, warm_up
from ui.tasks import run_task

if TYPE_CHECKING:  # the sign-in window comes first; the rest is imported when needed
    from assessment_app.context import Context
    from assessment_app.credentials import CredentialStore
    from assessment_app.db.engine import Database
    from assessment_app.lifecycle.state import StateStore
    from ui.account.password_dialog import ChangePasswordDialog
    from ui.main_window import MainWindow
    from ui.services import Services
    from ui.startup.first_run import FirstRunDialog

log = logging.getLogger(__name__)


class AppController(QObject):
    finished = Signal()

    def __init__(
        self,
        url: str,
        settings: AppSettings,
        templates: TemplateSource,
        language: str = "sv",
        *,
        local_url: str | None = None,
        credentials: CredentialStore | None = None,
        state: StateStore | None = None,
    ) -> None:
        super().__init__()
        self.url = url
        self.local_url = local_url or url  # the file used when "local database" is chosen
        self._credentials = credentials  # None: the OS keyring, made when first needed
        self.state = state  # None: the lifecycle state file in the user data folder
        self.settings_dialog: QDialog | None = None
        self.settings = settings
        self.templates = templates
        self.language = language
        self.database: Database | None = None
        self.first_run: FirstRunDialog | None = None
        self.sign_in: SignInDialog | None = None
        self.window: MainWindow | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self._warmed = False

    def start(self) -> None:
        if first_run_needed(self.url):
            from ui.startup.first_run import FirstRunDialog

            self.first_run = FirstRunDialog(self.url)
            self.first_run.finished.connect(self._first_run_done)
            self.first_run.show()
        else:
            self.show_sign_in(self.settings.last_username)

    def _first_run_done(self, _result: int) -> None:
        dialog = self.first_run
        assert dialog is not None
        self.first_run = None
        dialog.deleteLater()
        if dialog.database is None:
            self._finish()
            return
        self.database = dialog.database
        self.show_sign_in(dialog.admin_username)

    @property
    def credentials(self) -> CredentialStore:
        if self._credentials is None:
            from assessment_app.credentials import CredentialStore

            self._credentials = CredentialStore()
        return self._credentials

    def show_sign_in(self, username: str = "") -> None:
        self.sign_in = SignInDialog(self.url, self.database, username)
        self.sign_in.credentials = self._credentials
        self.sign_in.signed_in.connect(self._signed_in)
        self.sign_in.rejected.connect(self._finish)
        self.sign_in.painted.connect(self._warm_up)
        self.sign_in.settings_requested.connect(self.open_settings)
        self.sign_in.show()
        if sqlite_file_of(self.url) is None and not self.url.startswith("sqlite"):
            self._check_server_password(self.sign_in)

    def _check_server_password(self, dialog: SignInDialog) -> None:
        """A server database: ask for its password on the sign-in window when the keyring
        cannot give it (no trusted keyring, or nothing saved)."""
        from ui.preferences.store import server_password_needed

        url, credentials = self.url, self._credentials

        def answered(needed: bool) -> None:
            if shiboken6.isValid(dialog):
                dialog.ask_server_password(bool(needed))

        run_task(lambda: server_password_needed(url, credentials), answered, lambda e: None)

    # --- settings from the sign-in window ----------------------------------------------------
    def open_settings(self) -> None:
        from ui.preferences.dialog import SettingsDialog
        from ui.preferences.store import Preferences

        if self.settings_dialog is not None and shiboken6.isValid(self.settings_dialog):
            self.settings_dialog.raise_()
            return
        dialog = SettingsDialog(Preferences.of(self.settings), self.credentials, self.sign_in)
        dialog.saved.connect(self._settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def _settings_saved(self, database_changed: bool) -> None:
        """A new database choice takes effect at once: the start screens begin again."""
        from ui.preferences.store import Preferences

        url = Preferences.of(self.settings).database_url(self.local_url)
        if self.sign_in is not None:
            # the sign-in may know a server password is needed (or no longer) now
            self._check_server_password(self.sign_in)
        if not database_changed and url == self.url:
            return
        username = self.sign_in.username.text() if self.sign_in is not None else ""
        if self.sign_in is not None:
            self.sign_in.rejected.disconnect(self._finish)
            self.sign_in.close()
            self.sign_in.deleteLater()
            self.sign_in = None
        if self.database is not None:
            self.database.dispose()
            self.database = None
        self.url = url
        if first_run_needed(self.url):
            self.start()
        else:
            self.show_sign_in(username)

    def _warm_up(self) -> None:
        if not self._warmed:
            self._warmed = True
            # only a head start: whatever fails here is loaded (and reported) when needed
            run_task(warm_up, None, lambda error: log.info("warm-up: %r", error))

    def _signed_in(self, database: Database, ctx: Context) -> None:
        self.database = database
        self.settings.last_database_url = self.url
        self.settings.last_username = ctx.username
        from ui.main_window import MainWindow
        from ui.services import Services

        services = Services(database, ctx, self.settings, self.templates, self.language)
        if ctx.must_change_password:
            self._change_temporary_password(services)
            return
        self.window = MainWindow(services, credentials=self._credentials)
        self.window.signed_out.connect(self._signed_out)
        self.window.quit_requested.connect(self._finish)
        self.window.show()
        self.window.after_sign_in(self.state)

    def _change_temporary_password(self, services: Services) -> None:
        """A temporary password: the user picks their own before the main window opens;
        giving up signs out and shows the sign-in again."""
        from ui.account.password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(services, forced=True)
        self.password_dialog = dialog
        dialog.changed.connect(lambda: self._signed_in(services.db, services.ctx))

        username = services.ctx.username

        def gave_up() -> None:
            def back(_result: object = None) -> None:
                self.show_sign_in(username)

            run_task(services.ws.admin.sign_out, back, lambda _error: back())

        dialog.rejected.connect(gave_up)
        dialog.finished.connect(dialog.deleteLater)
        dialog.show()

    def _signed_out(self) -> None:
        username = self.window.ctx.username if self.window else ""
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self.show_sign_in(username)

    def _finish(self) -> None:
        if self.database is not None:
            self.database.dispose()
        self.finished.emit()
        app = QApplication.instance()
        if app is not None:
            app.quit()
