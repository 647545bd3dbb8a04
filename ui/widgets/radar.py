"""A radar (spider) chart of area ratings 0–4, with earlier assessments overlaid."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES_COLOURS = ("#9aa5b1", "#3e7cb1", "#d97706", "#2f855a", "#7c3aed")
MAX_RATING = 4
LATEST_COLOUR = "#b42318"
LABEL_WIDTH = 150


@dataclass
class Series:
    label: str
    values: dict[str, int | None]  # area id -> rating, None when not rated


class RadarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.axes: list[tuple[str, str]] = []  # (area id, title)
        self.series: list[Series] = []
        self.setMinimumSize(360, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, axes: list[tuple[str, str]], series: list[Series]) -> None:
        self.axes = axes
        self.series = series
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        """The same facts as text, for screen readers."""
        parts = []
        for s in self.series:
            values = ", ".join(f"{title} {_text(s.values.get(aid))}" for aid, title in self.axes)
            parts.append(f"{s.label}: {values}")
        return "; ".join(parts)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if len(self.axes) < 3:
            painter.setPen(QColor("#555"))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Diagrammet visas när det finns skattningar."),
            )
            return
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        legend_height = 22 * ((len(self.series) + 2) // 3) + 8
        label_margin = LABEL_WIDTH + 12
        area = QRectF(self.rect()).adjusted(label_margin, 28, -label_margin, -legend_height - 20)
        radius = max(20.0, min(area.width(), area.height()) / 2)
        centre = area.center()
        count = len(self.axes)

        def point(i: int, value: float) -> QPointF:
            angle = -math.pi / 2 + 2 * math.pi * i / count
            r = radius * value / MAX_RATING
            return QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))

        painter.setPen(QPen(QColor("#d0d5db"), 1))
        for step in range(1, MAX_RATING + 1):
            painter.drawPolygon(QPolygonF([point(i, step) for i in range(count)]))
            painter.drawText(point(0, step) + QPointF(4, -2), str(step))
        for i, (_aid, title) in enumerate(self.axes):
            painter.setPen(QPen(QColor("#d0d5db"), 1))
            painter.drawLine(centre, point(i, MAX_RATING))
            self._axis_label(painter, metrics, point(i, MAX_RATING + 0.35), title, centre)

        for n, series in enumerate(self.series):
            self._draw_series(
                painter, series, self._colour(n), point, last=n == len(self.series) - 1
            )
        self._legend(painter, metrics, legend_height)

    def _colour(self, n: int) -> QColor:
        """The newest assessment stands out; earlier ones are quieter."""
        if n == len(self.series) - 1:
            return QColor(LATEST_COLOUR if len(self.series) > 1 else SERIES_COLOURS[1])
        return QColor(SERIES_COLOURS[n % len(SERIES_COLOURS)])

    def _draw_series(
        self, painter: QPainter, series: Series, colour: QColor, point: object, last: bool
    ) -> None:
        pts = [(i, series.values.get(aid)) for i, (aid, _t) in enumerate(self.axes)]
        rated = [(i, v) for i, v in pts if v is not None]
        if not rated:
            return
        path = QPainterPath()
        first = True
        for i, v in rated:
            p = point(i, float(v))  # type: ignore[operator]
            if first:
                path.moveTo(p)
                first = False
            else:
                path.lineTo(p)
        path.closeSubpath()
        fill = QColor(colour)
        fill.setAlpha(60 if last else 25)
        painter.setBrush(fill)
        painter.setPen(
            QPen(
                colour,
                2.5 if last else 1.5,
                Qt.PenStyle.SolidLine if last else Qt.PenStyle.DashLine,
            )
        )
        painter.drawPath(path)
        painter.setBrush(colour)
        for i, v in rated:
            painter.drawEllipse(point(i, float(v)), 3, 3)  # type: ignore[operator]
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _axis_label(
        self, painter: QPainter, metrics: QFontMetrics, at: QPointF, text: str, centre: QPointF
    ) -> None:
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, LABEL_WIDTH)
        width = metrics.horizontalAdvance(elided)
        x = at.x() - width / 2
        if at.x() > centre.x() + 5:
            x = at.x() - 4
        elif at.x() < centre.x() - 5:
            x = at.x() - width + 4
        x = max(2.0, min(x, self.width() - width - 2.0))
        painter.setPen(QColor("#1f2933"))
        painter.drawText(QPointF(x, at.y() + metrics.ascent() / 2), elided)

    def _legend(self, painter: QPainter, metrics: QFontMetrics, height: int) -> None:
        x, y = 12.0, self.height() - height + 4.0
        for n, series in enumerate(self.series):
            painter.setPen(QPen(self._colour(n), 3))
            painter.drawLine(QPointF(x, y + 8), QPointF(x + 22, y + 8))
            painter.setPen(QColor("#1f2933"))
            painter.drawText(QPointF(x + 28, y + 8 + metrics.ascent() / 2 - 1), series.label)
            x += 40 + metrics.horizontalAdvance(series.label)
            if x > self.width() - 150:
                x, y = 12.0, y + 22


def _text(value: int | None) -> str:
    return "–" if value is None else str(value)
