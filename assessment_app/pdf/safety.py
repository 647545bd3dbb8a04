"""The safety plan on paper: the person's own copy and the police contact's copy.

The renderer draws a plain :class:`SafetyDocument` (sections of paragraphs and label/value
rows); what each audience may see is decided where the document is built
(``assessment_app/safety_export.py``), never here. It reuses the plan PDFs' fonts, styles,
markup escaping and numbered canvas. The PDF's metadata holds no personal data and no case
reference.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, ClassVar, Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from assessment_app import APP_NAME, __version__
from assessment_app.errors import ExportError
from assessment_app.pdf.canvas import NumberedCanvas, PageStamp
from assessment_app.pdf.fonts import register_fonts
from assessment_app.pdf.markup import one_line, para
from assessment_app.pdf.paragraph import TextParagraph
from assessment_app.pdf.styles import MUTED, RULE, Styles, build_styles, table_style

SafetyAudience = Literal["individual", "police"]


@dataclass(frozen=True)
class Section:
    """A heading, paragraphs, label/value rows and list items (in that order)."""

    title: str
    paragraphs: tuple[str, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()
    items: tuple[str, ...] = ()
    notice: str = ""  # a shaded line, for what matters most


@dataclass(frozen=True)
class SafetyDocument:
    audience: SafetyAudience
    title: str
    subtitle: str
    municipality_name: str
    confidentiality_text: str
    printed_on: date
    footer: str  # e.g. "Skyddsplan · version 2 · utskriven 2026-12-02"
    sections: tuple[Section, ...] = field(default_factory=tuple)
    closing: str = ""


class SafetyPlanRenderer:
    pagesize: ClassVar[tuple[float, float]] = A4
    left_margin: ClassVar[float] = 20 * mm
    right_margin: ClassVar[float] = 20 * mm
    top_margin: ClassVar[float] = 24 * mm
    bottom_margin: ClassVar[float] = 22 * mm

    def __init__(self, doc: SafetyDocument) -> None:
        self.doc = doc
        # The person's copy is printed a little larger: plain and easy to read.
        self.base_font_size = 11.5 if doc.audience == "individual" else 10.0
        self.fonts = register_fonts()
        self.styles: Styles = build_styles(self.fonts, self.base_font_size)

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left_margin - self.right_margin

    def p(self, text: str, style: str = "body") -> TextParagraph:
        return TextParagraph(para(text), getattr(self.styles, style))

    def facts(self, rows: tuple[tuple[str, str], ...]) -> Table:
        cells = [
            [
                TextParagraph(para(k), self.styles.cell_head),
                TextParagraph(para(v or "–"), self.styles.cell),
            ]
            for k, v in rows
        ]
        table = Table(cells, colWidths=[self.frame_width * 0.36, self.frame_width * 0.64])
        table.setStyle(TableStyle(table_style(self.fonts, self.base_font_size, header=False)))
        return table

    def section(self, s: Section) -> list[Flowable]:
        head: list[Flowable] = [self.p(s.title, "h2")]
        body: list[Flowable] = []
        if s.notice:
            body.append(self.p(s.notice, "notice"))
        body += [self.p(text) for text in s.paragraphs]
        if s.rows:
            body.append(self.facts(s.rows))
        body += [TextParagraph(para(item), self.styles.bullet, bulletText="•") for item in s.items]
        # The heading stays with its first part.
        return [KeepTogether(head + body[:1]), *body[1:]]

    def story(self) -> list[Flowable]:
        out: list[Flowable] = [
            self.p(self.doc.title, "title"),
            self.p(self.doc.subtitle, "subtitle"),
        ]
        for s in self.doc.sections:
            out += self.section(s)
        if self.doc.closing:
            out += [Spacer(1, 8), self.p(self.doc.closing, "small")]
        return out

    def decorate(self, canvas: Any, _doc: Any) -> None:
        width, height = self.pagesize
        left, right = self.left_margin, width - self.right_margin
        canvas.saveState()
        canvas.setFont(self.fonts.bold, 9.5)
        canvas.drawString(left, height - 13 * mm, one_line(self.doc.municipality_name)[:80])
        canvas.drawRightString(
            right, height - 13 * mm, one_line(self.doc.confidentiality_text)[:80]
        )
        canvas.setStrokeColor(RULE)
        canvas.line(left, height - 16 * mm, right, height - 16 * mm)
        canvas.line(left, self.bottom_margin - 7 * mm, right, self.bottom_margin - 7 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(self.fonts.regular, 8)
        canvas.drawString(left, self.bottom_margin - 12 * mm, one_line(self.doc.footer)[:100])
        canvas.restoreState()

    def metadata(self) -> dict[str, Any]:
        """Document info: never a name, a place or a case reference."""
        return {
            "title": "Plan" if self.doc.audience == "individual" else "Skyddsplan",
            "author": one_line(self.doc.municipality_name),
            "subject": "Socialtjänsten",
            "keywords": "sekretess",
            "creator": f"{APP_NAME} {__version__}",
            "producer": APP_NAME,
        }

    def render(self) -> bytes:
        buffer = io.BytesIO()
        width, height = self.pagesize
        template = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.left_margin,
            rightMargin=self.right_margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            initialFontName=self.fonts.regular,
            lang="sv-SE",
            displayDocTitle=1,
            **self.metadata(),
        )
        frame = Frame(
            self.left_margin,
            self.bottom_margin,
            self.frame_width,
            height - self.top_margin - self.bottom_margin,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self.decorate)])
        stamp = PageStamp(
            label=lambda page, total: f"Sida {page} av {total}",
            font_name=self.fonts.regular,
            font_size=8,
            right_x=width - self.right_margin,
            y=self.bottom_margin - 12 * mm,
            color=MUTED,
        )
        try:
            template.build(self.story(), canvasmaker=partial(NumberedCanvas, stamp=stamp))
        except LayoutError:
            raise ExportError(
                "The PDF could not be laid out (a part does not fit on a page).",
                "PDF-filen kunde inte skapas (en del får inte plats på en sida).",
            ) from None
        return buffer.getvalue()


def render_safety_pdf(doc: SafetyDocument) -> bytes:
    return SafetyPlanRenderer(doc).render()
