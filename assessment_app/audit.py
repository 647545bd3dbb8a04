"""The audit trail: append-only, hash-chained with a keyed MAC.

Each entry's MAC covers the previous entry's MAC and the entry's own fields, so editing,
deleting, reordering or truncating entries breaks the chain; :func:`verify` names the first
bad entry. Entries hold ids and action codes only, never names, personnummer or answers.

Some events happen before anyone holds the audit key (a failed login). Those are appended
*unsealed* and sealed, in order, by the next append that holds the key. The single
``audit_head`` row carries the newest sealed entry under its own MAC so a truncated tail is
detected too.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_app.db.models import AuditEvent, AuditHead
from assessment_app.db.types import utcnow

GENESIS = "0" * 64

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


def _canonical(event: AuditEvent) -> bytes:
    fields = [
        str(event.seq),
        event.at.isoformat(timespec="microseconds"),
        event.user_id or "",
        event.action,
        event.object_type or "",
        event.object_id or "",
        event.detail or "",
    ]
    return "\x1f".join(fields).encode()


def _mac(key: bytes, prev_mac: str, event: AuditEvent) -> str:
    return hmac.new(
        key, prev_mac.encode() + b"\x1e" + _canonical(event), hashlib.sha256
    ).hexdigest()


def _head_mac(key: bytes, head: AuditHead) -> str:
    payload = f"head\x1f{head.sealed_seq}\x1f{head.mac}".encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def init_head(session: Session, key: bytes) -> None:
    head = AuditHead(id=1, seq=0, sealed_seq=0, mac=GENESIS, head_mac="")
    head.head_mac = _head_mac(key, head)
    session.add(head)
    session.flush()


def locked_head(session: Session) -> AuditHead:
    """The audit head, locked for this transaction (writers serialise on it)."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    return head


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

    ``head`` is the audit head the caller already locked in this transaction (the use-case
    layer locks it in the first statement of every write); without it, it is locked here.
    With ``flush=False`` the entry is written with the rest of the transaction.
    """
    head = head if head is not None else locked_head(session)
    if key is not None:
        _seal_pending(session, key, head)
    event = AuditEvent(
        seq=head.seq + 1,
        at=at or utcnow(),
        user_id=user_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=(detail or None) and detail[:200],
        prev_mac="",
        mac=None,
    )
    head.seq = event.seq
    if key is not None:
        event.prev_mac = head.mac
        event.mac = _mac(key, head.mac, event)
        head.sealed_seq = event.seq
        head.mac = event.mac
        head.head_mac = _head_mac(key, head)
    session.add(event)
    if flush:
        session.flush()
    return event


def _seal_pending(session: Session, key: bytes, head: AuditHead) -> None:
    if head.sealed_seq == head.seq:
        return
    pending = session.execute(
        select(AuditEvent).where(AuditEvent.seq > head.sealed_seq).order_by(AuditEvent.seq)
    ).scalars()
    for event in pending:
        if event.mac is not None:
            continue
        event.prev_mac = head.mac
        event.mac = _mac(key, head.mac, event)
        head.sealed_seq = event.seq
        head.mac = event.mac
    head.head_mac = _head_mac(key, head)


def seal_pending(session: Session, key: bytes) -> None:
    _seal_pending(session, key, _locked_head(session))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    unsealed: int
    problem: str | None = None
    first_bad_seq: int | None = None


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
    (r"the audit head was altered", "loggens huvudpost är ändrad"),
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


def _iter_events(session: Session) -> Iterator[AuditEvent]:
    last = 0
    while True:
        batch = list(
            session.execute(
                select(AuditEvent).where(AuditEvent.seq > last).order_by(AuditEvent.seq).limit(2000)
            ).scalars()
        )
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def verify(session: Session, key: bytes) -> VerifyResult:
    """Walk the whole chain; report the first entry that is edited, missing or out of order."""
    head = session.get(AuditHead, 1)
    if head is None:
        return VerifyResult(False, 0, 0, "the audit head is missing", None)
    expected_seq = 1
    prev = GENESIS
    count = 0
    unsealed = 0
    for event in _iter_events(session):
        count += 1
        if event.seq != expected_seq:
            return VerifyResult(
                False,
                count,
                unsealed,
                f"entry {expected_seq} is missing (deleted or renumbered)",
                expected_seq,
            )
        if event.mac is None:
            unsealed += 1
        else:
            if unsealed:
                return VerifyResult(
                    False,
                    count,
                    unsealed,
                    f"entry {event.seq} is sealed after unsealed entries",
                    event.seq,
                )
            if event.prev_mac != prev or not hmac.compare_digest(event.mac, _mac(key, prev, event)):
                return VerifyResult(
                    False,
                    count,
                    unsealed,
                    f"entry {event.seq} was altered, moved or reordered",
                    event.seq,
                )
            prev = event.mac
        expected_seq += 1
    last_seq = expected_seq - 1
    if not hmac.compare_digest(head.head_mac, _head_mac(key, head)):
        return VerifyResult(False, count, unsealed, "the audit head was altered", None)
    if head.seq != last_seq or head.mac != prev or head.sealed_seq != last_seq - unsealed:
        first_missing = last_seq + 1
        return VerifyResult(
            False,
            count,
            unsealed,
            f"the trail was truncated: entries from {first_missing} on are missing",
            first_missing,
        )
    return VerifyResult(True, count, unsealed)


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
