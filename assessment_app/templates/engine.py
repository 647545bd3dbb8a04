"""The interview engine: given a template, the answers so far and the ratings, say what to show,
what is missing, what is wrong, what is urgent, and how each area stands.

Pure and Qt-free; the UI calls :func:`evaluate` after every change. Answers are never dropped:
an answer whose question became hidden is reported in ``hidden_answered`` and an answer to a
question the template does not know in ``unknown_answers``; both stay in the stored answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from assessment_app.templates.answers import answer_problem
from assessment_app.templates.conditions import evaluate as evaluate_condition
from assessment_app.templates.conditions import is_answered, parse
from assessment_app.templates.model import Label, Template
from assessment_app.templates.ratings import (
    FLAG_NOT_ANSWERED,
    FLAG_NOT_RELEVANT,
    FLAG_URGENT,
    AreaRating,
)

NEEDS_HELP_FROM = 2


class AreaStatus(StrEnum):
    """For the progress mark beside each area in the side list."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    NOT_RELEVANT = "not_relevant"


@dataclass(frozen=True)
class UrgentItem:
    question_id: str
    area_id: str  # the consent section's id for a consent question
    message: Label


@dataclass(frozen=True)
class AreaSummary:
    """One area as the action plan and the PDFs see it."""

    area_id: str
    title: Label
    own: int | None
    worker: int | None
    reason: str
    flags: set[str]  # the stored flags, plus "urgent" when an answer in the area is urgent
    answered: int  # visible questions with an answer
    visible: int
    missing_required: list[str]
    violations: list[str]
    urgent_items: list[UrgentItem]
    needs_help: bool
    rated: bool  # worker rating (with reason if needed), or flagged not relevant / not answered

    @property
    def urgent(self) -> bool:
        return FLAG_URGENT in self.flags

    @property
    def status(self) -> AreaStatus:
        if FLAG_NOT_RELEVANT in self.flags:
            return AreaStatus.NOT_RELEVANT
        if self.rated and not self.missing_required and not self.violations:
            return AreaStatus.COMPLETE
        if self.answered == 0 and self.own is None and self.worker is None:
            return AreaStatus.NOT_STARTED
        return AreaStatus.IN_PROGRESS


@dataclass(frozen=True)
class EngineResult:
    visible: set[str]
    hidden_answered: set[str]
    unknown_answers: set[str]
    missing_required: list[str]
    violations: dict[str, str]
    violation_labels: dict[str, Label]
    urgent: list[UrgentItem]
    unrated_areas: list[str]
    missing_reasons: list[str]  # areas with a worker rating but no reason, where one is needed
    area_summaries: dict[str, AreaSummary]
    section_progress: dict[str, tuple[int, int]] = field(repr=False)

    @property
    def can_complete(self) -> bool:
        """Every visible required question answered, no broken answers, every area rated."""
        return not (
            self.missing_required or self.violations or self.unrated_areas or self.missing_reasons
        )

    def progress(self, section_id: str) -> tuple[int, int]:
        """(answered, visible) questions of an area or of the consent section."""
        return self.section_progress.get(section_id, (0, 0))

    def is_visible(self, question_id: str) -> bool:
        return question_id in self.visible


def evaluate(
    template: Template,
    answers: Mapping[str, object],
    ratings: Mapping[str, AreaRating] | None = None,
    today: date | None = None,
    language: str = "sv",
) -> EngineResult:
    """Evaluate the answers so far. ``language`` chooses the text in ``violations``."""
    ratings = ratings or {}
    today = today or date.today()
    visible = _visible_questions(template, answers)
    # conditions see only answers to visible questions, so hiding cascades down a chain
    seen = {qid: answers.get(qid) for qid in visible}

    hidden_answered: set[str] = set()
    unknown_answers: set[str] = set()
    for qid, value in answers.items():
        if not is_answered(value):
            continue
        if not template.has_question(qid):
            unknown_answers.add(qid)
        elif qid not in visible:
            hidden_answered.add(qid)

    waived = {
        area.id
        for area in template.areas
        if ratings.get(area.id, _NO_RATING).flags & {FLAG_NOT_RELEVANT, FLAG_NOT_ANSWERED}
    }
    missing: list[str] = []
    violation_labels: dict[str, Label] = {}
    urgent: list[UrgentItem] = []
    progress: dict[str, list[int]] = {}
    for question in template.all_questions():
        section = template.section_of(question.id)
        counts = progress.setdefault(section, [0, 0])
        if question.id not in visible:
            continue
        value = answers.get(question.id)
        counts[1] += 1
        if is_answered(value):
            counts[0] += 1
            problem = answer_problem(question, value, today)
            if problem is not None:
                violation_labels[question.id] = problem
        elif question.required and section not in waived:
            missing.append(question.id)
        critical = question.safety_critical
        if critical is not None and evaluate_condition(parse(critical.urgent_when), seen):
            urgent.append(UrgentItem(question.id, section, critical.message))

    summaries: dict[str, AreaSummary] = {}
    unrated: list[str] = []
    missing_reasons: list[str] = []
    for area in template.areas:
        rating = ratings.get(area.id, _NO_RATING)
        needs_reason = area.rating.needs_reason(rating.worker) and not rating.reason.strip()
        if not rating.is_rated:
            unrated.append(area.id)
        elif needs_reason:
            missing_reasons.append(area.id)
        area_urgent = [item for item in urgent if item.area_id == area.id]
        flags = set(rating.flags)
        if area_urgent:
            flags.add(FLAG_URGENT)
        qids = [q.id for q in area.questions]
        answered, shown = progress.get(area.id, [0, 0])
        summaries[area.id] = AreaSummary(
            area_id=area.id,
            title=area.title,
            own=rating.own,
            worker=rating.worker,
            reason=rating.reason,
            flags=flags,
            answered=answered,
            visible=shown,
            missing_required=[qid for qid in missing if qid in qids],
            violations=[qid for qid in qids if qid in violation_labels],
            urgent_items=area_urgent,
            needs_help=_needs_help(rating, flags),
            rated=rating.is_rated and not needs_reason,
        )

    return EngineResult(
        visible=visible,
        hidden_answered=hidden_answered,
        unknown_answers=unknown_answers,
        missing_required=missing,
        violations={qid: label.text(language) for qid, label in violation_labels.items()},
        violation_labels=violation_labels,
        urgent=urgent,
        unrated_areas=unrated,
        missing_reasons=missing_reasons,
        area_summaries=summaries,
        section_progress={section: (a, v) for section, (a, v) in progress.items()},
    )


_NO_RATING = AreaRating()


def _needs_help(rating: AreaRating, flags: set[str]) -> bool:
    """Urgent always counts (a safety signal is never silenced by a flag); otherwise a rating
    of 2 or more by either the person or the worker, unless the area is not relevant."""
    if FLAG_URGENT in flags:
        return True
    if FLAG_NOT_RELEVANT in flags:
        return False
    return any(r is not None and r >= NEEDS_HELP_FROM for r in (rating.own, rating.worker))


def _visible_questions(template: Template, answers: Mapping[str, object]) -> set[str]:
    visible: set[str] = set()
    seen: dict[str, object] = {}
    for qid in template.visibility_order():
        question = template.question(qid)
        if question.show_if is None or evaluate_condition(parse(question.show_if), seen):
            visible.add(qid)
            seen[qid] = answers.get(qid)
    return visible


def area_status(result: EngineResult, area_id: str) -> AreaStatus:
    """The side-list mark for an area (see :class:`AreaStatus`)."""
    return result.area_summaries[area_id].status
