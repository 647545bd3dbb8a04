"""An inline message strip: calmer than a modal box, and it stays until dealt with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

STYLES = {
    "info": ("#e8f0fb", "#1d4f91"),
    "success": ("#e6f4ea", "#1e6b34"),
    "warning": ("#fff4d6", "#7a4b00"),
    "error": ("#fde8e8", "#9b1c1c"),
    "protected": ("#7a1010", "#ffffff"),
}


class Banner(QFrame):
    """A coloured strip with a message and optional buttons; hidden while it has no text."""

    def __init__(self, parent: QWidget | None = None, kind: str = "info") -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self.set_kind(kind)
        self.hide()

    def set_kind(self, kind: str) -> None:
        background, foreground = STYLES[kind]
        self.kind = kind
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border-radius: 4px; }}"
            f"QFrame#banner QLabel {{ color: {foreground}; }}"
        )

    def show_message(self, text: str, kind: str | None = None) -> None:
        if kind is not None:
            self.set_kind(kind)
        self.label.setText(text)
        self.setVisible(bool(text))

    def add_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        self._layout.addWidget(button)
        self._buttons.append(button)
        return button

    def clear(self) -> None:
        self.label.clear()
        for button in self._buttons:
            button.deleteLater()
        self._buttons.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text()
