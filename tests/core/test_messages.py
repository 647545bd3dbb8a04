"""Each message says what really happened (issue 17, point 7): a damaged key wrap is not a
wrong password and never locks the account; after a lost server connection the command line
says "kept on this computer" only when something was kept."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from assessment_app import accounts
from assessment_app.db.models import AuditEvent, KeyWrap, User
from assessment_app.errors import DamagedKeyWrapError, WrongPasswordError
from tests.conftest import WORKER_PW, World


def _wrap(world: World, username: str) -> KeyWrap:
    with world.db().session() as session:
        user_id = session.execute(select(User.id).where(User.username == username)).scalar_one()
        wrap = session.execute(
            select(KeyWrap).where(KeyWrap.user_id == user_id, KeyWrap.purpose == "password")
        ).scalar_one()
        session.expunge(wrap)
        return wrap


def _failures(world: World, username: str) -> int:
    with world.db().session() as session:
        return int(
            session.execute(
                select(User.failed_attempts).where(User.username == username)
            ).scalar_one()
        )


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_damaged_key_wrap_is_not_a_wrong_password(db_url: str) -> None:
    from tests.conftest import make_world

    world = make_world(db_url)
    assert "check" in json.loads(_wrap(world, "anna").kdf)  # every new wrap has a check value
    wrap = _wrap(world, "anna")
    bad = bytearray(wrap.wrapped)
    bad[20] ^= 0x01
    with world.db().session() as session:
        session.execute(update(KeyWrap).where(KeyWrap.id == wrap.id).values(wrapped=bytes(bad)))
    policy = accounts.LoginPolicy(slow_after=1, lock_after=2, sleep=lambda _s: None)
    for _ in range(4):  # more than the lockout allows
        with pytest.raises(DamagedKeyWrapError) as info:
            accounts.sign_in(world.db(), "anna", WORKER_PW, policy=policy)
        assert "wrong user name or password" not in info.value.message_en.lower()
        assert "fel användarnamn" not in info.value.user_message.lower()
        assert "damaged" in info.value.message_en and "skadad" in info.value.user_message
    assert _failures(world, "anna") == 0  # never counted towards the lockout
    # A wrong password is still a wrong password, and counts.
    with pytest.raises(WrongPasswordError):
        accounts.sign_in(world.db(), "anna", "not-the-password-1", policy=policy)
    assert _failures(world, "anna") == 1
    with world.db().session() as session:
        details = (
            session.execute(select(AuditEvent.detail).where(AuditEvent.action == "login.failed"))
            .scalars()
            .all()
        )
    assert details.count("key wrap damaged") == 4


def test_a_wrap_from_before_check_values_gets_one_at_sign_in(sqlite_world: World) -> None:
    wrap = _wrap(sqlite_world, "bo")
    old = json.loads(wrap.kdf)
    old.pop("check")
    with sqlite_world.db().session() as session:
        session.execute(update(KeyWrap).where(KeyWrap.id == wrap.id).values(kdf=json.dumps(old)))
    sqlite_world.sign_in("bo")  # the old wrap still opens
    assert "check" in json.loads(_wrap(sqlite_world, "bo").kdf)
    sqlite_world.sign_in("bo")
    with pytest.raises(WrongPasswordError):
        sqlite_world.sign_in("bo", "not-the-password-1")
