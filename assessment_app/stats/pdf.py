"""The statistics report as PDF (reportlab): the rule applied, each table, and the same charts
as the screen (horizontal bars for distributions, the radar of mean ratings at intake and at
the latest follow-up). Embedded DejaVu fonts; the metadata names the report, never a person.
"""

from __future__ import annotations

import io
from functools import partial
from typing import Any, cast
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from assessment_app import APP_NAME, __version__
from assessment_app.pdf.canvas import NumberedCanvas, PageStamp
from assessment_app.pdf.fonts import FontSet, register_fonts
from assessment_app.pdf.radar import RadarSeries, radar_chart
from assessment_app.stats.model import Report, Table

# The same palette as the screen's charts (ui/widgets/bars.py), readable in greyscale too.
PALETTE = ("#1f4e79", "#b85c1e", "#5b8c3a", "#7a4fa0", "#8a8a8a", "#c9a227")
MUTED = colors.HexColor("#555555")
GRID = colors.HexColor("#cccccc")
MARGIN = 18 * mm


def _t(report: Report, sv: str, en: str) -> str:
    return en if report.language == "en" else sv


def bar_chart(table: Table, width: float, fonts: FontSet, suppressed_text: str) -> Drawing:
    """One horizontal bar per row; several charted columns are stacked in one bar. A
    suppressed value draws no bar; the row says "<N" instead."""
    rows = table.chart_rows()
    labels = table.chart_labels
    size = 7.5
    label_room = min(width * 0.38, max(stringWidth(r[0], fonts.regular, size) for r in rows) + 6)
    bar_h, gap = 10.0, 4.0
    legend_h = 14.0 if len(labels) > 1 else 0.0
    height = len(rows) * (bar_h + gap) + legend_h + 16
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.regular
    drawing.initialFontSize = size
    lengths = [
        total if total is not None else sum(v or 0 for v in values)
        for (_l, values), total in zip(rows, table.chart_totals(), strict=False)
    ]
    longest = max(lengths, default=0) or 1
    room = width - label_room - 40
    top = height - 4
    for n, (label, values) in enumerate(rows):
        y = top - (n + 1) * (bar_h + gap)
        drawing.add(
            String(
                label_room - 4,
                y + 2,
                label,
                fontName=fonts.regular,
                fontSize=size,
                textAnchor="end",
            )
        )
        x = label_room
        for k, value in enumerate(values):
            if value is None or value <= 0:
                continue
            w = room * value / longest
            drawing.add(
                Rect(
                    x,
                    y,
                    w,
                    bar_h,
                    fillColor=colors.HexColor(PALETTE[k % len(PALETTE)]),
                    strokeColor=colors.white,
                    strokeWidth=0.5,
                )
            )
            x += w
        end = label_room + room * lengths[n] / longest
        if end - x > 0.5:  # the suppressed parts of a known total: an outline, no split
            drawing.add(
                Rect(
                    x,
                    y,
                    end - x,
                    bar_h,
                    fillColor=None,
                    strokeColor=MUTED,
                    strokeWidth=0.5,
                    strokeDashArray=[2, 2],
                )
            )
            x = end
        if any(v is None for v in values):
            drawing.add(
                String(
                    x + 3,
                    y + 2,
                    suppressed_text,
                    fontName=fonts.regular,
                    fontSize=size,
                    fillColor=MUTED,
                )
            )
        elif len(values) == 1 and values[0] is not None:
            drawing.add(
                String(
                    x + 3,
                    y + 2,
                    f"{values[0]:g}",
                    fontName=fonts.regular,
                    fontSize=size,
                    fillColor=MUTED,
                )
            )
    base_y = top - len(rows) * (bar_h + gap) - 2
    drawing.add(Line(label_room, base_y, label_room, top, strokeColor=GRID))
    if len(labels) > 1:
        x = label_room
        for k, name in enumerate(labels):
            drawing.add(
                Rect(
                    x,
                    2,
                    8,
                    8,
                    fillColor=colors.HexColor(PALETTE[k % len(PALETTE)]),
                    strokeColor=None,
                )
            )
            drawing.add(String(x + 11, 3, name, fontName=fonts.regular, fontSize=size))
            x += 22 + stringWidth(name, fonts.regular, size)
    return drawing


def _table(table: Table, width: float, fonts: FontSet) -> PdfTable:
    head = ParagraphStyle("h", fontName=fonts.bold, fontSize=7.5, leading=9)
    small = 7.5 if len(table.columns) <= 5 else 6.5
    number_head = ParagraphStyle(
        "hn", fontName=fonts.bold, fontSize=small, leading=small + 1.5, alignment=2
    )
    body = ParagraphStyle("b", fontName=fonts.regular, fontSize=7.5, leading=9)
    data: list[list[Any]] = [[Paragraph(escape(table.row_header), head)]]
    data[0].extend(Paragraph(escape(c), number_head) for c in table.columns)
    for row in table.rows:
        style = head if row.is_total else body
        data.append([Paragraph(escape(row.label), style), *(c.text for c in row.cells)])
    first = min(width * (0.36 if len(table.columns) <= 5 else 0.3), 60 * mm)
    rest = (width - first) / max(1, len(table.columns))
    out = PdfTable(data, colWidths=[first, *([rest] * len(table.columns))], repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.regular, 7.5),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for n, row in enumerate(table.rows, 1):
        if row.is_total:
            commands.append(("FONT", (1, n), (-1, n), fonts.bold, 7.5))
    out.setStyle(TableStyle(commands))
    return out


def render_stats_pdf(report: Report) -> bytes:
    fonts = register_fonts()
    width = A4[0] - 2 * MARGIN
    title = ParagraphStyle("title", fontName=fonts.bold, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle(
        "h2", fontName=fonts.bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4
    )
    h3 = ParagraphStyle(
        "h3", fontName=fonts.bold, fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=3
    )
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=8.5, leading=11)
    note = ParagraphStyle("note", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED)
    story: list[Flowable] = [
        Paragraph(escape(f"{report.title}: {report.unit}"), title),
        Paragraph(
            escape(
                _t(
                    report,
                    f"Period {report.period}. Framtagen {report.created}.",
                    f"Period {report.period}. Made {report.created}.",
                )
            ),
            body,
        ),
        Spacer(1, 4),
        Paragraph(
            "<b>"
            + escape(_t(report, "Röjandekontroll", "Disclosure control"))
            + ":</b> "
            + escape(report.rule),
            body,
        ),
    ]
    suppressed = f"<{report.min_cell}"
    for section in report.sections:
        story.append(CondPageBreak(60 * mm))
        story.append(Paragraph(escape(section.title), h2))
        for table in section.tables:
            block: list[Flowable] = [
                Paragraph(escape(table.title), h3),
                _table(table, width, fonts),
            ]
            if table.note:
                block.append(Paragraph(escape(table.note), note))
            story.append(KeepTogether(block))
            if table.chart and table.chart_rows():
                story.append(Spacer(1, 3))
                story.append(bar_chart(table, width, fonts, suppressed))
        if section.key == "change" and report.radar is not None and len(report.radar.titles) >= 3:
            r = report.radar
            # the radar takes ratings; means draw the same way
            intake = cast(tuple[int | None, ...], r.intake)
            follow = cast(tuple[int | None, ...], r.follow_up)
            series = [
                RadarSeries(
                    r.intake_label,
                    intake,
                    colors.HexColor(PALETTE[0]),
                    None,
                    "circle",
                    fill=True,
                ),
                RadarSeries(
                    r.follow_up_label,
                    follow,
                    colors.HexColor(PALETTE[1]),
                    (5, 3),
                    "square",
                ),
            ]
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape(r.rater_label), h3),
                        radar_chart(r.titles, series, width=width, fonts=fonts),
                    ]
                )
            )
    stamp = PageStamp(
        label=lambda page, total: _t(report, f"Sida {page} av {total}", f"Page {page} of {total}"),
        font_name=fonts.regular,
        font_size=7.5,
        right_x=A4[0] - MARGIN,
        y=MARGIN - 10 * mm,
        color=MUTED,
    )
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        initialFontName=fonts.regular,
        title=report.title,
        author=APP_NAME,
        subject=_t(report, "Avidentifierad statistik", "Anonymised statistics"),
        creator=f"{APP_NAME} {__version__}",
        producer=APP_NAME,
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        width,
        A4[1] - 2 * MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def footer(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN, MARGIN - 10 * mm, f"{report.title} · {report.unit} · {report.period}"
        )
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    doc.build(story, canvasmaker=partial(NumberedCanvas, stamp=stamp))
    return buffer.getvalue()
