"""The server goes away mid-edit (PostgreSQL terminates the app's connections and refuses new
ones): the plan editor and the interview keep working on an encrypted local draft, say so, and
save for real when the server is back. Nothing typed is lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.records import plans
from tests.conftest import ADMIN_PW, WORKER_PW
from tests.server.server_admin import ServerAdmin
from tests.ui.conftest import wait_tasks
from ui.interview.interview_page import InterviewPage
from ui.plan.editor import PlanEditorPage
from ui.services import Services, StaticTemplates

PLAN_DRAFT_KIND = "plan"

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
def store_root(tmp_path):
    return tmp_path / "local"


def _services(app_db, anna, settings, template, store_root):
    services = Services(app_db, anna, settings, StaticTemplates(template))
    services.ws.offline.prepare(store_root)  # what the main window does at sign-in
    return services


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
    services = _services(app_db, anna, settings, template, store_root)
    ws = services.ws
    row = ws.cases.create(name="Mitt I Redigering")
    with ws.write() as uow:
        plan = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Eget boende")])
    editor = PlanEditorPage(services, ws.plans.open_editor(plan.id))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.boxes[0].add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.boxes[0].rows[0].what, TYPED)
    qtbot.keyClicks(editor.note, TYPED)

    role = _server_gone(admin, app_db)
    try:
        with qtbot.waitSignal(editor.server_unavailable, timeout=30_000):
            qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        wait_tasks(qtbot, 30_000)
        assert "går inte att nå" in editor.banner.text()
        assert editor.pending_local and not editor.dirty
        assert editor.boxes[0].rows[0].what.text() == TYPED  # still on screen
        assert editor.note.toPlainText() == TYPED
        store = ws.offline.store
        kept = store.load(PLAN_DRAFT_KIND, plan.id)
        assert kept is not None and kept.payload["content"]["note"] == TYPED
        for path in store_root.rglob("*.draft"):
            assert TYPED.encode() not in path.read_bytes()  # encrypted on disk
        # Typing on while the server is away: the autosave goes to this computer too.
        qtbot.keyClicks(editor.meeting.place, "Kontoret, rum 12")
        editor.session.flush()
        wait_tasks(qtbot, 30_000)
        local = store.load(PLAN_DRAFT_KIND, plan.id).payload
        assert local["content"]["meeting_place"] == "Kontoret, rum 12"
        editor.session.try_sync()  # still away: nothing changes
        wait_tasks(qtbot, 30_000)
        assert ws.offline.offline and editor.pending_local
    finally:
        admin.lock(role, False)

    editor.session.retry.setInterval(20)  # the periodic retry, shortened for the test
    with qtbot.waitSignal(editor.server_available, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: not editor.pending_local, timeout=10_000)
    wait_tasks(qtbot)
    stored = ws.plans.get(plan.id)
    assert stored.note == TYPED and [a.what for a in stored.actions] == [TYPED]
    assert stored.meeting_place == "Kontoret, rum 12"
    assert "sparad" in editor.banner.text()
    assert store.list() == ([], [])  # the local copy is gone only after the server has it
    assert not [d for d in ws.cases.my_drafts() if d.object_id == plan.id]


@ON_POSTGRESQL
def test_interview_keeps_answers_while_the_server_is_gone(
    qtbot, app_db, admin, store_root, settings, template
):
    anna = accounts.sign_in(app_db, "anna", WORKER_PW)
    services = _services(app_db, anna, settings, template, store_root)
    ws = services.ws
    row = ws.cases.create(name="Intervju Utan Server")
    a = ws.interviews.start(row.id)
    page = InterviewPage(services, ws.interviews.open(a.id))
    qtbot.addWidget(page)
    page.show()
    page.areas.setCurrentRow(3)  # motivation
    qtbot.keyClicks(page.section_pages[3].blocks["why_now"].editor.edit, TYPED)

    role = _server_gone(admin, app_db)
    try:
        with qtbot.waitSignal(page.server_unavailable, timeout=30_000):
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        wait_tasks(qtbot, 30_000)
        assert "går inte att nå" in page.banner.text()
        assert page.answers()["why_now"] == TYPED
        kept = ws.offline.store.load("assessment", a.id)
        assert kept is not None and kept.payload["content"]["answers"]["why_now"] == TYPED
    finally:
        admin.lock(role, False)

    page.session.retry.setInterval(20)
    qtbot.waitUntil(lambda: not page.pending_local, timeout=20_000)
    wait_tasks(qtbot)
    assert ws.interviews.get(a.id).answers["why_now"] == TYPED
    assert ws.offline.store.list() == ([], [])
