"""Roles as the setup guide describes them, and the server going away mid-edit.

The server side really terminates the app's connections (pg_terminate_backend / KILL), and in
the second scenario also refuses new logins of the app role until it is 'back'.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.errors import ServerUnavailableError
from assessment_app.records import plans
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.server import health
from assessment_app.server.local_drafts import LocalDraftStore
from assessment_app.workspace import KeptLocally, NotKept, Saved, Workspace
from assessment_app.workspace.plans import DRAFT_KIND as PLAN_DRAFT_KIND
from tests.conftest import ADMIN_PW, WORKER_PW
from tests.server.conftest import ON_SERVERS
from tests.server.helpers import save_content, saved
from tests.server.server_admin import ServerAdmin

TYPED = "Ringa Arbetsförmedlingen på måndag – viktigt!"


@pytest.fixture
def admin(server_database: str) -> Iterator[ServerAdmin]:
    a = ServerAdmin(server_database)
    yield a
    a.close()


@pytest.fixture
def app_url(admin: ServerAdmin) -> str:
    """The database set up by the owner role; the app connects with the DML-only role."""
    owner_url, app_url = admin.make_roles()
    db = Database.create(owner_url)
    accounts.initialise(db, "admin", ADMIN_PW, unit_name="Enhet Nord")
    ctx = accounts.sign_in(db, "admin", ADMIN_PW)
    accounts.add_user(ctx, "anna", WORKER_PW, "caseworker", unit="Enhet Nord")
    db.dispose()
    return app_url


@ON_SERVERS
def test_app_role_has_only_dml_and_the_app_works(app_url: str) -> None:
    db = Database.open(app_url)
    anna = Workspace(accounts.sign_in(db, "anna", WORKER_PW))
    row = anna.cases.create(name="Roll Test")
    plan = anna.plans.create(row.id)
    save_content(anna, plan, PlanContent([plans.Goal("housing", "Boende")], []))
    assert anna.cases.open(row.id).individual.name == "Roll Test"
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE sneaky (id INTEGER)"))
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_events"))
    db.dispose()


def _workspace(db: Database, tmp_path: Path) -> tuple[Workspace, LocalDraftStore]:
    """anna's workspace with its local store, set up at sign-in while the server answers."""
    ws = Workspace(accounts.sign_in(db, "anna", WORKER_PW))
    store = ws.offline.prepare(root=tmp_path)
    assert store is not None and ws.offline.enabled
    return ws, store


def _plan(ws: Workspace, name: str) -> plans.PlanInfo:
    row = ws.cases.create(name=name)
    plan = ws.plans.create(row.id)
    return save_content(ws, plan, PlanContent([plans.Goal("occupation", "Jobb")], []))


def _edit(plan: plans.PlanInfo) -> PlanEdit:
    action = plans.Action(TYPED, "individual", goal_id=plan.goals[0].id)
    return PlanEdit(plan, PlanContent(plan.goals, [action], None, note=TYPED))


def _check_kept(outcome: object, store: LocalDraftStore, plan: plans.PlanInfo) -> None:
    assert isinstance(outcome, KeptLocally)
    assert isinstance(outcome.reason, ServerUnavailableError)
    # The connection-loss message says what happened; that the work was kept is the
    # workspace's to say, because only it knows.
    assert "går inte att nå" in outcome.reason.user_message
    assert "den här datorn" not in outcome.reason.user_message
    assert "sparat krypterat på den här datorn" in outcome.message("sv")
    assert "kept encrypted on this computer" in outcome.message("en")
    kept = store.load(PLAN_DRAFT_KIND, plan.id)
    assert kept is not None
    assert kept.case_id == plan.case_id
    assert kept.payload["base_version"] == plan.version
    assert kept.payload["content"]["note"] == TYPED


def _resume(ws: Workspace, store: LocalDraftStore, plan: plans.PlanInfo, tmp_path: Path) -> None:
    """When the server is back: sync, then save the plan from the synced draft."""
    for path in tmp_path.rglob("*.draft"):
        assert TYPED.encode() not in path.read_bytes()  # encrypted on disk
    result = ws.offline.sync()
    assert result.pushed == [(PLAN_DRAFT_KIND, plan.id)] and result.remaining == 0
    assert store.list() == ([], [])  # removed locally only after the server committed it
    assert not ws.offline.offline  # saves go to the server again
    opened = ws.plans.open_editor(plan.id)
    synced = opened.draft
    assert synced is not None and opened.local is None
    assert synced.payload.base_version == opened.plan.version == plan.version
    content = PlanContent.from_json(synced.payload.content)
    stored = saved(ws.plans.save(PlanEdit(opened.plan, content)))
    assert stored.note == TYPED and [a.what for a in stored.actions] == [TYPED]
    assert ws.plans.open_editor(plan.id).draft is None  # the save replaced the draft


@ON_SERVERS
def test_connection_killed_during_save(app_url: str, admin: ServerAdmin, tmp_path: Path) -> None:
    """The server ends the session in the middle of a save: the server still answers, so the
    use case runs once more on a fresh connection and the save goes through, once."""
    db = Database.open(app_url)
    anna, _store = _workspace(db, tmp_path)
    plan = _plan(anna, "Mitt I Redigering")
    killed: list[int] = []

    def kill_once(*_args: object) -> None:
        if not killed:
            killed.append(admin.kill_connections())  # the server side ends the session now

    event.listen(db.engine, "before_cursor_execute", kill_once)
    outcome = anna.plans.save(_edit(plan))
    event.remove(db.engine, "before_cursor_execute", kill_once)
    assert killed and killed[0] >= 1
    assert isinstance(outcome, Saved)
    stored = anna.plans.get(plan.id)
    assert stored.version == outcome.value.version == plan.version + 1  # saved exactly once
    assert not anna.offline.offline
    db.dispose()


@ON_SERVERS
def test_connection_killed_on_every_try(app_url: str, admin: ServerAdmin, tmp_path: Path) -> None:
    """Killed again on the second try too: the work is kept on this computer, nothing is
    half-saved, and it is offered when the plan is opened again."""
    db = Database.open(app_url)
    anna, store = _workspace(db, tmp_path)
    plan = _plan(anna, "Mitt I Redigering")
    kills: list[int] = []

    def kill_each_transaction(_conn: object, _cursor: object, statement: str, *_a: object) -> None:
        if len(kills) < 2 and statement.lstrip().upper().startswith("SELECT"):
            kills.append(admin.kill_connections())

    event.listen(db.engine, "before_cursor_execute", kill_each_transaction)
    outcome = anna.plans.save(_edit(plan))
    event.remove(db.engine, "before_cursor_execute", kill_each_transaction)
    assert len(kills) == 2
    _check_kept(outcome, store, plan)
    assert anna.plans.get(plan.id).version == plan.version  # nothing half-saved
    assert anna.offline.offline and anna.offline.has_pending()
    assert anna.plans.open_editor(plan.id).local is not None  # offered when opened again
    assert health.is_reachable(db)
    _resume(anna, store, plan, tmp_path)
    db.dispose()


@ON_SERVERS
def test_server_refuses_then_returns(app_url: str, admin: ServerAdmin, tmp_path: Path) -> None:
    db = Database.open(app_url)
    anna, store = _workspace(db, tmp_path)
    no_store = Workspace(anna.ctx)  # a workspace with nowhere to keep work locally
    plan = _plan(anna, "Server Borta")
    role = str(db.url.username)
    admin.lock(role, True)
    admin.kill_connections()
    try:
        assert not health.is_reachable(db, timeout=2)
        outcome = anna.plans.save(_edit(plan))
        _check_kept(outcome, store, plan)
        with pytest.raises(ServerUnavailableError):
            health.check_reachable(db, timeout=2)
        # Sync while still away keeps everything local and says so.
        away = anna.offline.sync()
        assert away.remaining == 1 and away.pushed == [] and not away.done
        assert anna.offline.offline
        assert store.load(PLAN_DRAFT_KIND, plan.id) is not None
        # Without a local store nothing is kept: the screen keeps the work in memory.
        lost = no_store.plans.save(_edit(plan))
        assert isinstance(lost, NotKept) and isinstance(lost.reason, ServerUnavailableError)
    finally:
        admin.lock(role, False)
    assert health.is_reachable(db)
    _resume(anna, store, plan, tmp_path)
    db.dispose()


@pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
def test_the_command_line_does_not_claim_work_was_kept(app_url: str, admin: ServerAdmin) -> None:
    """After the connection is lost (the server ends it and refuses new ones), the command line
    says the server cannot be reached and that nothing was kept, never "kept on this
    computer" (issue 17, point 7)."""
    import os
    import subprocess
    import sys

    role = str(Database.open(app_url).url.username)
    admin.lock(role, True)
    admin.kill_connections()
    env = {
        **os.environ,
        "ASSESSMENT_PASSWORD": WORKER_PW,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    try:
        for lang in ("en", "sv"):
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "assessment_app",
                    "--database",
                    app_url,
                    "--user",
                    "anna",
                    "--lang",
                    lang,
                    "case",
                    "create",
                    "--name",
                    "Borta Server",
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert run.returncode != 0
            err = run.stderr
            assert "Traceback" not in err
            if lang == "en":
                assert "reach" in err.lower() and "nothing was kept on this computer" in err
                assert "is kept encrypted on this computer" not in err
            else:
                assert "nå" in err and "inget sparades på den här datorn" in err
                assert "är sparat krypterat" not in err
    finally:
        admin.lock(role, False)
