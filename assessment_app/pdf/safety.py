"""The safety plan on paper: the person's own copy and the police contact's copy.

The renderer draws a plain :class:`SafetyDocument` (sections of paragraphs and label/value
rows); what each audience may see is decided where the document is built
(``assessment_app/safety_export.py``), never here. Its page set-up (header, footer, page
numbers, fonts and styles) is the one it shares with the registerutdrag (``pdf/simple.py``).
The PDF's metadata holds no personal data and no case reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from assessment_app import APP_NAME, __version__
from assessment_app.pdf.markup import one_line, para
from assessment_app.pdf.paragraph import TextParagraph
from assessment_app.pdf.simple import SimpleDocumentRenderer
from assessment_app.pdf.styles import table_style

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


class SafetyPlanRenderer(SimpleDocumentRenderer):
    def __init__(self, doc: SafetyDocument) -> None:
        self.doc = doc
        # The person's copy is printed a little larger: plain and easy to read.
        super().__init__(11.5 if doc.audience == "individual" else 10.0)

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

    def page_texts(self) -> tuple[str, str, str]:
        return self.doc.municipality_name, self.doc.confidentiality_text, self.doc.footer

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


def render_safety_pdf(doc: SafetyDocument) -> bytes:
    return SafetyPlanRenderer(doc).render()
