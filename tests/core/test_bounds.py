"""Every field has a maximum, enforced in the core with a clear message, and the largest case
the bounds allow still prints in a bounded number of pages (issue 17, point 3)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment_app import bounds
from assessment_app.errors import ValidationError
from assessment_app.records.cases import CaseQuery, Contact
from assessment_app.records.plans import Action, Goal, PlanContent, PlanEdit
from assessment_app.workspace import Saved
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import World


def _refused(call, *args, **kwargs) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    assert "at most" in info.value.message_en and "högst" in info.value.user_message
    return info.value


def test_too_long_values_are_refused_with_a_message(sqlite_world: World) -> None:
    anna = sqlite_world.workspace("anna")
    megabyte = "x" * 1_000_000
    _refused(anna.cases.create, name=megabyte)
    _refused(anna.cases.create, name="Ok Namn", notes="n" * (bounds.FREE_TEXT + 1))
    _refused(anna.cases.create, name="Ok Namn", contact=Contact(city="c" * (bounds.SHORT + 1)))
    _refused(anna.cases.create, name="Ok Namn", personnummer="1" * 1000)
    assert anna.cases.count(CaseQuery()) == 0  # nothing was stored
    row = anna.cases.create(name="n" * bounds.NAME, notes="n" * bounds.FREE_TEXT)
    _refused(anna.cases.update_individual, row.id, 1, name=megabyte)
    _refused(anna.cases.close, row.id, 1, "r" * (bounds.FREE_TEXT + 1))
    template = anna.templates.latest()
    area = template.areas[0].id
    _refused(anna.cases.give_consent, row.id, "healthcare", [area], note=megabyte)
    a = anna.interviews.start(row.id)
    question = next(q for q in template.all_questions() if q.type == "long_text")
    error = _refused(
        anna.interviews.save, AssessmentEdit.of(a, {question.id: "a" * (bounds.ANSWER + 1)}, {})
    )
    assert question.id in error.message_en
    plan = anna.plans.create(row.id)
    too_many = [Goal(area, "Mål") for _ in range(bounds.GOALS + 1)]
    _refused(anna.plans.save, PlanEdit(plan, PlanContent(too_many, [])))
    long_goal = [Goal(area, "g" * (bounds.PLAN_TEXT + 1))]
    _refused(anna.plans.save, PlanEdit(plan, PlanContent(long_goal, [])))


def test_the_largest_case_prints_in_bounded_pages(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    # No spaces: the longest words a layout can meet.
    row = anna.cases.create(
        name="N" * bounds.NAME,
        contact=Contact(*(["A" * bounds.SHORT] * 5)),
        notes="n" * bounds.FREE_TEXT,
    )
    area = anna.templates.latest().areas[0].id
    plan = anna.plans.create(row.id)
    goals = [Goal(area, "g" * bounds.PLAN_TEXT) for _ in range(bounds.GOALS)]
    due = date.today() + timedelta(days=30)
    actions = [
        Action(
            "w" * bounds.PLAN_TEXT,
            "individual",
            goal_id=goals[n % len(goals)].id,
            responsible_name="r" * bounds.NAME,
            due_on=due,
            follow_up="f " * (bounds.PLAN_TEXT // 2),
            outcome="o" * bounds.PLAN_TEXT,
        )
        for n in range(bounds.ACTIONS)
    ]
    content = PlanContent(
        goals, actions, follow_up_on=due, note="p" * bounds.FREE_TEXT, meeting_place="m" * 200
    )
    assert isinstance(anna.plans.save(PlanEdit(plan, content)), Saved)
    started = time.monotonic()
    out = tmp_path / "plan.pdf"
    anna.documents.export(row.case_ref, "individual", out)
    pages = len(PdfReader(out).pages)
    access = tmp_path / "utdrag.pdf"
    anna.documents.subject_access_pdf(row.case_ref, access)
    access_pages = len(PdfReader(access).pages)
    elapsed = time.monotonic() - started
    print(f"plan {pages} pages, registerutdrag {access_pages} pages, {elapsed:.1f} s")
    assert 1 <= pages <= 120
    assert 1 <= access_pages <= 150
