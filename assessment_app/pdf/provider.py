"""The provider's assignment: shared areas, the provider's own tasks, contacts and dates.

The view model is already reduced to what the individual consented to share with this provider.
As defence in depth this renderer still prints only actions assigned to this provider, ratings
only for areas the document contains, and never an address for a protected identity.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from reportlab.platypus import Flowable

from assessment_app.pdf import labels
from assessment_app.pdf.base import PlanRenderer
from assessment_app.pdf.blocks import KeepTogetherIfFits
from assessment_app.pdf.document import ActionItem, GoalItem, RatingItem
from assessment_app.pdf.markup import italic, para
from assessment_app.pdf.paragraph import TextParagraph

log = logging.getLogger(__name__)


def _normalised(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


class ProviderAssignmentRenderer(PlanRenderer):
    base_font_size: ClassVar[float] = 10.5
    subject_key: ClassVar[str] = "meta_subject_provider"
    _foreign_tasks: int = 0

    def build_story(self) -> list[Flowable]:
        self._foreign_tasks = 0
        story: list[Flowable] = []
        story += self.title_section()
        story += self.individual_section()
        story += self.contacts_section()
        story += self.areas_section()
        story += self.follow_up_section()
        ratings = self.shared_ratings()
        if ratings:
            story += self.ratings_section(ratings)
        if self.doc.note and self.doc.note.strip():
            story += [self.blocks.heading(self.t("note")), self.blocks.paragraph(self.doc.note)]
        if self._foreign_tasks:
            # Counts only: names and task texts stay out of logs.
            log.warning(
                "Left %d provider task(s) named for another provider out of a provider PDF",
                self._foreign_tasks,
            )
        return story

    # --- what this provider may see --------------------------------------------------------

    def is_assigned(self, action: ActionItem) -> bool:
        """A task of this provider: kind "provider", named for this provider (or its contact
        person) or not named at all. Anything else is left out, and the count is logged."""
        if action.responsible_kind != "provider":
            return False
        name = _normalised(action.responsible_name)
        ours = {_normalised(self.doc.provider_name)}
        if self.doc.provider_contact is not None:
            ours.add(_normalised(self.doc.provider_contact.name))
        if not name or name in ours:
            return True
        self._foreign_tasks += 1
        return False

    def shared_ratings(self) -> tuple[RatingItem, ...]:
        shared = {goal.area_id for goal in self.doc.goals}
        return tuple(rating for rating in self.doc.ratings if rating.area_id in shared)

    # --- sections --------------------------------------------------------------------------

    def title_section(self) -> list[Flowable]:
        return [
            TextParagraph(para(self.t("provider_title")), self.styles.title),
            TextParagraph(
                para(self.t("provider_subtitle", provider=self.doc.provider_name or "")),
                self.styles.subtitle,
            ),
            self.blocks.paragraph(self.t("provider_intro")),
        ]

    def individual_section(self) -> list[Flowable]:
        return [
            self.blocks.heading(self.t("about_individual")),
            *self.blocks.person(self.doc, with_address=True),
        ]

    def contacts_section(self) -> list[Flowable]:
        contact = self.doc.provider_contact
        out: list[Flowable] = [self.blocks.heading(self.t("provider_contact"))]
        if contact is None:
            out.append(self.blocks.paragraph(self.t("none_given")))
        else:
            out.append(self.blocks.contact(contact))
        out.append(self.blocks.heading(self.t("social_services_contacts")))
        out += self.blocks.contacts(self.doc.contacts)
        return out

    def areas_section(self) -> list[Flowable]:
        out: list[Flowable] = [self.blocks.heading(self.t("areas_and_tasks"))]
        if not self.doc.goals:
            return [*out, self.blocks.nothing()]
        for goal in self.doc.goals:
            out += self.area(goal)
        return out

    def area(self, goal: GoalItem) -> list[Flowable]:
        head: list[Flowable] = [self.blocks.subheading(goal.area_title)]
        text = goal.goal_text.strip() or self.t("goal_not_worded")
        head.append(self.blocks.labelled(self.t("goal"), text))
        actions = [action for action in goal.actions if self.is_assigned(action)]
        if not actions:
            return [KeepTogetherIfFits([*head, self.blocks.paragraph(self.t("no_tasks"))])]
        cell, head_cell = self.blocks.cell, self.blocks.head_cell
        rows: list[list[Flowable]] = [
            [
                head_cell(self.t("task")),
                head_cell(self.t("follow_up")),
                head_cell(self.t("due")),
                head_cell(self.t("status")),
            ]
        ]
        for action in actions:
            task = para(action.what)
            if action.outcome and action.outcome.strip():
                task += "<br/>" + italic(f"{self.t('outcome')}: {action.outcome}")
            rows.append(
                [
                    TextParagraph(task, self.styles.cell),
                    cell(action.follow_up or "–"),
                    cell(action.due_date.isoformat() if action.due_date else "–"),
                    cell(labels.STATUS_NAMES[self.lang][action.status]),
                ]
            )
        return [*head, self.blocks.table(rows, (0.42, 0.28, 0.16, 0.14))]

    def follow_up_section(self) -> list[Flowable]:
        out: list[Flowable] = [self.blocks.heading(self.t("follow_ups"))]
        dates = ", ".join(
            labels.format_date(self.lang, day) for day in sorted(self.doc.follow_up_dates)
        )
        out.append(self.blocks.labelled(self.t("follow_up_dates"), dates or self.t("none_given")))
        # The meeting is in the document only when the provider takes part (plan_export).
        meeting = self.doc.next_meeting
        place = (self.doc.meeting_place or "").strip()
        if meeting is not None:
            when = labels.format_meeting(self.lang, meeting)
            out.append(self.blocks.labelled(self.t("next_meeting"), when))
            if place:
                out.append(self.blocks.labelled(self.t("place"), place))
        elif place:
            out.append(self.blocks.labelled(self.t("next_meeting"), place))
        return out

    def ratings_section(self, ratings: tuple[RatingItem, ...]) -> list[Flowable]:
        head: list[Flowable] = [
            self.blocks.heading(self.t("ratings")),
            self.blocks.paragraph(self.t("ratings_intro")),
        ]
        body = self.blocks.ratings(
            ratings,
            own_label=self.t("radar_own_provider"),
            worker_label=self.t("radar_worker_provider"),
            show_radar=self.doc.show_radar,
        )
        return [KeepTogetherIfFits([*head, body[0]]), *body[1:]]
