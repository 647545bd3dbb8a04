"""The next meeting in the plan editor: a day and time (optional: "inget möte bokat"), a
place, and whether the providers take part (only then does it print on their documents)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from assessment_app.records.plans import local_meeting

DEFAULT_HOUR = 10


class MeetingField(QWidget):
    """``value()`` is ``(at, place, with_providers)``; ``at`` is local time with its zone."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.booked = QCheckBox(self.tr("Bokat"), self)
        self.booked.setAccessibleName(self.tr("Nästa möte är bokat"))
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName(self.tr("Dag och tid för nästa möte"))
        self.when.setMinimumWidth(150)
        self.when.setEnabled(False)
        self.when.setDateTime(self._suggested(None))
        self.none_label = QLabel(self.tr("inget möte bokat"), self)
        self.none_label.setStyleSheet("color: #555;")
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(self.tr("till exempel Socialkontoret, Kungsgatan 5, rum 12"))
        self.place.setAccessibleName(self.tr("Plats för nästa möte"))
        place_label = QLabel(self.tr("P&lats:"), self)
        place_label.setBuddy(self.place)
        self.with_providers = QCheckBox(
            self.tr("Utförarna är med på mötet (tid och plats skrivs ut i deras uppdrag)"), self
        )
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.booked)
        top.addWidget(self.when)
        top.addWidget(self.none_label)
        top.addSpacing(12)
        top.addWidget(place_label)
        top.addWidget(self.place, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 0, 0)
        layout.addWidget(self.with_providers, 1, 0)
        self._chosen = False  # a time was loaded or picked: ticking "Bokat" keeps it
        self.booked.toggled.connect(self._booked_toggled)
        self.booked.toggled.connect(self.changed)
        self.when.dateTimeChanged.connect(self._picked)
        self.when.dateTimeChanged.connect(self.changed)
        self.place.textChanged.connect(self.changed)
        self.with_providers.toggled.connect(self.changed)
        self.setFocusProxy(self.booked)
        self.suggest_day: date | None = None  # e.g. the follow-up day, when booking

    def _suggested(self, day: date | None) -> QDateTime:
        day = day or date.today() + timedelta(days=7)
        return QDateTime(QDate(day.year, day.month, day.day), QTime(DEFAULT_HOUR, 0))

    def _picked(self, *_args: object) -> None:
        if self.when.isEnabled():
            self._chosen = True

    def _booked_toggled(self, on: bool) -> None:
        if on and not self._chosen:
            self.when.setDateTime(self._suggested(self.suggest_day))
        self.when.setEnabled(on)
        self.none_label.setVisible(not on)

    def focus_chain(self) -> list[QWidget]:
        return [self.booked, self.when, self.place, self.with_providers]

    def value(self) -> tuple[datetime | None, str, bool]:
        at: datetime | None = None
        if self.booked.isChecked():
            qt = self.when.dateTime()
            d, t = qt.date(), qt.time()
            at = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone()
        return at, self.place.text().strip(), self.with_providers.isChecked()

    def set_value(self, at: datetime | None, place: str, with_providers: bool) -> None:
        self._chosen = at is not None
        if at is not None:
            local = local_meeting(at)
            self.when.setDateTime(
                QDateTime(
                    QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
                )
            )
        self.booked.setChecked(at is not None)
        self._booked_toggled(at is not None)
        self.place.setText(place)
        self.with_providers.setChecked(with_providers)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.booked, self.place, self.with_providers):
            widget.setEnabled(not read_only)
        self.when.setEnabled(not read_only and self.booked.isChecked())


def meeting_summary(at: datetime | None, place: str, language: str) -> str:
    """The meeting in words for a screen: "onsdag 12 mars 2025 kl. 14.00, Socialkontoret"."""
    from assessment_app.pdf import labels

    lang: Literal["sv", "en"] = "en" if language == "en" else "sv"
    when = labels.format_meeting(lang, local_meeting(at)) if at is not None else ""
    return ", ".join(x for x in (when, place.strip()) if x)
