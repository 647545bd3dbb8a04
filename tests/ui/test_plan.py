"""The action plan editor: goals prefilled from needs, actions, saving, stale edits."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from assessment_app.records import assessments, cases, drafts, plans, providers
from ui.case_view.records_tabs import PlansTab
from ui.plan.editor import PlanEditorPage


def _case_with_needs(worker, template):
    row = cases.create_case(worker, name="Kalle Karlsson")
    a = assessments.start_assessment(worker, row.id, template.id, template.version)
    assessments.save_assessment(
        worker,
        a.id,
        a.version,
        {"housing_now": "homeless"},
        {
            "housing": {"own": 3, "worker": 3, "reason": "Bostadslös", "flags": []},
            "substances": {"own": 0, "worker": 1, "reason": "Lite", "flags": []},
            "motivation": {"own": None, "worker": None, "reason": "", "flags": ["not_relevant"]},
        },
    )
    return row


def _new_plan(qtbot, services, case_id):
    tab = PlansTab(services, case_id)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.open_plan) as opened:
        qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    return opened.args[0]


def _editor(qtbot, services, plan_id):
    editor = PlanEditorPage(services, plan_id)
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    return editor


def test_plan_prefilled_edited_and_saved(qtbot, services, worker, template):
    provider = providers.add_provider(worker, "Vagen Ut AB")
    row = _case_with_needs(worker, template)
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
    qtbot.keyClicks(editor.next_meeting, "2030-02-15 kl 10")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "sparad" in editor.banner.text()

    stored = plans.get_plan(worker, plan_id)
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
    assert stored.next_meeting == "2030-02-15 kl 10"


def test_stale_save_is_refused_with_a_clear_message(qtbot, services, worker, template):
    row = _case_with_needs(worker, template)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    # someone else saves the same plan meanwhile
    other = plans.get_plan(worker, plan_id)
    plans.save_plan(
        worker,
        plan_id,
        other.version,
        goals=[plans.Goal("housing", "Annat mal")],
        actions=[],
        follow_up_on=None,
    )
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Mitt mal")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "någon annan har ändrat den" in editor.banner.text()
    assert editor.boxes[0].text.text() == "Mitt mal"  # what was typed is still on screen
    assert [g.text for g in plans.get_plan(worker, plan_id).goals] == ["Annat mal"]


def test_submitted_plan_is_locked(qtbot, services, worker, template):
    row = _case_with_needs(worker, template)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Ett eget boende")
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert plans.get_plan(worker, plan_id).review_state == "submitted"
    assert not editor.save_button.isEnabled()
    assert not editor.boxes[0].text.isEnabled()


def test_plan_edits_are_autosaved_and_offered_back_after_a_crash(qtbot, services, worker, template):
    row = _case_with_needs(worker, template)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.autosaver.timer.setInterval(50)  # the debounce, shortened for the test
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Ett eget boende")
    qtbot.mouseClick(editor.boxes[0].add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.boxes[0].rows[0].what, "Ringa hyresvarden")
    qtbot.waitUntil(lambda: not editor.autosaver.dirty)
    draft = drafts.load_draft(worker, "plan", plan_id)
    assert draft is not None and draft.case_id == row.id
    assert [a["what"] for a in draft.payload["actions"]] == ["Ringa hyresvarden"]

    # crash: the editor goes away without saving; the plan itself is unchanged
    editor.close()
    editor.deleteLater()
    assert plans.get_plan(worker, plan_id).actions == []

    again = _editor(qtbot, services, plan_id)
    assert again.draft_banner.isVisible()
    assert again.boxes[0].rows == []
    restore = next(b for b in again.draft_banner._buttons if "Återställ" in b.text())
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert again.boxes[0].text.text() == "Ett eget boende"
    assert again.boxes[0].rows[0].what.text() == "Ringa hyresvarden"
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    stored = plans.get_plan(worker, plan_id)
    assert [a.what for a in stored.actions] == ["Ringa hyresvarden"]
    assert drafts.load_draft(worker, "plan", plan_id) is None  # saved: no draft left


def test_leaving_a_plan_field_saves_the_draft_at_once(qtbot, services, worker, template):
    row = _case_with_needs(worker, template)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.next_meeting.setFocus()
    qtbot.keyClicks(editor.next_meeting, "Tisdag kl 10")
    assert editor.autosaver.timer.isActive()  # waiting the few seconds...
    assert drafts.load_draft(worker, "plan", plan_id) is None
    qtbot.keyClick(editor.next_meeting, Qt.Key.Key_Tab)  # ...but leaving the field saves now
    draft = drafts.load_draft(worker, "plan", plan_id)
    assert draft is not None and draft.payload["next_meeting"] == "Tisdag kl 10"


def test_draft_older_than_the_saved_plan_cannot_overwrite_it(qtbot, services, worker, template):
    row = _case_with_needs(worker, template)
    plan_id = _new_plan(qtbot, services, row.id)
    editor = _editor(qtbot, services, plan_id)
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Mitt utkast")
    editor.flush_draft()
    editor.close()
    editor.deleteLater()
    other = plans.get_plan(worker, plan_id)  # meanwhile the plan is saved from elsewhere
    plans.save_plan(
        worker,
        plan_id,
        other.version,
        goals=[plans.Goal("housing", "Nyare mal")],
        actions=[],
        follow_up_on=None,
    )
    again = _editor(qtbot, services, plan_id)
    assert "sparats igen efter att utkastet gjordes" in again.draft_banner.text()
    restore = next(b for b in again.draft_banner._buttons if "Återställ" in b.text())
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert "någon annan har ändrat den" in again.banner.text()
    assert [g.text for g in plans.get_plan(worker, plan_id).goals] == ["Nyare mal"]
    assert again.boxes[0].text.text() == "Mitt utkast"  # still on screen to copy from
