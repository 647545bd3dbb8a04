"""The supervisor's review queue, decision badges and follow-up comparison on every backend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import AccessDeniedError, NotFoundError
from assessment_app.server import progress, review
from tests.conftest import World
from tests.server.helpers import case_with_plan, rated

TODAY = date(2026, 6, 1)


def test_review_queue_lists_waiting_overdue_and_urgent_in_unit(world: World) -> None:
    anna, bo, chef, syd = (world.workspace(n) for n in ("anna", "bo", "chef", "syd"))
    row, plan = case_with_plan(anna)
    submitted = anna.plans.submit(plan.id, plan.version)
    draft_row, _ = case_with_plan(bo, "Bo Klient")  # a draft: not waiting
    anna.cases.schedule_follow_up(row.id, TODAY - timedelta(days=4))
    bo.cases.schedule_follow_up(draft_row.id, TODAY + timedelta(days=4))  # not overdue
    done = bo.cases.schedule_follow_up(draft_row.id, TODAY - timedelta(days=9))
    bo.cases.mark_follow_up_done(done.id, done.version, done_on=TODAY)
    # Urgent by the worker's flag in one case, by a safety-critical answer in another.
    rated(anna, row.id, {"housing": {"own": 3, "worker": 4, "reason": "x", "flags": ["urgent"]}})
    answer_case = bo.cases.create(name="Svar Akut")
    rated(bo, answer_case.id, {}, answers={"health_suicidal_thoughts": "now"})
    calm = bo.cases.create(name="Lugn Person")
    rated(bo, calm.id, {"housing": {"own": 1, "worker": 1}})
    # An urgent flag is an event: raised by an older assessment, it stays open (and in the
    # queue) until someone records what was done.
    rated(
        bo, calm.id, {"housing": {"own": 1, "worker": 1, "flags": ["urgent"]}}, on=date(2025, 1, 1)
    )

    queue = chef.review.queue(TODAY)
    assert [(w.case_ref, w.plan_id, w.version) for w in queue.waiting] == [
        (row.case_ref, plan.id, submitted.version)
    ]
    assert queue.waiting[0].submitted_by == "anna"
    assert [(o.case_ref, o.days_overdue) for o in queue.overdue] == [(row.case_ref, 4)]
    urgent: dict[str, set[str]] = {}
    for u in queue.urgent:
        urgent.setdefault(u.case_ref, set()).add(u.area_id)
    assert urgent[row.case_ref] == {"housing"}
    assert "health" in urgent[answer_case.case_ref]
    assert urgent[calm.case_ref] == {"housing"}
    (old,) = [u for u in queue.urgent if u.case_ref == calm.case_ref]
    bo.cases.handle_urgent(old.id, old.version, ["talked_with_person"], "Inte längre akut")
    assert calm.case_ref not in {u.case_ref for u in chef.review.queue(TODAY).urgent}
    assert syd.review.queue(TODAY).total == 0  # another unit
    with pytest.raises(AccessDeniedError):
        anna.review.queue(TODAY)

    # The supervisor decides from the queue; the plan history shows the decisions.
    to_review = chef.review.open_plan(queue.waiting[0].plan_id)
    assert to_review.case.case_ref == row.case_ref
    assert to_review.plan.version == queue.waiting[0].version
    approved = chef.review.decide(plan.id, queue.waiting[0].version, approve=True)
    assert [r.decision for r in approved.reviews] == ["submitted", "approved"]
    assert chef.review.queue(TODAY).waiting == []


def test_decision_badges_since_last_looked(world: World) -> None:
    anna, bo, chef = world.workspace("anna"), world.workspace("bo"), world.workspace("chef")
    _, p1 = case_with_plan(anna, "Ett Namn")
    _, p2 = case_with_plan(anna, "Två Namn")
    _, other = case_with_plan(bo, "Bos Klient")
    p1 = anna.plans.submit(p1.id, p1.version)
    p2 = anna.plans.submit(p2.id, p2.version)
    other = bo.plans.submit(other.id, other.version)
    assert anna.review.badges() == []  # submitted is not a decision
    chef.review.decide(p1.id, p1.version, approve=False, comment="Lägg till ett mål om boende")
    chef.review.decide(other.id, other.version, approve=True)

    badges = anna.review.badges()
    assert [(b.plan_id, b.decision, b.comment, b.decided_by) for b in badges] == [
        (p1.id, "returned", "Lägg till ett mål om boende", "chef")
    ]
    anna.review.mark_seen(badges)
    assert anna.review.badges() == []
    assert [b.plan_id for b in bo.review.badges()] == [other.id]  # bo's own marker

    chef.review.decide(p2.id, p2.version, approve=True)
    assert [(b.plan_id, b.decision) for b in anna.review.badges()] == [(p2.id, "approved")]


def test_follow_up_changes_series_and_table(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Följ Upp")
    first = rated(
        anna,
        row.id,
        {
            "housing": {"own": 4, "worker": 3, "reason": "r"},
            "substance_use": {"own": 2, "worker": 2},
        },
        on=date(2026, 1, 5),
    )
    second = rated(
        anna,
        row.id,
        {
            "housing": {"own": 2, "worker": 1},
            "substance_use": {"own": 2, "worker": 3, "reason": "r"},
        },
        kind="follow_up",
        on=date(2026, 4, 5),
    )
    result = progress.follow_up_changes(anna.cases.assessments(row.id))
    assert [p.assessment_id for p in result.assessments] == [first.id, second.id]
    housing = next(s for s in result.series if s.area_id == "housing")
    assert [(p.own, p.worker) for p in housing.points if p] == [(4, 3), (2, 1)]
    changes = {c.area_id: c for c in result.changes}
    assert changes["housing"].delta == -2 and changes["housing"].own_delta == -2
    assert changes["substance_use"].delta == 1
    assert result.added_areas == [] and result.removed_areas == []
    with pytest.raises(NotFoundError, match="not found"):
        world.workspace("bo").cases.assessments(row.id)  # the list the comparison is made of
    only_complete = progress.follow_up_changes(
        anna.cases.assessments(row.id), include_in_progress=False
    )
    assert only_complete.assessments == [] and only_complete.changes == []


def test_review_queue_is_audited(world: World) -> None:
    chef = world.workspace("chef")
    chef.review.queue(TODAY)
    db = world.db()
    with db.sessions() as session:
        actions = session.execute(
            select(AuditEvent.action).where(AuditEvent.user_id == chef.ctx.user_id)
        ).scalars()
        assert review.QUEUE_AUDIT in set(actions)
    db.dispose()
