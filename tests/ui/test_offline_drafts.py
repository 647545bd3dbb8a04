"""Work kept on this computer comes back: the case list syncs it to the server and offers it;
a kept copy that met a newer server draft is offered as a conflict, never applied silently;
draft kinds that are not work (badge_seen) are not announced as unsaved work."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from assessment_app.records import drafts, plans
from assessment_app.records.drafts import DraftPayload
from assessment_app.records.plans import PlanContent
from assessment_app.server.local_drafts import LocalDraftStore
from assessment_app.workspace import Workspace
from tests.ui.conftest import wait_tasks
from ui.cases.list_page import CaseListPage
from ui.plan.editor import PlanEditorPage
from ui.services import is_screen_code


@pytest.fixture
def store(tmp_path, worker, services):
    """A workspace with a local draft store (as the main window makes on a server)."""
    store = LocalDraftStore.for_context(worker, root=tmp_path / "local")
    services.ws = Workspace(worker, templates=services.templates, local_store=store)
    services.ws.forbid_thread(threading.main_thread().ident or 0, is_screen_code, strict=True)
    return store


@pytest.fixture
def plan(services, store):
    ws = services.ws
    row = ws.cases.create(name="Kopia Kvar")
    with ws.write() as uow:
        return plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Eget boende")])


def _save_draft(services, kind, plan, content):
    with services.ws.write() as uow:
        drafts.save_draft(
            uow, kind, plan.id, DraftPayload(plan.version, content), case_id=plan.case_id
        )


def _list(qtbot, services):
    page = CaseListPage(services)
    qtbot.addWidget(page)
    page.show()
    page.show_drafts()  # as the main window does after sign-in
    wait_tasks(qtbot)
    return page


def _button(banner, text):
    return next(b for b in banner._buttons if text in b.text())


def _editor(qtbot, services, plan_id):
    editor = PlanEditorPage(services, services.ws.plans.open_editor(plan_id))
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _server_draft(services, kind, plan_id):
    found = [d for d in services.ws.cases.my_drafts() if d.kind == kind and d.object_id == plan_id]
    return found[0] if found else None


def test_badge_seen_is_not_unsaved_work(qtbot, services, store, plan):
    _save_draft(services, "badge_seen", plan, {"seen": ["x"]})
    page = _list(qtbot, services)
    assert not page.drafts_banner.isVisible()
    _save_draft(services, "plan", plan, {"note": "x"})
    page.show_drafts()
    wait_tasks(qtbot)
    assert "osparat arbete i en handlingsplan" in page.drafts_banner.text()
    assert "Ytterligare" not in page.drafts_banner.text()  # badge_seen is not counted


def test_work_kept_on_this_computer_is_synced_and_offered(qtbot, services, store, plan):
    content = PlanContent(plan.goals, [], note="Skrivet medan servern var borta")
    payload = DraftPayload(plan.version, content.to_json())
    store.save("plan", plan.id, payload.to_json(), case_id=plan.case_id)
    page = _list(qtbot, services)
    assert store.list() == ([], [])  # pushed to the server, then removed here
    synced = _server_draft(services, "plan", plan.id)
    assert synced is not None
    assert synced.payload.content["note"] == "Skrivet medan servern var borta"
    assert synced.payload.base_version == plan.version
    assert "osparat arbete i en handlingsplan" in page.drafts_banner.text()

    editor = _editor(qtbot, services, plan.id)
    assert editor.draft_banner.isVisible()
    qtbot.mouseClick(_button(editor.draft_banner, "Återställ"), Qt.MouseButton.LeftButton)
    assert editor.note.toPlainText() == "Skrivet medan servern var borta"
    assert editor.base_version == plan.version  # from the kept draft's base version
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert services.ws.plans.get(plan.id).note == "Skrivet medan servern var borta"


def test_a_kept_copy_is_offered_as_a_conflict(qtbot, services, store, plan):
    mine = plans.Goal("housing", "Eget boende i Brunna", plan.goals[0].id)
    copy = PlanContent([mine], [], note="Min kopia").to_json()
    _save_draft(services, "plan~local", plan, copy)
    _save_draft(services, "badge_seen", plan, {"seen": []})
    page = _list(qtbot, services)
    assert "kopia från den här datorn" in page.drafts_banner.text()
    with qtbot.waitSignal(page.open_draft) as opened:
        qtbot.mouseClick(_button(page.drafts_banner, "Jämför"), Qt.MouseButton.LeftButton)
    assert opened.args == ["plan", plan.case_id, plan.id]

    editor = _editor(qtbot, services, plan.id)
    assert editor.copy_banner.isVisible()
    assert editor.boxes[0].text.text() == "Eget boende"  # nothing applied by itself
    qtbot.mouseClick(_button(editor.copy_banner, "Jämför"), Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    dialog = editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    goal_row = dialog.row_for("Eget boende i Brunna")
    assert "Eget boende" in dialog.table.item(goal_row, 2).text()
    for combo in dialog.combos.values():
        combo.setCurrentIndex(combo.findData("mine"))
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = services.ws.plans.get(plan.id)
    assert [g.text for g in stored.goals] == ["Eget boende i Brunna"]
    assert stored.note == "Min kopia"
    assert _server_draft(services, "plan~local", plan.id) is None
    assert not editor.copy_banner.isVisible()
