"""Ratings for one area: the person's own 0–4, the worker's 0–4 with a reason, and flags
(urgent, not relevant, not answered) that are kept apart from the numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from assessment_app.templates.model import Area
from assessment_app.templates.ratings import (
    FLAG_LABELS,
    FLAGS,
    OWN_RATING_LABELS,
    RATING_LABELS,
)


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
        flag_row = QHBoxLayout()
        for flag in FLAGS:
            box = QCheckBox(FLAG_LABELS[flag].text(language), self)
            self.flags[flag] = box
            flag_row.addWidget(box)
            box.toggled.connect(self._changed)
            box.installEventFilter(self)
        flag_row.addStretch(1)
        self.flags["urgent"].setStyleSheet("QCheckBox { color: #9b1c1c; font-weight: bold; }")
        own_prompt = area.rating.own_prompt.text(language) if area.rating.own_prompt else None
        worker_prompt = (
            area.rating.worker_prompt.text(language) if area.rating.worker_prompt else None
        )
        form = QFormLayout(self)
        form.addRow(own_prompt or self.tr("Personens egen s&kattning:"), self.own)
        form.addRow(worker_prompt or self.tr("&Handläggarens skattning:"), self.worker)
        form.addRow(self.tr("&Motivering:"), self.reason)
        form.addRow(self.tr("Markeringar:"), flag_row)
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
