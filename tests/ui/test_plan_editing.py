"""The plan editor at an intake meeting: leaving an unfinished plan, removing by mistake and
undoing it, Tab never deleting anything, the next meeting as a real time and place, and how each
action is followed up and what came of it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import update

from assessment_app.db.models import ActionPlan
from assessment_app.records import plans, providers
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.workspace import Saved
from tests.ui.conftest import wait_tasks
from ui.main_window import MainWindow
from ui.plan.editor import PlanEditorPage
from ui.plan.rows import ActionRow, GoalBox

NO_PROVIDER = "Välj vilken utförare som ansvarar för insatsen."


def _plan(services, goals=("housing",)):
    ws = services.ws
    row = ws.cases.create(name="Kalle Karlsson")
    with ws.write() as uow:  # the register is the administrator's; here, setup
        providers.add_provider(uow, "Vägen Ut AB", contact_person="Eva Ek", phone="08-123 45")
        plan = plans.create_plan(uow, row.id, goals=[plans.Goal(a, "") for a in goals])
    return row, plan


def _editor(qtbot, services, plan_id):
    editor = PlanEditorPage(services, services.ws.plans.open_editor(plan_id))
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def _window(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def _provider_action_without_provider(qtbot, editor: PlanEditorPage) -> ActionRow:
    box = editor.boxes[0]
    qtbot.keyClicks(box.text, "Ett eget boende")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    row = box.rows[-1]
    qtbot.keyClicks(row.what, "Boendestod varje vecka")
    row.responsible.setCurrentIndex(row.responsible.findData("provider"))
    assert row.provider.currentData() is None  # nobody is chosen for the worker
    return row


# --- 2. leaving is always possible -----------------------------------------------------------


def test_closing_an_unfinished_plan_saves_it_and_says_what_is_missing(qtbot, services):
    row, plan = _plan(services)
    window = _window(qtbot, services)
    window.show_case(row.id)
    wait_tasks(qtbot)
    window.open_plan(plan.id)
    wait_tasks(qtbot)
    editor = window.work_page
    assert isinstance(editor, PlanEditorPage)
    _provider_action_without_provider(qtbot, editor)

    _click(qtbot, editor.close_button)  # Stäng
    qtbot.waitUntil(lambda: window.work_page is None)
    assert window.stack.currentWidget() is window.case_page
    assert NO_PROVIDER in window.banner.text() and window.banner.isVisible()
    assert "sparad" in window.banner.text()
    stored = services.ws.plans.get(plan.id)  # saved as a draft plan, unfinished and all
    (action,) = stored.actions
    assert (action.what, action.responsible_kind, action.provider_id) == (
        "Boendestod varje vecka",
        "provider",
        None,
    )
    assert [g.text for g in stored.goals] == ["Ett eget boende"]


def test_going_to_the_case_list_keeps_the_work_as_a_draft_and_says_what_is_missing(qtbot, services):
    row, plan = _plan(services)
    window = _window(qtbot, services)
    window.show_case(row.id)
    wait_tasks(qtbot)
    window.open_plan(plan.id)
    wait_tasks(qtbot)
    editor = window.work_page
    assert isinstance(editor, PlanEditorPage)
    _provider_action_without_provider(qtbot, editor)

    window.list_action.trigger()  # Ärendelistan
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.case_list)
    assert window.work_page is None
    text = window.banner.text()
    assert window.banner.isVisible() and NO_PROVIDER in text and "utkast" in text
    drafts = [d for d in services.ws.cases.my_drafts() if d.object_id == plan.id]
    assert len(drafts) == 1
    kept = PlanContent.from_json(drafts[0].payload.content)
    assert [(a.what, a.provider_id) for a in kept.actions] == [("Boendestod varje vecka", None)]

    # Next time the plan offers the draft, and nothing was lost.
    window.show_case(row.id)
    wait_tasks(qtbot)
    assert not window.banner.isVisible()  # said once, on the page after leaving
    window.open_plan(plan.id)
    wait_tasks(qtbot)
    again = window.work_page
    assert isinstance(again, PlanEditorPage) and again.draft_banner.isVisible()
    restore = next(b for b in again.draft_banner._buttons if "Återställ" in b.text())
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert again.boxes[0].rows[0].what.text() == "Boendestod varje vecka"


# --- 4. removing: never by Tab, always undoable ---------------------------------------------


def _focus_walk(qtbot, start, steps):
    """Press Tab ``steps`` times from ``start``; the widgets that had the focus."""
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = [QApplication.focusWidget()]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_through_a_plan_never_reaches_a_remove_button_nor_removes_anything(qtbot, services):
    _row, plan = _plan(services, goals=("housing", "substances"))
    editor = _editor(qtbot, services, plan.id)
    for box in editor.boxes:
        for _ in range(2):
            qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    first = editor.boxes[0].rows[0]
    first.due.check.setChecked(True)
    qtbot.waitUntil(lambda: editor.boxes[1].rows[-1].what.isVisible())
    seen = _focus_walk(qtbot, editor.boxes[0].text, 80)
    removers = {
        b
        for b in editor.findChildren(QPushButton)
        if b in [x.remove_button for x in editor.boxes]
        or b in [r.remove_button for x in editor.boxes for r in x.rows]
    }
    assert len(removers) == 6
    assert not removers & set(seen)
    assert [len(b.rows) for b in editor.boxes] == [2, 2]  # nothing was removed
    assert len(editor.boxes) == 2
    # Reading order: in a row, Status comes before how it is followed up, then the next row.
    order = [w for w in seen if w is not None]
    for row in editor.boxes[0].rows:
        status_at = order.index(row.status)
        assert order.index(row.what) < order.index(row.responsible) < status_at
        assert status_at < order.index(row.follow_up) < order.index(row.outcome_button)
    second = editor.boxes[0].rows[1]
    assert order.index(first.outcome_button) < order.index(second.what)
    assert order.index(second.outcome_button) < order.index(editor.boxes[0].add_button)
    assert order.index(editor.boxes[0].add_button) < order.index(editor.boxes[1].text)
    # Tab from Status goes to "Så följer vi upp", never to "Ta bort insatsen".
    first.status.setFocus()
    qtbot.waitUntil(first.status.hasFocus)
    qtbot.keyClick(first.status, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is first.follow_up


def test_a_removed_action_comes_back_with_undo(qtbot, services):
    _row, plan = _plan(services)
    editor = _editor(qtbot, services, plan.id)
    box = editor.boxes[0]
    for what in ("Ringa hyresvarden", "Boendestod", "Soka lagenhet"):
        qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(box.rows[-1].what, what)
    box.rows[1].due.check.setChecked(True)
    box.rows[1].due.edit.setDate(QDate(2030, 1, 31))
    qtbot.keyClicks(box.rows[1].follow_up, "Pa nasta mote")
    before = editor.content()

    qtbot.mouseClick(box.rows[1].remove_button, Qt.MouseButton.LeftButton)
    assert [r.what.text() for r in box.rows] == ["Ringa hyresvarden", "Soka lagenhet"]
    assert editor.undo_banner.isVisible()
    assert "Insatsen togs bort." in editor.undo_banner.text()
    assert editor.undo_button.isVisible() and "Ång" in editor.undo_button.text()
    assert [a.what for a in editor.content().actions] == ["Ringa hyresvarden", "Soka lagenhet"]

    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert [r.what.text() for r in box.rows] == ["Ringa hyresvarden", "Boendestod", "Soka lagenhet"]
    assert editor.content().same_as(before)  # the same action, in its place, all of it
    assert not editor.undo_button.isVisible()
    _click(qtbot, editor.save_button)
    assert [a.what for a in services.ws.plans.get(plan.id).actions] == [
        "Ringa hyresvarden",
        "Boendestod",
        "Soka lagenhet",
    ]


def test_a_removed_goal_comes_back_with_its_actions(qtbot, services):
    _row, plan = _plan(services, goals=("housing", "substances"))
    editor = _editor(qtbot, services, plan.id)
    housing = editor.boxes[0]
    qtbot.keyClicks(housing.text, "Eget boende")
    for what in ("Ringa hyresvarden", "Boendestod"):
        qtbot.mouseClick(housing.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(housing.rows[-1].what, what)
    _click(qtbot, editor.save_button)
    before = editor.content()
    housing = editor.boxes[0]  # shown again from what was saved

    qtbot.mouseClick(housing.remove_button, Qt.MouseButton.LeftButton)
    assert [b.area_id for b in editor.boxes] == ["substances"]
    assert editor.undo_banner.text() == "Målet och dess 2 insatser togs bort."
    _click(qtbot, editor.save_button)  # even saved meanwhile, it can come back
    assert [g.area_id for g in services.ws.plans.get(plan.id).goals] == ["substances"]
    assert editor.undo_banner.isVisible()
    assert editor.undo_button.isVisible()

    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert [b.area_id for b in editor.boxes] == ["housing", "substances"]
    restored = editor.boxes[0]
    assert isinstance(restored, GoalBox) and restored.text.text() == "Eget boende"
    assert [r.what.text() for r in restored.rows] == ["Ringa hyresvarden", "Boendestod"]
    assert editor.content().same_as(before)
    _click(qtbot, editor.save_button)
    assert services.ws.plans.get(plan.id).content.same_as(before)


def test_the_keyboard_removes_the_focused_action_and_undo_brings_it_back(qtbot, services):
    _row, plan = _plan(services)
    editor = _editor(qtbot, services, plan.id)
    box = editor.boxes[0]
    for what in ("Forsta", "Andra"):
        qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(box.rows[-1].what, what)
    first = box.rows[0]
    first.what.setFocus()
    qtbot.waitUntil(first.what.hasFocus)
    qtbot.keyClick(
        first.what,
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [r.what.text() for r in box.rows] == ["Andra"]
    assert QApplication.focusWidget() is box.rows[0].what  # the focus stays in the plan
    assert "Insatsen togs bort." in editor.undo_banner.text()
    # "Ångra" is above the goals: Shift+Tab from the first goal reaches it.
    box.text.setFocus()
    qtbot.waitUntil(box.text.hasFocus)
    qtbot.keyClick(box.text, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is editor.undo_button
    qtbot.keyClick(editor.undo_button, Qt.Key.Key_Space)
    assert [r.what.text() for r in box.rows] == ["Forsta", "Andra"]
    # From the goal's own field the same keys remove the goal (and undo brings it back).
    box.text.setFocus()
    qtbot.waitUntil(box.text.hasFocus)
    qtbot.keyClick(
        box.text,
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert (
        editor.boxes == [] and "Målet och dess 2 insatser togs bort." in editor.undo_banner.text()
    )
    editor.undo_button.click()
    assert [r.what.text() for r in editor.boxes[0].rows] == ["Forsta", "Andra"]


# --- 3. the next meeting ------------------------------------------------------------------------


def test_the_meeting_is_a_time_and_a_place_and_none_is_booked_by_default(qtbot, services):
    _row, plan = _plan(services)
    editor = _editor(qtbot, services, plan.id)
    assert not editor.meeting.booked.isChecked() and not editor.meeting.when.isEnabled()
    assert editor.meeting.none_label.isVisible()  # "inget möte bokat"
    assert editor.meeting.when.calendarPopup()
    editor.meeting.booked.setChecked(True)
    editor.meeting.when.setDateTime(QDateTime(QDate(2030, 3, 4), QTime(10, 0)))
    qtbot.keyClicks(editor.meeting.place, "Socialkontoret, Kungsgatan 5, rum 12")
    editor.meeting.with_providers.setChecked(True)
    _click(qtbot, editor.save_button)
    stored = services.ws.plans.get(plan.id)
    assert stored.meeting_at == datetime(2030, 3, 4, 10, 0).astimezone()
    assert stored.meeting_place == "Socialkontoret, Kungsgatan 5, rum 12"
    assert stored.meeting_with_providers

    again = _editor(qtbot, services, plan.id)
    assert again.meeting.booked.isChecked()
    assert again.meeting.when.dateTime() == QDateTime(QDate(2030, 3, 4), QTime(10, 0))
    again.meeting.booked.setChecked(False)  # "inget möte bokat"
    _click(qtbot, again.save_button)
    stored = services.ws.plans.get(plan.id)
    assert stored.meeting_at is None and stored.meeting_place.startswith("Socialkontoret")


def test_an_old_free_text_meeting_shows_as_time_or_kept_as_text(qtbot, services):
    _row, plan = _plan(services)
    for old, booked, place in (
        ("2030-03-04 kl. 10.00", True, ""),
        ("Tisdag efter lunch", False, "Tisdag efter lunch"),
    ):
        sealed = services.ctx.seal(
            "action_plans", "content_enc", plan.id, {"next_meeting": old, "note": ""}
        )
        with services.db.session() as session:
            session.execute(
                update(ActionPlan).where(ActionPlan.id == plan.id).values(content_enc=sealed)
            )
        editor = _editor(qtbot, services, plan.id)
        assert editor.meeting.booked.isChecked() is booked
        assert editor.meeting.place.text() == place
        if booked:
            assert editor.meeting.when.dateTime() == QDateTime(QDate(2030, 3, 4), QTime(10, 0))
        assert not editor.dirty  # only reading it changes nothing


# --- 9. how each action is followed up, and its outcome ---------------------------------------


def test_follow_up_and_outcome_have_editors(qtbot, services):
    _row, plan = _plan(services)
    editor = _editor(qtbot, services, plan.id)
    box = editor.boxes[0]
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    row = box.rows[0]
    qtbot.keyClicks(row.what, "Ringa hyresvarden")
    qtbot.keyClicks(row.follow_up, "Vi gar igenom det pa nasta mote")
    assert row.outcome.isHidden() and not row.outcome_button.isHidden()
    row.status.setCurrentIndex(row.status.findData("done"))  # at follow-up: done
    assert not row.outcome.isHidden() and row.outcome_button.isHidden()
    qtbot.keyClicks(row.outcome, "Fick en visning")
    _click(qtbot, editor.save_button)
    (stored,) = services.ws.plans.get(plan.id).actions
    assert (stored.follow_up, stored.outcome, stored.status) == (
        "Vi gar igenom det pa nasta mote",
        "Fick en visning",
        "done",
    )
    # An action still going on: the outcome is behind "Resultat …", and kept once written.
    again = _editor(qtbot, services, plan.id)
    other = again.boxes[0].add_action()
    qtbot.waitUntil(other.outcome_button.isVisible)
    assert other.outcome.isHidden()
    qtbot.mouseClick(other.outcome_button, Qt.MouseButton.LeftButton)
    assert not other.outcome.isHidden()
    qtbot.waitUntil(other.outcome.hasFocus)
    assert again.boxes[0].rows[0].outcome.text() == "Fick en visning"


def test_saved_plans_keep_follow_up_and_outcome(services):
    _row, plan = _plan(services)
    goal = plan.goals[0]
    action = plans.Action(
        "Boendestod", "social_services", goal_id=goal.id, follow_up="Varje vecka", outcome="Bra"
    )
    saved = services.ws.plans.save(PlanEdit(plan, PlanContent(plan.goals, [action])))
    assert isinstance(saved, Saved)
    (stored,) = services.ws.plans.get(plan.id).actions
    assert (stored.follow_up, stored.outcome) == ("Varje vecka", "Bra")
