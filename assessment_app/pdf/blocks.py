"""Flowable builders both documents share: headings, person, contacts, tables, ratings.

Every piece of user text passes through ``markup.para`` here or in the renderers before it
becomes a ``TextParagraph`` (each printed line in visual order,
:mod:`assessment_app.pdf.paragraph`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from assessment_app.pdf import labels
from assessment_app.pdf.document import ContactItem, Language, PlanDocument, RatingItem
from assessment_app.pdf.markup import bold, para
from assessment_app.pdf.paragraph import TextParagraph
from assessment_app.pdf.radar import MIN_AXES, own_series, radar_chart, worker_series
from assessment_app.pdf.styles import MUTED_HEX, Styles, table_style

SEPARATOR = "   ·   "
_MIN_ROOM = 120.0  # points; less than this left on a page and a long group starts on the next


class KeepTogetherIfFits(KeepTogether):  # type: ignore[misc]  # reportlab ships no type hints
    """Keeps a group on one page when it fits on one; a longer group starts where it is.

    reportlab's ``KeepTogether`` (also used for ``keepWithNext`` headings) breaks the page for
    any group taller than the space left, which leaves a page nearly blank before a long table.
    """

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        frame = getattr(self, "_frame", None)
        full_height = getattr(frame, "_height", None)
        if full_height is not None and full_height < self._H and avail_height >= _MIN_ROOM:
            return list(self._content)
        result: list[Flowable] = super().split(avail_width, avail_height)
        return result


class Blocks:
    def __init__(self, styles: Styles, language: Language, width: float) -> None:
        self.styles = styles
        self.lang: Language = language
        self.width = width

    def t(self, key: str, **values: object) -> str:
        return labels.text(self.lang, key, **values)

    # --- text ------------------------------------------------------------------------------

    def heading(self, title: str) -> TextParagraph:
        return TextParagraph(para(title), self.styles.h2)

    def subheading(self, title: str) -> TextParagraph:
        return TextParagraph(para(title), self.styles.h3)

    def paragraph(self, value: str, style: ParagraphStyle | None = None) -> TextParagraph:
        return TextParagraph(para(value), style or self.styles.body)

    def labelled(
        self, label: str, value: str, style: ParagraphStyle | None = None
    ) -> TextParagraph:
        """Bold "Label:" then the value, both escaped."""
        return TextParagraph(f"{bold(label + ':')} {para(value)}", style or self.styles.body)

    def details(
        self, lines: Sequence[Sequence[tuple[str, str]]], style: ParagraphStyle | None = None
    ) -> TextParagraph:
        """Lines of "label: value" pairs (pairs on a line separated by dots), one paragraph.

        One paragraph rather than one per line keeps long plans fast to lay out. A label stays
        on the same line as the start of its value (a no-break space).
        """
        return TextParagraph(self.details_markup(lines), style or self.styles.detail)

    def details_markup(self, lines: Sequence[Sequence[tuple[str, str]]]) -> str:
        return "<br/>".join(
            SEPARATOR.join(f"{bold(label + ':')}\u00a0{para(value)}" for label, value in line)
            for line in lines
        )

    def item(self, head: str, lines: Sequence[Sequence[tuple[str, str]]]) -> TextParagraph:
        """A bulleted list item as one paragraph: ``head`` markup, then smaller detail lines.

        One paragraph (not a group kept together) lays out much faster in long plans; the
        paragraph style keeps at least two lines together when it breaks across pages.
        """
        markup = head
        if lines:
            size = self.styles.detail.fontSize
            details = self.details_markup(lines)
            markup += f'<br/><font size="{size}" color="{MUTED_HEX}">{details}</font>'
        return TextParagraph(markup, self.styles.item, bulletText="•")

    def nothing(self) -> TextParagraph:
        return TextParagraph(para(self.t("nothing_now")), self.styles.body)

    # --- person and contacts ---------------------------------------------------------------

    def protected_notice(self) -> TextParagraph:
        return TextParagraph(para(self.t("protected_identity")), self.styles.notice)

    def person(self, doc: PlanDocument, *, with_address: bool) -> list[Flowable]:
        """Name, and the address only when it may be printed; a notice for protected identity."""
        out: list[Flowable] = [self.labelled(self.t("name"), doc.individual_name)]
        if doc.protected_identity:
            out.append(self.protected_notice())
        elif with_address:
            if doc.printable_address is not None:
                out.append(self.labelled(self.t("address"), doc.printable_address))
            if doc.printable_phone is not None:
                out.append(self.labelled(self.t("phone"), doc.printable_phone))
            if doc.contact_withheld:
                out.append(self.paragraph(self.t("contact_not_shared")))
        return out

    def contact(self, contact: ContactItem) -> Flowable:
        """ "Role: Name", then phone and e-mail on one line, the visiting address and an
        organisation number on the next; what is blank is left out, label and all."""
        head = f"{bold(contact.role)}: {para(contact.name)}" if contact.role else para(contact.name)
        parts = [(self.t("phone"), contact.phone), (self.t("email"), contact.email)]
        lines = [[(label, value.strip()) for label, value in parts if value and value.strip()]]
        if contact.address and contact.address.strip():
            lines.append([(self.t("visiting_address"), contact.address.strip())])
        if contact.org_number and contact.org_number.strip():
            lines.append([(self.t("org_number"), contact.org_number.strip())])
        return self.item(head, [line for line in lines if line])

    def contacts(self, contacts: Sequence[ContactItem]) -> list[Flowable]:
        if not contacts:
            return [TextParagraph(para(self.t("none_given")), self.styles.body)]
        return [self.contact(contact) for contact in contacts]

    # --- tables ----------------------------------------------------------------------------

    def cell(self, value: str) -> TextParagraph:
        return TextParagraph(para(value), self.styles.cell)

    def head_cell(self, value: str) -> TextParagraph:
        return TextParagraph(para(value), self.styles.cell_head)

    def table(
        self,
        rows: Sequence[Sequence[Flowable | str]],
        fractions: Sequence[float],
        *,
        header: bool = True,
    ) -> Table:
        """A full-width table that repeats its header and may split inside a tall row."""
        widths = [self.width * fraction for fraction in fractions]
        return Table(
            rows,
            colWidths=widths,
            repeatRows=1 if header else 0,
            splitInRow=1,
            hAlign="LEFT",
            style=table_style(self.styles.fonts, self.styles.base_size, header=header),
        )

    # --- ratings ---------------------------------------------------------------------------

    def ratings(
        self,
        ratings: Sequence[RatingItem],
        *,
        own_label: str,
        worker_label: str,
        show_radar: bool,
    ) -> list[Flowable]:
        """The radar chart (when asked for and meaningful) and a table with the exact values."""
        out: list[Flowable] = []
        own = tuple(rating.own for rating in ratings)
        worker = tuple(rating.worker for rating in ratings)
        has_values = any(v is not None for v in own + worker)
        if show_radar and len(ratings) >= MIN_AXES and has_values:
            out.append(
                radar_chart(
                    [rating.area_title for rating in ratings],
                    [own_series(own_label, own), worker_series(worker_label, worker)],
                    width=self.width,
                    fonts=self.styles.fonts,
                    font_size=max(8.0, self.styles.base_size - 3),
                )
            )
            out.append(TextParagraph(para(self.t("radar_caption")), self.styles.caption))
            out.append(Spacer(1, 4))
        rows: list[list[Flowable]] = [
            [
                self.head_cell(self.t("area")),
                self.head_cell(own_label),
                self.head_cell(worker_label),
            ]
        ]
        for rating in ratings:
            rows.append(
                [
                    self.cell(rating.area_title),
                    self.cell(labels.rating_text(self.lang, rating.own)),
                    self.cell(labels.rating_text(self.lang, rating.worker)),
                ]
            )
        out.append(self.table(rows, (0.40, 0.30, 0.30)))
        return out
