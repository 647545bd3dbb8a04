"""The supervisor's review queue: waiting plans, overdue follow-ups and urgent flags by case
reference; a plan opened read-only (its case opening audited), returned only with a comment,
approved and then printable; the history of decisions on the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.records import assessments, cases, followups, plans
from tests.ui.conftest import ADMIN
from ui.main_window import MainWindow
from ui.review.plan_review import PlanReviewPage
from ui.services import Services, StaticTemplates

CHEF = ("chef", "chef-password-1")


@pytest.fixture
def chef(database):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    return accounts.sign_in(database, *CHEF)


@pytest.fixture
def chef_services(database, chef, settings, template):
    return Services(database, chef, settings, StaticTemplates(template))


def _submitted(worker, name):
    row = cases.create_case(worker, name=name)
    plan = plans.create_plan(worker, row.id, goals=[plans.Goal("housing", "Ett eget boende")])
    plan = plans.save_plan(
        worker,
        plan.id,
        plan.version,
        goals=plan.goals,
        actions=[plans.Action("Söka bostad <snart>", "individual", goal_id=plan.goals[0].id)],
        follow_up_on=None,
        note="Träffas varannan vecka",
    )
    return row, plans.submit_for_review(worker, plan.id, plan.version)


def _window(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _queue(qtbot, window):
    window.review_action.trigger()
    page = window.review_page
    qtbot.waitUntil(lambda: page.queue is not None and not page.loading)
    return page


def _case_opens(ctx, case_id):
    return [e for e in cases.history(ctx, case_id) if e.action == "case.open"]


def test_queue_lists_waiting_overdue_and_urgent_by_case_reference(
    qtbot, chef_services, chef, worker, template
):
    waiting_row, _plan = _submitted(worker, "Kalle Karlsson")
    late = cases.create_case(worker, name="Lisa Larsson")
    followups.schedule(worker, late.id, date.today() - timedelta(days=9))
    urgent = cases.create_case(worker, name="Otto Olsson")
    a = assessments.start_assessment(worker, urgent.id, template.id, template.version)
    assessments.save_assessment(
        worker,
        a.id,
        a.version,
        {"housing_now": "homeless", "housing_tonight": False},
        {"housing": {"worker": 4, "flags": ["urgent"]}},
    )
    window = _window(qtbot, chef_services)
    page = _queue(qtbot, window)
    assert page.waiting.rowCount() == 1 and page.waiting.item(0, 0).text() == waiting_row.case_ref
    assert page.overdue.item(0, 0).text() == late.case_ref
    assert page.overdue.item(0, 2).text() == "9"
    assert page.urgent.item(0, 0).text() == urgent.case_ref
    assert "Boende" in page.urgent.item(0, 2).text()
    assert page.tabs.tabText(0) == "Väntar på granskning (1)"
    every_cell = " ".join(
        t.item(r, c).text()
        for t in (page.waiting, page.overdue, page.urgent)
        for r in range(t.rowCount())
        for c in range(t.columnCount())
    )
    for name in ("Kalle", "Lisa", "Otto"):
        assert name not in every_cell
    assert _case_opens(chef, waiting_row.id) == []  # listing opens no case
    page.tabs.setCurrentIndex(2)
    window.grab().save("/tmp/uicheck/review-queue.png")
    # "Öppna ärendet" from the urgent list opens the case (with the name; audited)
    qtbot.mouseClick(page.open_case_button, Qt.MouseButton.LeftButton)
    assert window.case_page is not None and window.case_page.case.id == urgent.id
    assert len(_case_opens(chef, urgent.id)) == 1


def test_return_needs_a_comment_then_approve_and_print(qtbot, chef_services, chef, worker):
    row, submitted = _submitted(worker, "Kalle Karlsson")
    window = _window(qtbot, chef_services)
    page = _queue(qtbot, window)
    page.waiting.selectRow(0)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    review = window.plan_review
    assert isinstance(review, PlanReviewPage) and window.stack.currentWidget() is review
    assert "Kalle Karlsson" in review.title.text()  # the name once the case is opened
    assert len(_case_opens(chef, row.id)) == 1
    text = review.content.toPlainText()
    assert "Ett eget boende" in text and "Söka bostad <snart>" in text  # escaped, shown as text
    assert "Träffas varannan vecka" in text
    assert not review.documents.isVisible()  # not printable before approval

    # returning without a comment: an inline message, nothing stored
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    assert "varför planen lämnas tillbaka" in review.banner.text()
    assert plans.get_plan(chef, submitted.id).review_state == "submitted"

    qtbot.keyClicks(review.comment, "Lagg till vem som ringer hyresvarden")
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    stored = plans.get_plan(chef, submitted.id)
    assert stored.review_state == "returned"
    assert stored.reviews[-1].comment == "Lagg till vem som ringer hyresvarden"
    assert "Lagg till vem som ringer hyresvarden" in review.history.toPlainText()
    assert not review.approve_button.isEnabled()
    qtbot.waitUntil(lambda: not window.review_page.loading)
    assert window.review_page.waiting.rowCount() == 0  # the queue was refreshed

    # the caseworker fixes and submits again; the supervisor approves
    again = plans.get_plan(worker, submitted.id)
    again = plans.save_plan(
        worker,
        again.id,
        again.version,
        goals=again.goals,
        actions=again.actions,
        follow_up_on=None,
        note="Handläggaren ringer hyresvärden",
    )
    plans.submit_for_review(worker, again.id, again.version)
    qtbot.mouseClick(review.back_button, Qt.MouseButton.LeftButton)
    page = window.review_page
    qtbot.waitUntil(lambda: not page.loading and page.waiting.rowCount() == 1)
    page.waiting.selectRow(0)
    page._review_selected()
    review = window.plan_review
    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    assert plans.get_plan(chef, submitted.id).review_state == "approved"
    history = review.history.toPlainText()
    assert history.index("Godkänd") < history.index("Återlämnad")  # newest first
    assert "Inskickad" in history
    assert review.documents.isVisible() and review.documents.print_button.isEnabled()
    window.grab().save("/tmp/uicheck/plan-review.png")


def test_approved_plans_can_be_opened_from_the_queue_for_printing(
    qtbot, chef_services, chef, worker
):
    row, submitted = _submitted(worker, "Greta Garbo")
    plans.decide(chef, submitted.id, plans.get_plan(chef, submitted.id).version, approve=True)
    window = _window(qtbot, chef_services)
    page = _queue(qtbot, window)
    assert page.waiting.rowCount() == 0
    assert page.approved.rowCount() == 1
    assert page.approved.item(0, 0).text() == row.case_ref
    assert "Greta" not in page.approved.item(0, 0).text()  # case refs only in the queue
    assert page.tabs.tabText(3).endswith("(1)")
    page.tabs.setCurrentIndex(3)
    page.approved.selectRow(0)
    assert page.review_button.isEnabled()
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    review = window.plan_review
    assert isinstance(review, PlanReviewPage) and window.stack.currentWidget() is review
    assert review.documents.isVisible() and review.documents.print_button.isEnabled()
    assert not review.approve_button.isEnabled()  # already decided


def test_meeting_mode_leaves_the_review_and_hides_the_name(qtbot, chef_services, worker):
    _submitted(worker, "Kalle Karlsson")
    window = _window(qtbot, chef_services)
    page = _queue(qtbot, window)
    page._review_selected()
    assert window.stack.currentWidget() is window.plan_review
    window.set_meeting_mode(True)
    assert window.stack.currentWidget() is window.meeting_placeholder
    window.review_plan(page.queue.waiting[0])
    assert window.stack.currentWidget() is window.meeting_placeholder
