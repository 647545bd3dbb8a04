"""The server goes away mid-edit (PostgreSQL terminates the app's connections and refuses new
ones): the plan editor and the interview keep working on an encrypted local draft, say so, and
save for real when the server is back. Nothing typed is lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.records import assessments, cases, drafts, plans
from assessment_app.server.local_drafts import PLAN_DRAFT_KIND, LocalDraftStore
from tests.conftest import ADMIN_PW, WORKER_PW
from tests.server.server_admin import ServerAdmin
from ui.cases import offline
from ui.interview.interview_page import InterviewPage
from ui.plan.editor import PlanEditorPage
from ui.services import Services, StaticTemplates

ON_POSTGRESQL = pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
TYPED = "Ringa Arbetsformedlingen pa mandag - viktigt!"  # keyClicks types ASCII only


@pytest.fixture
def admin(server_database: str) -> Iterator[ServerAdmin]:
    a = ServerAdmin(server_database)
    yield a
    a.close()


@pytest.fixture
def app_db(admin: ServerAdmin) -> Iterator[Database]:
    """Set up by the owner role; the app connects with the DML-only role, as in production."""
    owner_url, app_url = admin.make_roles()
    db = Database.create(owner_url)
    accounts.initialise(db, "admin", ADMIN_PW, unit_name="Enhet Nord")
    ctx = accounts.sign_in(db, "admin", ADMIN_PW)
    accounts.add_user(ctx, "anna", WORKER_PW, "caseworker", unit="Enhet Nord")
    db.dispose()
    app = Database.open(app_url)
    yield app
    app.dispose()


@pytest.fixture
def store_root(monkeypatch, tmp_path):
    root = tmp_path / "local"
    monkeypatch.setattr(
        offline, "default_store", lambda ctx: LocalDraftStore.for_context(ctx, root=root)
    )
    return root


def _server_gone(admin: ServerAdmin, db: Database) -> str:
    role = str(db.url.username)
    admin.lock(role, True)
    assert admin.kill_connections() >= 1
    return role


@ON_POSTGRESQL
def test_plan_editor_keeps_working_while_the_server_is_gone(
    qtbot, app_db, admin, store_root, settings, template
):
    anna = accounts.sign_in(app_db, "anna", WORKER_PW)
    row = cases.create_case(anna, name="Mitt I Redigering")
    plan = plans.create_plan(anna, row.id, goals=[plans.Goal("housing", "Eget boende")])
    editor = PlanEditorPage(Services(app_db, anna, settings, StaticTemplates(template)), plan.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.boxes[0].add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.boxes[0].rows[0].what, TYPED)
    qtbot.keyClicks(editor.note, TYPED)

    role = _server_gone(admin, app_db)
    try:
        with qtbot.waitSignal(editor.server_unavailable):
            qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert "går inte att nå" in editor.banner.text()
        assert editor.pending_local and not editor.dirty
        assert editor.boxes[0].rows[0].what.text() == TYPED  # still on screen
        assert editor.note.toPlainText() == TYPED
        store = editor.local.store
        kept = store.load(PLAN_DRAFT_KIND, plan.id)
        assert kept is not None and kept.payload["note"] == TYPED
        for path in store_root.rglob("*.draft"):
            assert TYPED.encode() not in path.read_bytes()  # encrypted on disk
        # Typing on while the server is away: the autosave goes to this computer too.
        qtbot.keyClicks(editor.next_meeting, "Tisdag kl 10")
        editor.autosaver.flush()
        assert store.load(PLAN_DRAFT_KIND, plan.id).payload["next_meeting"] == "Tisdag kl 10"
        editor.local.retry()  # still away: nothing changes
        qtbot.waitUntil(lambda: not editor.local.checking)
        assert editor.local.offline and editor.pending_local
    finally:
        admin.lock(role, False)

    editor.local.timer.setInterval(20)  # the periodic retry, shortened for the test
    with qtbot.waitSignal(editor.server_available, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: not editor.pending_local, timeout=10_000)
    stored = plans.get_plan(anna, plan.id)
    assert stored.note == TYPED and [a.what for a in stored.actions] == [TYPED]
    assert stored.next_meeting == "Tisdag kl 10"
    assert "sparad" in editor.banner.text()
    assert store.list() == ([], [])  # the local copy is gone only after the server has it
    assert drafts.load_draft(anna, PLAN_DRAFT_KIND, plan.id) is None


@ON_POSTGRESQL
def test_interview_keeps_answers_while_the_server_is_gone(
    qtbot, app_db, admin, store_root, settings, template
):
    anna = accounts.sign_in(app_db, "anna", WORKER_PW)
    row = cases.create_case(anna, name="Intervju Utan Server")
    a = assessments.start_assessment(anna, row.id, template.id, template.version)
    page = InterviewPage(Services(app_db, anna, settings, StaticTemplates(template)), a.id)
    qtbot.addWidget(page)
    page.show()
    page.areas.setCurrentRow(3)  # motivation
    qtbot.keyClicks(page.section_pages[3].blocks["why_now"].editor.edit, TYPED)

    role = _server_gone(admin, app_db)
    try:
        with qtbot.waitSignal(page.server_unavailable):
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert "går inte att nå" in page.banner.text()
        assert page.answers()["why_now"] == TYPED
        kept = page.local.store.load("assessment", a.id)
        assert kept is not None and kept.payload["answers"]["why_now"] == TYPED
    finally:
        admin.lock(role, False)

    page.local.timer.setInterval(20)
    qtbot.waitUntil(lambda: not page.pending_local, timeout=20_000)
    assert assessments.get_assessment(anna, a.id).answers["why_now"] == TYPED
    assert page.local.store.list() == ([], [])
