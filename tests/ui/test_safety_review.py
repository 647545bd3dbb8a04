"""Safety plans (skyddsplaner) in the supervisor's review queue: listed by case reference with
version, when and by whom submitted and the review date (no name of the person); opened
read-only beside the list; approved or returned (only with a comment) through the widgets, the
decision recorded in the core and the queue refreshed; the four-eyes rule is the core's and its
message is shown; a caseworker does not see the tab."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.records.safety import Number, SafetyPlanContent, Step, Threat
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, wait_tasks
from ui.review.queue_page import ReviewQueuePage
from ui.services import Services, StaticTemplates

CHEF = ("chef", "chef-password-1")
SHOTS = Path("/tmp/uicheck")
NAME = "Hemlig Persson"
REASON = "Hot från gamla gruppen senaste veckan"


@pytest.fixture
def chef_services(database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    return Services(
        database, accounts.sign_in(database, *CHEF), settings, StaticTemplates(template)
    )


@pytest.fixture
def anna(services):
    """The caseworker's workspace without the UI-thread guard, to set up data in a test body."""
    return Workspace(services.ctx, templates=services.templates)


@pytest.fixture
def boss(chef_services):
    return Workspace(chef_services.ctx, templates=chef_services.templates)


def _content() -> SafetyPlanContent:
    return SafetyPlanContent(
        threat=Threat(who="Gamla kumpaner <gänget>", kinds=["threats"]),
        risk_level="high",
        risk_reason=REASON,
        code_word="Kanelbulle",
        steps=[Step("change_phone", "Byta telefon", "individual")],
        call_now=[Number("Vid fara", "112")],
        unit_emergency_contact="Socialjouren 08-999 99 99",
        review_due_on=date.today() + timedelta(days=30),
    )


def _submitted(ws: Workspace, submitter: Workspace | None = None):
    row = ws.cases.create(name=NAME)
    plan = ws.safety.create(row.id)
    plan = ws.safety.save(plan.id, plan.version, _content())
    return row, (submitter or ws).safety.submit(plan.id, plan.version)


def _queue(qtbot, services) -> ReviewQueuePage:
    page = ReviewQueuePage(services)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    page.refresh()
    wait_tasks(qtbot)
    assert page.queue is not None and not page.loading
    return page


def _open_first(qtbot, page: ReviewQueuePage) -> None:
    page.tabs.setCurrentWidget(page.safety_page)
    page.safety.selectRow(0)
    qtbot.mouseClick(page.open_safety_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert page.safety_review.plan is not None


def _cells(page: ReviewQueuePage) -> list[str]:
    t = page.safety
    return [t.item(r, c).text() for r in range(t.rowCount()) for c in range(t.columnCount())]


def test_the_queue_lists_a_submitted_safety_plan_and_approving_it_is_recorded(
    qtbot, chef_services, boss, anna
):
    SHOTS.mkdir(exist_ok=True)
    row, plan = _submitted(anna)
    page = _queue(qtbot, chef_services)
    assert page.tabs.isTabVisible(page.safety_tab_index)
    assert page.tabs.tabText(page.safety_tab_index) == "Skyddsplaner (1)"
    assert page.summary.text() != "Inget väntar på dig just nu."
    cells = _cells(page)
    assert cells[0] == row.case_ref and cells[1] == "1" and cells[3] == "anna"
    assert cells[2] != ""  # submitted when
    assert cells[4] == (date.today() + timedelta(days=30)).isoformat()
    assert not any("Hemlig" in c for c in cells)  # no name of the person in the list

    _open_first(qtbot, page)
    review = page.safety_review
    shown = review.content.toPlainText()
    assert REASON in shown and "Hög" in shown and "Kanelbulle" in shown
    assert "Gamla kumpaner <gänget>" in shown  # user text escaped, shown as written
    assert NAME not in shown and NAME not in review.title.text()
    assert row.case_ref in review.title.text()
    assert "Inskickad" in review.history.toPlainText()
    assert review.approve_button.isEnabled() and review.return_button.isEnabled()
    page.grab().save(str(SHOTS / "review-queue-safety.png"))

    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = boss.safety.get(plan.id)
    assert stored.review_state == "approved"
    assert [r.decision for r in stored.reviews] == ["submitted", "approved"]
    assert stored.reviews[-1].decided_by == "chef"
    assert "godkänd" in review.banner.text()
    assert not review.approve_button.isEnabled()
    # the queue refreshed after the decision
    assert page.safety.rowCount() == 0
    assert page.tabs.tabText(page.safety_tab_index) == "Skyddsplaner (0)"
    page.grab().save(str(SHOTS / "review-queue-safety-approved.png"))


def test_the_safety_list_shows_every_heading_whole_at_1200_pixels(qtbot, chef_services, boss, anna):
    _submitted(anna)
    page = _queue(qtbot, chef_services)
    page.resize(1200, 800)
    _open_first(qtbot, page)
    qtbot.wait(50)
    header = page.safety.horizontalHeader()
    for column in range(page.safety.columnCount()):
        title = page.safety.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.sectionSizeHint(column), title
    shown = sum(header.sectionSize(c) for c in range(page.safety.columnCount()))
    assert shown <= page.safety.viewport().width(), "the last heading runs out of sight"
    SHOTS.mkdir(exist_ok=True)
    page.grab().save(str(SHOTS / "review-queue-safety-1200.png"))


def test_returning_needs_a_comment_and_keeps_it(qtbot, chef_services, boss, anna):
    _row, plan = _submitted(anna)
    page = _queue(qtbot, chef_services)
    _open_first(qtbot, page)
    review = page.safety_review
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert review.banner.isVisible() and "kommentaren" in review.banner.text()
    assert boss.safety.get(plan.id).review_state == "submitted"  # nothing decided
    assert page.safety.rowCount() == 1

    review.comment.setFocus()
    qtbot.keyClicks(review.comment, "Skriv in skolan i stegen")
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = boss.safety.get(plan.id)
    assert stored.review_state == "returned"
    assert stored.reviews[-1].comment == "Skriv in skolan i stegen"
    assert "Skriv in skolan i stegen" in review.history.toPlainText()
    assert page.safety.rowCount() == 0  # refreshed: no longer waiting


def test_the_supervisor_who_submitted_it_cannot_approve_it(qtbot, chef_services, boss, anna):
    _row, plan = _submitted(anna, submitter=boss)
    page = _queue(qtbot, chef_services)
    assert _cells(page)[3] == "chef"
    _open_first(qtbot, page)
    review = page.safety_review
    assert review.marks.isVisible() and "själv" in review.marks.text()
    # the button follows the core's rule; returning stays open, as for the action plan
    assert not review.approve_button.isEnabled() and review.return_button.isEnabled()
    review.decide(approve=True)  # should it be reached anyway: the core refuses, in words
    wait_tasks(qtbot)
    assert "andra person" in review.banner.text()
    assert "Traceback" not in review.banner.text()
    assert boss.safety.get(plan.id).review_state == "submitted"
    assert not review.approve_button.isEnabled()  # the buttons as they were
    assert page.safety.rowCount() == 1


def test_the_supervisor_who_edited_the_draft_cannot_approve_it(qtbot, chef_services, boss, anna):
    row = anna.cases.create(name=NAME)
    plan = anna.safety.create(row.id)
    plan = boss.safety.save(plan.id, plan.version, _content())  # the supervisor wrote it
    plan = anna.safety.submit(plan.id, plan.version)  # the worker submitted it
    page = _queue(qtbot, chef_services)
    assert _cells(page)[3] == "anna"
    _open_first(qtbot, page)
    review = page.safety_review
    assert review.marks.isVisible() and "ändrat" in review.marks.text()
    assert not review.approve_button.isEnabled()
    page.grab().save("/tmp/uicheck/safety-review-edited.png")
    review.decide(approve=True)
    wait_tasks(qtbot)
    assert "andra person" in review.banner.text()
    assert boss.safety.get(plan.id).review_state == "submitted"


def test_a_caseworker_does_not_see_the_safety_tab(qtbot, services, anna):
    _submitted(anna)
    page = ReviewQueuePage(services)
    qtbot.addWidget(page)
    page.show()
    assert not page.tabs.isTabVisible(page.safety_tab_index)
    page.refresh()
    wait_tasks(qtbot)
    assert not page.tabs.isTabVisible(page.safety_tab_index)
    assert page.safety.rowCount() == 0
