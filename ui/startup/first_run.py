"""First run: create the local database and the first administrator, then show the
recovery key once. The person must confirm they stored the key before going on."""

from __future__ import annotations

import contextlib
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.errors import AppError, ValidationError
from ui.messages import error_message
from ui.startup.dburl import first_run_needed, sqlite_file_of
from ui.tasks import run_task
from ui.widgets.banner import Banner

__all__ = ["FirstRunDialog", "create_database", "first_run_needed"]


def create_database(url: str, username: str, password: str, unit: str) -> tuple[Database, str]:
    """Runs in the background. Removes the file again if setting it up fails half-way."""
    accounts.validate_username(username)
    accounts.validate_password(password)
    path = sqlite_file_of(url)
    db = Database.create(url)
    try:
        key = accounts.initialise(db, username, password, unit_name=unit or None)
    except BaseException:
        db.dispose()
        if path is not None:  # we created this file a moment ago; nothing else is in it
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{path}{suffix}").unlink()
        raise
    return db, key


class FirstRunDialog(QDialog):
    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.database: Database | None = None
        self.admin_username = ""
        self.recovery_key = ""
        self.setWindowTitle(self.tr("Kom igång – ny databas"))
        self.setMinimumWidth(560)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._account_page())
        self.pages.addWidget(self._key_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # --- page 1 ---------------------------------------------------------------------------
    def _account_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "<h2>Välkommen</h2><p>Det finns ingen databas ännu. Här skapas en ny, krypterad "
                "databas på den här datorn och den första administratören.</p>"
            ),
            page,
        )
        intro.setWordWrap(True)
        where = QLabel(
            self.tr("Databasen skapas i: {path}").format(path=sqlite_file_of(self.url) or self.url),
            page,
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit = QLineEdit(page)
        self.unit.setPlaceholderText(self.tr("till exempel Vuxenenheten"))
        self.username = QLineEdit(page)
        self.password = QLineEdit(page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(page)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Enhet:"), self.unit)
        form.addRow(self.tr("&Administratörens användarnamn:"), self.username)
        form.addRow(
            self.tr("&Lösenord (minst {n} tecken):").format(n=accounts.MIN_PASSWORD_LENGTH),
            self.password,
        )
        form.addRow(self.tr("&Upprepa lösenordet:"), self.repeat)
        self.banner = Banner(page, "error")
        self.create_button = QPushButton(self.tr("&Skapa databasen"), page)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        cancel = QPushButton(self.tr("Avbryt"), page)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _create(self) -> None:
        username = self.username.text().strip()
        password = self.password.text()
        try:
            accounts.validate_username(username)
            accounts.validate_password(password)
            if password != self.repeat.text():
                raise ValidationError("passwords differ", self.tr("Lösenorden är inte likadana."))
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.banner.show_message(self.tr("Skapar databasen och nycklarna …"), "info")
        self.create_button.setEnabled(False)
        url, unit = self.url, self.unit.text().strip()
        run_task(
            lambda: create_database(url, username, password, unit),
            self._created,
            self._failed,
            owner=self,
        )

    def _created(self, result: tuple[Database, str]) -> None:
        if not shiboken6.isValid(self):
            return
        self.database, self.recovery_key = result
        self.admin_username = self.username.text().strip()
        self.password.clear()
        self.repeat.clear()
        self.key_field.setText(self.recovery_key)
        self._fit_key()
        self.pages.setCurrentIndex(1)
        self.saved_check.setFocus()

    def _fit_key(self) -> None:
        """Make the key field as wide as the whole key, and the dialog wide enough for it."""
        field = self.key_field
        margins = field.textMargins()
        frame = field.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, field)
        needed = (
            field.fontMetrics().horizontalAdvance(self.recovery_key)
            + margins.left()
            + margins.right()
            + 2 * frame
            + 12  # QLineEdit's inner margins and the cursor, with room to spare
        )
        field.setMinimumWidth(needed)
        field.setCursorPosition(0)
        QTimer.singleShot(0, self._grow)

    def _grow(self) -> None:
        if not shiboken6.isValid(self):
            return
        hint = self.minimumSizeHint()
        if self.width() < hint.width() or self.height() < hint.height():
            self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))
        self.key_field.setCursorPosition(0)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.create_button.setEnabled(True)
        self.banner.show_message(error_message(error), "error")

    # --- page 2 ---------------------------------------------------------------------------
    def _key_page(self) -> QWidget:
        page = QWidget(self)
        text = QLabel(
            self.tr(
                "<h2>Återställningsnyckel</h2>"
                "<p>Databasen är skapad. Nyckeln nedan är det <b>enda</b> sättet att komma åt "
                "uppgifterna om alla lösenord glöms bort. Den visas bara nu.</p>"
                "<p>Skriv ut den eller skriv av den och förvara den inlåst, åtskild från datorn "
                "(till exempel i enhetens kassaskåp). Spara den inte i en vanlig fil på datorn.</p>"
            ),
            page,
        )
        text.setWordWrap(True)
        self.key_field = QLineEdit(page)
        self.key_field.setReadOnly(True)
        # Monospace, a little larger than the app's font (so it grows with a larger font), and
        # never narrower than the whole key: no group may scroll out of sight.
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(max(13.0, QApplication.font().pointSizeF() * 1.15))
        self.key_field.setFont(font)
        copy = QPushButton(self.tr("&Kopiera"), page)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.recovery_key))
        print_button = QPushButton(self.tr("Skriv &ut …"), page)
        print_button.clicked.connect(self._print_key)
        key_row = QVBoxLayout()  # the key alone on its line, so it has the whole width
        key_row.addWidget(self.key_field)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(copy)
        key_buttons.addWidget(print_button)
        key_buttons.addStretch(1)
        key_row.addLayout(key_buttons)
        self.saved_check = QCheckBox(self.tr("&Jag har sparat nyckeln"), page)
        self.continue_button = QPushButton(self.tr("&Fortsätt till inloggningen"), page)
        self.continue_button.setEnabled(False)
        self.saved_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addLayout(key_row)
        layout.addWidget(self.saved_check)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _print_key(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        doc = QTextDocument()
        doc.setPlainText(
            self.tr(
                "Återställningsnyckel för databasen {where}\n\n{key}\n\n"
                "Förvaras inlåst. Sekretess enligt OSL 26 kap. 1 §."
            ).format(where=sqlite_file_of(self.url) or self.url, key=self.recovery_key)
        )
        doc.print_(printer)

    def reject(self) -> None:
        if self.pages.currentIndex() == 1 and not self.saved_check.isChecked():
            self.saved_check.setFocus()  # the key is shown once: it must be confirmed
            return
        super().reject()
