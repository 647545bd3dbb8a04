"""The page set-up shared by the single-template documents: the safety plan and the
registerutdrag (subject access).

One A4 page template with a header (the municipality on the left, the confidentiality line on
the right), a footer line and "Sida N av M"; fonts, styles and the layout-error message of the
plan PDFs. A subclass gives the story, the metadata (never personal data) and the three page
texts. The plan PDFs (``pdf/base.py``) have their own first and later pages and do not use this.
"""

from __future__ import annotations

import io
from functools import partial
from typing import Any, ClassVar

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from assessment_app.errors import ExportError
from assessment_app.pdf.canvas import NumberedCanvas, PageStamp
from assessment_app.pdf.fonts import register_fonts
from assessment_app.pdf.markup import one_line, para
from assessment_app.pdf.paragraph import TextParagraph
from assessment_app.pdf.styles import MUTED, RULE, Styles, build_styles


class SimpleDocumentRenderer:
    pagesize: ClassVar[tuple[float, float]] = A4
    left_margin: ClassVar[float] = 20 * mm
    right_margin: ClassVar[float] = 20 * mm
    top_margin: ClassVar[float] = 24 * mm
    bottom_margin: ClassVar[float] = 22 * mm

    def __init__(self, base_font_size: float) -> None:
        self.base_font_size = base_font_size
        self.fonts = register_fonts()
        self.styles: Styles = build_styles(self.fonts, base_font_size)

    # --- what a subclass gives ------------------------------------------------------------

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def metadata(self) -> dict[str, Any]:
        """Document info for the PDF: never a name, personnummer, place or case reference."""
        raise NotImplementedError

    def page_texts(self) -> tuple[str, str, str]:
        """(header left, header right, footer) on every page."""
        raise NotImplementedError

    # --- shared -----------------------------------------------------------------------------

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left_margin - self.right_margin

    def p(self, text: str, style: str = "body") -> TextParagraph:
        return TextParagraph(para(text), getattr(self.styles, style))

    def decorate(self, canvas: Any, _doc: Any) -> None:
        width, height = self.pagesize
        left, right = self.left_margin, width - self.right_margin
        header_left, header_right, footer = self.page_texts()
        canvas.saveState()
        canvas.setFont(self.fonts.bold, 9.5)
        canvas.drawString(left, height - 13 * mm, one_line(header_left)[:80])
        canvas.drawRightString(right, height - 13 * mm, one_line(header_right)[:80])
        canvas.setStrokeColor(RULE)
        canvas.line(left, height - 16 * mm, right, height - 16 * mm)
        canvas.line(left, self.bottom_margin - 7 * mm, right, self.bottom_margin - 7 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(self.fonts.regular, 8)
        canvas.drawString(left, self.bottom_margin - 12 * mm, one_line(footer)[:100])
        canvas.restoreState()

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
            # reportlab's message quotes the content; it must not reach logs or users.
            raise ExportError(
                "The PDF could not be laid out (a part does not fit on a page).",
                "PDF-filen kunde inte skapas (en del får inte plats på en sida).",
            ) from None
        return buffer.getvalue()
