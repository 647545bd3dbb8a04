"""Removing a user's key and setting a new password, on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assessment_app import accounts
from assessment_app.db.models import AuditEvent, KeyWrap, User
from assessment_app.errors import (
    AccessDeniedError,
    AccountDisabledError,
    ValidationError,
    WrongPasswordError,
)
from assessment_app.server import users_admin
from tests.conftest import ADMIN_PW, WORKER_PW, World

NEW_PW = "brand-new-password-9"


def test_remove_then_reset_user(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Kvar Efter")
    admin = world.sign_in("admin", ADMIN_PW)
    with pytest.raises(AccessDeniedError):
        users_admin.remove_user(anna.ctx, "bo")
    with pytest.raises(AccessDeniedError):
        anna.admin.remove_user("bo")
    with pytest.raises(ValidationError):
        users_admin.remove_user(admin, "admin")

    users_admin.remove_user(admin, "anna")
    assert not users_admin.has_key(admin, "anna")
    with pytest.raises(AccountDisabledError):
        world.sign_in("anna")
    # Enabling alone does not let them in: the key is gone.
    accounts.set_user_active(admin, "anna", True)
    with pytest.raises(AccountDisabledError) as info:
        world.sign_in("anna")
    assert "nyckel" in info.value.user_message

    with pytest.raises(ValidationError):
        users_admin.reset_user(admin, "anna", "short")
    users_admin.reset_user(admin, "anna", NEW_PW)
    with pytest.raises(WrongPasswordError):
        world.sign_in("anna", WORKER_PW)
    again = world.workspace("anna", NEW_PW)
    assert again.admin.must_change_password  # set by the administrator: temporary
    again.admin.change_password(NEW_PW, "annas-own-password")
    assert again.cases.open(row.id).individual.name == "Kvar Efter"

    db = world.db()
    with db.sessions() as session:
        anna_id = session.execute(select(User.id).where(User.username == "anna")).scalar_one()
        wraps = session.execute(select(KeyWrap).where(KeyWrap.user_id == anna_id)).scalars().all()
        details = [
            e.detail
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.object_id == anna_id).order_by(AuditEvent.seq)
            ).scalars()
        ]
    db.dispose()
    assert len(wraps) == 1
    assert "removed: disabled, 1 key wrap(s) deleted" in details
    assert "password set by administrator; account enabled; temporary" in details
