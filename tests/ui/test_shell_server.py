"""The main window's server banner on a real PostgreSQL database: the server side terminates
the app's connections and refuses new logins; the periodic probe (and a screen's report) shows
the banner; when the server is back the banner goes and the encrypted local drafts are pushed."""

from __future__ import annotations

import pytest

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.records import cases, drafts, plans
from assessment_app.server.local_drafts import PLAN_DRAFT_KIND, plan_payload
from tests.conftest import ADMIN_PW, WORKER_PW
from tests.server.server_admin import ServerAdmin
from ui.main_window import MainWindow
from ui.services import Services, StaticTemplates

BANNER = "Servern går inte att nå. Det du skriver sparas krypterat på datorn."


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


@pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
def test_banner_while_the_server_is_gone_then_sync(
    qtbot, app_url, admin, settings, template, tmp_path
):
    db = Database.open(app_url)
    anna = accounts.sign_in(db, "anna", WORKER_PW)
    row = cases.create_case(anna, name="Server Borta")
    plan = plans.create_plan(anna, row.id, goals=[plans.Goal("housing", "Boende")])
    window = MainWindow(
        Services(db, anna, settings, StaticTemplates(template)), drafts_root=tmp_path / "drafts"
    )
    qtbot.addWidget(window)
    window.show()
    watch = window.server_watch
    assert watch is not None
    window.after_sign_in(None)
    qtbot.waitUntil(lambda: window.local_drafts is not None)
    assert not window.server_banner.isVisible()

    role = str(db.url.username)
    admin.lock(role, True)  # new logins refused ...
    admin.kill_connections()  # ... and the open ones terminated from the server side
    try:
        watch.check()  # what the 15-second timer does
        qtbot.waitUntil(lambda: not watch.checking and not watch.reachable, timeout=15000)
        assert window.server_banner.isVisible() and window.server_banner.text() == BANNER
        # meanwhile a screen keeps the work on this computer (what the plan editor does)
        payload = plan_payload(plan.version, plan.goals, [], None, "", "Skrivet offline")
        window.local_drafts.save(PLAN_DRAFT_KIND, plan.id, payload, case_id=row.id)
        # a screen's report while already away changes nothing but probes again
        window.server_unavailable()
        qtbot.waitUntil(lambda: not watch.checking, timeout=15000)
        assert window.server_banner.text() == BANNER
        window.grab().save("/tmp/uicheck/server-gone.png")
    finally:
        admin.lock(role, False)

    with qtbot.waitSignal(watch.synced, timeout=15000) as synced:
        watch.check()
    result = synced.args[0]
    assert result.pushed == [(PLAN_DRAFT_KIND, plan.id)] and result.remaining == 0
    assert watch.reachable
    assert window.server_banner.kind == "success"
    assert "1 utkast från datorn sparades på servern" in window.server_banner.text()
    stored = drafts.load_draft(anna, PLAN_DRAFT_KIND, plan.id)
    assert stored is not None and stored.payload["note"] == "Skrivet offline"
    assert window.local_drafts.list() == ([], [])
    window.grab().save("/tmp/uicheck/server-back.png")
    window.sign_out()
    db.dispose()


def test_a_local_database_has_no_server_watch(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.server_watch is None and window.local_drafts is None
    window.server_unavailable()  # harmless on a local file
    assert not window.server_banner.isVisible()


def test_server_unavailable_shows_the_banner_at_once(qtbot, services, monkeypatch):
    """A screen's ServerUnavailableError shows the banner before the probe has answered."""
    from ui.preferences.server_health import ServerWatch

    window = MainWindow(services)
    qtbot.addWidget(window)
    watch = ServerWatch(services.ctx, window.server_banner, window)
    window.server_watch = watch
    monkeypatch.setattr(watch, "check", lambda: None)  # the probe is not the point here
    window.server_unavailable()
    assert window.server_banner.text() == BANNER and not watch.reachable
