"""A small dialog that asks why (a stated reason the core keeps and audits): the OK button
is enabled only when something is written; the text is handed over with ``reason_given``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    reason_given = Signal(str)

    def __init__(
        self, title: str, question: str, ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setProperty("restore_after_lock", True)
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(title)
        self.question.setBuddy(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.text.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(460, 240)

    def _accept(self) -> None:
        reason = self.text.toPlainText().strip()
        if not reason:
            return
        self.accept()
        self.reason_given.emit(reason)
