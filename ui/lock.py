"""The lock screen (idle lock, and leaving meeting mode): the signed-in user's password
unlocks (checked in the background through ``ws.admin.verify_password``); everything behind
it stays exactly as it was."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.messages import unlock_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner


class LockScreen(QWidget):
    unlocked = Signal()
    sign_out_requested = Signal()
    cancelled = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.purpose = "idle"
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.banner = Banner(self, "error")
        self.unlock_button = QPushButton(self.tr("&Lås upp"), self)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Avbryt"), self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.sign_out_button = QPushButton(self.tr("Logga &ut"), self)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        form = QFormLayout()
        form.addRow(
            self.tr("&Lösenord för {user}:").format(user=services.ctx.username), self.password
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.unlock_button)
        box = QWidget(self)
        box.setMinimumWidth(440)
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addWidget(self.explanation)
        inner.addLayout(form)
        inner.addWidget(self.banner)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def prepare(self, purpose: str) -> None:
        """``idle`` (locked after inactivity) or ``meeting`` (leaving meeting mode)."""
        self.purpose = purpose
        if purpose == "idle":
            self.heading.setText(self.tr("Skärmen är låst"))
            self.explanation.setText(
                self.tr(
                    "Appen låstes efter en stunds inaktivitet. Det du höll på med är sparat och "
                    "finns kvar när du låser upp."
                )
            )
        else:
            self.heading.setText(self.tr("Avsluta mötesläget"))
            self.explanation.setText(self.tr("Skriv ditt lösenord för att visa ärendelistan igen."))
        self.cancel_button.setVisible(purpose == "meeting")
        self.banner.clear()
        self.password.clear()
        self.unlock_button.setEnabled(True)
        self.password.setFocus()

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            self.banner.show_message(self.tr("Skriv ditt lösenord."), "error")
            return
        if not self.unlock_button.isEnabled():
            return  # already checking (Enter pressed twice)
        self.unlock_button.setEnabled(False)
        admin, purpose = self.services.ws.admin, self.purpose
        # the same session continues; failures count towards the lockout as at sign-in
        run_task(
            lambda: admin.verify_password(password, purpose=purpose),
            self._ok,
            self._failed,
            owner=self,
        )

    def _ok(self, _result: object) -> None:
        self.password.clear()
        self.unlocked.emit()

    def _failed(self, error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.banner.show_message(unlock_message(error), "error")


class CoveredWindows:
    """Nothing may stay on top of the lock screen. Dialogs that keep their work while hidden
    (property ``restore_after_lock``; they are opened with ``open()``, never ``exec()``) are
    hidden and shown again after unlocking. Any other dialog (a question, a file or print
    dialog) is cancelled, which is always the safe answer. Menus and lists that pop up are
    closed."""

    def __init__(self, main: QWidget) -> None:
        self.main = main
        self.hidden: list[QWidget] = []

    def hide(self) -> None:
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            following = QApplication.activePopupWidget()
            popup = None if following is popup else following
        self.hidden = []
        for widget in QApplication.topLevelWidgets():
            if widget is self.main or not widget.isVisible():
                continue
            if widget.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                widget.hide()
            elif widget.property("restore_after_lock") or not isinstance(widget, QDialog):
                widget.hide()
                self.hidden.append(widget)
            else:
                widget.reject()

    def restore(self) -> None:
        for widget in self.hidden:
            if shiboken6.isValid(widget):
                widget.show()
                widget.raise_()
                widget.activateWindow()
        self.hidden = []

    def close(self) -> None:
        """Signing out: what was hidden goes away unsaved, like everything else on screen."""
        for widget in self.hidden:
            if shiboken6.isValid(widget):
                widget.close()
        self.hidden = []
