"""Key operations: rotating the data key and re-encrypting every stored value, and replacing
the master key itself when someone leaves (:func:`rotate_master_key`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select, update

from assessment_app import audit
from assessment_app.context import Context, load_keys
from assessment_app.crypto import keys as keymod
from assessment_app.db.models import (
    Base,
    DataKey,
    Individual,
    KeyRotation,
    KeyWrap,
    NameToken,
    UrgentFlag,
    User,
)
from assessment_app.db.types import utcnow
from assessment_app.errors import IntegrityError, ValidationError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RotationResult:
    new_key_id: str
    reencrypted: int
    failed: int


def encrypted_columns() -> list[tuple[Any, str]]:
    """Every (model, column) that holds a ciphertext."""
    found = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        for column in mapper.columns:
            if column.key.endswith("_enc"):
                found.append((cls, column.key))
    return found


# Rows of a column of whole files (``info["raw"]``) are re-encrypted a few at a time.
RAW_BATCH = 4


def _is_raw(model: Any, column: str) -> bool:
    """A column of sealed bytes as they are (a file), not of sealed JSON."""
    return bool(model.__table__.c[column].info.get("raw"))


def rotate_data_key(ctx: Context, batch_size: int = 500) -> RotationResult:
    """Add a new data key, then re-encrypt in small batches; readers keep working throughout.

    The previous key is retired, not destroyed: a session that still writes with it (it loaded
    its keys before the rotation) stays readable, and a later rotation picks such values up.
    """
    ctx.require_role("administrator")
    key_id = keymod.new_key_id().hex()
    with ctx.transaction() as session:
        session.execute(
            update(DataKey)
            .where(DataKey.purpose == "data", DataKey.status == "active")
            .values(status="retired")
        )
        session.add(
            DataKey(
                id=key_id,
                purpose="data",
                status="active",
                wrapped=keymod.wrap_subkey(
                    ctx.keys.master_key, "data", key_id, keymod.random_key()
                ),
            )
        )
        session.flush()
        ctx.keys = load_keys(session, ctx.keys.master_key)
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="data_key",
            object_id=key_id,
            detail="rotation started",
        )
    done, failed = reencrypt_all(ctx, batch_size)
    with ctx.transaction() as session:
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="data_key",
            object_id=key_id,
            detail=f"rotation finished: {done} values re-encrypted, {failed} failed",
        )
    log.info("data key rotated: %d values re-encrypted, %d failed", done, failed)
    return RotationResult(key_id, done, failed)


def reencrypt_all(ctx: Context, batch_size: int = 500) -> tuple[int, int]:
    """Seal every stored value not under the current data key again, in batches of their own
    transactions (so a killed run resumes where it stood). Returns (re-encrypted, damaged)."""
    tally = _Tally()
    for model, column in encrypted_columns():
        _reencrypt_column(ctx, model, column, batch_size, tally)
    return tally.done, tally.failed


def _reencrypt_column(
    ctx: Context, model: Any, column: str, batch_size: int, tally: _Tally
) -> None:
    table: str = model.__tablename__
    pk = model.id
    raw = _is_raw(model, column)

    def reseal(session: Any, row: Any) -> None:
        row_id, blob = row
        if blob is None or ctx.keys.keyring.is_current(blob):
            return
        sealed = _reseal(ctx, session, table, column, row_id, blob, raw)
        if sealed is None:
            tally.failed += 1  # audited; left as it is
            return
        session.execute(
            update(model)
            .where(pk == row_id)
            .values({column: sealed})
            .execution_options(synchronize_session=False)
        )
        tally.done += 1

    limit = min(batch_size, RAW_BATCH) if raw else batch_size
    _in_batches(ctx, select(pk, getattr(model, column)), pk, limit, reseal)


@dataclass
class _Tally:
    done: int = 0
    failed: int = 0


def _in_batches(
    ctx: Context, query: Any, pk: Any, limit: int, work: Callable[[Any, Any], None]
) -> None:
    """Run ``work(session, row)`` for every row of ``query``, in keyset batches of ``limit``
    rows ordered by ``pk`` (the query's first column), each batch in a transaction of its own,
    so a killed run resumes where it stood. The work runs inside the batch's transaction: a
    server error it raises is mapped to the app's message like any other, and is never half
    committed."""
    last = ""
    while True:
        with ctx.transaction() as session:
            rows = session.execute(query.where(pk > last).order_by(pk).limit(limit)).all()
            if not rows:
                return
            for row in rows:
                work(session, row)
            last = rows[-1][0]


def _reseal(
    ctx: Context, session: Any, table: str, column: str, row_id: str, blob: bytes, raw: bool
) -> bytes | None:
    """The value sealed again under the current key; None (audited) if it is damaged."""
    if not raw:
        value = ctx.open_or(session, table, column, row_id, blob, None)
        return None if value is None else ctx.seal(table, column, row_id, value)
    try:
        data = ctx.keys.keyring.open(table, column, row_id, blob)
    except IntegrityError:
        ctx.damaged.add((table, column, row_id))
        log.warning("integrity failure in %s.%s row %s", table, column, row_id)
        ctx.audit(
            session, audit.INTEGRITY_FAILURE, object_type=table, object_id=row_id, detail=column
        )
        return None
    return ctx.keys.keyring.seal(table, column, row_id, data)


# --- replacing the master key ---------------------------------------------------------------


@dataclass(frozen=True)
class MasterRotationResult:
    """What :func:`rotate_master_key` did.

    ``needs_reset``: users whose key wrap got no new key (no key pair yet: they have not signed
    in since schema 0006a; a malformed one; a disabled account; more than one wrap): their wrap
    is deleted, an administrator sets a new password (``user reset``).
    ``recovery_key``: a new recovery key (formatted), when the recovery wrap had no key pair or
    one was asked for; shown once, the old one no longer works. None: the old one still works.
    Both come from the last step, so a run that finishes a killed rotation reports them.
    """

    reencrypted: int
    failed: int
    reindexed: int
    needs_reset: tuple[str, ...] = ()
    recovery_key: str | None = field(default=None, repr=False)  # shown once, never in a repr
    resumed: bool = False


def running_rotation(ctx: Context) -> KeyRotation | None:
    with ctx.transaction() as session:
        return session.execute(
            select(KeyRotation).where(KeyRotation.status == "running").limit(1)
        ).scalar_one_or_none()


def rotate_master_key(
    ctx: Context,
    removed_username: str | None = None,
    *,
    new_recovery_key: bool | None = None,
    resume_only: bool = False,
    batch_size: int = 500,
) -> MasterRotationResult:
    """Replace the master key and every key under it, so that nothing stored before (a copy of
    a removed user's key wrap in an old dump) opens the database any more.

    One transaction starts it: ``removed_username`` (if given) is removed (wrap deleted,
    account disabled); a new master key gets a new data, index and audit key; the old keys are
    wrapped again under the new master key and retired (all of them at once, so the old master
    key opens nothing from here on); the new master key is sealed to the key pair of every
    remaining wrap (the administrator's own too) and their password-wrapped copy of the old one
    dropped; the audit chain switches to the new audit key (:func:`audit.switch_key`).
    Then every value is re-encrypted and every blind index computed again, in batches of their
    own transactions, and a last transaction deletes the old index key (the old audit key stays,
    retired, for ``audit verify``; the old data keys too, for drafts kept on a worker's computer
    while the server was away) and marks the rotation done.

    ``new_recovery_key``: a new recovery key too (the old one stops working); None (the
    default): only when the removed user is an administrator (who usually knows it).

    Killed half-way, it is finished by running it again (``keys rotate --resume`` or ``user
    remove --rotate`` once more) after signing in: the administrator's sign-in opens the new
    master key from their own wrap. Until it is done only administrators may sign in (others
    are told the keys are being replaced), and sessions opened before it can write nothing.
    """
    ctx.require_role("administrator")
    running = running_rotation(ctx)
    resumed = running is not None
    if running is None:
        if resume_only:
            raise ValidationError("No key rotation is under way.", "Inget nyckelbyte pågår.")
        if new_recovery_key is None:
            new_recovery_key = _is_administrator(ctx, removed_username)
        _start(ctx, removed_username, new_recovery_key)
    else:
        with ctx.transaction() as session:
            ctx.reload_keys(session)  # KeysChangedError when signed in before it started
    done, failed = reencrypt_all(ctx, batch_size)
    reindexed, unindexed = reindex_all(ctx, batch_size)
    needs_reset, recovery = _finish(ctx, done, failed + unindexed, reindexed)
    result = MasterRotationResult(
        done, failed + unindexed, reindexed, needs_reset, recovery, resumed
    )
    if (
        running is not None
        and removed_username
        and running.removed_user_id != _user_id(ctx, removed_username)
    ):
        # A rotation from before (for someone else, or none) was finished first; now the one
        # asked for. Even if the user has no wrap now: removed while it ran, their wrap may
        # have held the new master key (sealed to it) until then.
        again = rotate_master_key(
            ctx, removed_username, new_recovery_key=new_recovery_key, batch_size=batch_size
        )
        return MasterRotationResult(
            again.reencrypted,
            again.failed,
            again.reindexed,
            tuple(sorted({*needs_reset, *again.needs_reset})),
            again.recovery_key or recovery,
            True,
        )
    log.info(
        "master key rotated: %d values re-encrypted, %d re-indexed, %d failed",
        done,
        reindexed,
        failed + unindexed,
    )
    return result


def _is_administrator(ctx: Context, username: str | None) -> bool:
    if not username:
        return False
    with ctx.transaction() as session:
        role = session.execute(
            select(User.role).where(User.username == username.strip())
        ).scalar_one_or_none()
    return role == "administrator"


def _user_id(ctx: Context, username: str) -> str | None:
    with ctx.transaction() as session:
        return session.execute(
            select(User.id).where(User.username == username.strip())
        ).scalar_one_or_none()


def _start(ctx: Context, removed_username: str | None, new_recovery_key: bool) -> None:
    from assessment_app.server.users_admin import _user, remove_in

    with ctx.transaction() as session:
        # Writers serialise on the audit head: lock it first, so a second administrator who
        # starts at the same moment waits, then finds the keys replaced (KeysChangedError).
        audit.locked_head(session)
        ctx.reload_keys(session)  # the keys this session holds still fit (else sign in again)
        old_keys = ctx.keys
        own = (
            session.execute(
                select(KeyWrap).where(KeyWrap.user_id == ctx.user_id, KeyWrap.purpose == "password")
            )
            .scalars()
            .all()
        )
        if len(own) > 1:
            raise ValidationError(
                "Your own account has more than one key wrap (the database has been changed "
                "by hand): set a new password for it (user reset), then retry.",
                "Ditt eget konto har mer än en nyckel (databasen har ändrats för hand): sätt ett "
                "nytt lösenord för det (user reset) och försök sedan igen.",
            )
        if not own or own[0].public_key is None:
            raise ValidationError(
                "Your own key has no key pair yet: sign out and in again, then retry.",
                "Din egen nyckel saknar nyckelpar: logga ut och in igen och försök sedan igen.",
            )
        if not _sealable(own[0]):
            raise ValidationError(
                "Your own key's public key is damaged: set a new password for your account "
                "(user reset, by another administrator), then retry.",
                "Din egen nyckels publika nyckel är skadad: låt en annan administratör sätta ett "
                "nytt lösenord för ditt konto (user reset) och försök sedan igen.",
            )
        removed = None
        if removed_username:
            removed = _user(session, removed_username)
            remove_in(ctx, session, removed)
        master = keymod.random_key()
        # The old keys, wrapped again under the new master key and retired.
        for row in session.execute(select(DataKey)).scalars():
            key = keymod.unwrap_subkey(old_keys.master_key, row.purpose, row.id, row.wrapped)
            row.wrapped = keymod.wrap_subkey(master, row.purpose, row.id, key)
            row.status = "retired"
        new_ids = {}
        for purpose in ("data", "index", "audit"):
            key_id = keymod.new_key_id().hex()
            new_ids[purpose] = key_id
            session.add(
                DataKey(
                    id=key_id,
                    purpose=purpose,
                    status="active",
                    wrapped=keymod.wrap_subkey(master, purpose, key_id, keymod.random_key()),
                )
            )
        # The new master key, sealed only to what may hold it (see _seal_to_wraps).
        needs_reset, dropped = _seal_to_wraps(session, master, new_recovery_key)
        session.add(
            KeyRotation(
                status="running",
                started_by=ctx.user_id,
                removed_user_id=removed.id if removed is not None else None,
            )
        )
        session.flush()
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="master_key",
            object_id=new_ids["data"],
            detail="master key rotation started"
            + (f"; {len(needs_reset)} user(s) need a new password" if needs_reset else ""),
        )
        for what in dropped:
            log.warning("master key rotation: key wrap deleted: %s", what)
            ctx.audit(
                session,
                audit.KEY_OPERATION,
                object_type="key_wrap",
                detail=f"deleted at master key rotation: {what}",
            )
        new_keys = load_keys(session, master)
        audit.switch_key(
            session,
            old_keys.audit_key,
            new_keys.audit_key,
            new_ids["audit"],
            user_id=ctx.user_id,
        )
    ctx.keys = new_keys


def _seal_to_wraps(
    session: Any, master: bytes, new_recovery_key: bool
) -> tuple[list[str], list[str]]:
    """Seal the new master key to the key pair of each wrap that may hold it: one password wrap
    of each existing, active user, and the one recovery wrap (unless a new recovery key is
    asked for). Nothing else gets it: a wrap of no user or of an unknown purpose, a second wrap
    of one user, a second recovery wrap, a disabled account's wrap (all possibly planted by
    someone who may write to key_wraps) are deleted and reported. A wrap without a usable key
    pair (none yet, or a malformed public key) is emptied: it keeps no key, and the rotation's
    last step (:func:`_finish`) deletes it and lists its user as needing a new password, so
    the list survives a kill. A deleted recovery wrap is replaced by :func:`_finish` too.
    Returns (users needing a new password, the deleted rows described for the audit trail)."""
    users = {u.id: u for u in session.execute(select(User)).scalars()}
    wraps = list(session.execute(select(KeyWrap).order_by(KeyWrap.id)).scalars())
    per_user: dict[str, int] = {}
    for wrap in wraps:
        if wrap.purpose == "password" and wrap.user_id is not None:
            per_user[wrap.user_id] = per_user.get(wrap.user_id, 0) + 1
    recoveries = [w for w in wraps if w.purpose == "recovery"]
    needs_reset: set[str] = set()
    dropped: list[str] = []
    emptied: set[str] = set()

    def empty(wrap: KeyWrap, user: User) -> None:
        needs_reset.add(user.username)
        if user.id in emptied:  # one emptied row per user is enough for the list
            session.delete(wrap)
            return
        emptied.add(user.id)
        wrap.wrapped = b""
        wrap.sealed_master = None
        wrap.public_key = None
        wrap.private_sealed = None

    for wrap in wraps:
        user = users.get(wrap.user_id) if wrap.user_id is not None else None
        if wrap.purpose == "recovery":
            if len(recoveries) == 1 and wrap.user_id is None:
                if not new_recovery_key and _sealed(wrap, master):
                    continue
                if wrap.public_key is not None and not new_recovery_key:
                    dropped.append(f"recovery wrap {wrap.id}: unusable public key")
            else:
                dropped.append(f"recovery wrap {wrap.id}: one of {len(recoveries)}")
            session.delete(wrap)  # _finish makes a new recovery key
        elif wrap.purpose != "password" or user is None:
            dropped.append(f"wrap {wrap.id} ({wrap.purpose[:16]}) of no existing user")
            session.delete(wrap)
        elif per_user[user.id] > 1:
            dropped.append(f"wrap {wrap.id}: one of {per_user[user.id]} of user {user.id}")
            empty(wrap, user)
        elif not user.active:
            # A disabled account gets no new key: `user reset` when it is enabled again.
            dropped.append(f"wrap {wrap.id} of disabled user {user.id}")
            empty(wrap, user)
        elif not _sealed(wrap, master):
            if wrap.public_key is not None:
                dropped.append(f"wrap {wrap.id} of user {user.id}: unusable public key")
            empty(wrap, user)
    return sorted(needs_reset), dropped


def _sealed(wrap: KeyWrap, master: bytes) -> bool:
    """Seal ``master`` to the wrap's public key; False (nothing changed) when it has none or
    it is malformed (the wrong length, a low-order point)."""
    if wrap.public_key is None:
        return False
    try:
        sealed = keymod.seal_to_public(bytes(wrap.public_key), master, wrap.id)
    except (ValueError, TypeError):
        return False
    wrap.sealed_master = sealed
    wrap.wrapped = b""  # the old master key is no longer reachable through it
    return True


def _sealable(wrap: KeyWrap) -> bool:
    """Whether something can be sealed to the wrap's public key (checked with a throwaway)."""
    try:
        keymod.seal_to_public(bytes(wrap.public_key or b""), keymod.random_key(), wrap.id)
    except (ValueError, TypeError):
        return False
    return True


def _emptied(wrap: KeyWrap) -> bool:
    """A wrap emptied by :func:`_seal_to_wraps`: it holds no key at all."""
    return wrap.sealed_master is None and not bytes(wrap.wrapped)


def reindex_all(ctx: Context, batch_size: int = 500) -> tuple[int, int]:
    """Compute every blind index again under the current index key: each person's
    personnummer index and name tokens, each urgent flag's key token. Idempotent, in batches of
    their own transactions. Returns (people and flags re-indexed, values that did not open)."""
    from assessment_app.records.cases import pnr_index, set_name_tokens
    from assessment_app.records.urgent import flag_token

    tally = _Tally()

    def reindex_person(session: Any, row: Any) -> None:
        ind_id, name_enc, pnr_enc = row
        name = ctx.open_or(session, "individuals", "name_enc", ind_id, name_enc, None)
        pnr = ctx.open_or(session, "individuals", "pnr_enc", ind_id, pnr_enc, None)
        if name is None or (pnr_enc is not None and pnr is None):
            tally.failed += 1
        # A value that does not open leaves no index under the old key behind (the old index
        # key's holder could still match it): no tokens, no index.
        if isinstance(name, str):
            set_name_tokens(session, ctx, ind_id, name)
        else:
            session.execute(delete(NameToken).where(NameToken.individual_id == ind_id))
        session.execute(
            update(Individual)
            .where(Individual.id == ind_id)
            .values(pnr_index=pnr_index(ctx, pnr) if isinstance(pnr, str) else None)
            .execution_options(synchronize_session=False)
        )
        tally.done += 1

    def reindex_flag(session: Any, row: Any) -> None:
        flag_id, case_id, details_enc = row
        details = ctx.open_or(session, "urgent_flags", "details_enc", flag_id, details_enc, None)
        if isinstance(details, dict):
            token = flag_token(
                ctx, case_id, str(details.get("area_id")), str(details.get("question_id"))
            )
        else:  # damaged: a random token (matches nothing), not the old key's
            tally.failed += 1
            token = keymod.random_key()[:16].hex()
        session.execute(
            update(UrgentFlag)
            .where(UrgentFlag.id == flag_id)
            .values(key_token=token)
            .execution_options(synchronize_session=False)
        )
        tally.done += 1

    _in_batches(
        ctx,
        select(Individual.id, Individual.name_enc, Individual.pnr_enc),
        Individual.id,
        batch_size,
        reindex_person,
    )
    _in_batches(
        ctx,
        select(UrgentFlag.id, UrgentFlag.case_id, UrgentFlag.details_enc),
        UrgentFlag.id,
        batch_size,
        reindex_flag,
    )
    return tally.done, tally.failed


def _finish(
    ctx: Context, done: int, failed: int, reindexed: int
) -> tuple[tuple[str, ...], str | None]:
    """Delete the old index key and the wraps :func:`_seal_to_wraps` emptied, mark the rotation
    done. Returns (the emptied wraps' users, who need a new password; a new recovery key when
    the recovery wrap is missing, formatted, shown once)."""
    from assessment_app.accounts import add_recovery_wrap

    recovery = None
    needs_reset: set[str] = set()
    with ctx.transaction() as session:
        for wrap, username in session.execute(
            select(KeyWrap, User.username).outerjoin(User, User.id == KeyWrap.user_id)
        ).all():
            if wrap.purpose == "password" and _emptied(wrap):
                if username:
                    needs_reset.add(username)
                session.delete(wrap)
        # The old index key has no use left. The old data keys stay, retired, wrapped under the
        # new master key: nothing stored is sealed with them any more, but a draft a worker kept
        # on their own computer while the server was away may be, and they open nothing a
        # removed user did not hold already (the old master key they may have opens none).
        session.execute(
            delete(DataKey).where(DataKey.purpose == "index", DataKey.status == "retired")
        )
        if session.execute(select(KeyWrap.id).where(KeyWrap.purpose == "recovery")).first() is None:
            raw = keymod.new_recovery_key()
            add_recovery_wrap(session, ctx.keys.master_key, raw)
            recovery = keymod.format_recovery_key(raw)
        session.execute(
            update(KeyRotation)
            .where(KeyRotation.status == "running")
            .values(status="done", finished_at=utcnow())
        )
        ctx.reload_keys(session)
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="master_key",
            detail=f"master key rotation finished: {done} values re-encrypted, "
            f"{reindexed} re-indexed, {failed} failed"
            + (f"; {len(needs_reset)} user(s) need a new password" if needs_reset else "")
            + ("; new recovery key" if recovery else ""),
        )
    return tuple(sorted(needs_reset)), recovery
