"""Roles as the setup guide describes them, and the server going away mid-edit.

The server side really terminates the app's connections (pg_terminate_backend / KILL), and in
the second scenario also refuses new logins of the app role until it is 'back'.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.errors import ServerUnavailableError
from assessment_app.records import cases, drafts, plans
from assessment_app.server import health
from assessment_app.server.local_drafts import (
    PLAN_DRAFT_KIND,
    LocalDraftStore,
    plan_from_payload,
    save_plan_or_keep,
    sync_local_drafts,
)
from tests.conftest import ADMIN_PW, WORKER_PW
from tests.server.conftest import ON_SERVERS
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
    anna = accounts.sign_in(db, "anna", WORKER_PW)
    row = cases.create_case(anna, name="Roll Test")
    plan = plans.create_plan(anna, row.id, goals=[plans.Goal("housing", "Boende")])
    plans.save_plan(anna, plan.id, plan.version, goals=plan.goals, actions=[], follow_up_on=None)
    assert cases.open_case(anna, case_id=row.id).individual.name == "Roll Test"
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE sneaky (id INTEGER)"))
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_events"))
    db.dispose()


def _edit(anna: Any, plan: plans.PlanInfo, store: LocalDraftStore) -> Any:
    return save_plan_or_keep(
        anna,
        store,
        plan.id,
        plan.version,
        goals=plan.goals,
        actions=[plans.Action(TYPED, "individual", goal_id=plan.goals[0].id)],
        follow_up_on=None,
        note=TYPED,
        case_id=plan.case_id,
    )


def _resume(anna: Any, store: LocalDraftStore, plan_id: str, tmp_path: Path) -> None:
    """When the server is back: sync, then save the plan from the synced draft."""
    for path in tmp_path.rglob("*.draft"):
        assert TYPED.encode() not in path.read_bytes()  # encrypted on disk
    result = sync_local_drafts(anna, store)
    assert result.pushed == [(PLAN_DRAFT_KIND, plan_id)] and result.remaining == 0
    assert store.list() == ([], [])  # removed locally only after the server committed it
    synced = drafts.load_draft(anna, PLAN_DRAFT_KIND, plan_id)
    assert synced is not None
    kwargs = plan_from_payload(synced.payload)
    saved = plans.save_plan(anna, plan_id, **kwargs)
    assert saved.note == TYPED and [a.what for a in saved.actions] == [TYPED]


@ON_SERVERS
def test_connection_killed_during_save(app_url: str, admin: ServerAdmin, tmp_path: Path) -> None:
    db = Database.open(app_url)
    anna = accounts.sign_in(db, "anna", WORKER_PW)
    store = LocalDraftStore.for_context(anna, root=tmp_path)
    row = cases.create_case(anna, name="Mitt I Redigering")
    plan = plans.create_plan(anna, row.id, goals=[plans.Goal("occupation", "Jobb")])
    killed: list[int] = []

    def kill_once(*_args: object) -> None:
        if not killed:
            killed.append(admin.kill_connections())  # the server side ends the session now

    event.listen(db.engine, "before_cursor_execute", kill_once)
    outcome = _edit(anna, plan, store)
    event.remove(db.engine, "before_cursor_execute", kill_once)
    assert killed and killed[0] >= 1
    assert outcome.kept_locally and outcome.saved is None
    assert isinstance(outcome.error, ServerUnavailableError)
    assert "går inte att nå" in outcome.error.user_message
    kept = store.load(PLAN_DRAFT_KIND, plan.id)
    assert kept is not None and kept.payload["note"] == TYPED
    # The pool's pre-ping replaces the dead connection: the server is simply back.
    assert health.is_reachable(db)
    _resume(anna, store, plan.id, tmp_path)
    db.dispose()


@ON_SERVERS
def test_server_refuses_then_returns(app_url: str, admin: ServerAdmin, tmp_path: Path) -> None:
    db = Database.open(app_url)
    anna = accounts.sign_in(db, "anna", WORKER_PW)
    store = LocalDraftStore.for_context(anna, root=tmp_path)
    row = cases.create_case(anna, name="Server Borta")
    plan = plans.create_plan(anna, row.id, goals=[plans.Goal("occupation", "Jobb")])
    role = str(db.url.username)
    admin.lock(role, True)
    admin.kill_connections()
    try:
        assert not health.is_reachable(db, timeout=2)
        outcome = _edit(anna, plan, store)
        assert outcome.kept_locally
        with pytest.raises(ServerUnavailableError):
            health.check_reachable(db, timeout=2)
        # Sync while still away keeps everything local and says so.
        assert sync_local_drafts(anna, store).remaining == 1
        assert store.load(PLAN_DRAFT_KIND, plan.id) is not None
    finally:
        admin.lock(role, False)
    assert health.is_reachable(db)
    _resume(anna, store, plan.id, tmp_path)
    db.dispose()
