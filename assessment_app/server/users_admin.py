"""Removing a user's key and giving a user a new password, by an administrator.

Removing a user deletes their key wrap (their password no longer unlocks the master key) and
disables the account, in one audited transaction. Enabling such an account is not enough to
let them in again: an administrator who is signed in (and so holds the master key) sets a new
password with :func:`reset_user`, which wraps the master key for that password.

Removal alone does not replace the master key: a copy of the removed user's key wrap (an old
dump) still opens it. ``remove_user(..., rotate=True)`` (``user remove --rotate``) also replaces
the master key and every key under it (``keys_admin.rotate_master_key``), after which such a copy
opens nothing in the database. A session that is open right now keeps the keys it unlocked, but
after a rotation it can write nothing (its keys no longer fit the audit head).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_app import audit
from assessment_app.accounts import validate_password, wrap_for_user
from assessment_app.context import Context
from assessment_app.db.models import KeyWrap, User
from assessment_app.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from assessment_app.keys_admin import MasterRotationResult


def _user(session: Session, username: str) -> User:
    user = session.execute(
        select(User).where(User.username == username.strip())
    ).scalar_one_or_none()
    if user is None:
        raise NotFoundError(
            f"No user named {username!r}.", f"Det finns ingen användare som heter {username!r}."
        )
    return user


def _password_wraps(session: Session, user_id: str) -> list[KeyWrap]:
    return list(
        session.execute(
            select(KeyWrap).where(KeyWrap.user_id == user_id, KeyWrap.purpose == "password")
        ).scalars()
    )


def has_key(ctx: Context, username: str) -> bool:
    """Whether the user's password can unlock the database (they have a key wrap)."""
    ctx.require_role("administrator")
    with ctx.transaction() as session:
        return bool(_password_wraps(session, _user(session, username).id))


def remove_user(
    ctx: Context,
    username: str,
    *,
    rotate: bool = False,
    new_recovery_key: bool | None = None,
) -> MasterRotationResult | None:
    """Delete the user's key wrap and disable the account (audited). Their records stay.

    ``rotate``: also replace the master key and every key under it (see
    :func:`assessment_app.keys_admin.rotate_master_key`); returns what the rotation did.
    ``new_recovery_key`` (with ``rotate``): a new recovery key too; None: when the removed
    user is an administrator."""
    ctx.require_role("administrator")
    if rotate:
        from assessment_app.keys_admin import rotate_master_key

        return rotate_master_key(ctx, username, new_recovery_key=new_recovery_key)
    with ctx.transaction() as session:
        remove_in(ctx, session, _user(session, username))
    return None


def remove_in(ctx: Context, session: Session, user: User) -> None:
    """The removal itself, in the caller's transaction."""
    if user.id == ctx.user_id:
        raise ValidationError(
            "You cannot remove your own account.", "Du kan inte ta bort ditt eget konto."
        )
    wraps = _password_wraps(session, user.id)
    for wrap in wraps:
        session.delete(wrap)
    user.active = False
    user.updated_by = ctx.user_id
    session.flush()
    ctx.audit(
        session,
        audit.USER_CHANGE,
        object_type="user",
        object_id=user.id,
        detail=f"removed: disabled, {len(wraps)} key wrap(s) deleted",
    )


def reset_user(ctx: Context, username: str, new_password: str) -> None:
    """Set a new password for a user and enable the account (audited).

    The master key is wrapped again from the administrator's own unlocked keys, so this works
    for a removed user too. The old wrap, if any, is deleted: the old password stops working.
    """
    ctx.require_role("administrator")
    validate_password(new_password)
    with ctx.transaction() as session:
        user = _user(session, username)
        for wrap in _password_wraps(session, user.id):
            session.delete(wrap)
        session.flush()
        wrap_for_user(session, ctx.keys.master_key, user.id, new_password)
        user.active = True
        user.failed_attempts = 0
        user.locked_until = None
        user.must_change_password = True  # chosen by the administrator: temporary
        user.updated_by = ctx.user_id
        session.flush()
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="user",
            object_id=user.id,
            detail="password set by administrator; account enabled; temporary",
        )
