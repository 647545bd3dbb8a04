"""The main window on a real PostgreSQL database.

- The server side terminates the app's connections and refuses new logins: the periodic probe
  (and a screen's report) shows the banner; when the server is back the banner goes and the
  encrypted local drafts are pushed.
- A server call hangs (another connection holds a lock the call needs): the window keeps
  processing events, says that it is waiting, and finishes the call when the lock goes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.records import plans
from assessment_app.records.drafts import DraftPayload
from assessment_app.records.plans import PlanContent
from tests.conftest import ADMIN_PW, PG_ADMIN_URL, WORKER_PW
from tests.server.server_admin import ServerAdmin
from tests.ui.conftest import wait_tasks
from ui.main_window import MainWindow
from ui.services import Services, StaticTemplates

BANNER = "Servern går inte att nå. Det du skriver sparas krypterat på datorn."
ON_POSTGRESQL = pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)


@pytest.fixture
def admin(server_database):
    a = ServerAdmin(server_database)
    yield a
    a.close()


@pytest.fixture
def app_url(admin):
    owner_url, app_url = admin.make_roles()
    db = Database.create(owner_url)
    accounts.initialise(db, "admin", ADMIN_PW, unit_name="Enhet Nord")
    ctx = accounts.sign_in(db, "admin", ADMIN_PW)
    accounts.add_user(ctx, "anna", WORKER_PW, "caseworker", unit="Enhet Nord")
    db.dispose()
    return app_url


def _window(qtbot, db, anna, settings, template, tmp_path):
    services = Services(db, anna, settings, StaticTemplates(template))
    window = MainWindow(services, drafts_root=tmp_path / "drafts")
    qtbot.addWidget(window)
    window.show()
    return window, services


@ON_POSTGRESQL
def test_banner_while_the_server_is_gone_then_sync(
    qtbot, app_url, admin, settings, template, tmp_path
):
    db = Database.open(app_url)
    anna = accounts.sign_in(db, "anna", WORKER_PW)
    window, services = _window(qtbot, db, anna, settings, template, tmp_path)
    ws = services.ws
    row = ws.cases.create(name="Server Borta")
    with ws.write() as uow:
        plan = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Boende")])
    watch = window.server_watch
    assert watch is not None
    with qtbot.waitSignal(watch.prepared, timeout=15000):
        window.after_sign_in(None)
    assert ws.offline.store is not None
    assert not window.server_banner.isVisible()

    role = str(db.url.username)
    admin.lock(role, True)  # new logins refused ...
    admin.kill_connections()  # ... and the open ones terminated from the server side
    try:
        watch.check()  # what the 15-second timer does
        qtbot.waitUntil(lambda: not watch.checking and not watch.reachable, timeout=15000)
        assert window.server_banner.isVisible() and window.server_banner.text() == BANNER
        # meanwhile a screen keeps the work on this computer (what the plan editor does)
        content = PlanContent(plan.goals, [], note="Skrivet offline")
        ws.offline.store.save(
            "plan",
            plan.id,
            DraftPayload(plan.version, content.to_json()).to_json(),
            case_id=row.id,
        )
        # a screen's report while already away changes nothing but probes again
        window.server_unavailable()
        qtbot.waitUntil(lambda: not watch.checking, timeout=15000)
        assert window.server_banner.text() == BANNER
    finally:
        admin.lock(role, False)

    with qtbot.waitSignal(watch.synced, timeout=15000) as synced:
        watch.check()
    result = synced.args[0]
    assert result.pushed == [("plan", plan.id)] and result.remaining == 0
    assert watch.reachable
    assert window.server_banner.kind == "success"
    assert "1 utkast från datorn sparades på servern" in window.server_banner.text()
    stored = [d for d in ws.cases.my_drafts() if d.kind == "plan" and d.object_id == plan.id]
    assert stored and stored[0].payload.content["note"] == "Skrivet offline"
    assert ws.offline.store.list() == ([], [])
    window.sign_out()
    wait_tasks(qtbot)
    db.dispose()


@ON_POSTGRESQL
def test_the_window_stays_responsive_while_a_server_call_hangs(
    qtbot, app_url, server_database, settings, template, tmp_path
):
    """Another connection holds a lock that opening a case needs (the audit head every write
    takes first): the call waits on the server, the window goes on processing events and says
    it is waiting; when the lock goes the case opens."""
    db = Database.open(app_url)
    anna = accounts.sign_in(db, "anna", WORKER_PW)
    window, services = _window(qtbot, db, anna, settings, template, tmp_path)
    row = services.ws.cases.create(name="Väntar På Låset")
    blocker = create_engine(make_url(PG_ADMIN_URL).set(database=make_url(server_database).database))
    conn = blocker.connect()
    tx = conn.begin()
    conn.execute(text("LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE"))
    ticks = [0]
    timer = QTimer(window)
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    try:
        window.show_case(row.id)
        qtbot.waitUntil(lambda: window.slow_banner.isVisible(), timeout=15000)
        assert "Väntar på databasen" in window.slow_banner.text()
        before = ticks[0]
        qtbot.waitUntil(lambda: ticks[0] >= before + 10, timeout=5000)  # events still flow
        assert window.case_page is None  # the call is still waiting for the lock
    finally:
        tx.rollback()
        conn.close()
        blocker.dispose()
    qtbot.waitUntil(lambda: window.case_page is not None, timeout=15000)
    wait_tasks(qtbot)
    assert window.case_page.case_id == row.id
    assert window.stack.currentWidget() is window.case_page
    qtbot.waitUntil(lambda: not window.slow_banner.isVisible(), timeout=5000)
    timer.stop()
    window.sign_out()
    wait_tasks(qtbot)
    db.dispose()


def test_a_local_database_has_no_server_watch(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.server_watch is None and services.ws.offline.store is None
    window.server_unavailable()  # harmless on a local file
    assert not window.server_banner.isVisible()


def test_server_unavailable_shows_the_banner_at_once(qtbot, services, monkeypatch):
    """A screen's ServerUnavailableError shows the banner before the probe has answered."""
    from ui.preferences.server_health import ServerWatch

    window = MainWindow(services)
    qtbot.addWidget(window)
    watch = ServerWatch(services.ws, window.server_banner, window)
    window.server_watch = watch
    monkeypatch.setattr(watch, "check", lambda: None)  # the probe is not the point here
    window.server_unavailable()
    assert window.server_banner.text() == BANNER and not watch.reachable
