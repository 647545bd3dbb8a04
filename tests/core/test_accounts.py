from __future__ import annotations

import pytest
from sqlalchemy import select

from assessment_app import accounts
from assessment_app.db.models import AuditEvent, KeyWrap
from assessment_app.errors import (
    AccessDeniedError,
    AccountDisabledError,
    AccountLockedError,
    ValidationError,
    WrongPasswordError,
    WrongRecoveryKeyError,
)
from tests.conftest import ADMIN_PW, WORKER_PW, World


def test_sign_in_roles(world: World) -> None:
    assert world.sign_in("admin", ADMIN_PW).role == "administrator"
    assert world.sign_in("anna").role == "caseworker"
    assert world.sign_in("chef").role == "supervisor"


def test_unknown_user_and_wrong_password_give_the_same_message(sqlite_world: World) -> None:
    db = sqlite_world.db()
    with pytest.raises(WrongPasswordError) as a:
        accounts.sign_in(db, "nobody", "whatever-password")
    with pytest.raises(WrongPasswordError) as b:
        accounts.sign_in(db, "anna", "whatever-password")
    assert a.value.user_message == b.value.user_message == "Fel användarnamn eller lösenord."


def test_failures_slow_down_then_lock(world: World) -> None:
    delays: list[float] = []
    policy = accounts.LoginPolicy(slow_after=2, lock_after=4, sleep=delays.append)
    db = world.db()
    for _ in range(4):
        with pytest.raises(WrongPasswordError):
            accounts.sign_in(db, "anna", "wrong-password", policy=policy)
    assert delays == [1.0, 2.0]  # third and fourth attempts were slowed
    with pytest.raises(AccountLockedError) as info:
        accounts.sign_in(db, "anna", WORKER_PW, policy=policy)  # even the right password
    assert "låst" in info.value.user_message
    with db.sessions() as session:
        actions = [e.action for e in session.execute(select(AuditEvent)).scalars()]
    assert actions.count("login.failed") == 4 and "login.locked" in actions
    db.dispose()


def test_disabled_user_cannot_sign_in_and_can_be_re_enabled(world: World) -> None:
    admin = world.sign_in("admin", ADMIN_PW)
    accounts.set_user_active(admin, "bo", False)
    with pytest.raises(AccountDisabledError):
        world.sign_in("bo")
    accounts.set_user_active(admin, "bo", True)
    assert world.sign_in("bo").username == "bo"


def test_new_user_reads_what_others_wrote(world: World) -> None:
    chef = world.workspace("chef")
    row = chef.cases.create(name="Åsa Öberg")
    admin = world.sign_in("admin", ADMIN_PW)
    accounts.add_user(admin, "ny.chef", "another-password", "supervisor", unit="Enhet Nord")
    other = world.workspace("ny.chef", "another-password")
    assert other.cases.open(row.id).individual.name == "Åsa Öberg"


def test_only_admins_manage_users(world: World) -> None:
    anna = world.sign_in("anna")
    with pytest.raises(AccessDeniedError):
        accounts.add_user(anna, "x", "long-enough-pw", "caseworker")
    admin = world.sign_in("admin", ADMIN_PW)
    with pytest.raises(ValidationError):
        accounts.add_user(admin, "anna", "long-enough-pw", "caseworker")  # exists
    with pytest.raises(ValidationError):
        accounts.add_user(admin, "kort", "short", "caseworker")
    with pytest.raises(ValidationError):
        accounts.add_user(admin, "rollös", "long-enough-pw", "king")


def test_password_change_and_recovery(sqlite_world: World) -> None:
    anna = sqlite_world.sign_in("anna")
    accounts.change_password(anna, WORKER_PW, "a-new-password")
    with pytest.raises(WrongPasswordError):
        sqlite_world.sign_in("anna", WORKER_PW)
    db = sqlite_world.db()
    with pytest.raises(WrongRecoveryKeyError):
        accounts.reset_password_with_recovery(db, "AAAA-" * 7 + "AAAA", "anna", "recovered-pw-1")
    accounts.reset_password_with_recovery(db, sqlite_world.recovery_key, "anna", "recovered-pw-1")
    assert sqlite_world.sign_in("anna", "recovered-pw-1").username == "anna"
    with db.sessions() as session:
        wraps = session.execute(select(KeyWrap).where(KeyWrap.purpose == "password")).scalars()
        assert len({w.user_id for w in wraps}) == 5  # one password wrap per user
    db.dispose()


def test_verify_password_keeps_the_session_and_counts_failures(sqlite_world: World) -> None:
    delays: list[float] = []
    policy = accounts.LoginPolicy(slow_after=1, lock_after=3, sleep=delays.append)
    anna = sqlite_world.sign_in("anna")
    accounts.verify_password(anna, WORKER_PW, policy=policy)
    for _ in range(3):
        with pytest.raises(WrongPasswordError):
            accounts.verify_password(anna, "wrong-password", policy=policy)
    assert delays == [1.0, 2.0]
    with pytest.raises(AccountLockedError):
        accounts.verify_password(anna, WORKER_PW, policy=policy)
    db = sqlite_world.db()
    with db.sessions() as session:
        actions = [e.action for e in session.execute(select(AuditEvent)).scalars()]
    # the admin's sign-in during set-up, anna's one sign-in; the checks made no new login
    assert actions.count("unlock") == 1 and actions.count("login") == 2
    db.dispose()


def test_display_name_for_print(world: World) -> None:
    admin = world.sign_in("admin", ADMIN_PW)
    accounts.add_user(admin, "eva", "long-enough-pw", "caseworker", display_name="Eva Ek")
    assert accounts.display_name(admin, "eva") == "Eva Ek"
    assert accounts.display_name(admin, "anna") == "anna"
    assert accounts.display_name(admin, None) == ""
