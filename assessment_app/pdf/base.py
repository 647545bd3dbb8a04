"""The shared machinery of a printed plan: page geometry, header and footer, metadata, build.

Subclasses (one per audience) override class attributes for size and margins and the hooks
``build_styles``, ``decorate_first_page`` / ``decorate_later_pages`` and ``build_story``. The
header and footer carry the municipality, the confidentiality marking, the case reference, the
printing date, the plan's version and review state, and "Sida X av Y" (see ``canvas.py``).
"""

from __future__ import annotations

import io
import logging
from functools import partial
from typing import Any, ClassVar

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from assessment_app import APP_NAME, __version__
from assessment_app.errors import ExportError
from assessment_app.pdf import labels
from assessment_app.pdf.blocks import Blocks, KeepTogetherIfFits
from assessment_app.pdf.canvas import NumberedCanvas, PageStamp
from assessment_app.pdf.document import PlanDocument
from assessment_app.pdf.fonts import FontSet, register_fonts
from assessment_app.pdf.markup import one_line
from assessment_app.pdf.styles import (
    DRAFT_INK,
    INK,
    MUTED,
    RULE,
    WATERMARK,
    Styles,
    build_styles,
)

log = logging.getLogger(__name__)

_LANG_TAGS = {"sv": "sv-SE", "en": "en-GB"}


class PlanRenderer:
    """Renders one ``PlanDocument`` to PDF bytes; one instance per render."""

    pagesize: ClassVar[tuple[float, float]] = A4
    left_margin: ClassVar[float] = 20 * mm
    right_margin: ClassVar[float] = 20 * mm
    top_margin: ClassVar[float] = 31 * mm
    bottom_margin: ClassVar[float] = 22 * mm
    base_font_size: ClassVar[float] = 10.0
    header_font_size: ClassVar[float] = 8.5
    footer_font_size: ClassVar[float] = 8.0
    logo_max_height: ClassVar[float] = 13 * mm
    logo_max_width: ClassVar[float] = 45 * mm
    subject_key: ClassVar[str] = "meta_subject_individual"

    def __init__(self, doc: PlanDocument) -> None:
        self.doc = doc
        self.lang = doc.language
        self.fonts: FontSet = self.register_fonts()
        self.styles: Styles = self.build_styles()
        self.blocks = Blocks(self.styles, self.lang, self.frame_width)
        self._logo = self.load_logo()

    def t(self, key: str, **values: object) -> str:
        """A fixed text in the document's language."""
        return labels.text(self.lang, key, **values)

    # --- hooks -----------------------------------------------------------------------------

    def register_fonts(self) -> FontSet:
        return register_fonts()

    def build_styles(self) -> Styles:
        return build_styles(self.fonts, self.base_font_size)

    def build_story(self) -> list[Flowable]:
        raise NotImplementedError

    def decorate_first_page(self, canvas: Any, template: Any) -> None:
        self.decorate_page(canvas, template)

    def decorate_later_pages(self, canvas: Any, template: Any) -> None:
        self.decorate_page(canvas, template)

    def decorate_page(self, canvas: Any, template: Any) -> None:
        canvas.saveState()
        if self.doc.is_draft:
            self.draw_watermark(canvas)
        self.draw_header(canvas)
        self.draw_footer(canvas)
        canvas.restoreState()

    def draw_watermark(self, canvas: Any) -> None:
        """ "UTKAST – inte beslutad" across the page, behind the content, on every page of a
        plan that is not approved (drawn by the page template, so no page can miss it)."""
        text = labels.text(self.lang, "draft_watermark")
        size = 46.0
        diagonal = (self.page_width**2 + self.page_height**2) ** 0.5
        while size > 20 and stringWidth(text, self.fonts.bold, size) > diagonal * 0.75:
            size -= 2
        canvas.saveState()
        canvas.translate(self.page_width / 2, self.page_height / 2)
        canvas.rotate(54)
        canvas.setFillColor(WATERMARK)
        canvas.setFont(self.fonts.bold, size)
        canvas.drawCentredString(0, -size / 3, text)
        canvas.restoreState()
        # The same words in plain print at the top, where a copy cut to size still shows them.
        canvas.setFillColor(DRAFT_INK)
        canvas.setFont(self.fonts.bold, self.header_font_size + 1)
        canvas.drawCentredString(self.page_width / 2, self.page_height - 6 * mm, text)

    def metadata(self) -> dict[str, Any]:
        """PDF document info: never a name, address or case reference."""
        return {
            "title": labels.text(self.lang, "meta_title"),
            "author": one_line(self.doc.municipality_name),
            "subject": labels.text(self.lang, self.subject_key),
            "keywords": labels.text(self.lang, "meta_keywords"),
            "creator": f"{APP_NAME} {__version__}",
            "producer": APP_NAME,
        }

    # --- geometry --------------------------------------------------------------------------

    @property
    def page_width(self) -> float:
        return self.pagesize[0]

    @property
    def page_height(self) -> float:
        return self.pagesize[1]

    @property
    def frame_width(self) -> float:
        return self.page_width - self.left_margin - self.right_margin

    # --- header and footer -----------------------------------------------------------------

    def load_logo(self) -> tuple[ImageReader, float, float] | None:
        """The logo scaled to fit its box, or None; an unreadable logo falls back to the name."""
        path = self.doc.logo_path
        if path is None:
            return None
        try:
            reader = ImageReader(str(path))
            width, height = reader.getSize()
        except Exception:  # reportlab and Pillow raise many kinds for a bad image
            log.warning("Logo %s could not be read; printing the name only", path.name)
            return None
        if width <= 0 or height <= 0:
            return None
        scale = min(self.logo_max_height / height, self.logo_max_width / width)
        return reader, width * scale, height * scale

    def draw_header(self, canvas: Any) -> None:
        top = self.page_height - 11 * mm
        left, right = self.left_margin, self.page_width - self.right_margin
        band = self.logo_max_height
        name_x = left
        if self._logo is not None:
            reader, width, height = self._logo
            canvas.drawImage(
                reader, left, top - band + (band - height) / 2, width, height, mask="auto"
            )
            name_x = left + width + 4 * mm

        fonts, size = self.fonts, self.header_font_size
        marking = one_line(self.doc.marking)
        case_ref = labels.text(self.lang, "case_ref", ref=one_line(self.doc.case_ref))
        right_room = (right - left) * 0.48
        marking = _fit(marking, fonts.bold, size + 0.5, right_room)
        case_ref = _fit(case_ref, fonts.regular, size, right_room)
        right_width = max(
            stringWidth(marking, fonts.bold, size + 0.5), stringWidth(case_ref, fonts.regular, size)
        )
        canvas.setFillColor(INK)
        canvas.setFont(fonts.bold, size + 0.5)
        canvas.drawRightString(right, top - band / 2 + 2, marking)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, size)
        canvas.drawRightString(right, top - band / 2 - size - 1, case_ref)

        name_size = size + 3
        name = _fit(
            one_line(self.doc.municipality_name),
            fonts.bold,
            name_size,
            right - right_width - 6 * mm - name_x,
        )
        canvas.setFillColor(INK)
        canvas.setFont(fonts.bold, name_size)
        canvas.drawString(name_x, top - band / 2 - name_size * 0.35, name)

        rule_y = self.page_height - self.top_margin + 4 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, rule_y, right, rule_y)

    def footer_text(self) -> str:
        state = labels.REVIEW_STATE_NAMES[self.lang][self.doc.review_state]
        return "   ·   ".join(
            (
                labels.text(self.lang, "version_state", version=self.doc.plan_version, state=state),
                labels.text(self.lang, "printed_on", date=self.doc.printed_on.isoformat()),
            )
        )

    def draw_footer(self, canvas: Any) -> None:
        left, right = self.left_margin, self.page_width - self.right_margin
        rule_y = self.bottom_margin - 7 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, rule_y, right, rule_y)
        canvas.setFillColor(MUTED)
        canvas.setFont(self.fonts.regular, self.footer_font_size)
        room = (right - left) * 0.75
        canvas.drawString(
            left,
            self.footer_baseline,
            _fit(self.footer_text(), self.fonts.regular, self.footer_font_size, room),
        )

    @property
    def footer_baseline(self) -> float:
        return float(self.bottom_margin - 12 * mm)

    def page_stamp(self) -> PageStamp:
        lang = self.lang
        return PageStamp(
            label=lambda page, total: labels.text(lang, "page_of", page=page, total=total),
            font_name=self.fonts.regular,
            font_size=self.footer_font_size,
            right_x=self.page_width - self.right_margin,
            y=self.footer_baseline,
            color=MUTED,
        )

    # --- build -----------------------------------------------------------------------------

    def page_templates(self) -> list[PageTemplate]:
        def frame(frame_id: str) -> Frame:
            return Frame(
                self.left_margin,
                self.bottom_margin,
                self.frame_width,
                self.page_height - self.top_margin - self.bottom_margin,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=frame_id,
            )

        return [
            PageTemplate(
                id="first",
                frames=[frame("first")],
                onPage=self.decorate_first_page,
                autoNextPageTemplate="later",
            ),
            PageTemplate(id="later", frames=[frame("later")], onPage=self.decorate_later_pages),
        ]

    def render(self) -> bytes:
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.left_margin,
            rightMargin=self.right_margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            initialFontName=self.fonts.regular,
            lang=_LANG_TAGS[self.lang],
            displayDocTitle=1,
            keepTogetherClass=KeepTogetherIfFits,
            **self.metadata(),
        )
        template.addPageTemplates(self.page_templates())
        try:
            template.build(
                self.build_story(),
                canvasmaker=partial(NumberedCanvas, stamp=self.page_stamp()),
            )
        except LayoutError:
            # reportlab's message quotes the content; it must not reach logs or users.
            raise ExportError(
                "The PDF could not be laid out (a part does not fit on a page).",
                "PDF-filen kunde inte skapas (en del får inte plats på en sida).",
            ) from None
        return buffer.getvalue()


def _fit(value: str, font: str, size: float, room: float) -> str:
    """``value`` shortened with an ellipsis until it fits ``room`` points."""
    if stringWidth(value, font, size) <= room:
        return value
    low, high = 0, len(value)  # longest prefix that fits, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(value[:middle].rstrip() + "…", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + "…"
