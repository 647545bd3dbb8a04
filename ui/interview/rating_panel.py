"""Ratings for one area: the person's own 0–4, the worker's 0–4 with a reason, and flags
(urgent, not relevant, not answered) that are kept apart from the numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assessment_app.templates.model import Area
from assessment_app.templates.ratings import (
    FLAG_LABELS,
    FLAGS,
    OWN_RATING_LABELS,
    RATING_LABELS,
)
from ui.widgets.wrapping import FlowLayout


def _fit(combo: QComboBox) -> None:
    """A combo box as wide as its longest item when there is room, and down to about 20
    characters when there is not: a longer item is then elided on the box and shown whole in
    the list and in the tooltip."""
    natural = combo.sizeHint().width()  # the longest item's width
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    combo.setMaximumWidth(max(natural, combo.minimumSizeHint().width()))
    for index in range(combo.count()):
        combo.setItemData(index, combo.itemText(index), Qt.ItemDataRole.ToolTipRole)
    view = combo.view()
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    combo.currentIndexChanged.connect(lambda _i: combo.setToolTip(combo.currentText()))
    combo.setToolTip(combo.currentText())


class RatingPanel(QGroupBox):
    changed = Signal()
    committed = Signal()

    def __init__(self, area: Area, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Skattning av behovet i området"))
        self._loading = False
        self.own = QComboBox(self)
        self.worker = QComboBox(self)
        self.own.addItem(self.tr("– ej skattad –"), None)
        self.worker.addItem(self.tr("– ej skattad –"), None)
        for step in range(5):
            self.own.addItem(f"{step} – {OWN_RATING_LABELS[step].text(language)}", step)
            self.worker.addItem(f"{step} – {RATING_LABELS[step].text(language)}", step)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Kort motivering till bedömningen"))
        self.flags: dict[str, QCheckBox] = {}
        flag_row = FlowLayout(spacing=12)
        for flag in FLAGS:
            box = QCheckBox(FLAG_LABELS[flag].text(language), self)
            self.flags[flag] = box
            flag_row.addWidget(box)
            box.toggled.connect(self._changed)
            box.installEventFilter(self)
        self.flags["urgent"].setStyleSheet("QCheckBox { color: #9b1c1c; font-weight: bold; }")
        own_prompt = area.rating.own_prompt.text(language) if area.rating.own_prompt else None
        worker_prompt = (
            area.rating.worker_prompt.text(language) if area.rating.worker_prompt else None
        )
        for combo in (self.own, self.worker):
            _fit(combo)
        widest = max(self.own.maximumWidth(), self.worker.maximumWidth())
        for combo in (self.own, self.worker):
            combo.setMaximumWidth(widest)  # the two boxes line up
        # Each prompt word-wraps on its own line with its field below, so a long prompt or a
        # large font does not widen the page.
        form = QVBoxLayout(self)
        self.prompts: list[QLabel] = []
        rows: list[tuple[str, QWidget | QLayout]] = [
            (own_prompt or self.tr("Personens egen s&kattning:"), self.own),
            (worker_prompt or self.tr("&Handläggarens skattning:"), self.worker),
            (self.tr("&Motivering:"), self.reason),
            (self.tr("Markeringar:"), flag_row),
        ]
        for text, field in rows:
            prompt = QLabel(text, self)
            prompt.setWordWrap(True)
            self.prompts.append(prompt)
            form.addWidget(prompt)
            if isinstance(field, QWidget):
                prompt.setBuddy(field)
                form.addWidget(field)
            else:
                form.addLayout(field)
        self.own.currentIndexChanged.connect(self._changed)
        self.worker.currentIndexChanged.connect(self._changed)
        self.reason.textChanged.connect(self._changed)
        self.reason.editingFinished.connect(self.committed)
        for widget in (self.own, self.worker):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.committed.emit()
        return super().eventFilter(watched, event)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def value(self) -> dict[str, Any]:
        return {
            "own": self.own.currentData(),
            "worker": self.worker.currentData(),
            "reason": self.reason.text().strip(),
            "flags": sorted(f for f, box in self.flags.items() if box.isChecked()),
        }

    def set_value(self, rating: dict[str, Any] | None) -> None:
        rating = rating or {}
        self._loading = True
        try:
            self.own.setCurrentIndex(max(0, self.own.findData(rating.get("own"))))
            self.worker.setCurrentIndex(max(0, self.worker.findData(rating.get("worker"))))
            self.reason.setText(str(rating.get("reason") or ""))
            flags = set(rating.get("flags") or ())
            for flag, box in self.flags.items():
                box.setChecked(flag in flags)
        finally:
            self._loading = False

    def is_empty(self) -> bool:
        value = self.value()
        return (
            value["own"] is None
            and value["worker"] is None
            and not value["reason"]
            and not value["flags"]
        )

    def show_reason_missing(self, missing: bool) -> None:
        self.reason.setStyleSheet("border: 2px solid #b45309;" if missing else "")
        self.reason.setToolTip(
            self.tr("Motivering behövs när handläggaren skattar.") if missing else ""
        )
