"""Two people edit the same plan: the second save opens the conflict dialog with both versions
side by side; keep mine, take theirs, or merge item by item. Nothing is overwritten silently.

Two real sessions (caseworker anna and her supervisor chef, same unit) on one SQLite file.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessment_app.records import plans
from assessment_app.records.plans import PlanContent
from tests.ui.conftest import wait_tasks
from ui.plan.editor import PlanEditorPage
from ui.services import Services, StaticTemplates


@pytest.fixture
def two(sqlite_world, settings, template):
    """anna's and chef's own services (each with its own workspace) and the plan they share."""

    def services(ctx):
        return Services(ctx.db, ctx, settings, StaticTemplates(template))

    anna = services(sqlite_world.sign_in("anna"))
    chef = services(sqlite_world.sign_in("chef"))
    row = anna.ws.cases.create(name="Delad Plan")
    with anna.ws.write() as uow:
        plan = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Eget boende")])
    action = plans.Action("Ringa hyresvarden", "individual", goal_id=plan.goals[0].id)
    with anna.ws.write() as uow:
        plans.save_plan(
            uow, plan.id, plan.version, PlanContent(plan.goals, [action]), base=plan.content
        )
    return anna, chef, anna.ws.plans.get(plan.id)


def _editor(qtbot, services, plan_id):
    editor = PlanEditorPage(services, services.ws.plans.open_editor(plan_id))
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    return editor


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def _stored(services, plan_id):
    return services.ws.plans.get(plan_id)


def _retype(qtbot, line, text):
    line.clear()
    qtbot.keyClicks(line, text)


def _both_edit(qtbot, two):
    """anna saves first; chef, who opened the same version, saves second."""
    anna, chef, plan = two
    mine = _editor(qtbot, chef, plan.id)
    theirs = _editor(qtbot, anna, plan.id)
    _retype(qtbot, theirs.boxes[0].text, "Eget boende i Kungsangen")
    qtbot.keyClicks(theirs.note, "Annas anteckning")
    _click(qtbot, theirs.save_button)
    assert "sparad" in theirs.banner.text()

    _retype(qtbot, mine.boxes[0].text, "Eget boende fore sommaren")
    _retype(qtbot, mine.boxes[0].rows[0].what, "Ringa hyresvarden pa mandag")
    _click(qtbot, mine.save_button)
    dialog = mine.conflict_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return anna, chef, plan, mine, dialog


def _cell(dialog, row, col):
    return dialog.table.item(row, col).text()


def test_second_save_shows_both_versions_and_merges_item_by_item(qtbot, two):
    anna, chef, plan, mine, dialog = _both_edit(qtbot, two)
    # Nothing was overwritten: the stored plan is anna's, chef's text is still on screen.
    stored = _stored(anna, plan.id)
    assert [g.text for g in stored.goals] == ["Eget boende i Kungsangen"]
    assert mine.boxes[0].text.text() == "Eget boende fore sommaren"
    assert "någon annan har ändrat den" in mine.banner.text()

    header = dialog.table.horizontalHeaderItem(2).text()
    assert header.startswith("Sparad av anna")
    goal_row = dialog.row_for("Eget boende fore sommaren")
    assert "Eget boende fore sommaren" in _cell(dialog, goal_row, 1)
    assert "Eget boende i Kungsangen" in _cell(dialog, goal_row, 2)
    action_row = dialog.row_for("pa mandag")
    assert _cell(dialog, action_row, 3) == "Din ändring tas med"
    note_row = dialog.row_for("Annas anteckning")
    assert _cell(dialog, note_row, 3) == "Den sparade ändringen tas med"
    assert len(dialog.combos) == 1  # only the goal was changed by both

    combo = dialog.table.cellWidget(goal_row, 3)
    combo.setCurrentIndex(combo.findData("mine"))
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = _stored(chef, plan.id)
    assert [g.text for g in stored.goals] == ["Eget boende fore sommaren"]  # my choice
    assert [a.what for a in stored.actions] == ["Ringa hyresvarden pa mandag"]  # mine only
    assert stored.note == "Annas anteckning"  # theirs only
    assert mine.boxes[0].text.text() == "Eget boende fore sommaren"
    assert mine.note.toPlainText() == "Annas anteckning"  # the editor shows the merged plan
    assert mine.base_version == stored.version and not mine.dirty
    assert "sparad" in mine.banner.text()


def test_take_theirs_keeps_the_saved_version(qtbot, two):
    anna, chef, plan, mine, dialog = _both_edit(qtbot, two)
    before = _stored(anna, plan.id)
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.take_theirs_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = _stored(chef, plan.id)
    assert [g.text for g in stored.goals] == ["Eget boende i Kungsangen"]
    assert [a.what for a in stored.actions] == ["Ringa hyresvarden"]
    assert stored.note == "Annas anteckning"
    assert stored.version > before.version  # saved on purpose, as the newest version
    assert mine.boxes[0].text.text() == "Eget boende i Kungsangen"


def test_keep_mine_saves_my_version_whole(qtbot, two):
    anna, _chef, plan, _mine, dialog = _both_edit(qtbot, two)
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = _stored(anna, plan.id)
    assert [g.text for g in stored.goals] == ["Eget boende fore sommaren"]
    assert [a.what for a in stored.actions] == ["Ringa hyresvarden pa mandag"]
    assert stored.note == ""


def test_a_third_save_while_choosing_updates_the_comparison(qtbot, two):
    anna, _chef, plan, _mine, dialog = _both_edit(qtbot, two)
    now = _stored(anna, plan.id)
    with anna.ws.write() as uow:  # anna saves once more while chef is choosing
        plans.save_plan(
            uow,
            plan.id,
            now.version,
            PlanContent(now.goals, now.actions, note="Tredje sparningen"),
            base=now.content,
        )
    _click(qtbot, dialog.merge_button)
    assert dialog.isVisible()
    assert "sparades igen av anna" in dialog.banner.text()
    assert _stored(anna, plan.id).note == "Tredje sparningen"  # not overwritten
    assert dialog.row_for("Tredje sparningen") >= 0  # the comparison shows the newest version

    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = _stored(anna, plan.id)
    assert stored.note == "Tredje sparningen"
    assert [a.what for a in stored.actions] == ["Ringa hyresvarden pa mandag"]


def test_cancel_keeps_my_edits_on_screen_and_the_stored_plan(qtbot, two):
    anna, _chef, plan, mine, dialog = _both_edit(qtbot, two)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert mine.boxes[0].text.text() == "Eget boende fore sommaren"
    assert [g.text for g in _stored(anna, plan.id).goals] == ["Eget boende i Kungsangen"]
    compare = next(b for b in mine.banner._buttons if "Jämför" in b.text())
    _click(qtbot, compare)
    assert mine.conflict_dialog is not None and mine.conflict_dialog.isVisible()
