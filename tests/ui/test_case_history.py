"""The case's history tab shows the real audit trail, in Swedish words."""

from __future__ import annotations

import pytest

from assessment_app.records.plans import Goal, PlanContent, PlanEdit
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.ui.conftest import wait_tasks
from ui.case_view.case_page import CasePage


@pytest.fixture
def ws(services):
    """The same user's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(services.ctx, templates=services.templates)


def test_history_lists_who_did_what_newest_first(qtbot, services, ws):
    row = ws.cases.create(name="Kalle Karlsson")
    a = ws.interviews.start(row.id)
    ws.interviews.save(AssessmentEdit.of(a, {"agrees": True}, {}))
    plan = ws.plans.create(row.id)
    plan = ws.plans.save(PlanEdit(plan, PlanContent([Goal("housing", "Eget boende")], []))).value
    ws.plans.submit(plan.id, plan.version, unfinished_reason="Akut")
    ws.cases.give_consent(row.id, "police", ["housing"])
    other = ws.cases.create(name="Annan Person")
    ws.cases.open(other.id)  # another case's events stay out

    page = CasePage(services, row.id)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.history)  # read when the case is in
    wait_tasks(qtbot)
    rows = page.history.rows()
    assert [event for _time, _user, event in rows] == [
        "öppnade ärendet",
        "registrerade ett samtycke",
        "skickade in planen version 1 innan kartläggningen var klar (med skäl)",
        "skickade handlingsplanen version 1 för granskning",
        "sparade handlingsplanen version 1",
        "skapade en handlingsplan",
        "sparade kartläggningen",
        "påbörjade en kartläggning",
        "skapade ärendet",
    ]
    assert {user for _time, user, _event in rows} == {"anna"}
    assert all(len(time) == len("2025-01-01 10:00") for time, _user, _event in rows)


def test_history_is_read_again_when_shown_again(qtbot, services, ws):
    row = ws.cases.create(name="Kalle Karlsson")
    page = CasePage(services, row.id)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.history)
    wait_tasks(qtbot)
    assert len(page.history.rows()) == 2  # created, opened
    plan = ws.plans.create(row.id)
    ws.plans.save(PlanEdit(plan, PlanContent([Goal("housing", "Eget boende")], [])))
    page.tabs.setCurrentWidget(page.person_tab)
    page.tabs.setCurrentWidget(page.history)
    wait_tasks(qtbot)
    events = [event for _time, _user, event in page.history.rows()]
    assert events[:2] == ["sparade handlingsplanen version 1", "skapade en handlingsplan"]
