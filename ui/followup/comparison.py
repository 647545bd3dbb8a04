"""The follow-up comparison: every assessment of the case overlaid on the radar, and a table of
what changed per area between the latest two. A change is told by an arrow, a colour and words,
so it reads the same without colour.

The assessments are read in the background (``ws.cases.assessments``) and compared there
(``progress.follow_up_changes`` is pure); the follow-ups tab reads them together with its own
list and hands the result to :meth:`FollowUpComparison.show_changes`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.server import progress
from assessment_app.server.progress import FollowUpChanges
from assessment_app.templates import RatingChange
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.widgets.loader import Loader
from ui.widgets.radar import RadarChart, Series

BETTER = "#1e6b34"  # less need
WORSE = "#9b1c1c"  # more need
SAME = "#555555"
COL_AREA, COL_BEFORE, COL_NOW, COL_CHANGE = range(4)


class FollowUpComparison(QWidget):
    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.language = services.language
        self.data: FollowUpChanges | None = None
        ws = services.ws
        self.loader = Loader(
            self,
            lambda: progress.follow_up_changes(ws.cases.assessments(case_id)),
            self.show_changes,
            self.show_error,
        )
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.instruments = QLabel(self)
        self.instruments.setWordWrap(True)
        self.instruments.setTextFormat(Qt.TextFormat.PlainText)
        self.instruments.setAccessibleName(self.tr("Formulär med poäng"))
        self.radar = RadarChart(self)
        self.radar.setAccessibleName(self.tr("Skattningar över tid"))
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Område"),
                self.tr("Tidigare\negen / handläggare"),
                self.tr("Nu\negen / handläggare"),
                self.tr("Förändring"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Förändring per område"))
        header = self.table.horizontalHeader()
        for col in (COL_AREA, COL_BEFORE, COL_NOW):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CHANGE, QHeaderView.ResizeMode.Stretch)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.instruments)
        right_layout.addWidget(self.note)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.radar)
        splitter.addWidget(right)
        splitter.setSizes([560, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)

    def reload(self) -> None:
        """Read the assessments and compare them again, in the background."""
        self.loader.reload()

    def show_error(self, error: BaseException) -> None:
        self.data = None
        self.heading.setText(error_message(error))
        self.note.setText("")
        self.radar.set_data([], [])
        self.table.setRowCount(0)
        self.instruments.setText("")
        self.instruments.hide()

    def show_changes(self, data: FollowUpChanges) -> None:
        self.data = data
        axes = [(s.area_id, s.title.text(self.language)) for s in data.series]
        series = []
        for i, point in enumerate(data.assessments):
            values = {}
            for s in data.series:
                p = s.points[i]
                values[s.area_id] = p.worker if p is not None else None
            label = f"{labels.assessment_kind(point.kind)} {point.conducted_on.isoformat()}"
            series.append(Series(label, values))
        self.radar.set_data(axes, series)
        self.table.setRowCount(0)
        self.show_instruments(data)
        if len(data.assessments) < 2:
            self.heading.setText(
                self.tr("Jämförelsen visas när det finns minst två kartläggningar.")
            )
            self.note.setText("")
            return
        old, new = data.assessments[-2], data.assessments[-1]
        self.heading.setText(
            self.tr("Förändring från {old} ({old_kind}) till {new} ({new_kind})").format(
                old=old.conducted_on.isoformat(),
                old_kind=labels.assessment_kind(old.kind).lower(),
                new=new.conducted_on.isoformat(),
                new_kind=labels.assessment_kind(new.kind).lower(),
            )
        )
        for change in data.changes:
            self._row(change)
        notes = [
            self.tr(
                "Skattningarna är 0–4: högre betyder större behov av stöd. ▼ betyder mindre "
                "behov, ▲ större behov (handläggarens skattning)."
            )
        ]
        if new.status != "complete":
            notes.append(self.tr("Den senaste kartläggningen är inte avslutad än."))
        if data.added_areas or data.removed_areas:
            notes.append(
                self.tr(
                    "{added} områden är nya och {removed} finns inte längre i den nyare "
                    "frågemallen; de jämförs inte."
                ).format(added=len(data.added_areas), removed=len(data.removed_areas))
            )
        self.note.setText(" ".join(notes))

    def show_instruments(self, data: FollowUpChanges) -> None:
        """AUDIT, DUDIT, ...: the latest total, its reading, and the change since the one before."""
        lines = []
        for c in data.instruments:
            line = self.tr("{title}: {total} av {max} poäng ({date})").format(
                title=c.title.text(self.language),
                total=c.now_total,
                max=c.maximum,
                date=c.now_on.isoformat(),
            )
            if c.now_band is not None:
                line += " – " + c.now_band.text(self.language)
            if c.delta is not None and c.before_on is not None:
                sign = "+" if c.delta > 0 else ("−" if c.delta < 0 else "±")
                if c.before_band is not None:
                    line += ". " + self.tr(
                        "Förra gången {date}: {total} – {band}, förändring {sign}{n}"
                    ).format(
                        date=c.before_on.isoformat(),
                        total=c.before_total,
                        band=c.before_band.text(self.language),
                        sign=sign,
                        n=abs(c.delta),
                    )
                else:
                    line += ". " + self.tr(
                        "Förra gången {date}: {total}, förändring {sign}{n}"
                    ).format(
                        date=c.before_on.isoformat(),
                        total=c.before_total,
                        sign=sign,
                        n=abs(c.delta),
                    )
            lines.append(line)
        self.instruments.setText("\n".join(lines))
        self.instruments.setVisible(bool(lines))

    def _row(self, change: RatingChange) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        text, colour = self.change_text(change)
        cells = (
            change.title.text(self.language),
            self.rating_text(change.old_own, change.old_worker, change.old_flags),
            self.rating_text(change.new_own, change.new_worker, change.new_flags),
            text,
        )
        for col, value in enumerate(cells):
            item = QTableWidgetItem(value)
            if col == COL_CHANGE:
                item.setForeground(QBrush(QColor(colour)))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, value)
            self.table.setItem(row, col, item)

    def rating_text(self, own: int | None, worker: int | None, flags: frozenset[str]) -> str:
        def one(value: int | None) -> str:
            return "–" if value is None else str(value)

        text = f"{one(own)} / {one(worker)}"
        names = {
            "urgent": self.tr("akut"),
            "not_relevant": self.tr("ej aktuellt"),
            "not_answered": self.tr("ej besvarat"),
        }
        marks = [names.get(f, f) for f in sorted(flags)]
        return f"{text} ({', '.join(marks)})" if marks else text

    def change_text(self, change: RatingChange) -> tuple[str, str]:
        """Arrow, number and words for the worker's rating, and the person's own if it moved
        differently; with the colour (never the only carrier of the meaning)."""
        delta = change.delta
        if delta is None:
            return self.tr("– kan inte jämföras"), SAME
        if delta < 0:
            text, colour = self.tr("▼ {n} mindre behov").format(n=-delta), BETTER
        elif delta > 0:
            text, colour = self.tr("▲ {n} större behov").format(n=delta), WORSE
        else:
            text, colour = self.tr("● oförändrat"), SAME
        own = change.own_delta
        if own is not None and own != delta:
            arrow = "▼" if own < 0 else ("▲" if own > 0 else "●")
            text += " " + self.tr("(egen skattning {arrow} {n:+d})").format(arrow=arrow, n=own)
        return text, colour
