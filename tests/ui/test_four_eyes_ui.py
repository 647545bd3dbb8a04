"""The supervisor's screens for the second pair of eyes: the queue's tab of requests to close
a case, the reason for a plan submitted on an unfinished assessment, and the mark of a
self-approval in the review and in the plan view."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.records.plans import Action, Goal, PlanContent, PlanEdit
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, wait_tasks
from ui.plan.editor import PlanEditorPage
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
    return Workspace(services.ctx, templates=services.templates)


@pytest.fixture
def boss(chef_services):
    return Workspace(chef_services.ctx, templates=chef_services.templates)


def _rules(tmp_path, monkeypatch, **rules):
    path = tmp_path / "installation.json"
    path.write_text(json.dumps({"units": {"Vuxenenheten": rules}}), encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(path))


def _worded_plan(ws, name, *, started=False):
    row = ws.cases.create(name=name)
    if started:  # an interview that is not finished
        ws.interviews.start(row.id)
    plan = ws.plans.create(row.id)
    goal = Goal("housing", "Ett eget boende")
    content = PlanContent([goal], [Action("Söka bostad", "individual", goal_id=goal.id)])
    return row, ws.plans.save(PlanEdit(plan, content)).value


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    wait_tasks(qtbot)
    return widget


def test_the_queue_lists_requests_to_close_and_opens_the_case(
    qtbot, chef_services, anna, tmp_path, monkeypatch
):
    _rules(tmp_path, monkeypatch, close_requires_supervisor=True)
    row = anna.cases.create(name="Klara Avslut")
    case = anna.cases.open(row.id)
    assert anna.cases.close(row.id, case.version, "Flyttar till annan kommun") == "close_requested"
    page = _show(qtbot, ReviewQueuePage(chef_services))
    page.refresh()
    wait_tasks(qtbot)
    index = page.tabs.indexOf(page.close_requests)
    assert page.tabs.tabText(index) == "Begärda avslut (1)"
    assert page.close_requests.item(0, 0).text() == row.case_ref
    assert page.close_requests.item(0, 2).text() == "anna"
    cells = " ".join(
        page.close_requests.item(0, c).text() for c in range(page.close_requests.columnCount())
    )
    assert "Klara" not in cells and "Flyttar" not in cells  # case reference only
    page.tabs.setCurrentIndex(index)
    assert page.open_case_button.isEnabled() and not page.review_button.isEnabled()
    page.grab().save("/tmp/uicheck/review-queue-close-requests.png")
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.mouseClick(page.open_case_button, Qt.MouseButton.LeftButton)
    assert opened.args == [row.id]


def test_the_reviewer_sees_why_a_plan_came_before_the_assessment_was_done(
    qtbot, chef_services, anna, boss
):
    _row, plan = _worded_plan(anna, "Tidig Plan", started=True)
    anna.plans.submit(plan.id, plan.version, unfinished_reason="Akut: vräks på fredag")
    review = _show(qtbot, PlanReviewPage(chef_services, plan.id))
    assert review.marks.isVisible()
    assert "Kartläggningen var inte klar" in review.marks.text()
    assert "Akut: vräks på fredag" in review.marks.text()
    assert "Akut: vräks på fredag" in review.history.toPlainText()
    review.grab().save("/tmp/uicheck/review-unfinished-reason.png")
    # the supervisor did not write it: she may approve, and no self-approval mark shows
    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert boss.plans.get(plan.id).review_state == "approved"
    assert "Godkänd av den som skrev" not in review.marks.text()


def test_own_plan_is_refused_then_marked_where_the_unit_allows_it(
    qtbot, chef_services, boss, tmp_path, monkeypatch
):
    _row, plan = _worded_plan(boss, "Egen Plan")
    plan = boss.plans.submit(plan.id, plan.version)
    review = _show(qtbot, PlanReviewPage(chef_services, plan.id))
    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "en annan arbetsledare" in review.banner.text()
    assert boss.plans.get(plan.id).review_state == "submitted"
    # a one-person unit: allowed, and marked in the review and in the plan view
    _rules(tmp_path, monkeypatch, allow_self_approval=True)
    services = Services(
        chef_services.db, chef_services.ctx, chef_services.settings, chef_services.templates
    )
    review = _show(qtbot, PlanReviewPage(services, plan.id))
    qtbot.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert boss.plans.get(plan.id).self_approved
    assert "Godkänd av den som skrev eller senast ändrade planen" in review.marks.text()
    assert "Godkänd av den som skrev eller ändrade planen" in review.history.toPlainText()
    review.grab().save("/tmp/uicheck/review-self-approval.png")
    editor = _show(qtbot, PlanEditorPage(services, boss.plans.open_editor(plan.id)))
    assert "Godkänd av den som skrev eller senast ändrade planen" in editor.banner.text()
    editor.grab().save("/tmp/uicheck/plan-self-approval.png")
