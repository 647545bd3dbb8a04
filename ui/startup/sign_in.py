"""Sign-in: opens the existing database (never creates one) and unlocks the user's keys.

This is the first window, so it imports nothing heavy: the core's storage layer is loaded in
the background (``warm_up``) while the person types, and by the sign-in task at the latest."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.messages import sign_in_message
from ui.startup.dburl import display_url
from ui.tasks import run_task
from ui.widgets.banner import Banner

if TYPE_CHECKING:
    from assessment_app.context import Context
    from assessment_app.credentials import CredentialStore
    from assessment_app.db.engine import Database


def open_and_sign_in(
    url: str,
    db: Database | None,
    username: str,
    password: str,
    server_password: str = "",
    credentials: CredentialStore | None = None,
) -> tuple[Database, Context]:
    """Runs in the background: Database.open checks the file read-only first and never
    creates anything. A server URL gets its password from the field or the OS keyring."""
    from assessment_app import accounts
    from assessment_app.db.engine import Database
    from ui.preferences.store import connect_url

    database = db or Database.open(connect_url(url, credentials, server_password))
    return database, accounts.sign_in(database, username, password)


def warm_up() -> None:
    """Runs in the background once the window is painted: load what signing in and the main
    window need, so pressing "Logga in" does not wait for imports."""
    from assessment_app.templates import default_registry

    default_registry()


class SignInDialog(QDialog):
    signed_in = Signal(object, object)  # Database, Context
    painted = Signal()  # the first time the window has been drawn
    settings_requested = Signal()  # "Inställningar …": the connection and preferences

    def __init__(
        self,
        url: str,
        db: Database | None = None,
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.database = db
        self.credentials: CredentialStore | None = None  # None: the OS keyring
        self.context: Context | None = None
        self._painted = False
        self.setWindowTitle(self.tr("Logga in"))
        self.setMinimumWidth(440)
        title = QLabel(self.tr("<h2>Kartläggning och handlingsplan</h2>"), self)
        where = QLabel(
            self.tr("Databas: {name}").format(name=db.display_name if db else display_url(url)),
            self,
        )
        where.setWordWrap(True)
        where.setStyleSheet("color: #555;")
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_password = QLineEdit(self)
        self.server_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_password_label = QLabel(self.tr("&Serverlösenord:"), self)
        self.server_password_label.setBuddy(self.server_password)
        self.server_password_note = QLabel(
            self.tr(
                "Serverlösenordet finns inte sparat i datorns nyckelring, så det skrivs här vid "
                "varje inloggning (lämna tomt om servern inte kräver något)."
            ),
            self,
        )
        self.server_password_note.setWordWrap(True)
        self.server_password_note.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(self.tr("&Användarnamn:"), self.username)
        form.addRow(self.tr("&Lösenord:"), self.password)
        form.addRow(self.server_password_label, self.server_password)
        form.addRow("", self.server_password_note)
        self.ask_server_password(False)
        self.banner = Banner(self, "error")
        self.sign_in_button = QPushButton(self.tr("&Logga in"), self)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Avsluta"), self)
        cancel.clicked.connect(self.reject)
        self.settings_button = QPushButton(self.tr("&Inställningar …"), self)
        self.settings_button.setAutoDefault(False)
        self.settings_button.clicked.connect(self.settings_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.settings_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        (self.password if username else self.username).setFocus()

    def ask_server_password(self, ask: bool) -> None:
        """Show the server password field (no trusted keyring, or nothing saved in it)."""
        self.asks_server_password = ask
        for widget in (self.server_password_label, self.server_password, self.server_password_note):
            widget.setVisible(ask)
        self.adjustSize()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.painted.emit)  # after this paint; not if deleted
        return handled

    def submit(self) -> None:
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.banner.show_message(self.tr("Skriv användarnamn och lösenord."), "error")
            return
        self.banner.show_message(self.tr("Loggar in …"), "info")
        self.sign_in_button.setEnabled(False)
        server_password = self.server_password.text() if self.asks_server_password else ""
        url, database, credentials = self.url, self.database, self.credentials
        run_task(
            lambda: open_and_sign_in(
                url, database, username, password, server_password, credentials
            ),
            self._succeeded,
            self._failed,
            owner=self,
        )

    def _succeeded(self, result: tuple[Database, Context]) -> None:
        if not shiboken6.isValid(self):
            return
        self.database, self.context = result
        self.password.clear()
        self.signed_in.emit(self.database, self.context)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.sign_in_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.banner.show_message(sign_in_message(error), "error")
