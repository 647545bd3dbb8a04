"""Work kept on this computer comes back: the case list syncs it to the server and offers it;
a kept copy that met a newer server draft is offered as a conflict, never applied silently;
draft kinds that are not work (badge_seen) are not announced as unsaved work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessment_app.records import cases, drafts, plans
from assessment_app.server import local_drafts
from assessment_app.server.local_drafts import LocalDraftStore
from ui.cases import offline
from ui.cases.list_page import CaseListPage
from ui.plan.editor import PlanEditorPage


@pytest.fixture
def store(monkeypatch, tmp_path, worker):
    store = LocalDraftStore.for_context(worker, root=tmp_path / "local")
    monkeypatch.setattr(offline, "default_store", lambda _ctx: store)
    return store


@pytest.fixture
def plan(worker):
    row = cases.create_case(worker, name="Kopia Kvar")
    return plans.create_plan(worker, row.id, goals=[plans.Goal("housing", "Eget boende")])


def _list(qtbot, services):
    page = CaseListPage(services)
    qtbot.addWidget(page)
    page.show()
    page.show_drafts()  # as the main window does after sign-in
    return page


def _button(banner, text):
    return next(b for b in banner._buttons if text in b.text())


def test_badge_seen_is_not_unsaved_work(qtbot, services, worker, store, plan):
    drafts.save_draft(worker, "badge_seen", plan.id, {"seen": ["x"]}, case_id=plan.case_id)
    page = _list(qtbot, services)
    assert not page.drafts_banner.isVisible()
    drafts.save_draft(worker, "plan", plan.id, {"note": "x"}, case_id=plan.case_id)
    page.show_drafts()
    assert "osparat arbete i en handlingsplan" in page.drafts_banner.text()
    assert "Ytterligare" not in page.drafts_banner.text()  # badge_seen is not counted


def test_work_kept_on_this_computer_is_synced_and_offered(qtbot, services, worker, store, plan):
    payload = local_drafts.plan_payload(
        plan.version, plan.goals, [], None, "", "Skrivet medan servern var borta"
    )
    store.save("plan", plan.id, payload, case_id=plan.case_id)
    page = _list(qtbot, services)
    assert store.list() == ([], [])  # pushed to the server, then removed here
    synced = drafts.load_draft(worker, "plan", plan.id)
    assert synced is not None and synced.payload["note"] == "Skrivet medan servern var borta"
    assert "osparat arbete i en handlingsplan" in page.drafts_banner.text()

    editor = PlanEditorPage(services, plan.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.draft_banner.isVisible()
    qtbot.mouseClick(_button(editor.draft_banner, "Återställ"), Qt.MouseButton.LeftButton)
    assert editor.note.toPlainText() == "Skrivet medan servern var borta"
    assert editor.base_version == plan.version  # from the kept draft's expected_version
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert plans.get_plan(worker, plan.id).note == "Skrivet medan servern var borta"


def test_a_kept_copy_is_offered_as_a_conflict(qtbot, services, worker, store, plan):
    mine = plans.Goal("housing", "Eget boende i Brunna", plan.goals[0].id)
    copy = local_drafts.plan_payload(plan.version, [mine], [], None, "", "Min kopia")
    drafts.save_draft(worker, "plan~local", plan.id, copy, case_id=plan.case_id)
    drafts.save_draft(worker, "badge_seen", plan.id, {"seen": []}, case_id=plan.case_id)
    page = _list(qtbot, services)
    assert "kopia från den här datorn" in page.drafts_banner.text()
    with qtbot.waitSignal(page.open_draft) as opened:
        qtbot.mouseClick(_button(page.drafts_banner, "Jämför"), Qt.MouseButton.LeftButton)
    assert opened.args == ["plan", plan.case_id, plan.id]

    editor = PlanEditorPage(services, plan.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.copy_banner.isVisible()
    assert editor.boxes[0].text.text() == "Eget boende"  # nothing applied by itself
    qtbot.mouseClick(_button(editor.copy_banner, "Jämför"), Qt.MouseButton.LeftButton)
    dialog = editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    goal_row = dialog.row_for("Eget boende i Brunna")
    assert "Eget boende" in dialog.table.item(goal_row, 2).text()
    for combo in dialog.combos.values():
        combo.setCurrentIndex(combo.findData("mine"))
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    stored = plans.get_plan(worker, plan.id)
    assert [g.text for g in stored.goals] == ["Eget boende i Brunna"]
    assert stored.note == "Min kopia"
    assert drafts.load_draft(worker, "plan~local", plan.id) is None
    assert not editor.copy_banner.isVisible()
