"""The case's history tab shows the real audit trail, in Swedish words."""

from __future__ import annotations

from assessment_app.records import assessments, cases, consents, plans
from ui.case_view.case_page import CasePage


def test_history_lists_who_did_what_newest_first(qtbot, services, worker, template):
    row = cases.create_case(worker, name="Kalle Karlsson")
    a = assessments.start_assessment(worker, row.id, template.id, template.version)
    assessments.save_assessment(worker, a.id, a.version, {"agrees": True}, {})
    plan = plans.create_plan(worker, row.id, goals=[plans.Goal("housing", "Eget boende")])
    plans.submit_for_review(worker, plan.id, plan.version)
    consents.give_consent(worker, row.id, "police", ["housing"])
    other = cases.create_case(worker, name="Annan Person")
    cases.open_case(worker, case_id=other.id)  # another case's events stay out

    page = CasePage(services, row.id)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.history)
    rows = page.history.rows()
    assert [event for _time, _user, event in rows] == [
        "öppnade ärendet",
        "registrerade ett samtycke",
        "skickade handlingsplanen version 1 för granskning",
        "skapade en handlingsplan",
        "sparade kartläggningen",
        "påbörjade en kartläggning",
        "skapade ärendet",
    ]
    assert {user for _time, user, _event in rows} == {"anna"}
    assert all(len(time) == len("2025-01-01 10:00") for time, _user, _event in rows)
