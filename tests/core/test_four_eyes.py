"""A second person reviews: the approver is neither the plan's author nor its last content
editor (unless the installation allows it for a one-person unit, and then every such approval
is marked and audited), and a plan on an unfinished assessment is submitted only with a
stated reason (stored sealed, shown to the reviewer, audited)."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from sqlalchemy import select

from assessment_app import audit, demo
from assessment_app.db.models import AuditEvent, PlanReview
from assessment_app.errors import ValidationError
from assessment_app.records import plans
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.templates.engine import evaluate
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import World


def _rules(tmp_path, monkeypatch, **rules):
    path = tmp_path / "installation-settings.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(path))


def _complete_answers(template) -> dict[str, object]:
    """Every visible question answered with a valid value (as the demo fills them)."""
    rng, today, answers = random.Random(3), date.today(), {}
    for _ in range(5):  # conditions open questions that earlier passes did not see
        result = evaluate(template, answers, None, today=today)
        for q in template.all_questions():
            if q.id in result.visible and q.id not in answers:
                for _try in range(10):
                    value = demo._answer(rng, q, today)
                    trial = {**answers, q.id: value}
                    if q.id not in evaluate(template, trial, None, today=today).violations:
                        answers[q.id] = value
                        break
    return answers


def _plan(ws, name="Kalle Karlsson", *, complete=True):
    """A case with an assessment (finished or not) and a worded plan built on it."""
    row = ws.cases.create(name=name)
    a = ws.interviews.start(row.id)
    template = ws.template(a.template_id, a.template_version)
    answers = _complete_answers(template)
    ratings = {
        area.id: {"own": 2, "worker": 2, "reason": "Behov", "flags": []} for area in template.areas
    }
    ws.interviews.save(AssessmentEdit.of(a, answers, ratings), complete=complete)
    plan = ws.plans.create(row.id)
    goal = plans.Goal(template.areas[0].id, "Ett eget boende")
    content = PlanContent([goal], [plans.Action("Söka bostad", "individual", goal_id=goal.id)])
    saved = ws.plans.save(PlanEdit(plan, content))
    return row, saved.value


def _actions(world: World, plan_id: str) -> list[str]:
    db = world.db()
    try:
        with db.session() as s:
            return list(
                s.execute(
                    select(AuditEvent.action)
                    .where(AuditEvent.object_id == plan_id)
                    .order_by(AuditEvent.seq)
                ).scalars()
            )
    finally:
        db.dispose()


def test_a_supervisor_cannot_approve_her_own_plan(world: World) -> None:
    chef, syd = world.workspace("chef"), world.workspace("syd")
    _row, plan = _plan(chef, "Egen Plan")
    plan = chef.plans.submit(plan.id, plan.version)
    with pytest.raises(ValidationError) as refused:
        chef.plans.decide(plan.id, plan.version, approve=True)
    assert "annan arbetsledare" in refused.value.user_message
    assert chef.plans.get(plan.id).review_state == "submitted"  # nothing changed
    # returning one's own plan is no approval: allowed
    returned = chef.plans.decide(plan.id, plan.version, approve=False, comment="Fel mål")
    assert returned.review_state == "returned"
    del syd  # the other unit's supervisor cannot reach the case at all (access rule)


def test_the_last_content_editor_cannot_approve_but_a_submission_is_no_edit(
    world: World,
) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    _row, plan = _plan(anna, "Redigerad Plan")
    # the supervisor words the goal better herself: now she is the last editor
    goal = plans.Goal(plan.goals[0].area_id, "Ett eget boende i Malmö", plan.goals[0].id)
    edited = chef.plans.save(PlanEdit(plan, PlanContent([goal], plan.actions)))
    plan = anna.plans.submit(plan.id, edited.value.version)  # anna submits: not an edit
    with pytest.raises(ValidationError):
        chef.plans.decide(plan.id, plan.version, approve=True)
    # once the worker has the last word on the content, the supervisor may approve
    returned = chef.plans.decide(plan.id, plan.version, approve=False, comment="Ändra själv")
    goal = plans.Goal(goal.area_id, "Ett eget boende i Lund", goal.id)
    again = anna.plans.save(PlanEdit(returned, PlanContent([goal], returned.actions)))
    plan = anna.plans.submit(plan.id, again.value.version)
    approved = chef.plans.decide(plan.id, plan.version, approve=True)
    assert approved.review_state == "approved" and not approved.self_approved
    assert audit.SELF_APPROVAL not in _actions(world, plan.id)


def test_self_approval_where_allowed_is_marked_and_audited(
    world: World, tmp_path, monkeypatch
) -> None:
    _rules(tmp_path, monkeypatch, units={"Enhet Nord": {"allow_self_approval": True}})
    chef = world.workspace("chef")
    _row, plan = _plan(chef, "Ensam Enhet")
    plan = chef.plans.submit(plan.id, plan.version)
    approved = chef.plans.decide(plan.id, plan.version, approve=True)
    assert approved.review_state == "approved" and approved.self_approved
    assert [r.mark for r in approved.reviews] == [None, plans.SELF_APPROVAL]
    assert approved.reviews[-1].decided_by == "chef"
    assert _actions(world, plan.id)[-2:] == [audit.REVIEW, audit.SELF_APPROVAL]
    # the mark stays with the plan as read again, and in the review's view of it
    assert chef.plans.get(plan.id).self_approved
    assert chef.review.open_plan(plan.id).plan.self_approved
    # a new version starts unmarked
    assert not chef.plans.new_version(plan.id, approved.version).self_approved


def test_a_workers_own_settings_file_cannot_allow_self_approval(
    world: World, tmp_path, monkeypatch
) -> None:
    own = tmp_path / "own-config"
    own.mkdir()
    (own / "settings.json").write_text(json.dumps({"allow_self_approval": True}))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(own))
    monkeypatch.setenv("APPDATA", str(own))
    chef = world.workspace("chef")
    assert chef.rules().allow_self_approval is False
    _row, plan = _plan(chef, "Egen Fil")
    plan = chef.plans.submit(plan.id, plan.version)
    with pytest.raises(ValidationError):
        chef.plans.decide(plan.id, plan.version, approve=True)


def test_an_unfinished_assessment_needs_a_stated_reason(world: World) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    _row, plan = _plan(anna, "Ofärdig Kartläggning", complete=False)
    assert anna.plans.needs_unfinished_reason(plan.id)
    for blank in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            anna.plans.submit(plan.id, plan.version, unfinished_reason=blank)
        assert "Kartläggningen är inte klar" in refused.value.user_message
    assert anna.plans.get(plan.id).review_state == "draft"
    reason = "Akut bostadslöshet, kartläggningen slutförs nästa vecka"
    submitted = anna.plans.submit(plan.id, plan.version, unfinished_reason=reason)
    assert submitted.unfinished_reason == reason
    assert submitted.reviews[-1].mark == plans.UNFINISHED_ASSESSMENT
    # the reviewer sees it; it is audited with its own action, by id only
    assert chef.review.open_plan(plan.id).plan.unfinished_reason == reason
    assert _actions(world, plan.id)[-2:] == [audit.REVIEW, audit.SUBMIT_UNFINISHED]
    db = world.db()
    try:
        with db.session() as s:
            details = s.execute(select(AuditEvent.detail)).scalars().all()
            blobs = s.execute(select(PlanReview.comment_enc)).scalars().all()
    finally:
        db.dispose()
    assert not any(reason in (d or "") for d in details)
    assert not any(b and b"Akut" in b for b in blobs)  # sealed at rest


def test_a_finished_assessment_needs_no_reason_and_keeps_none(world: World) -> None:
    anna = world.workspace("anna")
    _row, plan = _plan(anna, "Klar Kartläggning", complete=True)
    assert not anna.plans.needs_unfinished_reason(plan.id)
    submitted = anna.plans.submit(plan.id, plan.version, unfinished_reason="onödig text")
    assert submitted.unfinished_reason is None and submitted.reviews[-1].comment == ""
    assert audit.SUBMIT_UNFINISHED not in _actions(world, plan.id)
