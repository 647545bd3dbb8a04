"""The action plan editor: goals prefilled from needs, actions, saving, stale edits."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime

from assessment_app import accounts
from assessment_app.records import plans
from assessment_app.records.plans import PlanContent
from assessment_app.workspace import Saved, Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.ui.conftest import ADMIN, wait_tasks
from ui.plan.editor import PlanEditorPage


def _case_with_needs(services):
    ws = services.ws
    row = ws.cases.create(name="Kalle Karlsson")
    a = ws.interviews.start(row.id)
    edit = AssessmentEdit.of(
        a,
        {"housing_now": "homeless"},
        {
            "housing": {"own": 3, "worker": 3, "reason": "Bostadslös", "flags": []},
            "substances": {"own": 0, "worker": 1, "reason": "Lite", "flags": []},
            "motivation": {"own": None, "worker": None, "reason": "", "flags": ["not_relevant"]},
        },
    )
    assert isinstance(ws.interviews.save(edit), Saved)
    return row


def _new_plan(qtbot, services, case_id):
    return services.ws.plans.create(case_id).id


def _stored(services, plan_id):
    return services.ws.plans.get(plan_id)


def _draft(services, plan_id):
    found = [
        d for d in services.ws.cases.my_drafts() if d.kind == "plan" and d.object_id == plan_id
    ]
    return found[0] if found else None


def _saved_elsewhere(services, plan_id, text):
    """Another session saves the plan (its own drafts are its own business)."""
    other = _stored(services, plan_id)
    content = PlanContent([plans.Goal("housing", text, other.goals[0].id)], [])
    with services.ws.write() as uow:
        plans.save_plan(uow, plan_id, other.version, content, base=other.content)


def _editor(qtbot, services, plan_id):
    editor = PlanEditorPage(services, services.ws.plans.open_editor(plan_id))
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    return editor


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def test_plan_prefilled_edited_and_saved(qtbot, services, database, worker, template):
    register = Workspace(accounts.sign_in(database, *ADMIN)).admin  # the register is theirs
    provider = register.add_provider("Vagen Ut AB")
    row = _case_with_needs(services)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    assert [box.area_id for box in editor.boxes] == ["housing"]  # only the area with a need

    goal = editor.boxes[0]
    goal.text.clear()
    qtbot.keyClicks(goal.text, "Ett eget boende")
    qtbot.mouseClick(goal.add_button, Qt.MouseButton.LeftButton)
    action = goal.rows[0]
    qtbot.keyClicks(action.what, "Ansok om lagenhet")
    action.responsible.setCurrentIndex(action.responsible.findData("provider"))
    qtbot.waitUntil(action.provider.isVisible)
    assert not action.name.isVisible()
    action.provider.setCurrentIndex(action.provider.findData(provider.id))
    action.due.check.setChecked(True)
    action.due.edit.setDate(QDate(2030, 1, 31))
    editor.follow_up.check.setChecked(True)
    editor.follow_up.edit.setDate(QDate(2030, 2, 15))
    editor.meeting.booked.setChecked(True)
    assert editor.meeting.when.date() == QDate(2030, 2, 15)  # the follow-up day is suggested
    editor.meeting.when.setDateTime(QDateTime(QDate(2030, 2, 15), QTime(13, 30)))
    qtbot.keyClicks(editor.meeting.place, "Socialkontoret, Kungsgatan 5, rum 12")
    _click(qtbot, editor.save_button)
    assert "sparad" in editor.banner.text()

    stored = _stored(services, plan_id)
    assert [(g.area_id, g.text) for g in stored.goals] == [("housing", "Ett eget boende")]
    (a,) = stored.actions
    assert (a.what, a.responsible_kind, a.provider_id, a.due_on, a.goal_id) == (
        "Ansok om lagenhet",
        "provider",
        provider.id,
        date(2030, 1, 31),
        stored.goals[0].id,
    )
    assert stored.follow_up_on == date(2030, 2, 15)
    assert stored.meeting_at == datetime(2030, 2, 15, 13, 30).astimezone()
    assert stored.meeting_place == "Socialkontoret, Kungsgatan 5, rum 12"
    assert not stored.meeting_with_providers


def test_stale_save_is_refused_with_a_clear_message(qtbot, services, worker, template):
    row = _case_with_needs(services)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    # someone else saves the same plan meanwhile
    _saved_elsewhere(services, plan_id, "Annat mal")
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Mitt mal")
    _click(qtbot, editor.save_button)
    assert "någon annan har ändrat den" in editor.banner.text()
    assert editor.boxes[0].text.text() == "Mitt mal"  # what was typed is still on screen
    assert [g.text for g in _stored(services, plan_id).goals] == ["Annat mal"]


def test_submitted_plan_is_locked(qtbot, services, worker, template):
    row = _case_with_needs(services)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Ett eget boende")
    _click(qtbot, editor.submit_button)
    wait_tasks(qtbot)
    # the assessment is not finished: the reason is asked for, and nothing is sent without it
    dialog = editor.reason_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    assert _stored(services, plan_id).review_state == "draft"
    qtbot.keyClicks(dialog.text, "Akut bostadsloshet")
    dialog.grab().save("/tmp/uicheck/submit-reason.png")
    _click(qtbot, dialog.ok_button)
    wait_tasks(qtbot)
    stored = _stored(services, plan_id)
    assert stored.review_state == "submitted"
    assert stored.unfinished_reason == "Akut bostadsloshet"
    assert not editor.save_button.isEnabled()
    assert not editor.boxes[0].text.isEnabled()


def test_plan_edits_are_autosaved_and_offered_back_after_a_crash(qtbot, services, worker, template):
    row = _case_with_needs(services)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.session.timer.setInterval(50)  # the debounce, shortened for the test
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Ett eget boende")
    qtbot.mouseClick(editor.boxes[0].add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.boxes[0].rows[0].what, "Ringa hyresvarden")
    qtbot.waitUntil(lambda: not editor.session.dirty and editor.session.in_flight == 0)
    wait_tasks(qtbot)
    draft = _draft(services, plan_id)
    assert draft is not None and draft.case_id == row.id
    assert [a["what"] for a in draft.payload.content["actions"]] == ["Ringa hyresvarden"]

    # crash: the editor goes away without saving; the plan itself is unchanged
    editor.close()
    assert _stored(services, plan_id).actions == []

    again = _editor(qtbot, services, plan_id)
    assert again.draft_banner.isVisible()
    assert again.boxes[0].rows == []
    restore = next(b for b in again.draft_banner._buttons if "Återställ" in b.text())
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert again.boxes[0].text.text() == "Ett eget boende"
    assert again.boxes[0].rows[0].what.text() == "Ringa hyresvarden"
    _click(qtbot, again.save_button)
    stored = _stored(services, plan_id)
    assert [a.what for a in stored.actions] == ["Ringa hyresvarden"]
    assert _draft(services, plan_id) is None  # saved: no draft left


def test_leaving_a_plan_field_saves_the_draft_at_once(qtbot, services, worker, template):
    row = _case_with_needs(services)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.meeting.place.setFocus()
    qtbot.keyClicks(editor.meeting.place, "Rum 12")
    assert editor.session.timer.isActive()  # waiting the few seconds...
    assert _draft(services, plan_id) is None
    qtbot.keyClick(editor.meeting.place, Qt.Key.Key_Tab)  # ...but leaving the field saves now
    wait_tasks(qtbot)
    draft = _draft(services, plan_id)
    assert draft is not None and draft.payload.content["meeting_place"] == "Rum 12"


def test_draft_older_than_the_saved_plan_cannot_overwrite_it(qtbot, services, worker, template):
    row = _case_with_needs(services)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Mitt utkast")
    editor.flush_draft()
    wait_tasks(qtbot)
    editor.close()
    _saved_elsewhere(services, plan_id, "Nyare mal")  # meanwhile, from elsewhere
    again = _editor(qtbot, services, plan_id)
    assert "sparats igen efter att utkastet gjordes" in again.draft_banner.text()
    restore = next(b for b in again.draft_banner._buttons if "Återställ" in b.text())
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    _click(qtbot, again.save_button)
    assert "någon annan har ändrat den" in again.banner.text()
    assert [g.text for g in _stored(services, plan_id).goals] == ["Nyare mal"]
    assert again.boxes[0].text.text() == "Mitt utkast"  # still on screen to copy from
