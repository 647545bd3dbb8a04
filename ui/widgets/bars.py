"""Horizontal bar charts of counts: one bar per row, several series stacked in one bar. A
suppressed value (disclosure control) draws no bar; the row says "<N" instead. Given the row
totals, a stacked bar keeps its true length and its hidden parts show as an empty outline."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# The same palette as the PDF report (assessment_app/stats/pdf.py).
PALETTE = ("#1f4e79", "#b85c1e", "#5b8c3a", "#7a4fa0", "#8a8a8a", "#c9a227")
BAR = 16
GAP = 6


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, list[float | None]]] = []
        self.series: list[str] = []
        self.suppressed_text = "<5"
        self.totals: list[float | None] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(
        self,
        rows: list[tuple[str, list[float | None]]],
        series: list[str],
        suppressed_text: str,
        totals: list[float | None] | None = None,
    ) -> None:
        self.rows, self.series, self.suppressed_text = rows, series, suppressed_text
        self.totals = list(totals) if totals is not None else [None for _ in rows]
        legend = 24 if len(series) > 1 else 0
        self.setFixedHeight(len(rows) * (BAR + GAP) + legend + 12)
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        """The same facts as text, for screen readers."""
        parts = []
        for label, values in self.rows:
            shown = ", ".join(
                f"{name} {self.suppressed_text if v is None else f'{v:g}'}"
                for name, v in zip(self.series, values, strict=False)
            )
            parts.append(f"{label}: {shown}")
        return "; ".join(parts)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.rows:
            return
        metrics = QFontMetrics(self.font())
        label_room = min(
            self.width() * 0.4, max(metrics.horizontalAdvance(r[0]) for r in self.rows) + 12
        )
        lengths = [
            total if total is not None else sum(v or 0 for v in values)
            for (_l, values), total in zip(self.rows, self.totals, strict=False)
        ]
        longest = max(lengths, default=0) or 1
        room = self.width() - label_room - 60
        for n, (label, values) in enumerate(self.rows):
            y = 6 + n * (BAR + GAP)
            painter.setPen(QColor("#1f2933"))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_room - 8))
            painter.drawText(
                QRectF(0, y, label_room - 8, BAR),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x = label_room
            for k, value in enumerate(values):
                if value is None or value <= 0:
                    continue
                w = room * value / longest
                painter.fillRect(QRectF(x, y, w, BAR), QColor(PALETTE[k % len(PALETTE)]))
                x += w
            end = label_room + room * lengths[n] / longest
            if end - x > 1:  # the suppressed parts of a known total: an outline, no split
                painter.setPen(QPen(QColor("#8a8a8a"), 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(x, y + 0.5, end - x, BAR - 1))
                x = end
            note = ""
            if any(v is None for v in values):
                note = self.suppressed_text
            elif len(values) == 1 and values[0] is not None:
                note = f"{values[0]:g}"
            if note:
                painter.setPen(QColor("#555555"))
                painter.drawText(QRectF(x + 4, y, 60, BAR), Qt.AlignmentFlag.AlignVCenter, note)
        painter.setPen(QPen(QColor("#cccccc"), 1))
        bottom = 6 + len(self.rows) * (BAR + GAP) - GAP
        painter.drawLine(QPointF(label_room, 4), QPointF(label_room, bottom))
        if len(self.series) > 1:
            x, y = label_room, bottom + 8
            for k, name in enumerate(self.series):
                painter.fillRect(QRectF(x, y + 2, 10, 10), QColor(PALETTE[k % len(PALETTE)]))
                painter.setPen(QColor("#1f2933"))
                painter.drawText(QPointF(x + 14, y + 11), name)
                x += 30 + metrics.horizontalAdvance(name)
