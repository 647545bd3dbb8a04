"""Paragraph and table styles, scaled from one base font size.

The individual's plan uses a larger base (at least 12 pt body text) than the provider's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from assessment_app.pdf.fonts import FontSet

INK = colors.HexColor("#1a1a1a")
MUTED_HEX = "#555555"
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eef1f4")
ACCENT = colors.HexColor("#1f4e79")
# The draft watermark: light enough to read the text through, dark enough to copy.
WATERMARK = colors.Color(0.78, 0.16, 0.16, alpha=0.16)
DRAFT_INK = colors.HexColor("#9b1c1c")


@dataclass(frozen=True, slots=True)
class Styles:
    fonts: FontSet
    base_size: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    item: ParagraphStyle
    entry: ParagraphStyle
    detail: ParagraphStyle
    notice: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    caption: ParagraphStyle


def build_styles(fonts: FontSet, base_size: float) -> Styles:
    """Styles for one document; every style names a DejaVu face, bullets included."""
    leading = round(base_size * 1.35, 1)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        values: dict[str, Any] = {
            "fontName": fonts.regular,
            "bulletFontName": fonts.regular,
            "fontSize": base_size,
            "leading": leading,
            "textColor": INK,
            "alignment": TA_LEFT,
            "splitLongWords": 1,
            "allowWidows": 0,
            "allowOrphans": 0,
        }
        values.update(kw)
        return ParagraphStyle(name, **values)

    small_size = max(base_size - 2, 8)
    return Styles(
        fonts=fonts,
        base_size=base_size,
        title=style(
            "Title",
            fontName=fonts.bold,
            fontSize=base_size * 1.9,
            leading=base_size * 2.3,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        subtitle=style(
            "Subtitle", fontSize=base_size * 1.15, leading=base_size * 1.5, spaceAfter=8
        ),
        h2=style(
            "Heading2",
            fontName=fonts.bold,
            fontSize=base_size * 1.35,
            leading=base_size * 1.7,
            textColor=ACCENT,
            spaceBefore=base_size * 1.2,
            spaceAfter=base_size * 0.4,
            keepWithNext=1,
        ),
        h3=style(
            "Heading3",
            fontName=fonts.bold,
            spaceBefore=base_size * 0.6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=style("Body", spaceAfter=base_size * 0.4),
        small=style("Small", fontSize=small_size, leading=small_size * 1.3, textColor=MUTED),
        bullet=style(
            "Bullet",
            leftIndent=base_size * 1.2,
            bulletIndent=base_size * 0.2,
            spaceBefore=base_size * 0.35,
        ),
        # One paragraph per list item: a first line in body size, detail lines a bit smaller.
        item=style(
            "Item",
            leftIndent=base_size * 1.2,
            bulletIndent=base_size * 0.2,
            spaceBefore=base_size * 0.45,
            leading=(base_size - 1) * 1.3,
            autoLeading="max",
        ),
        entry=style("Entry", spaceBefore=base_size * 0.6),
        detail=style(
            "Detail",
            leftIndent=base_size * 1.2,
            fontSize=base_size - 1,
            leading=(base_size - 1) * 1.3,
            textColor=MUTED,
        ),
        notice=style(
            "Notice",
            fontName=fonts.bold,
            backColor=SHADE,
            borderPadding=(4, 6, 4, 6),
            spaceBefore=6,
            spaceAfter=10,
        ),
        cell=style("Cell", fontSize=base_size - 0.5, leading=(base_size - 0.5) * 1.3),
        cell_head=style(
            "CellHead",
            fontName=fonts.bold,
            fontSize=base_size - 0.5,
            leading=(base_size - 0.5) * 1.3,
        ),
        caption=style(
            "Caption",
            alignment=TA_CENTER,
            fontSize=small_size,
            leading=small_size * 1.3,
            textColor=MUTED,
            spaceBefore=2,
            spaceAfter=6,
        ),
    )


def table_style(fonts: FontSet, base_size: float, header: bool = True) -> list[tuple[Any, ...]]:
    """Common table commands; FONT is set so no cell falls back to reportlab's Helvetica."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.regular, base_size - 0.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ]
    return commands
