"""The supervisor's review queue: waiting plans, overdue follow-ups and urgent flags by case
reference; a plan opened read-only (its case opening audited), returned only with a comment,
approved and then printable; the history of decisions on the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.records.plans import Action, Goal, PlanContent, PlanEdit
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.ui.conftest import ADMIN, wait_tasks
from ui.review.plan_review import PlanReviewPage
from ui.review.queue_page import ReviewQueuePage
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


@pytest.fixture
def anna(services):
    """The caseworker's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(services.ctx, templates=services.templates)


@pytest.fixture
def boss(chef_services):
    return Workspace(chef_services.ctx, templates=chef_services.templates)


def _submitted(ws, name):
    row = ws.cases.create(name=name)
    plan = ws.plans.create(row.id)
    goal = Goal("housing", "Ett eget boende")
    content = PlanContent(
        [goal],
        [Action("Söka bostad <snart>", "individual", goal_id=goal.id)],
        note="Träffas varannan vecka",
    )
    plan = ws.plans.save(PlanEdit(plan, content)).value
    return row, ws.plans.submit(plan.id, plan.version)


def _queue(qtbot, services):
    page = ReviewQueuePage(services)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert page.queue is None and page.summary.text() == "Hämtar enhetens kö …"
    page.refresh()
    assert not page.refresh_button.isEnabled()
    wait_tasks(qtbot)
    assert page.queue is not None and not page.loading
    return page


def _review(qtbot, services, plan_id):
    page = PlanReviewPage(services, plan_id, show_name=True)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    assert page.plan is None and page.title.text() == "Hämtar planen …"
    assert not page.approve_button.isEnabled()
    page.show()
    wait_tasks(qtbot)
    return page


def _case_opens(ws, case_id):
    return [e for e in ws.cases.history(case_id) if e.action == "case.open"]


def test_queue_lists_waiting_overdue_and_urgent_by_case_reference(
    qtbot, chef_services, boss, anna, template
):
    waiting_row, _plan = _submitted(anna, "Kalle Karlsson")
    late = anna.cases.create(name="Lisa Larsson")
    anna.cases.schedule_follow_up(late.id, date.today() - timedelta(days=9))
    urgent = anna.cases.create(name="Otto Olsson")
    a = anna.interviews.start(urgent.id)
    anna.interviews.save(
        AssessmentEdit.of(
            a,
            {"housing_now": "homeless", "housing_tonight": False},
            {"housing": {"worker": 4, "flags": ["urgent"]}},
        )
    )
    page = _queue(qtbot, chef_services)
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
    assert _case_opens(boss, waiting_row.id) == []  # listing opens no case
    page.tabs.setCurrentIndex(2)
    page.grab().save("/tmp/uicheck/review-queue.png")
    # "Öppna ärendet" from the urgent list asks the window to open the case
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.mouseClick(page.open_case_button, Qt.MouseButton.LeftButton)
    assert opened.args == [urgent.id]


def test_a_template_that_cannot_be_read_is_said_and_the_queue_still_shows(
    qtbot, chef_services, anna, monkeypatch
):
    from assessment_app.errors import TemplateError

    waiting_row, _plan = _submitted(anna, "Kalle Karlsson")

    def broken(*_args, **_kwargs):
        raise TemplateError("broken template", "Frågemallen går inte att läsa.")

    monkeypatch.setattr(chef_services.templates, "latest", broken)
    page = _queue(qtbot, chef_services)
    assert page.waiting.item(0, 0).text() == waiting_row.case_ref
    assert page.banner.isVisible() and "Frågemallen går inte att läsa" in page.banner.text()


def test_return_needs_a_comment_then_approve_and_print(
    qtbot, chef_services, boss, anna, monkeypatch
):
    row, submitted = _submitted(anna, "Kalle Karlsson")
    review = _review(qtbot, chef_services, submitted.id)
    assert "Kalle Karlsson" in review.title.text()  # the name once the case is opened
    assert len(_case_opens(boss, row.id)) == 1
    text = review.content.toPlainText()
    assert "Ett eget boende" in text and "Söka bostad <snart>" in text  # escaped, shown as text
    assert "Träffas varannan vecka" in text
    assert not review.documents.isVisible()  # not printable before approval

    # returning without a comment: an inline message, nothing stored
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    assert "varför planen lämnas tillbaka" in review.banner.text()
    assert boss.plans.get(submitted.id).review_state == "submitted"

    decided = []
    review.decided.connect(decided.append)
    qtbot.keyClicks(review.comment, "Lagg till vem som ringer hyresvarden")
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    assert not review.return_button.isEnabled()  # a double click decides once
    wait_tasks(qtbot)
    stored = boss.plans.get(submitted.id)
    assert stored.review_state == "returned"
    assert stored.reviews[-1].comment == "Lagg till vem som ringer hyresvarden"
    assert "Lagg till vem som ringer hyresvarden" in review.history.toPlainText()
    assert not review.approve_button.isEnabled()
    assert decided == ["returned"]

    # the caseworker fixes and submits again; the supervisor approves
    again = anna.plans.get(submitted.id)
    content = PlanContent(again.goals, again.actions, note="Handläggaren ringer hyresvärden")
    again = anna.plans.save(PlanEdit(again, content)).value
    anna.plans.submit(again.id, again.version)
    page = _queue(qtbot, chef_services)
    assert page.waiting.rowCount() == 1
    with qtbot.waitSignal(page.review_plan) as chosen:
        page.waiting.selectRow(0)
        page._review_selected()
    review = _review(qtbot, chef_services, chosen.args[0].plan_id)
    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert boss.plans.get(submitted.id).review_state == "approved"
    history = review.history.toPlainText()
    assert history.index("Godkänd") < history.index("Återlämnad")  # newest first
    assert "Inskickad" in history
    assert review.documents.isVisible() and review.documents.print_button.isEnabled()
    review.grab().save("/tmp/uicheck/plan-review.png")


def test_a_stale_decision_says_so_and_shows_the_plan_as_it_is(qtbot, chef_services, boss, anna):
    _row, submitted = _submitted(anna, "Kalle Karlsson")
    review = _review(qtbot, chef_services, submitted.id)
    boss.plans.decide(submitted.id, submitted.version, approve=True)  # elsewhere, meanwhile
    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert review.banner.isVisible() and review.banner.text()
    assert review.plan.review_state == "approved" and not review.approve_button.isEnabled()


def test_approved_plans_can_be_opened_from_the_queue_for_printing(qtbot, chef_services, boss, anna):
    row, submitted = _submitted(anna, "Greta Garbo")
    boss.plans.decide(submitted.id, boss.plans.get(submitted.id).version, approve=True)
    page = _queue(qtbot, chef_services)
    assert page.waiting.rowCount() == 0
    assert page.approved.rowCount() == 1
    assert page.approved.item(0, 0).text() == row.case_ref
    assert "Greta" not in page.approved.item(0, 0).text()  # case refs only in the queue
    assert page.tabs.tabText(3).endswith("(1)")
    page.tabs.setCurrentIndex(3)
    page.approved.selectRow(0)
    assert page.review_button.isEnabled()
    with qtbot.waitSignal(page.review_plan) as chosen:
        qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    review = _review(qtbot, chef_services, chosen.args[0].plan_id)
    assert review.documents.isVisible() and review.documents.print_button.isEnabled()
    assert not review.approve_button.isEnabled()  # already decided


def test_a_plan_that_cannot_be_opened_says_so(qtbot, chef_services):
    page = PlanReviewPage(chef_services, "no-such-plan")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.load_failed) as failed:
        page.show()
    assert failed.args[0] and page.banner.text() == failed.args[0]
    assert page.plan is None and not page.approve_button.isEnabled()


def test_meeting_mode_leaves_the_review_and_hides_the_name(qtbot, chef_services, anna):
    """The main window's part (converted by the main window's author)."""
    from ui.main_window import MainWindow

    _submitted(anna, "Kalle Karlsson")
    window = MainWindow(chef_services)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.review_action.trigger()
    page = window.review_page
    qtbot.waitUntil(lambda: page.queue is not None and not page.loading)
    page._review_selected()
    assert window.stack.currentWidget() is window.plan_review
    window.set_meeting_mode(True)
    assert window.stack.currentWidget() is window.meeting_placeholder
    window.review_plan(page.queue.waiting[0])
    assert window.stack.currentWidget() is window.meeting_placeholder
