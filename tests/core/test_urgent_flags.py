"""Urgent flags are events: raised when an assessment shows something urgent, one per question
until handled, open until someone records what was done, escalated when left open, kept as
history; only the cases a user reaches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from assessment_app.db.models import AuditEvent, UrgentFlag
from assessment_app.errors import ValidationError
from assessment_app.records import urgent
from assessment_app.workspace import Saved
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import World

TONIGHT = {"safety_threatened": True, "safety_protection_tonight": True}


def _case_with_urgent(ws, answers=TONIGHT, ratings=None):
    row = ws.cases.create(name="Akut Person")
    a = ws.interviews.start(row.id)
    result = ws.interviews.save(AssessmentEdit.of(a, dict(answers), ratings or {}))
    assert isinstance(result, Saved)
    return row, result.value.info


def _urgent_question(ws):
    """A question of the bundled template whose answer makes it urgent (the threat tonight)."""
    template = ws.templates.latest()
    return next(q for q in template.all_questions() if q.safety_critical is not None)


def test_an_urgent_answer_raises_one_flag_until_it_is_handled(world: World) -> None:
    ws = world.workspace("anna")
    row, info = _case_with_urgent(ws)
    flags = ws.cases.urgent_flags(row.id)
    assert [f.question_id for f in flags] == ["safety_protection_tonight"]
    flag = flags[0]
    assert flag.open and flag.area_id == "safety" and not flag.escalated
    assert "natt" in flag.message("sv").lower()
    assert flag.raised_by == "anna"

    # saving the same answers again raises nothing new while the flag is open
    again = ws.interviews.save(AssessmentEdit.of(info, dict(TONIGHT), {}))
    assert isinstance(again, Saved)
    assert len(ws.cases.urgent_flags(row.id)) == 1

    with pytest.raises(ValidationError):
        ws.cases.handle_urgent(flag.id, flag.version, [])  # say what was done
    with pytest.raises(ValidationError):
        ws.cases.handle_urgent(flag.id, flag.version, ["other"])  # "other" needs a note
    ws.cases.handle_urgent(flag.id, flag.version, ["emergency_housing"], "Skyddat boende i natt")
    (handled,) = ws.cases.urgent_flags(row.id)
    assert not handled.open and handled.handled_by == "anna"
    assert handled.actions == ("emergency_housing",) and handled.note == "Skyddat boende i natt"
    assert handled.handled_at is not None

    # still urgent at the next save: a new flag, the handled one stays as history
    info = again.value.info
    ws.interviews.save(AssessmentEdit.of(info, dict(TONIGHT), {}))
    flags = ws.cases.urgent_flags(row.id)
    assert [f.open for f in flags] == [True, False]


def test_the_worker_marking_an_area_urgent_raises_a_flag(world: World) -> None:
    ws = world.workspace("anna")
    ratings = {"housing": {"own": 4, "worker": 4, "reason": "Sover ute", "flags": ["urgent"]}}
    row, _info = _case_with_urgent(ws, answers={}, ratings=ratings)
    (flag,) = ws.cases.urgent_flags(row.id)
    assert (flag.area_id, flag.question_id) == ("housing", urgent.RATING_SOURCE)


def test_nothing_urgent_raises_nothing_and_costs_no_query(world: World) -> None:
    ws = world.workspace("anna")
    row, _info = _case_with_urgent(ws, answers={"safety_threatened": False})
    assert ws.cases.urgent_flags(row.id) == []


def test_the_supervisor_sees_open_flags_escalated_first(world: World) -> None:
    anna = world.workspace("anna")
    first, _ = _case_with_urgent(anna)
    second, _ = _case_with_urgent(anna)
    chef = world.workspace("chef")
    assert chef.review.open_urgent_count() == 2
    db = world.db()
    with db.session() as session:  # the first was raised two days ago
        session.execute(
            update(UrgentFlag)
            .where(UrgentFlag.case_id == first.id)
            .values(raised_at=datetime.now(UTC) - timedelta(days=2))
        )
    db.dispose()
    queue = chef.review.queue()
    assert [u.case_id for u in queue.urgent] == [first.id, second.id]
    assert queue.urgent[0].escalated and not queue.urgent[1].escalated
    # another unit's supervisor sees none of them
    assert world.workspace("syd").review.open_urgent_count() == 0
    flag = queue.urgent[0]
    chef.cases.handle_urgent(flag.id, flag.version, ["police_contacted"], "Polisen informerad")
    assert chef.review.open_urgent_count() == 1


def test_flags_are_encrypted_and_audited_by_id_only(world: World) -> None:
    ws = world.workspace("anna")
    row, _info = _case_with_urgent(ws)
    (flag,) = ws.cases.urgent_flags(row.id)
    ws.cases.handle_urgent(flag.id, flag.version, ["other"], "Ringde mamman, hon hämtar honom")
    db = world.db()
    with db.session() as session:
        stored = session.execute(select(UrgentFlag)).scalar_one()
        assert b"natt" not in stored.details_enc and b"mamman" not in stored.handling_enc
        entries = session.execute(
            select(AuditEvent).where(AuditEvent.object_id == flag.id)
        ).scalars()
        assert [e.action for e in entries] == ["urgent.raised", "urgent.handled"]
    db.dispose()


def test_a_stale_handling_is_refused(world: World) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    row, _info = _case_with_urgent(anna)
    (flag,) = anna.cases.urgent_flags(row.id)
    chef.cases.handle_urgent(flag.id, flag.version, ["talked_with_person"])
    from assessment_app.errors import StaleEditError

    with pytest.raises(StaleEditError):
        anna.cases.handle_urgent(flag.id, flag.version, ["police_contacted"])
