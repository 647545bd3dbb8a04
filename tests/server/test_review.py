"""The supervisor's review queue, decision badges and follow-up comparison on every backend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import AccessDeniedError
from assessment_app.records import cases, followups, plans
from assessment_app.server import progress, review
from tests.conftest import World
from tests.server.helpers import case_with_plan, rated

TODAY = date(2026, 6, 1)


def test_review_queue_lists_waiting_overdue_and_urgent_in_unit(world: World) -> None:
    anna, bo, chef, syd = (world.sign_in(n) for n in ("anna", "bo", "chef", "syd"))
    row, plan = case_with_plan(anna)
    submitted = plans.submit_for_review(anna, plan.id, plan.version)
    draft_row, _ = case_with_plan(bo, "Bo Klient")  # a draft: not waiting
    followups.schedule(anna, row.id, TODAY - timedelta(days=4))
    followups.schedule(bo, draft_row.id, TODAY + timedelta(days=4))  # not overdue
    done = followups.schedule(bo, draft_row.id, TODAY - timedelta(days=9))
    followups.mark_done(bo, done.id, done.version, done_on=TODAY)
    # Urgent by the worker's flag in one case, by a safety-critical answer in another.
    rated(anna, row.id, {"housing": {"own": 3, "worker": 4, "reason": "x", "flags": ["urgent"]}})
    answer_case = cases.create_case(bo, name="Svar Akut")
    rated(bo, answer_case.id, {}, answers={"health_suicidal_thoughts": "now"})
    calm = cases.create_case(bo, name="Lugn Person")
    rated(bo, calm.id, {"housing": {"own": 1, "worker": 1}})
    # The latest assessment counts: an old urgent flag no longer shows.
    rated(
        bo, calm.id, {"housing": {"own": 1, "worker": 1, "flags": ["urgent"]}}, on=date(2025, 1, 1)
    )

    queue = review.review_queue(chef, TODAY)
    assert [(w.case_ref, w.plan_id, w.version) for w in queue.waiting] == [
        (row.case_ref, plan.id, submitted.version)
    ]
    assert queue.waiting[0].submitted_by == "anna"
    assert [(o.case_ref, o.days_overdue) for o in queue.overdue] == [(row.case_ref, 4)]
    urgent = {u.case_ref: u.urgent_areas for u in queue.urgent}
    assert urgent[row.case_ref] == ("housing",)
    assert "health" in urgent[answer_case.case_ref]
    assert calm.case_ref not in urgent
    assert review.review_queue(syd, TODAY).total == 0  # another unit
    with pytest.raises(AccessDeniedError):
        review.review_queue(anna, TODAY)

    # The supervisor decides from the queue; the plan history shows the decisions.
    approved = plans.decide(chef, plan.id, queue.waiting[0].version, approve=True)
    assert [r.decision for r in approved.reviews] == ["submitted", "approved"]
    assert review.review_queue(chef, TODAY).waiting == []


def test_decision_badges_since_last_looked(world: World) -> None:
    anna, bo, chef = world.sign_in("anna"), world.sign_in("bo"), world.sign_in("chef")
    _, p1 = case_with_plan(anna, "Ett Namn")
    _, p2 = case_with_plan(anna, "Två Namn")
    _, other = case_with_plan(bo, "Bos Klient")
    p1 = plans.submit_for_review(anna, p1.id, p1.version)
    p2 = plans.submit_for_review(anna, p2.id, p2.version)
    other = plans.submit_for_review(bo, other.id, other.version)
    assert review.decision_badges(anna) == []  # submitted is not a decision
    plans.decide(chef, p1.id, p1.version, approve=False, comment="Lägg till ett mål om boende")
    plans.decide(chef, other.id, other.version, approve=True)

    badges = review.decision_badges(anna)
    assert [(b.plan_id, b.decision, b.comment, b.decided_by) for b in badges] == [
        (p1.id, "returned", "Lägg till ett mål om boende", "chef")
    ]
    review.mark_badges_seen(anna, badges)
    assert review.decision_badges(anna) == []
    assert [b.plan_id for b in review.decision_badges(bo)] == [other.id]  # bo's own marker

    plans.decide(chef, p2.id, p2.version, approve=True)
    assert [(b.plan_id, b.decision) for b in review.decision_badges(anna)] == [(p2.id, "approved")]


def test_follow_up_changes_series_and_table(world: World) -> None:
    anna = world.sign_in("anna")
    row = cases.create_case(anna, name="Följ Upp")
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
    result = progress.follow_up_changes(anna, row.id)
    assert [p.assessment_id for p in result.assessments] == [first.id, second.id]
    housing = next(s for s in result.series if s.area_id == "housing")
    assert [(p.own, p.worker) for p in housing.points if p] == [(4, 3), (2, 1)]
    changes = {c.area_id: c for c in result.changes}
    assert changes["housing"].delta == -2 and changes["housing"].own_delta == -2
    assert changes["substance_use"].delta == 1
    assert result.added_areas == [] and result.removed_areas == []
    with pytest.raises(Exception, match="not found"):
        progress.follow_up_changes(world.sign_in("bo"), row.id)


def test_review_queue_is_audited(world: World) -> None:
    chef = world.sign_in("chef")
    review.review_queue(chef, TODAY)
    db = world.db()
    with db.sessions() as session:
        actions = session.execute(
            select(AuditEvent.action).where(AuditEvent.user_id == chef.user_id)
        ).scalars()
        assert review.QUEUE_AUDIT in set(actions)
    db.dispose()
