"""The individual's own plan: plain language, large type, what each party will do.

Sections follow how a person reads their plan: my goals, what I do, what the social services do,
what others do, important dates, who to contact, the next meeting, my areas (radar chart), notes
and signatures. No address is printed: the person knows it, and a lost paper should not show it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import ClassVar

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from assessment_app.pdf import labels
from assessment_app.pdf.base import PlanRenderer
from assessment_app.pdf.blocks import KeepTogetherIfFits
from assessment_app.pdf.document import ActionItem, GoalItem, ResponsibleKind
from assessment_app.pdf.markup import bold, italic, para
from assessment_app.pdf.paragraph import TextParagraph
from assessment_app.pdf.styles import INK

_OTHERS: tuple[ResponsibleKind, ...] = ("provider", "police", "authority")


class IndividualPlanRenderer(PlanRenderer):
    base_font_size: ClassVar[float] = 12.5
    subject_key: ClassVar[str] = "meta_subject_individual"

    def build_story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.title_section()
        story += self.goals_section()
        story += self.actions_section("i_do", ("individual",), show_who=False)
        story += self.actions_section("social_services_do", ("social_services",), show_who=False)
        story += self.actions_section("others_do", _OTHERS, show_who=True)
        story += self.dates_section()
        story += self.contacts_section()
        story += self.next_meeting_section()
        if self.doc.ratings:
            story += self.areas_section()
        if self.doc.note and self.doc.note.strip():
            story += [self.blocks.heading(self.t("note")), self.blocks.paragraph(self.doc.note)]
        story += self.signatures_section()
        return story

    # --- sections --------------------------------------------------------------------------

    def title_section(self) -> list[Flowable]:
        out: list[Flowable] = [
            TextParagraph(para(self.t("individual_title")), self.styles.title),
            TextParagraph(
                para(self.t("individual_subtitle", name=self.doc.individual_name)),
                self.styles.subtitle,
            ),
        ]
        if self.doc.protected_identity:
            out.append(self.blocks.protected_notice())
        out.append(self.blocks.paragraph(self.t("individual_intro")))
        return out

    def goals_section(self) -> list[Flowable]:
        """Each goal under its area's name; a goal not worded yet says so (never a bare
        heading)."""
        out: list[Flowable] = [self.blocks.heading(self.t("my_goals"))]
        if not self.doc.goals:
            return [*out, self.blocks.nothing()]
        for goal in self.doc.goals:
            text = goal.goal_text.strip()
            body = para(text) if text else italic(self.t("goal_not_worded"))
            out.append(TextParagraph(f"{bold(goal.area_title)}<br/>{body}", self.styles.entry))
        return out

    def actions_section(
        self, title_key: str, kinds: tuple[ResponsibleKind, ...], *, show_who: bool
    ) -> list[Flowable]:
        out: list[Flowable] = [self.blocks.heading(self.t(title_key))]
        items = [
            self.action(action, goal, show_who=show_who)
            for goal, action in self._actions()
            if action.responsible_kind in kinds
        ]
        return out + (items or [self.blocks.nothing()])

    def action(self, action: ActionItem, goal: GoalItem, *, show_who: bool) -> Flowable:
        lines: list[list[tuple[str, str]]] = []
        if show_who:
            kind = labels.RESPONSIBLE_NAMES[self.lang][action.responsible_kind]
            lines.append([(self.t("who"), action.responsible_name.strip() or kind)])
        lines.append([(self.t("area"), goal.area_title)])
        when: list[tuple[str, str]] = []
        if action.due_date is not None:
            when.append((self.t("due"), labels.format_date(self.lang, action.due_date)))
        when.append((self.t("status"), labels.STATUS_NAMES[self.lang][action.status]))
        lines.append(when)
        if action.follow_up and action.follow_up.strip():
            lines.append([(self.t("follow_up"), action.follow_up)])
        if action.outcome and action.outcome.strip():
            lines.append([(self.t("outcome"), action.outcome)])
        return self.blocks.item(para(action.what), lines)

    def dates_section(self) -> list[Flowable]:
        # (sort key, date text, markup): meetings and follow-ups in bold, deadlines plain.
        rows: list[tuple[datetime, str, str]] = []
        meeting = self.doc.next_meeting
        if meeting is not None:
            what = self.t("date_meeting", time=labels.format_time(self.lang, meeting))
            rows.append((meeting.replace(tzinfo=None), self._day(meeting.date()), bold(what)))
        for day in self.doc.follow_up_dates:
            rows.append((_at_midnight(day), self._day(day), bold(self.t("date_follow_up"))))
        # The person's own open tasks; what others do by when is in their sections.
        for _goal, action in self._actions():
            if (
                action.responsible_kind == "individual"
                and action.due_date is not None
                and action.status in ("planned", "in_progress")
            ):
                when = self._day(action.due_date)
                rows.append((_at_midnight(action.due_date), when, para(action.what)))
        out: list[Flowable] = [self.blocks.heading(self.t("dates"))]
        if not rows:
            return [*out, self.blocks.nothing()]
        rows.sort(key=lambda row: row[0])
        table_rows: list[list[Flowable | str]] = [
            [self.blocks.head_cell(self.t("date")), self.blocks.head_cell(self.t("what_happens"))]
        ]
        # Dates are short: plain strings (no paragraph to parse and wrap) keep this table cheap.
        table_rows += [[when, TextParagraph(what, self.styles.cell)] for _, when, what in rows]
        out.append(self.blocks.paragraph(self.t("dates_intro")))
        # The heading and its sentence stay with the table (it is short).
        return [KeepTogetherIfFits([*out, self.blocks.table(table_rows, (0.3, 0.7))])]

    def contacts_section(self) -> list[Flowable]:
        """Who to call or write to; the sentence asks only for what the contacts offer, and
        with no phone and no e-mail it says how to reach the unit instead."""
        contacts = self.doc.contacts
        phone = any((c.phone or "").strip() for c in contacts)
        email = any((c.email or "").strip() for c in contacts)
        if phone or email:
            intro = self.t(
                {
                    (True, True): "contacts_intro",
                    (True, False): "contacts_intro_phone",
                    (False, True): "contacts_intro_email",
                }[(phone, email)]
            )
        elif any((c.address or "").strip() for c in contacts):
            intro = self.t("contacts_intro_visit")
        else:
            office = next((c for c in contacts if c.office and c.name.strip()), None)
            intro = self.t(
                "contacts_intro_none",
                municipality=self.doc.municipality_name.strip() or self.t("reach_municipality"),
                unit=office.name.strip() if office is not None else self.t("reach_unit"),
            )
        out: list[Flowable] = [
            self.blocks.heading(self.t("contacts")),
            self.blocks.paragraph(intro),
        ]
        if contacts:
            out += self.blocks.contacts(contacts)
        return out

    def next_meeting_section(self) -> list[Flowable]:
        """When and where, in a sentence; what was written with no time is shown as written."""
        meeting = self.doc.next_meeting
        place = (self.doc.meeting_place or "").strip()
        if meeting is not None:
            when = labels.format_meeting(self.lang, meeting)
            markup = para(self.t("meeting_when", when=when))
            if place:
                markup += f"<br/>{para(self.t('place') + ':')} {para(place)}"
        else:
            markup = para(place or self.t("no_meeting"))
        return [
            KeepTogetherIfFits(
                [
                    self.blocks.heading(self.t("next_meeting")),
                    TextParagraph(markup, self.styles.notice),
                ]
            )
        ]

    def areas_section(self) -> list[Flowable]:
        head: list[Flowable] = [
            self.blocks.heading(self.t("my_areas")),
            self.blocks.paragraph(self.t("areas_intro")),
        ]
        if self.doc.areas_left_out:
            head.append(self.blocks.paragraph(self.t("areas_only_talked")))
        body = self.blocks.ratings(
            self.doc.ratings,
            own_label=self.t("radar_own"),
            worker_label=self.t("radar_worker"),
            show_radar=self.doc.show_radar,
        )
        # Keep the heading with the chart (or the first table rows) on one page.
        return [KeepTogetherIfFits([*head, body[0]]), *body[1:]]

    def signatures_section(self) -> list[Flowable]:
        half = self.frame_width * 0.45
        cell = self.blocks.cell

        def pair(key_left: str, key_right: str) -> list[Flowable | str]:
            return [cell(self.t(key_left)), "", cell(self.t(key_right))]

        rows: list[list[Flowable | str]] = [
            ["", "", ""],
            pair("sign_individual", "sign_worker"),
            ["", "", ""],
            pair("sign_name", "sign_name"),
            ["", "", ""],
            pair("sign_date", "sign_date"),
        ]
        style = [
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, self.base_font_size - 1),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
        ]
        for row in (1, 3, 5):
            for column in (0, 2):
                style.append(("LINEABOVE", (column, row), (column, row), 0.8, INK))
        table = Table(
            rows,
            colWidths=[half, self.frame_width - 2 * half, half],
            rowHeights=[16 * mm, None, 11 * mm, None, 11 * mm, None],
            style=style,
            hAlign="LEFT",
        )
        return [
            KeepTogetherIfFits(
                [
                    self.blocks.heading(self.t("signatures")),
                    self.blocks.paragraph(self.t("signatures_intro")),
                    Spacer(1, 4),
                    table,
                ]
            )
        ]

    # --- helpers ---------------------------------------------------------------------------

    def _actions(self) -> Iterator[tuple[GoalItem, ActionItem]]:
        for goal in self.doc.goals:
            for action in goal.actions:
                yield goal, action

    def _day(self, value: date) -> str:
        return labels.format_date(self.lang, value)


def _at_midnight(value: date) -> datetime:
    return datetime.combine(value, time.min)
