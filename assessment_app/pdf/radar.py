"""A radar chart of the areas: one polygon per rating series on rings 0–4.

Drawn with reportlab.graphics so it embeds as vectors. Series differ by line style and marker as
well as colour (solid line with dots, dashed line with open squares), so the chart reads in a
greyscale print too. A missing rating is left out, never drawn as 0: its neighbours are not
joined through it and the series gets no fill.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from assessment_app.pdf.document import RATING_MAX
from assessment_app.pdf.fonts import FontSet
from assessment_app.pdf.markup import one_line

GRID = colors.HexColor("#b8b8b8")
LABEL = colors.HexColor("#1a1a1a")
SCALE = colors.HexColor("#6b6b6b")
OWN_COLOR = colors.HexColor("#1f4e79")
WORKER_COLOR = colors.HexColor("#b85c1e")

MIN_AXES = 3
_MAX_LABEL_LINES = 3


@dataclass(frozen=True, slots=True)
class RadarSeries:
    label: str
    values: tuple[int | None, ...]
    color: Color
    dash: tuple[float, ...] | None
    marker: str  # "circle" or "square"
    fill: bool = False


def own_series(label: str, values: tuple[int | None, ...]) -> RadarSeries:
    return RadarSeries(label, values, OWN_COLOR, None, "circle", fill=True)


def worker_series(label: str, values: tuple[int | None, ...]) -> RadarSeries:
    return RadarSeries(label, values, WORKER_COLOR, (5, 3), "square")


@dataclass(frozen=True, slots=True)
class _Geometry:
    cx: float
    cy: float
    radius: float
    angles: tuple[float, ...]

    def point(self, axis: int, value: float) -> tuple[float, float]:
        r = self.radius * value / RATING_MAX
        angle = self.angles[axis]
        return self.cx + r * math.cos(angle), self.cy + r * math.sin(angle)


def radar_chart(
    titles: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    width: float,
    fonts: FontSet,
    font_size: float = 8.0,
) -> Drawing:
    """A drawing ``width`` wide with one axis per title; needs at least three axes."""
    count = len(titles)
    if count < MIN_AXES:
        raise ValueError(f"a radar chart needs at least {MIN_AXES} areas; got {count}")
    for item in series:
        if len(item.values) != count:
            raise ValueError("every series needs one value per area")

    line_height = font_size * 1.2
    side = max(95.0, width * 0.22)
    radius = max(60.0, min((width - 2 * side) / 2, 125.0))
    label_block = _MAX_LABEL_LINES * line_height + 8
    legend_height = font_size * 3
    height = 2 * radius + 2 * label_block + legend_height
    angles = tuple(math.pi / 2 - 2 * math.pi * i / count for i in range(count))
    geo = _Geometry(width / 2, legend_height + label_block + radius, radius, angles)

    drawing = Drawing(width, height)
    # Without this the renderer's initial state selects Helvetica, which then gets referenced.
    drawing.initialFontName = fonts.regular
    drawing.initialFontSize = font_size
    _draw_grid(drawing, geo, count, fonts, font_size)
    for item in series:
        _draw_series(drawing, geo, item)
    for axis, title in enumerate(titles):
        _draw_label(drawing, geo, axis, title, width, fonts, font_size, line_height)
    _draw_legend(drawing, series, width, fonts, font_size)
    return drawing


def _draw_grid(drawing: Drawing, geo: _Geometry, count: int, fonts: FontSet, size: float) -> None:
    for ring in range(1, RATING_MAX + 1):
        points = [c for axis in range(count) for c in geo.point(axis, ring)]
        drawing.add(
            Polygon(
                points,
                strokeColor=GRID,
                strokeWidth=0.9 if ring == RATING_MAX else 0.5,
                fillColor=None,
            )
        )
    for axis in range(count):
        x, y = geo.point(axis, RATING_MAX)
        drawing.add(Line(geo.cx, geo.cy, x, y, strokeColor=GRID, strokeWidth=0.5))
    # Scale numbers sit just left of the top spoke, under the ring they name.
    for ring in range(RATING_MAX + 1):
        x, y = geo.point(0, ring)
        drawing.add(
            String(
                x - 3,
                y - size + 1 if ring else y - size * 0.35,
                str(ring),
                fontName=fonts.regular,
                fontSize=size - 1.5,
                fillColor=SCALE,
                textAnchor="end",
            )
        )


def _draw_series(drawing: Drawing, geo: _Geometry, item: RadarSeries) -> None:
    count = len(item.values)
    points = [
        None if value is None else geo.point(axis, value) for axis, value in enumerate(item.values)
    ]
    present = [p for p in points if p is not None]
    dash = list(item.dash) if item.dash else None
    if len(present) == count:
        fill = item.color.clone(alpha=0.12) if item.fill else None
        drawing.add(
            Polygon(
                [c for p in present for c in p],
                strokeColor=item.color,
                strokeWidth=1.6,
                strokeDashArray=dash,
                strokeLineJoin=1,
                fillColor=fill,
            )
        )
    else:
        for axis in range(count):
            start, end = points[axis], points[(axis + 1) % count]
            if start is not None and end is not None:
                drawing.add(
                    Line(
                        *start,
                        *end,
                        strokeColor=item.color,
                        strokeWidth=1.6,
                        strokeDashArray=dash,
                    )
                )
    for x, y in present:
        _marker(drawing, item, x, y)


def _marker(drawing: Drawing, item: RadarSeries, x: float, y: float) -> None:
    if item.marker == "square":
        drawing.add(
            Rect(
                x - 2.4,
                y - 2.4,
                4.8,
                4.8,
                fillColor=colors.white,
                strokeColor=item.color,
                strokeWidth=1.2,
            )
        )
    else:
        drawing.add(Circle(x, y, 2.6, fillColor=item.color, strokeColor=item.color))


def _draw_label(
    drawing: Drawing,
    geo: _Geometry,
    axis: int,
    title: str,
    width: float,
    fonts: FontSet,
    size: float,
    line_height: float,
) -> None:
    angle = geo.angles[axis]
    cos, sin = math.cos(angle), math.sin(angle)
    gap = 6.0 + 4.0 * abs(sin)
    x = geo.cx + (geo.radius + gap) * cos
    y = geo.cy + (geo.radius + gap) * sin
    if cos > 0.2:
        anchor, room = "start", width - x - 2
    elif cos < -0.2:
        anchor, room = "end", x - 2
    else:
        anchor, room = "middle", min(width, 2 * geo.radius * 0.9)
    lines = _wrap(title, fonts.regular, size, room)
    block = len(lines) * line_height
    if sin > 0.2:
        top = y + block - 1
    elif sin < -0.2:
        top = y + 1
    else:
        top = y + block / 2
    for index, line in enumerate(lines):
        baseline = top - size * 0.9 - index * line_height
        drawing.add(
            String(
                x,
                baseline,
                line,
                fontName=fonts.regular,
                fontSize=size,
                fillColor=LABEL,
                textAnchor=anchor,
            )
        )


def _wrap(title: str, font: str, size: float, room: float) -> list[str]:
    lines: list[str] = simpleSplit(one_line(title), font, size, max(room, 30.0)) or [""]
    if len(lines) > _MAX_LABEL_LINES:
        lines = [*lines[: _MAX_LABEL_LINES - 1], " ".join(lines[_MAX_LABEL_LINES - 1 :])]
    fitted: list[str] = []
    for line in lines:
        while len(line) > 1 and stringWidth(line, font, size) > room:
            line = line[:-2] + "…"
        fitted.append(line)
    return fitted


def _draw_legend(
    drawing: Drawing, series: Sequence[RadarSeries], width: float, fonts: FontSet, size: float
) -> None:
    sample, gap, spacing = 24.0, 5.0, 22.0
    labels = [one_line(item.label) for item in series]
    widths = [sample + gap + stringWidth(label, fonts.regular, size) for label in labels]
    total = sum(widths) + spacing * (len(series) - 1)
    x = (width - total) / 2
    y = size * 1.2
    for item, label, item_width in zip(series, labels, widths, strict=True):
        drawing.add(
            Line(
                x,
                y + size * 0.35,
                x + sample,
                y + size * 0.35,
                strokeColor=item.color,
                strokeWidth=1.6,
                strokeDashArray=list(item.dash) if item.dash else None,
            )
        )
        _marker(drawing, item, x + sample / 2, y + size * 0.35)
        drawing.add(
            String(
                x + sample + gap,
                y,
                label,
                fontName=fonts.regular,
                fontSize=size,
                fillColor=LABEL,
            )
        )
        x += item_width + spacing
