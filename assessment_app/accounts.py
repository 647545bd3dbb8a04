"""Accounts: creating the database, signing in, users and units, and key operations."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from assessment_app import __version__, audit
from assessment_app.context import ROLES, Context, UnlockedKeys, load_keys
from assessment_app.crypto import kdf
from assessment_app.crypto import keys as keymod
from assessment_app.db.engine import Database
from assessment_app.db.models import DataKey, KeyRotation, KeyWrap, Meta, Unit, User
from assessment_app.db.types import new_id, utcnow
from assessment_app.errors import (
    AccountDisabledError,
    AccountLockedError,
    DamagedKeyWrapError,
    IntegrityError,
    KeyRotationRunningError,
    KeysChangedError,
    KeySubstitutionError,
    NotFoundError,
    ValidationError,
    WrongPasswordError,
    WrongRecoveryKeyError,
)

log = logging.getLogger(__name__)

__all__ = ["ROLES", "LoginPolicy", "UserInfo", "add_user", "initialise", "sign_in"]

MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class LoginPolicy:
    """Repeated failures first slow down, then lock the account for a while."""

    slow_after: int = 3
    lock_after: int = 6
    lock_minutes: int = 15
    max_delay_s: float = 8.0
    sleep: Callable[[float], None] = time.sleep

    def delay_for(self, failures: int) -> float:
        if failures < self.slow_after:
            return 0.0
        return float(min(self.max_delay_s, 2 ** (failures - self.slow_after)))


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str | None
    role: str
    unit: str | None
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    must_change_password: bool = False


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"The password must have at least {MIN_PASSWORD_LENGTH} characters.",
            f"Lösenordet måste ha minst {MIN_PASSWORD_LENGTH} tecken.",
        )


def validate_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(
            f"Unknown role {role!r}; use one of {', '.join(ROLES)}.",
            f"Okänd roll {role!r}; använd någon av {', '.join(ROLES)}.",
        )


def validate_username(username: str) -> str:
    username = username.strip()
    if not (2 <= len(username) <= 64) or any(c.isspace() for c in username):
        raise ValidationError(
            "A user name has 2–64 characters and no spaces.",
            "Ett användarnamn har 2–64 tecken och inga mellanslag.",
        )
    return username


def _add_subkey(session: Session, master_key: bytes, purpose: str, status: str = "active") -> None:
    key_id = keymod.new_key_id().hex()
    wrapped = keymod.wrap_subkey(master_key, purpose, key_id, keymod.random_key())
    session.add(DataKey(id=key_id, purpose=purpose, status=status, wrapped=wrapped))


def initialise(
    db: Database, admin_username: str, admin_password: str, *, unit_name: str | None = None
) -> str:
    """Set up keys, the first administrator and the audit trail. Returns the recovery key."""
    admin_username = validate_username(admin_username)
    validate_password(admin_password)
    master_key = keymod.random_key()
    recovery_raw = keymod.new_recovery_key()
    with db.session() as session:
        session.add_all(
            [
                Meta(key="database_id", value=new_id()),
                Meta(key="created_at", value=utcnow().isoformat()),
                Meta(key="created_by_app", value=__version__),
            ]
        )
        for purpose in ("data", "index", "audit"):
            _add_subkey(session, master_key, purpose)
        session.flush()
        unlocked = load_keys(session, master_key)
        audit.init_head(session, unlocked.audit_key)
        unit_id = None
        if unit_name:
            unit = Unit(name=unit_name.strip())
            session.add(unit)
            session.flush()
            unit_id = unit.id
        admin = User(username=admin_username, role="administrator", unit_id=unit_id)
        session.add(admin)
        session.flush()
        _wrap_for_user(session, master_key, admin.id, admin_password)
        add_recovery_wrap(session, master_key, recovery_raw)
        audit.append(
            session,
            unlocked.audit_key,
            audit.KEY_OPERATION,
            user_id=admin.id,
            object_type="database",
            detail="initialised",
        )
        audit.append(
            session,
            unlocked.audit_key,
            audit.USER_CHANGE,
            user_id=admin.id,
            object_type="user",
            object_id=admin.id,
            detail="created role=administrator",
        )
    return keymod.format_recovery_key(recovery_raw)


def _wrap_for_user(session: Session, master_key: bytes, user_id: str, password: str) -> None:
    wrap_for_user(session, master_key, user_id, password)


def wrap_for_user(session: Session, master_key: bytes, user_id: str, password: str) -> None:
    """A new password wrap of the master key for the user, with its key pair."""
    wrap_id = new_id()
    _add_wrap(session, wrap_id, user_id, keymod.new_password_wrap(master_key, password, wrap_id))


def add_recovery_wrap(session: Session, master_key: bytes, raw: bytes) -> None:
    """The recovery wrap of the master key for the recovery key ``raw``, with its key pair."""
    wrap_id = new_id()
    _add_wrap(session, wrap_id, None, keymod.new_recovery_wrap(master_key, raw, wrap_id))


def _add_wrap(session: Session, wrap_id: str, user_id: str | None, new: keymod.NewWrap) -> None:
    session.add(
        KeyWrap(
            id=wrap_id,
            user_id=user_id,
            purpose="recovery" if user_id is None else "password",
            kdf=new.kdf,
            wrapped=new.wrapped,
            public_key=new.public_key,
            private_sealed=new.private_enc,
        )
    )


def rotation_running(session: Session) -> bool:
    """Whether a master-key rotation was started and not finished (see keys_admin)."""
    return (
        session.execute(
            select(KeyRotation.id).where(KeyRotation.status == "running").limit(1)
        ).first()
        is not None
    )


def _open_password_wrap(password: str, wrap: KeyWrap) -> keymod.OpenedWrap:
    return keymod.open_password_wrap(
        password,
        wrap.kdf,
        wrap.wrapped,
        wrap.id,
        public_key=wrap.public_key,
        private_enc=wrap.private_sealed,
        sealed_master=wrap.sealed_master,
    )


def _store_opened(session: Session, wrap_id: str, opened: keymod.OpenedWrap) -> None:
    """What opening a wrap found to store: a check value, a new key pair, the new master key
    wrapped under the password (or recovery key) in place of the sealed one."""
    changes = opened.changes()
    if "private_enc" in changes:
        changes["private_sealed"] = changes.pop("private_enc")
    if changes:
        session.execute(
            update(KeyWrap)
            .where(KeyWrap.id == wrap_id)
            .values(changes)
            .execution_options(synchronize_session=False)
        )


class _KeysReplaced(Exception):
    """Sign-in: the keys were replaced between opening the wrap and loading the keys."""

    def __init__(self, running: bool) -> None:
        super().__init__("keys replaced during sign-in")
        self.running = running


def _wrap_changed(session: Session, opened: KeyWrap) -> bool:
    """Whether the wrap row is no longer the one that was opened (a rotation replaced it)."""
    now = session.execute(
        select(KeyWrap.wrapped, KeyWrap.sealed_master).where(KeyWrap.id == opened.id)
    ).first()
    if now is None:
        return True
    return (bytes(now[0] or b""), now[1] and bytes(now[1])) != (
        bytes(opened.wrapped or b""),
        opened.sealed_master and bytes(opened.sealed_master),
    )


def _wrong_password() -> WrongPasswordError:
    return WrongPasswordError("Wrong user name or password.", "Fel användarnamn eller lösenord.")


def sign_in(
    db: Database, username: str, password: str, *, policy: LoginPolicy | None = None
) -> Context:
    policy = policy or LoginPolicy()
    now = utcnow()
    with db.session() as session:
        user = session.execute(
            select(User).where(User.username == username.strip())
        ).scalar_one_or_none()
        if user is None:
            # Spend the same effort as a real check so user names cannot be probed by timing.
            kdf.derive(password, kdf.new_params())
            audit.append(session, None, audit.LOGIN_FAILED, detail="unknown user")
    if user is None:
        raise _wrong_password()
    if not user.active:
        _audit_sign_in(db, audit.LOGIN_FAILED, user.id, "account disabled")
        raise AccountDisabledError(
            "This account is disabled. Ask an administrator.",
            "Kontot är avstängt. Kontakta en administratör.",
        )
    if user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        _audit_sign_in(db, audit.LOGIN_LOCKED, user.id)
        raise AccountLockedError(
            f"Too many failed attempts: the account is locked for about {minutes} more minutes.",
            f"För många misslyckade försök: kontot är låst i ungefär {minutes} minuter till.",
        )
    delay = policy.delay_for(user.failed_attempts)
    if delay:
        policy.sleep(delay)
    with db.sessions() as session:
        wrap = session.execute(
            select(KeyWrap).where(KeyWrap.user_id == user.id, KeyWrap.purpose == "password")
        ).scalar_one_or_none()
    if wrap is None:
        raise AccountDisabledError(
            "This account has no key; an administrator must set a new password.",
            "Kontot saknar nyckel; en administratör behöver sätta ett nytt lösenord.",
        )
    try:
        opened = _open_password_wrap(password, wrap)
    except WrongPasswordError:
        _record_failure(db, user.id, policy)
        raise _wrong_password() from None
    except KeySubstitutionError:
        # The public key was swapped before a rotation: someone may hold the new master key.
        log.warning("sign-in: the master key was sealed to a substituted public key")
        _audit_sign_in(db, audit.LOGIN_FAILED, user.id, "possible key substitution")
        raise
    except DamagedKeyWrapError:
        # Damage, not a guess: audited, never counted towards the lockout.
        _audit_sign_in(db, audit.LOGIN_FAILED, user.id, "key wrap damaged")
        raise
    if user.role != "administrator":
        with db.sessions() as session:
            running = rotation_running(session)
        if running:
            _audit_sign_in(db, audit.LOGIN_FAILED, user.id, "key rotation running")
            raise KeyRotationRunningError()
    try:
        with db.session() as session:
            # Writers serialise on the audit head: lock it first, as a master-key rotation's start
            # does (locking the wrap row first could deadlock with it on a server).
            audit.locked_head(session)
            try:
                unlocked = load_keys(session, opened.master_key)
            except IntegrityError:
                if _wrap_changed(session, wrap):
                    # The wrap was opened just before a master-key rotation started: not damage.
                    raise _KeysReplaced(rotation_running(session)) from None
                raise
            # A check value for a wrap from before them, a key pair for a wrap from before 0006a,
            # and the master key wrapped under the password again after a master-key rotation.
            _store_opened(session, wrap.id, opened)
            session.execute(
                update(User)
                .where(User.id == user.id)
                .values(failed_attempts=0, locked_until=None, last_login_at=now)
                .execution_options(synchronize_session=False)
            )
            audit.append(
                session,
                unlocked.audit_key,
                audit.LOGIN,
                user_id=user.id,
                object_type="user",
                object_id=user.id,
            )
    except _KeysReplaced as replaced:
        _audit_sign_in(db, audit.LOGIN_FAILED, user.id, "keys replaced during sign-in")
        if replaced.running and user.role != "administrator":
            raise KeyRotationRunningError() from None
        raise KeysChangedError() from None
    return Context(
        db,
        user.id,
        user.username,
        user.role,
        user.unit_id,
        unlocked,
        must_change_password=bool(user.must_change_password),
    )


def _check_own_password(
    ctx: Context, password: str, policy: LoginPolicy, wrong: WrongPasswordError
) -> None:
    """The signed-in user's password checked again, under the sign-in rules: a disabled or
    locked account is refused, the slow-down applies, and a wrong password counts as a failed
    attempt (``wrong`` is what the user is told)."""
    db = ctx.db
    with db.sessions() as session:
        user = session.get(User, ctx.user_id)
        wrap = session.execute(
            select(KeyWrap).where(KeyWrap.user_id == ctx.user_id, KeyWrap.purpose == "password")
        ).scalar_one_or_none()
    if user is None or not user.active or wrap is None:
        raise AccountDisabledError(
            "This account is disabled. Ask an administrator.",
            "Kontot är avstängt. Kontakta en administratör.",
        )
    if user.locked_until is not None and user.locked_until > utcnow():
        raise AccountLockedError(
            "Too many failed attempts: the account is locked for a while.",
            "För många misslyckade försök: kontot är låst en stund.",
        )
    delay = policy.delay_for(user.failed_attempts)
    if delay:
        policy.sleep(delay)
    try:
        _open_password_wrap(password, wrap)
    except WrongPasswordError:
        _record_failure(db, ctx.user_id, policy)
        raise wrong from None


def verify_password(
    ctx: Context, password: str, *, policy: LoginPolicy | None = None, purpose: str = "unlock"
) -> None:
    """Check the signed-in user's password again (idle lock, leaving meeting mode).

    Failures count and lock the account exactly as at sign-in; success is audited as
    ``unlock`` and keeps the existing session (no new login).
    """
    policy = policy or LoginPolicy()
    db = ctx.db
    _check_own_password(
        ctx, password, policy, WrongPasswordError("Wrong password.", "Fel lösenord.")
    )
    with db.session() as session:
        session.execute(
            update(User)
            .where(User.id == ctx.user_id)
            .values(failed_attempts=0)
            .execution_options(synchronize_session=False)
        )
        try:
            audit.append(
                session,
                ctx.keys.audit_key,
                "unlock",
                user_id=ctx.user_id,
                object_type="user",
                object_id=ctx.user_id,
                detail=purpose,
            )
        except audit.HeadKeyMismatch:
            ctx.head_mismatch(session)  # the keys were replaced since sign-in
            raise


def _audit_sign_in(db: Database, action: str, user_id: str, detail: str | None = None) -> None:
    """A failed or locked sign-in of a known user, sealed with the pre-sign-in key."""
    with db.session() as session:
        audit.append(
            session,
            None,
            action,
            user_id=user_id,
            object_type="user",
            object_id=user_id,
            detail=detail,
        )


def _record_failure(db: Database, user_id: str, policy: LoginPolicy) -> None:
    with db.session() as session:
        session.execute(
            update(User)
            .where(User.id == user_id)
            .values(failed_attempts=User.failed_attempts + 1)
            .execution_options(synchronize_session=False)
        )
        failures = session.execute(
            select(User.failed_attempts).where(User.id == user_id)
        ).scalar_one()
        detail = "wrong password"
        if failures >= policy.lock_after:
            until = utcnow() + timedelta(minutes=policy.lock_minutes)
            session.execute(
                update(User)
                .where(User.id == user_id)
                .values(locked_until=until, failed_attempts=0)
                .execution_options(synchronize_session=False)
            )
            detail = "wrong password; account locked"
        audit.append(
            session,
            None,
            audit.LOGIN_FAILED,
            user_id=user_id,
            object_type="user",
            object_id=user_id,
            detail=detail,
        )


# --- users and units ------------------------------------------------------------------------


def _unit_id(session: Session, name: str | None, *, create: bool) -> str | None:
    if not name:
        return None
    unit = session.execute(select(Unit).where(Unit.name == name.strip())).scalar_one_or_none()
    if unit is None:
        if not create:
            raise NotFoundError(
                f"No unit named {name!r}.", f"Det finns ingen enhet som heter {name!r}."
            )
        unit = Unit(name=name.strip())
        session.add(unit)
        session.flush()
    return unit.id


def add_user(
    ctx: Context,
    username: str,
    password: str,
    role: str,
    *,
    unit: str | None = None,
    display_name: str | None = None,
    temporary: bool = False,
) -> UserInfo:
    """An administrator adds a user and wraps the master key under the new user's password.

    ``temporary``: the user must choose their own password at the first sign-in (the screens
    and the command line add users this way; see ``Workspace.admin.add_user``)."""
    ctx.require_role("administrator")
    username = validate_username(username)
    validate_role(role)
    validate_password(password)
    with ctx.transaction() as session:
        exists = session.execute(select(func.count()).where(User.username == username)).scalar()
        if exists:
            raise ValidationError(
                f"There is already a user named {username!r}.",
                f"Det finns redan en användare som heter {username!r}.",
            )
        user = User(
            id=new_id(),
            username=username,
            role=role,
            unit_id=_unit_id(session, unit, create=True),
            updated_by=ctx.user_id,
            must_change_password=temporary,
        )
        if display_name:
            user.display_name_enc = ctx.seal("users", "display_name_enc", user.id, display_name)
        session.add(user)
        session.flush()
        _wrap_for_user(session, ctx.keys.master_key, user.id, password)
        ctx.audit(
            session,
            audit.USER_CHANGE,
            object_type="user",
            object_id=user.id,
            detail=f"created role={role}" + ("; temporary password" if temporary else ""),
        )
    return _info(ctx, user, unit)


def _info(ctx: Context, user: User, unit: str | None) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        display_name=ctx.open_str("users", "display_name_enc", user.id, user.display_name_enc),
        role=user.role,
        unit=unit,
        active=user.active,
        locked_until=user.locked_until,
        last_login_at=user.last_login_at,
        must_change_password=bool(user.must_change_password),
    )


def display_name(ctx: Context, username: str | None) -> str:
    """A worker's name as printed for the individual: display name, else user name."""
    if not username:
        return ""
    with ctx.transaction() as session:
        user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            return username
        name = ctx.open_or(session, "users", "display_name_enc", user.id, user.display_name_enc)
    return str(name) if name else username


def list_users(ctx: Context) -> list[UserInfo]:
    ctx.require_role("administrator", "supervisor")
    with ctx.transaction() as session:
        rows = session.execute(
            select(User, Unit.name).outerjoin(Unit, Unit.id == User.unit_id).order_by(User.username)
        ).all()
        return [_info(ctx, user, unit) for user, unit in rows]


def set_user_active(ctx: Context, username: str, active: bool) -> None:
    ctx.require_role("administrator")
    with ctx.transaction() as session:
        user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise NotFoundError(
                f"No user named {username!r}.", f"Det finns ingen användare som heter {username!r}."
            )
        if user.id == ctx.user_id and not active:
            raise ValidationError(
                "You cannot disable your own account.", "Du kan inte stänga av ditt eget konto."
            )
        user.active = active
        user.updated_by = ctx.user_id
        ctx.audit(
            session,
            audit.USER_CHANGE,
            object_type="user",
            object_id=user.id,
            detail="enabled" if active else "disabled",
        )


def change_password(
    ctx: Context,
    old_password: str,
    new_password: str,
    *,
    policy: LoginPolicy | None = None,
) -> None:
    """The signed-in user picks a new password: the old one is checked first (a wrong one
    counts as a failed attempt, as at sign-in), then the master key is wrapped again under the
    new one and the old wrap deleted, so the old password stops working. Clears the
    temporary-password flag. Audited (never the password)."""
    policy = policy or LoginPolicy()
    if new_password == old_password:
        raise ValidationError(
            "The new password must differ from the current one.",
            "Det nya lösenordet måste skilja sig från det nuvarande.",
        )
    validate_password(new_password)
    _check_own_password(
        ctx,
        old_password,
        policy,
        WrongPasswordError(
            "The current password is wrong; the password was not changed.",
            "Det nuvarande lösenordet är fel; lösenordet har inte ändrats.",
        ),
    )
    with ctx.transaction() as session:
        for old in session.execute(
            select(KeyWrap).where(KeyWrap.user_id == ctx.user_id, KeyWrap.purpose == "password")
        ).scalars():
            session.delete(old)
        session.flush()
        _wrap_for_user(session, ctx.keys.master_key, ctx.user_id, new_password)
        session.execute(
            update(User)
            .where(User.id == ctx.user_id)
            .values(must_change_password=False, failed_attempts=0)
            .execution_options(synchronize_session=False)
        )
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="user",
            object_id=ctx.user_id,
            detail="password changed by the user"
            + ("; temporary password replaced" if ctx.must_change_password else ""),
        )
    ctx.must_change_password = False


def must_change_password(ctx: Context) -> bool:
    """Whether the signed-in user still has a temporary password."""
    return ctx.must_change_password


def reset_password_with_recovery(
    db: Database, recovery_key: str, username: str, new_password: str
) -> None:
    """When every password is lost: the recovery key unwraps the master key for a new password."""
    validate_password(new_password)
    raw = keymod.parse_recovery_key(recovery_key)
    with db.session() as session:
        wrap = session.execute(
            select(KeyWrap).where(KeyWrap.purpose == "recovery")
        ).scalar_one_or_none()
        if wrap is None:
            raise WrongRecoveryKeyError(
                "This database has no recovery key.",
                "Den här databasen har ingen återställningsnyckel.",
            )
        opened = keymod.open_recovery_wrap(
            raw,
            wrap.kdf,
            wrap.wrapped,
            wrap.id,
            public_key=wrap.public_key,
            private_enc=wrap.private_sealed,
            sealed_master=wrap.sealed_master,
        )
        master_key = opened.master_key
        _store_opened(session, wrap.id, opened)
        user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise NotFoundError(
                f"No user named {username!r}.", f"Det finns ingen användare som heter {username!r}."
            )
        for old in session.execute(
            select(KeyWrap).where(KeyWrap.user_id == user.id, KeyWrap.purpose == "password")
        ).scalars():
            session.delete(old)
        _wrap_for_user(session, master_key, user.id, new_password)
        session.execute(
            update(User)
            .where(User.id == user.id)
            .values(failed_attempts=0, locked_until=None, active=True)
            .execution_options(synchronize_session=False)
        )
        unlocked: UnlockedKeys = load_keys(session, master_key)
        audit.append(
            session,
            unlocked.audit_key,
            audit.KEY_OPERATION,
            user_id=None,
            object_type="user",
            object_id=user.id,
            detail="password reset with recovery key",
        )
