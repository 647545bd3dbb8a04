"""The settings dialog: which database (a local file or the municipality's server), the
server password (kept in the OS keyring, never in a file), the language and the idle lock.

Reachable from the sign-in window and from the main window. Testing the connection runs in
the background. Nothing is stored until "Spara".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assessment_app.errors import AppError, ConfigurationError
from ui.messages import error_message
from ui.preferences.store import (
    MAX_IDLE_MINUTES,
    MIN_IDLE_MINUTES,
    Preferences,
    check_server_url,
    connect_url,
)
from ui.tasks import run_task
from ui.widgets.banner import Banner

if TYPE_CHECKING:
    from assessment_app.credentials import CredentialStore


def probe(url: str, credentials: CredentialStore, typed_password: str) -> str:
    """Runs in the background: "ok", "unreachable", or raises the core's error when the
    server answers but the database is not ready for the app."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    from assessment_app.db.connection import secure_server_url
    from assessment_app.db.engine import Database
    from assessment_app.server.health import is_reachable

    target = secure_server_url(make_url(connect_url(url, credentials, typed_password)))
    engine = create_engine(target, poolclass=NullPool)  # connects only when asked
    try:
        if not is_reachable(Database(target, engine)):
            return "unreachable"
    finally:
        engine.dispose()
    Database.open(target).dispose()  # reachable: is it a database for this app?
    return "ok"


def _normalised(url: str) -> str:
    try:
        return check_server_url(url)
    except AppError:
        return url


class SettingsDialog(QDialog):
    """``saved(database_changed)`` after the choices are stored."""

    saved = Signal(bool)

    def __init__(
        self,
        preferences: Preferences,
        credentials: CredentialStore,
        parent: QWidget | None = None,
        *,
        signed_in: bool = False,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.credentials = credentials
        self.keyring_available = credentials.available
        self.testing = False
        self.last_test = ""  # "ok" | "unreachable" | "error" (for tests and the banner)
        self.setWindowTitle(self.tr("Inställningar"))
        self.setMinimumWidth(600)
        self.setProperty("restore_after_lock", True)

        # --- database ---
        self.local_radio = QRadioButton(
            self.tr("&Lokal databasfil på den här datorn (standard)"), self
        )
        self.server_radio = QRadioButton(self.tr("Databas&server i kommunens nätverk"), self)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.local_radio)
        self.mode_group.addButton(self.server_radio)
        self.server_url = QLineEdit(self)
        self.server_url.setPlaceholderText("postgresql://anvandare@server.kommun.se/kartlaggning")
        self.server_url.setAccessibleName(self.tr("Serverns adress"))
        self.server_password = QLineEdit(self)
        self.server_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_password.setAccessibleName(self.tr("Serverlösenord"))
        self.keyring_note = QLabel(self)
        self.keyring_note.setWordWrap(True)
        self.test_button = QPushButton(self.tr("&Testa anslutningen"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.test_banner = Banner(self, "info")
        server_form = QFormLayout()
        server_form.addRow(self.tr("&Adress (utan lösenord):"), self.server_url)
        server_form.addRow(self.tr("Server&lösenord:"), self.server_password)
        server_form.addRow("", self.keyring_note)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        server_form.addRow("", test_row)
        self.server_box = QWidget(self)
        self.server_box.setLayout(server_form)
        database_box = QGroupBox(self.tr("Databas"), self)
        database_layout = QVBoxLayout(database_box)
        database_layout.addWidget(self.local_radio)
        database_layout.addWidget(self.server_radio)
        database_layout.addWidget(self.server_box)
        database_layout.addWidget(self.test_banner)
        if signed_in:
            note = QLabel(self.tr("Ett byte av databas gäller nästa gång du loggar in."), self)
            note.setWordWrap(True)
            database_layout.addWidget(note)

        # --- language and lock ---
        self.language = QComboBox(self)
        self.language.addItem("Svenska", "sv")
        self.language.addItem("English", "en")
        self.language_note = QLabel(
            self.tr("Språket ändras nästa gång appen startas."),
            self,
        )
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setAccessibleName(self.tr("Lås skärmen efter"))
        general = QGroupBox(self.tr("Allmänt"), self)
        general_form = QFormLayout(general)
        general_form.addRow(self.tr("&Språk:"), self.language)
        general_form.addRow("", self.language_note)
        general_form.addRow(self.tr("Lås skärmen efter &inaktivitet:"), self.idle_minutes)

        self.presets_label = QLabel(self)
        self.presets_label.setWordWrap(True)
        self.presets_label.setStyleSheet("color: #555;")
        self.banner = Banner(self, "error")
        self.save_button = QPushButton(self.tr("&Spara"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Avbryt"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(database_box)
        layout.addWidget(general)
        layout.addWidget(self.presets_label)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)

        self.server_radio.toggled.connect(self._mode_changed)
        self._load()

    # --- showing the current choices ----------------------------------------------------------
    def _load(self) -> None:
        p = self.preferences
        (self.server_radio if p.database_mode == "server" else self.local_radio).setChecked(True)
        self.server_url.setText(p.server_url)
        self.language.setCurrentIndex(max(0, self.language.findData(p.effective_language)))
        self.idle_minutes.setValue(
            min(MAX_IDLE_MINUTES, max(MIN_IDLE_MINUTES, p.idle_lock_minutes))
        )
        if self.keyring_available:
            self.keyring_note.setText(
                self.tr(
                    "Lösenordet sparas i datorns nyckelring, aldrig i en fil. Lämna fältet tomt "
                    "för att behålla ett sparat lösenord."
                )
            )
        else:
            self.keyring_note.setText(
                self.tr(
                    "Datorn har ingen säker nyckelring, så serverlösenordet kan inte sparas. "
                    "Du skriver det i stället vid varje inloggning. Be IT-supporten installera "
                    "och låsa upp en nyckelring (till exempel GNOME-nyckelringen eller KWallet) "
                    "om du vill slippa det."
                )
            )
            self.server_password.setPlaceholderText(self.tr("skrivs vid inloggningen"))
            self.server_password.setEnabled(False)
        self.keyring_note.setStyleSheet("" if self.keyring_available else "color: #7a4b00;")
        presets = p.presets
        parts = []
        if presets.server_url:
            parts.append(self.tr("server"))
        if presets.language:
            parts.append(self.tr("språk"))
        if presets.idle_lock_minutes:
            parts.append(self.tr("skärmlås"))
        self.presets_label.setText(
            self.tr(
                "Förinställt av IT: {what}. Det du väljer här gäller före förinställningen."
            ).format(what=", ".join(parts))
            if parts
            else ""
        )
        self.presets_label.setVisible(bool(parts))
        if p.presets_error is not None:
            self.banner.show_message(error_message(p.presets_error), "warning")
        self._mode_changed(self.server_radio.isChecked())

    def _mode_changed(self, server: bool) -> None:
        self.server_box.setEnabled(server)
        self.test_banner.clear()

    # --- testing -----------------------------------------------------------------------------
    def _checked_url(self) -> str | None:
        try:
            url = check_server_url(self.server_url.text())
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            self.server_url.setFocus()
            return None
        self.banner.clear()
        return url

    def test_connection(self) -> None:
        if self.testing:
            return
        url = self._checked_url()
        if url is None:
            return
        self.testing = True
        self.test_button.setEnabled(False)
        self.test_banner.show_message(self.tr("Testar anslutningen …"), "info")
        credentials, typed = self.credentials, self.server_password.text()
        run_task(
            lambda: probe(url, credentials, typed), self._tested, self._test_failed, owner=self
        )

    def _tested(self, outcome: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.testing = False
        self.test_button.setEnabled(True)
        self.last_test = outcome
        if outcome == "ok":
            self.test_banner.show_message(
                self.tr("Anslutningen fungerar och databasen är förberedd för appen."), "success"
            )
        else:
            self.test_banner.show_message(
                self.tr(
                    "Servern går inte att nå. Kontrollera adressen, lösenordet och nätverket, "
                    "eller kontakta IT-supporten."
                ),
                "error",
            )

    def _test_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.testing = False
        self.test_button.setEnabled(True)
        self.last_test = "error"
        if isinstance(error, ConfigurationError):  # refused here, the server was not asked
            self.test_banner.show_message(error_message(error), "error")
            return
        self.test_banner.show_message(
            self.tr("Servern svarar, men: {detail}").format(detail=error_message(error)), "error"
        )

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        p = self.preferences
        mode = "server" if self.server_radio.isChecked() else "local"
        url = p.server_url
        if mode == "server":
            checked = self._checked_url()
            if checked is None:
                return
            url = checked
        password = self.server_password.text()
        if mode == "server" and password and self.keyring_available:
            try:
                self.credentials.set_server_password(url, password)
            except AppError as error:
                self.banner.show_message(error_message(error), "error")
                return
        before = p.database_url("")
        if mode != p.database_mode or p.is_user_choice("database_mode"):
            p.database_mode = mode
        if mode == "server" and (
            url != _normalised(p.server_url) or p.is_user_choice("server_url")
        ):
            p.server_url = url
        language = str(self.language.currentData())
        if language != p.effective_language or p.is_user_choice("language"):
            p.language = language
        minutes = self.idle_minutes.value()
        if minutes != p.idle_lock_minutes or p.is_user_choice("idle_lock_minutes"):
            p.idle_lock_minutes = minutes
        p.sync()
        self.server_password.clear()
        self.saved.emit(p.database_url("") != before)
        self.accept()
