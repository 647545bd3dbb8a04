"""The audit trail: append-only, hash-chained with a keyed MAC.

Each entry's MAC covers the previous entry's MAC and the entry's own fields, so editing,
deleting, reordering or truncating entries breaks the chain; :func:`verify` names the first
bad entry. Entries hold ids and action codes only, never names, personnummer or answers.

Some events happen before anyone holds the audit key (a failed login). Those are sealed when
they are written too, with a *pre-sign-in key* the audit head carries: one key per entry,
each made from the one before by a one-way step, the first one derived from the audit key and
the newest entry sealed with it. Whoever reads the head learns only the key for the *next*
entry, never one that sealed an entry already written, so no existing entry can be edited,
removed or moved unseen, by anyone without the audit key (see ARCHITECTURE.md, "Audit trail:
threat model"). The single ``audit_head`` row carries the newest entry, the newest entry
sealed with the audit key (under its own MAC) and the current pre-sign-in key, so a truncated
tail is detected too. Trails written before schema 0005f may end in unsealed entries until
the next sign-in seals them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from assessment_app.damage import DamagedValue
from assessment_app.db.models import AuditEvent, AuditHead
from assessment_app.db.types import utcnow
from assessment_app.errors import IntegrityError

GENESIS = "0" * 64
_HEX64 = re.compile(r"[0-9a-f]{64}")

# Action codes. Keep them short, stable and free of personal data.
LOGIN = "login"
LOGIN_FAILED = "login.failed"
LOGIN_LOCKED = "login.locked"
LOGOUT = "logout"
CASE_CREATE = "case.create"
CASE_OPEN = "case.open"
CASE_UPDATE = "case.update"
RECORD_CREATE = "record.create"
RECORD_UPDATE = "record.update"
RECORD_DELETE = "record.delete"
EXPORT = "export"
REVIEW = "review"
# Four eyes: an approval by the plan's author or last editor, where the installation allows it.
SELF_APPROVAL = "review.self_approval"
# A plan submitted on an assessment that was not finished (the reason is sealed on the review).
SUBMIT_UNFINISHED = "review.unfinished_assessment"
# A provider's document made from a plan that was not approved (the reason is sealed on the case).
UNAPPROVED_EXPORT = "export.unapproved"
USER_CHANGE = "user.change"
KEY_OPERATION = "key"
INTEGRITY_FAILURE = "integrity.failure"
URGENT_RAISED = "urgent.raised"
URGENT_HANDLED = "urgent.handled"
SCHEMA = "schema"


_NULLABLE_TEXT = ("user_id", "object_type", "object_id", "detail")


def _canonical_fields(
    seq: int,
    at: datetime,
    user_id: str | None,
    action: str,
    object_type: str | None,
    object_id: str | None,
    detail: str | None,
) -> bytes:
    fields = [
        str(seq),
        at.isoformat(timespec="microseconds"),
        user_id or "",
        action,
        object_type or "",
        object_id or "",
        detail or "",
    ]
    return "\x1f".join(fields).encode()


def _canonical(event: AuditEvent) -> bytes:
    return _canonical_fields(
        event.seq,
        event.at,
        event.user_id,
        event.action,
        event.object_type,
        event.object_id,
        event.detail,
    )


def _hmac(key: bytes, prev_mac: str, canonical: bytes) -> str:
    return hmac.new(key, prev_mac.encode() + b"\x1e" + canonical, hashlib.sha256).hexdigest()


def _mac(key: bytes, prev_mac: str, event: AuditEvent) -> str:
    return _hmac(key, prev_mac, _canonical(event))


# --- entries written before anyone holds the audit key ---------------------------------------
# Each such entry is sealed when it is written with a *pre-sign-in key* that needs no
# password: the audit head holds the current one, and every use replaces it by a one-way step
# (``_evolve``), so the key stored now opens no door to the entries already written. The first
# pre-sign-in key after an entry sealed with the audit key is derived from the audit key and
# that entry's MAC, so whoever holds the audit key re-derives the whole sequence; the head's
# key must equal the end of that sequence, which is how a removed tail is caught.


def _pre_seed(key: bytes, sealed_mac: str) -> str:
    return hmac.new(key, b"pre-sign-in\x1f" + sealed_mac.encode(), hashlib.sha256).hexdigest()


def _evolve(pre_key: str) -> str:
    return hashlib.sha256(b"evolve\x1f" + pre_key.encode()).hexdigest()


def _pre_mac(pre_key: str, prev_mac: str, canonical: bytes) -> str:
    return _hmac(bytes.fromhex(pre_key), prev_mac, canonical)


def _head_payload(sealed_seq: int, sealed_mac: str, *, pre: bool) -> bytes:
    # Heads written before pre-sign-in keys (schema 0005f) carry the payload without "pre".
    return f"head\x1f{sealed_seq}\x1f{sealed_mac}{chr(0x1F) + 'pre' if pre else ''}".encode()


def _head_mac(key: bytes, sealed_seq: int, sealed_mac: str, *, pre: bool = True) -> str:
    return hmac.new(key, _head_payload(sealed_seq, sealed_mac, pre=pre), hashlib.sha256).hexdigest()


def _seal_head(key: bytes, head: AuditHead, event_seq: int, event_mac: str) -> None:
    head.sealed_seq = event_seq
    head.mac = event_mac
    head.pre_key = _pre_seed(key, event_mac)
    head.head_mac = _head_mac(key, event_seq, event_mac)


def init_head(session: Session, key: bytes) -> None:
    head = AuditHead(id=1, seq=0, sealed_seq=0, mac=GENESIS, head_mac="")
    _seal_head(key, head, 0, GENESIS)
    session.add(head)
    session.flush()


def locked_head(session: Session) -> AuditHead:
    """The audit head, locked for this transaction (writers serialise on it).

    A damaged head stops the write with a message: no entry can be chained onto it.
    """
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        raise IntegrityError("audit_head", "id", "1")
    check_head(head)
    return head


def check_head(head: AuditHead) -> None:
    """Raise :class:`IntegrityError` unless every value of the head is one the app writes."""
    for name in ("seq", "sealed_seq"):
        value = getattr(head, name)
        if not isinstance(value, int) or isinstance(value, DamagedValue) or value < 0:
            raise IntegrityError("audit_head", name, "1")
    for name in ("mac", "head_mac", "pre_key"):
        value = getattr(head, name)
        if name == "pre_key" and value is None:
            continue
        if not isinstance(value, str) or not _HEX64.fullmatch(value):
            raise IntegrityError("audit_head", name, "1")


_locked_head = locked_head


def append(
    session: Session,
    key: bytes | None,
    action: str,
    *,
    user_id: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    detail: str | None = None,
    at: datetime | None = None,
    head: AuditHead | None = None,
    flush: bool = True,
) -> AuditEvent:
    """Append one entry in the caller's transaction (so it commits with the change it records).

    With ``key`` (the audit key) the entry is sealed with it; without (before sign-in) with
    the head's pre-sign-in key, which is then stepped on. ``head`` is the audit head the
    caller already locked in this transaction (the use-case layer locks it in the first
    statement of every write); without it, it is locked here. With ``flush=False`` the entry
    is written with the rest of the transaction.
    """
    head = head if head is not None else locked_head(session)
    if key is not None:
        _check_key(session, key, head)
        _seal_pending(session, key, head)
    event = AuditEvent(
        seq=head.seq + 1,
        at=at or utcnow(),
        user_id=user_id,
        action=action,
        object_type=object_type or None,
        object_id=object_id or None,
        detail=(detail or None) and detail[:200],
        prev_mac="",
        mac=None,
    )
    head.seq = event.seq
    if key is not None:
        event.prev_mac = head.mac
        event.mac = _mac(key, head.mac, event)
        _seal_head(key, head, event.seq, event.mac)
    elif head.pre_key:
        event.prev_mac = head.mac
        event.mac = _pre_mac(head.pre_key, head.mac, _canonical(event))
        head.mac = event.mac
        head.pre_key = _evolve(head.pre_key)
    # else: a trail from before schema 0005f that nobody has signed in to since: the entry
    # stays unsealed until the next sign-in (the last time that can happen).
    session.add(event)
    if flush:
        session.flush()
    return event


class HeadKeyMismatch(IntegrityError):
    """The audit head is not sealed with the key at hand: the audit key was replaced by a
    master-key rotation after this session signed in (or the head was altered)."""

    def __init__(self) -> None:
        super().__init__("audit_head", "head_mac", "1")


def _check_key(session: Session, key: bytes, head: AuditHead) -> None:
    """Refuse to chain an entry with a key the head was not sealed with: after a master-key
    rotation (``switch_key``) a session that signed in before holds the old audit key, and an
    entry sealed with it would break the chain. No query unless pre-sign-in entries follow the
    newest sealed one. Heads from before schema 0005f (no ``pre_key``) are not checked."""
    if head.pre_key is None:
        return
    if head.seq == head.sealed_seq:
        sealed_mac = head.mac
    elif head.sealed_seq == 0:
        sealed_mac = GENESIS
    else:
        found = session.execute(
            select(AuditEvent.mac).where(AuditEvent.seq == head.sealed_seq)
        ).scalar_one_or_none()
        sealed_mac = found if isinstance(found, str) else ""
    if not hmac.compare_digest(head.head_mac, _head_mac(key, head.sealed_seq, sealed_mac)):
        raise HeadKeyMismatch()


check_key = _check_key

SWITCH_DETAIL = "audit key switched to "


def switch_key(
    session: Session,
    old_key: bytes,
    new_key: bytes,
    new_key_id: str,
    *,
    user_id: str | None,
) -> AuditEvent:
    """Continue the chain under a new audit key: one entry sealed with the old key names the
    new key's id, and the head is sealed again under the new key, so every later entry (and
    the pre-sign-in sequence) chains on from it. :func:`verify` with the key history switches
    keys at that entry; an entry from before it still needs the old key to be rewritten, and
    the first entry after it pins the old part of the chain under the new key."""
    head = locked_head(session)
    event = append(
        session,
        old_key,
        "key",
        user_id=user_id,
        object_type="audit_key",
        object_id=new_key_id,
        detail=SWITCH_DETAIL + new_key_id,
        head=head,
    )
    assert event.mac is not None
    _seal_head(new_key, head, event.seq, event.mac)
    session.flush()
    return event


def _seal_pending(session: Session, key: bytes, head: AuditHead) -> None:
    """Seal entries left unsealed by versions before 0005f (only ever before ``pre_key``)."""
    if head.pre_key is not None or head.sealed_seq == head.seq:
        return
    pending = session.execute(
        select(AuditEvent).where(AuditEvent.seq > head.sealed_seq).order_by(AuditEvent.seq)
    ).scalars()
    for event in pending:
        if event.mac is not None:
            continue
        event.prev_mac = head.mac
        event.mac = _mac(key, head.mac, event)
        _seal_head(key, head, event.seq, event.mac)


def seal_pending(session: Session, key: bytes) -> None:
    _seal_pending(session, key, _locked_head(session))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    unsealed: int
    problem: str | None = None
    first_bad_seq: int | None = None
    # Entries sealed with a pre-sign-in key (failed logins and the like).
    pre_sign_in: int = 0


_PROBLEMS_SV: tuple[tuple[str, str], ...] = (
    (r"the audit head is missing", "loggens huvudpost saknas"),
    (
        r"entry (\d+) is missing \(deleted or renumbered\)",
        r"post \1 saknas (borttagen eller omnumrerad)",
    ),
    (
        r"entry (\d+) is sealed after unsealed entries",
        r"post \1 är förseglad efter oförseglade poster",
    ),
    (r"entry (\d+) was altered, moved or reordered", r"post \1 är ändrad, flyttad eller omkastad"),
    (r"entry (\d+) was altered or damaged", r"post \1 är ändrad eller skadad"),
    (r"entry (\d+) was altered: its seal is gone", r"post \1 är ändrad: dess försegling saknas"),
    (r"the audit head was altered", "loggens huvudpost är ändrad"),
    (
        r"the trail was truncated or its head altered: entries from (\d+) on are missing",
        r"loggen är avkortad eller dess huvudpost ändrad: posterna från \1 och framåt saknas",
    ),
    (
        r"the trail was truncated: entries from (\d+) on are missing",
        r"loggen är avkortad: posterna från \1 och framåt saknas",
    ),
)


def problem_text(problem: str, language: str) -> str:
    """A problem :func:`verify` found, in the user's language."""
    if language != "sv":
        return problem
    for pattern, swedish in _PROBLEMS_SV:
        if re.fullmatch(pattern, problem):
            return re.sub(pattern, swedish, problem)
    return problem


_TABLE = AuditEvent.__table__
# Read as stored: the timestamp as text where the database keeps text (SQLite), so a changed
# byte is a finding, not a ValueError from the ORM.
_RAW_COLUMNS = (
    _TABLE.c.seq,
    type_coerce(_TABLE.c.at, String).label("at"),
    type_coerce(_TABLE.c.user_id, String).label("user_id"),
    type_coerce(_TABLE.c.action, String).label("action"),
    type_coerce(_TABLE.c.object_type, String).label("object_type"),
    type_coerce(_TABLE.c.object_id, String).label("object_id"),
    type_coerce(_TABLE.c.detail, String).label("detail"),
    type_coerce(_TABLE.c.prev_mac, String).label("prev_mac"),
    type_coerce(_TABLE.c.mac, String).label("mac"),
)
_SQLITE_TS = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}")


def _iter_raw(session: Session) -> Iterator[Any]:
    last: int | None = None
    while True:
        query = select(*_RAW_COLUMNS).order_by(_TABLE.c.seq).limit(2000)
        if last is not None:
            query = query.where(_TABLE.c.seq > last)
        batch = list(session.execute(query))
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def _raw_at(value: object) -> datetime | None:
    """The stored timestamp exactly as the app writes it, else None (damaged)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, str) and _SQLITE_TS.fullmatch(value):
        try:
            return datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
        except ValueError:
            return None
    return None


def _raw_canonical(row: Any) -> bytes | None:
    """The entry's canonical bytes, or None when a stored value cannot be what the app wrote."""
    if not isinstance(row.seq, int) or isinstance(row.seq, bool):
        return None
    at = _raw_at(row.at)
    if at is None or not isinstance(row.action, str) or not row.action:
        return None
    for name in _NULLABLE_TEXT:
        value = getattr(row, name)
        # The app writes NULL, never an empty string, for an absent value.
        if value is not None and (not isinstance(value, str) or value == ""):
            return None
    if not isinstance(row.prev_mac, str):
        return None
    if row.mac is not None and not (isinstance(row.mac, str) and _HEX64.fullmatch(row.mac)):
        return None
    return _canonical_fields(
        row.seq, at, row.user_id, row.action, row.object_type, row.object_id, row.detail
    )


def _raw_head(session: Session) -> Any:
    t = AuditHead.__table__
    return session.execute(
        select(
            t.c.seq,
            t.c.sealed_seq,
            type_coerce(t.c.mac, String).label("mac"),
            type_coerce(t.c.head_mac, String).label("head_mac"),
            type_coerce(t.c.pre_key, String).label("pre_key"),
        ).where(t.c.id == 1)
    ).first()


def _same(a: object, b: str) -> bool:
    return isinstance(a, str) and hmac.compare_digest(a.encode(), b.encode())


def _is_switch(row: Any) -> bool:
    return (
        row.action == "key"
        and row.object_type == "audit_key"
        and isinstance(row.detail, str)
        and row.detail == SWITCH_DETAIL + str(row.object_id)
    )


def _first_key(
    history: Sequence[tuple[str, bytes]], default: bytes, mac: str, prev: str, canonical: bytes
) -> bytes:
    """The audit key that seals the chain's first sealed entry (as a keyed or a pre-sign-in
    entry); ``default`` when none does (the walk then reports that entry)."""
    for _, candidate in history:
        if hmac.compare_digest(mac, _hmac(candidate, prev, canonical)) or hmac.compare_digest(
            mac, _pre_mac(_pre_seed(candidate, GENESIS), prev, canonical)
        ):
            return candidate
    return default


def verify(session: Session, key: bytes, history: Sequence[tuple[str, bytes]] = ()) -> VerifyResult:
    """Walk the whole chain; report the first entry that is edited, missing or out of order.

    ``history``: every audit key by id (``UnlockedKeys.audit_history``). The walk starts with
    the one that seals the first sealed entry (not by the keys' creation times, which come
    from the clocks of the computers that made them) and switches at each entry, sealed with
    the key before, that names the next (:func:`switch_key`); without it, ``key`` checks the
    whole chain.

    Stored values are read raw: a value that is not what the app writes (a timestamp that
    does not parse, a NULL where none may be ...) is a finding for that entry, never an error.
    """
    head = _raw_head(session)
    if head is None:
        return VerifyResult(False, 0, 0, "the audit head is missing", None)
    by_id = dict(history)
    if history:
        key = history[0][1]
    first_key_found = not history
    upgraded = head.pre_key is not None  # written by schema 0005f or later
    expected_seq = 1
    prev = GENESIS
    pre_key = _pre_seed(key, GENESIS)
    sealed_seq, sealed_mac = 0, GENESIS
    count = unsealed = pre = 0

    def bad(problem: str, seq: int | None) -> VerifyResult:
        return VerifyResult(False, count, unsealed, problem, seq, pre)

    for row in _iter_raw(session):
        count += 1
        if row.seq != expected_seq:
            return bad(f"entry {expected_seq} is missing (deleted or renumbered)", expected_seq)
        canonical = _raw_canonical(row)
        if canonical is None:
            return bad(f"entry {row.seq} was altered or damaged", row.seq)
        if row.mac is None:
            if upgraded:
                return bad(f"entry {row.seq} was altered: its seal is gone", row.seq)
            unsealed += 1
        else:
            if unsealed:
                return bad(f"entry {row.seq} is sealed after unsealed entries", row.seq)
            if row.prev_mac != prev:
                return bad(f"entry {row.seq} was altered, moved or reordered", row.seq)
            if not first_key_found:
                first_key_found = True
                key = _first_key(history, key, row.mac, prev, canonical)
                pre_key = _pre_seed(key, GENESIS)
            if hmac.compare_digest(row.mac, _hmac(key, prev, canonical)):
                sealed_seq, sealed_mac = row.seq, row.mac
                switched = by_id.get(row.object_id) if _is_switch(row) else None
                if switched is not None and switched != key:
                    key = switched
                pre_key = _pre_seed(key, row.mac)
            elif hmac.compare_digest(row.mac, _pre_mac(pre_key, prev, canonical)):
                pre += 1
                pre_key = _evolve(pre_key)
            else:
                return bad(f"entry {row.seq} was altered, moved or reordered", row.seq)
            prev = row.mac
        expected_seq += 1
    last_seq = expected_seq - 1
    if not isinstance(head.seq, int) or not isinstance(head.sealed_seq, int):
        return bad("the audit head was altered", None)
    if head.seq > last_seq:
        return bad(
            f"the trail was truncated: entries from {last_seq + 1} on are missing", last_seq + 1
        )
    want_head = _head_mac(key, sealed_seq, sealed_mac, pre=upgraded)
    if head.sealed_seq != sealed_seq or not _same(head.head_mac, want_head):
        if head.sealed_seq > sealed_seq:
            first = last_seq + 1
            return bad(f"the trail was truncated: entries from {first} on are missing", first)
        return bad("the audit head was altered", None)
    if upgraded:
        if head.seq != last_seq or not _same(head.mac, prev) or not _same(head.pre_key, pre_key):
            first = last_seq + 1
            return bad(
                f"the trail was truncated or its head altered: entries from {first} on are missing",
                first,
            )
    elif head.seq != last_seq or not _same(head.mac, sealed_mac):
        first = last_seq + 1
        return bad(f"the trail was truncated: entries from {first} on are missing", first)
    return VerifyResult(True, count, unsealed, None, None, pre)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    username: str | None
    action: str
    object_type: str | None
    detail: str | None


def case_history(session: Session, case_id: str, record_ids: set[str]) -> list[HistoryEntry]:
    """Audit entries about a case and its records (the caller has checked access)."""
    from assessment_app.db.models import User

    ids = {case_id} | record_ids
    rows = session.execute(
        select(AuditEvent, User.username)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.object_id.in_(ids))
        .order_by(AuditEvent.seq)
    ).all()
    return [HistoryEntry(e.at, name, e.action, e.object_type, e.detail) for e, name in rows]
