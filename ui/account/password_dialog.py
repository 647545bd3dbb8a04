""" "Byt lösenord": the signed-in user changes their own password.

Opened from the main window's Arkiv menu, and, before the main window, at a sign-in with a
temporary password (one an administrator chose): then the dialog says why it is there and
"Avbryt" becomes "Logga ut", because nothing else works until the password is changed.

The change runs in the background (``ws.admin.change_password``): the old password is checked,
the master key is wrapped again for the new one, and the change is audited. A wrong old
password or a refused new one is said in the dialog; nothing typed is cleared except the
field that was wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from assessment_app.errors import ValidationError, WrongPasswordError
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner

MIN_LENGTH = 10  # the same rule as the core's (assessment_app.accounts.MIN_PASSWORD_LENGTH)


class ChangePasswordDialog(QDialog):
    """``changed`` once the new password is stored; ``rejected`` when the person gave up (at a
    forced change: signs out)."""

    changed = Signal()

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, forced: bool = False
    ) -> None:
        super().__init__(parent)
        self.ws = services.ws
        self.forced = forced
        self.setWindowTitle(self.tr("Byt lösenord"))
        self.setMinimumWidth(460)
        if forced:
            text = self.tr(
                "Du loggade in med ett tillfälligt lösenord som en administratör har valt. "
                "Välj ett eget lösenord innan du fortsätter. Ingen annan ska känna till det."
            )
        else:
            text = self.tr(
                "Skriv ditt nuvarande lösenord och det nya två gånger. Ditt nya lösenord gäller "
                "från nästa gång du loggar in eller låser upp."
            )
        self.intro = QLabel(text, self)
        self.intro.setWordWrap(True)
        self.banner = Banner(self, "error")
        self.old = QLineEdit(self)
        self.new = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for field, name in (
            (self.old, self.tr("Nuvarande lösenord")),
            (self.new, self.tr("Nytt lösenord")),
            (self.repeat, self.tr("Upprepa det nya lösenordet")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.hint = QLabel(
            self.tr("Minst {n} tecken. Gärna en mening du minns.").format(n=MIN_LENGTH), self
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(
            self.tr("&Tillfälligt lösenord:") if forced else self.tr("&Nuvarande lösenord:"),
            self.old,
        )
        form.addRow(self.tr("N&ytt lösenord:"), self.new)
        form.addRow(self.tr("&Upprepa:"), self.repeat)
        form.addRow(self.hint)
        self.ok_button = QPushButton(self.tr("&Byt lösenord"), self)
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(
            self.tr("&Logga ut") if forced else self.tr("&Avbryt"), self
        )
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.old.setFocus()

    def submit(self) -> None:
        old, new, repeat = self.old.text(), self.new.text(), self.repeat.text()
        self.banner.clear()
        if not old:
            self._say(self.tr("Skriv ditt nuvarande lösenord."), self.old)
            return
        if len(new) < MIN_LENGTH:
            self._say(
                self.tr("Det nya lösenordet måste ha minst {n} tecken.").format(n=MIN_LENGTH),
                self.new,
            )
            return
        if new != repeat:
            self.repeat.clear()
            self._say(
                self.tr("De två nya lösenorden är inte likadana. Skriv det igen."), self.repeat
            )
            return
        ws = self.ws
        self.setEnabled(False)
        run_task(lambda: ws.admin.change_password(old, new), self._done, self._failed, owner=self)

    def _say(self, message: str, field: QLineEdit) -> None:
        self.banner.show_message(message, "error")
        field.setFocus()

    def _done(self, _result: object) -> None:
        self.setEnabled(True)
        for field in (self.old, self.new, self.repeat):
            field.clear()
        self.changed.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(error, WrongPasswordError):
            self.old.clear()
            self._say(error_message(error), self.old)
        elif isinstance(error, ValidationError):
            self._say(error_message(error), self.new)
        else:
            self.banner.show_message(error_message(error), "error")
