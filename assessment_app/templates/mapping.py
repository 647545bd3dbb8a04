"""Moving an assessment's answers from one version of a template to a newer one.

An answer is carried over when the newer version has a question with the same id and type
and the answer is still valid there (a choice still among the options); it may then sit in
another area (``moved``). An answer that cannot be carried is listed (``dropped``) and never
guessed. The newer version's questions that the older one did not have are listed as new.
Ratings are kept for the areas both versions have. Pure: nothing here touches a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assessment_app.templates.model import Template


@dataclass(frozen=True)
class CarriedAnswer:
    question_id: str
    from_area: str  # area id (or the consent section's id) in the older version
    to_area: str  # area id in the newer version

    @property
    def moved(self) -> bool:
        return self.from_area != self.to_area


@dataclass(frozen=True)
class AnswerMapping:
    """What happens to an assessment's answers when it moves from ``source`` to ``target``."""

    source: tuple[str, int]
    target: tuple[str, int]
    carried: list[CarriedAnswer] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # question ids whose answer is not carried
    new_questions: list[tuple[str, str]] = field(default_factory=list)  # (area id, question id)
    new_areas: list[str] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)  # the answers as they will be
    ratings: dict[str, dict[str, Any]] = field(default_factory=dict)


def _still_valid(question: Any, value: Any) -> bool:
    values = {o.value for o in question.options}
    if question.type == "single_choice":
        return value in values
    if question.type == "multiple_choice":
        return isinstance(value, list) and all(v in values for v in value)
    return True


def map_answers(
    source: Template,
    target: Template,
    answers: Mapping[str, Any],
    ratings: Mapping[str, Mapping[str, Any]],
) -> AnswerMapping:
    if source.id != target.id:
        raise ValueError("answers move only between versions of one template")
    carried: list[CarriedAnswer] = []
    dropped: list[str] = []
    moved_answers: dict[str, Any] = {}
    for question_id, value in answers.items():
        if not source.has_question(question_id) or not target.has_question(question_id):
            dropped.append(question_id)
            continue
        old, new = source.question(question_id), target.question(question_id)
        if old.type != new.type or not _still_valid(new, value):
            dropped.append(question_id)
            continue
        moved_answers[question_id] = value
        carried.append(
            CarriedAnswer(
                question_id, source.section_of(question_id), target.section_of(question_id)
            )
        )
    new_questions = [
        (target.section_of(q.id), q.id)
        for q in target.all_questions()
        if not source.has_question(q.id)
    ]
    old_areas = set(source.area_ids())
    return AnswerMapping(
        source.key,
        target.key,
        carried,
        sorted(dropped),
        new_questions,
        [a for a in target.area_ids() if a not in old_areas],
        moved_answers,
        {k: dict(v) for k, v in ratings.items() if k in set(target.area_ids())},
    )
