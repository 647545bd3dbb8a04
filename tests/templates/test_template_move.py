"""A follow-up begun on version 1 of the kartläggning may move to version 2: the answers that
mean the same are carried over (shown: which answer went to which question and area), the
new questions are listed, nothing is guessed; stored and audited on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import ValidationError
from assessment_app.records import assessments
from assessment_app.templates import default_registry
from assessment_app.templates.mapping import map_answers
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import World

V1_ANSWERS = {
    "contact_source": "self",
    "network_pull_back": "Gamla kompisar ringer hela tiden",  # moves network -> motivation
    "health_suicidal_thoughts": "never",
    "no_such_question": "kvar från förr",
}


def _templates():
    registry = default_registry()
    return registry.get("kartlaggning-avhopp", 1), registry.get("kartlaggning-avhopp", 2)


def test_the_mapping_carries_same_questions_and_lists_the_new_ones() -> None:
    v1, v2 = _templates()
    answers = {k: v for k, v in V1_ANSWERS.items() if k != "health_suicidal_thoughts"}
    answers["housing_current"] = v1.question("housing_current").options[0].value
    mapping = map_answers(v1, v2, answers, {"housing": {"own": 2, "worker": 3}})
    carried = {c.question_id: c for c in mapping.carried}
    assert set(carried) == {"contact_source", "network_pull_back", "housing_current"}
    moved = carried["network_pull_back"]
    assert (moved.from_area, moved.to_area, moved.moved) == ("network", "motivation", True)
    assert not carried["housing_current"].moved
    assert mapping.dropped == ["no_such_question"]  # never guessed
    new_ids = {q for _area, q in mapping.new_questions}
    assert {"risk_suicide_plan", "violence_exposed", "finances_gambling"} <= new_ids
    assert not any(v1.has_question(q) for q in new_ids)
    assert set(mapping.new_areas) == {"risk_of_harm", "close_violence"}
    assert mapping.answers == {k: answers[k] for k in carried}
    assert mapping.ratings == {"housing": {"own": 2, "worker": 3}}
    with pytest.raises(ValueError):
        map_answers(v1, v1.model_copy(update={"id": "annan"}), {}, {})


def test_a_choice_no_longer_offered_is_not_carried() -> None:
    v1, v2 = _templates()
    mapping = map_answers(v1, v2, {"housing_current": "no-such-option"}, {})
    assert mapping.carried == [] and mapping.dropped == ["housing_current"]


def test_a_follow_up_moves_to_version_2_and_keeps_its_answers(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Gammal Version")
    with anna.write() as uow:
        old = assessments.start_assessment(uow, row.id, "kartlaggning-avhopp", 1, kind="follow_up")
    saved = anna.interviews.save(AssessmentEdit.of(old, V1_ANSWERS, {"housing": {"own": 1}}))
    info = saved.value.info  # type: ignore[union-attr]
    preview = anna.interviews.template_move(info.id)
    assert preview is not None and preview.target == ("kartlaggning-avhopp", 2)
    assert anna.interviews.get(info.id).template_version == 1  # a preview writes nothing
    moved, mapping = anna.interviews.move_to_newest(info.id, info.version)
    assert (moved.template_version, moved.kind, moved.status) == (2, "follow_up", "in_progress")
    assert moved.answers == {k: v for k, v in V1_ANSWERS.items() if k != "no_such_question"}
    assert moved.ratings["housing"]["own"] == 1
    assert mapping.dropped == ["no_such_question"]
    # it now opens with version 2's questions; it cannot move again
    assert anna.interviews.open(info.id).template.version == 2
    assert anna.interviews.template_move(info.id) is None
    with pytest.raises(ValidationError):
        anna.interviews.move_to_newest(info.id, moved.version)
    with world.db().sessions() as session:
        details = [
            e.detail
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.object_id == info.id)
            ).scalars()
        ]
    assert any(d and d.startswith("moved kartlaggning-avhopp v1->v2 carried=3") for d in details)
    assert not any("kompisar" in (d or "") for d in details)


def test_an_initial_or_finished_assessment_does_not_move(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Första Gången")
    with anna.write() as uow:
        first = assessments.start_assessment(uow, row.id, "kartlaggning-avhopp", 1)
    assert anna.interviews.template_move(first.id) is None
    with pytest.raises(ValidationError):
        anna.interviews.move_to_newest(first.id, first.version)
    newest = anna.interviews.start(row.id, kind="follow_up")
    assert newest.template_version == 2 and anna.interviews.template_move(newest.id) is None
