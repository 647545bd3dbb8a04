"""Temporary passwords and changing one's own password (issue 12, point 8).

A password an administrator chooses (adding a user, or setting a new password) is temporary:
the user signs in, but every use case except the change refuses until they pick their own.
The change checks the old password, wraps the master key again (the old password stops
working, the records stay readable) and is audited.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assessment_app import accounts
from assessment_app.db.models import AuditEvent, KeyWrap, User
from assessment_app.errors import (
    PasswordChangeRequiredError,
    ValidationError,
    WrongPasswordError,
)
from assessment_app.records.cases import CaseQuery
from assessment_app.server import users_admin
from tests.conftest import ADMIN_PW, WORKER_PW, World

TEMP_PW = "temporary-pw-1"
OWN_PW = "my-own-password-2"


def _wraps(world: World, username: str) -> list[KeyWrap]:
    db = world.db()
    with db.sessions() as session:
        user_id = session.execute(select(User.id).where(User.username == username)).scalar_one()
        wraps = list(
            session.execute(
                select(KeyWrap).where(KeyWrap.user_id == user_id, KeyWrap.purpose == "password")
            ).scalars()
        )
    db.dispose()
    return wraps


def _audit_details(world: World) -> list[tuple[str, str | None]]:
    db = world.db()
    with db.sessions() as session:
        rows = [(e.action, e.detail) for e in session.execute(select(AuditEvent)).scalars()]
    db.dispose()
    return rows


def test_added_user_must_change_the_temporary_password_first(world: World) -> None:
    admin = world.workspace("admin", ADMIN_PW)
    info = admin.admin.add_user("nina", TEMP_PW, "caseworker", unit="Enhet Nord")
    assert info.must_change_password
    listed = {u.username: u for u in admin.admin.list_users()}
    assert listed["nina"].must_change_password and not listed["anna"].must_change_password

    nina = world.workspace("nina", TEMP_PW)
    assert nina.admin.must_change_password
    with pytest.raises(PasswordChangeRequiredError) as refused:
        nina.cases.count(CaseQuery())
    assert "tillfälligt lösenord" in refused.value.user_message
    with pytest.raises(PasswordChangeRequiredError):
        nina.admin.my_contact()

    old_wrap = _wraps(world, "nina")[0].id
    nina.admin.change_password(TEMP_PW, OWN_PW)
    assert not nina.admin.must_change_password
    assert nina.cases.count(CaseQuery()) == 0  # the same session goes on
    new_wraps = _wraps(world, "nina")
    assert len(new_wraps) == 1 and new_wraps[0].id != old_wrap  # the wrap is made again

    with pytest.raises(WrongPasswordError):
        world.sign_in("nina", TEMP_PW)  # the temporary password stops working
    again = world.workspace("nina", OWN_PW)
    assert not again.admin.must_change_password and again.cases.count(CaseQuery()) == 0
    details = [d for a, d in _audit_details(world) if a == "key"]
    assert "password changed by the user; temporary password replaced" in details


def test_the_new_password_still_opens_what_others_wrote(world: World) -> None:
    chef = world.workspace("chef")
    row = chef.cases.create(name="Åsa Öberg")
    chef.admin.change_password(WORKER_PW, OWN_PW)  # not temporary: may change it any time
    assert world.workspace("chef", OWN_PW).cases.open(row.id).individual.name == "Åsa Öberg"
    with pytest.raises(WrongPasswordError):
        world.sign_in("chef", WORKER_PW)


def test_wrong_old_password_is_said_and_changes_nothing(world: World) -> None:
    anna = world.workspace("anna")
    before = _wraps(world, "anna")[0].id
    with pytest.raises(WrongPasswordError) as wrong:
        anna.admin.change_password("not-my-password", OWN_PW)
    assert (
        wrong.value.user_message == "Det nuvarande lösenordet är fel; lösenordet har inte ändrats."
    )
    assert _wraps(world, "anna")[0].id == before
    assert world.sign_in("anna", WORKER_PW).username == "anna"
    failed = [d for a, d in _audit_details(world) if a == "login.failed"]
    assert "wrong password" in failed  # counted like a failed sign-in


@pytest.mark.parametrize(
    ("new", "message"),
    [("kort", "minst 10 tecken"), (WORKER_PW, "skilja sig från det nuvarande")],
)
def test_a_refused_new_password_says_why(sqlite_world: World, new: str, message: str) -> None:
    anna = sqlite_world.workspace("anna")
    with pytest.raises(ValidationError) as refused:
        anna.admin.change_password(WORKER_PW, new)
    assert message in refused.value.user_message
    assert sqlite_world.sign_in("anna", WORKER_PW).username == "anna"


def test_a_password_set_by_the_administrator_is_temporary(world: World) -> None:
    admin = world.sign_in("admin", ADMIN_PW)
    users_admin.reset_user(admin, "bo", TEMP_PW)
    bo = world.workspace("bo", TEMP_PW)
    with pytest.raises(PasswordChangeRequiredError):
        bo.cases.count(CaseQuery())
    bo.admin.change_password(TEMP_PW, OWN_PW)
    assert bo.cases.count(CaseQuery()) == 0


def test_users_made_before_the_flag_existed_are_not_forced(world: World) -> None:
    # accounts.add_user without ``temporary`` (demo, set-up, old rows after the migration)
    admin = world.sign_in("admin", ADMIN_PW)
    accounts.add_user(admin, "gammal", TEMP_PW, "caseworker", unit="Enhet Nord")
    assert not world.sign_in("gammal", TEMP_PW).must_change_password
