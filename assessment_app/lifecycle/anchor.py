"""Rollback detection: is this database a continuation of what this installation last saw?

After sign-in the newest sealed audit entry (sequence number and MAC) is compared with the
anchor kept for the database id in the state file (see :mod:`.state`):

- the entry at the anchor's sequence number still has the anchor's MAC: ``ok`` (the database
  only moved forward), and :func:`record_head` moves the anchor up;
- the database ends before the anchor: ``went_backwards`` (an older copy replaced it);
- the entry at the anchor's number has another MAC: ``went_backwards`` with ``diverged``
  (an older copy replaced it and has been written to since);
- no anchor yet, or an anchor that fails its HMAC: ``unknown``.

A rollback is warned about, not refused: restoring a backup on purpose looks the same. The
anchor stays where it was until an administrator accepts the current state
(:func:`accept_rollback`), so the warning keeps coming until someone has decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_app.audit import GENESIS
from assessment_app.context import Context
from assessment_app.db.models import AuditEvent, AuditHead, Meta
from assessment_app.db.types import utcnow
from assessment_app.errors import IntegrityError
from assessment_app.lifecycle.codes import ROLLBACK_ACCEPT, ROLLBACK_DETECTED
from assessment_app.lifecycle.state import StateStore

RollbackState = Literal["ok", "went_backwards", "unknown"]


@dataclass(frozen=True)
class RollbackStatus:
    state: RollbackState
    database_id: str
    current_seq: int
    anchor_seq: int | None = None
    diverged: bool = False
    reason: str = ""  # no_anchor | anchor_tampered | state_unreadable | behind | diverged
    protected: bool = False  # the anchor was checked against the keyring secret

    @property
    def warning(self) -> bool:
        return self.state == "went_backwards" or self.reason in (
            "anchor_tampered",
            "state_unreadable",
        )

    def message(self, language: str = "sv") -> str:
        """A plain warning for the person at the screen (empty when there is nothing to say)."""
        sv = language == "sv"
        if self.state == "went_backwards":
            if self.diverged:
                return (
                    "Varning: databasen har bytts ut mot en äldre kopia som sedan har ändrats "
                    f"(senast sedda logghändelse här: {self.anchor_seq}, databasen har nu "
                    f"{self.current_seq}). Uppgifter kan saknas. Kontakta administratören; "
                    "se docs/lifecycle.md."
                    if sv
                    else "Warning: the database was replaced by an older copy that has been "
                    f"changed since (newest audit entry seen here: {self.anchor_seq}, the "
                    f"database now has {self.current_seq}). Records may be missing. Contact "
                    "the administrator; see docs/lifecycle.md."
                )
            return (
                "Varning: databasen är äldre än den som senast användes här (senast sedda "
                f"logghändelse: {self.anchor_seq}, databasen slutar på {self.current_seq}). "
                "En äldre kopia kan ha lagts tillbaka och uppgifter kan saknas. Kontakta "
                "administratören; se docs/lifecycle.md."
                if sv
                else "Warning: the database is older than the one last used here (newest audit "
                f"entry seen: {self.anchor_seq}, the database ends at {self.current_seq}). An "
                "older copy may have been put back and records may be missing. Contact the "
                "administrator; see docs/lifecycle.md."
            )
        if self.reason == "anchor_tampered":
            return (
                "Varning: den lokala kontrollpunkten för databasen är ändrad eller skadad; "
                "återställning till en äldre kopia kan inte uteslutas."
                if sv
                else "Warning: this installation's checkpoint for the database was altered or "
                "damaged; a rollback to an older copy cannot be ruled out."
            )
        if self.reason == "state_unreadable":
            return (
                "Varning: filen med lokala kontrollpunkter går inte att läsa; den skapas på nytt."
                if sv
                else "Warning: the local checkpoint file cannot be read; it is created anew."
            )
        return ""


def database_id(session: Session) -> str:
    value = session.execute(select(Meta.value).where(Meta.key == "database_id")).scalar()
    if value is None:
        raise IntegrityError("meta", "value", "database_id")
    return value


def _head(session: Session) -> tuple[int, str]:
    head = session.get(AuditHead, 1)
    if head is None:
        raise IntegrityError("audit_head", "mac", "1")
    # The newest entry whose MAC the head carries: every entry since schema 0005f (pre-sign-in
    # entries are sealed too), the newest one sealed with the audit key before.
    return (head.seq if head.pre_key else head.sealed_seq), head.mac


def _status(session: Session, store: StateStore) -> RollbackStatus:
    db_id = database_id(session)
    current_seq, _mac = _head(session)
    anchor = store.anchor(db_id)
    if store.unreadable:
        return RollbackStatus("unknown", db_id, current_seq, reason="state_unreadable")
    if anchor is None:
        return RollbackStatus("unknown", db_id, current_seq, reason="no_anchor")
    if anchor.authentic is False:
        return RollbackStatus("unknown", db_id, current_seq, reason="anchor_tampered")
    protected = anchor.authentic is True
    if current_seq < anchor.seq:
        return RollbackStatus(
            "went_backwards", db_id, current_seq, anchor.seq, False, "behind", protected
        )
    if anchor.seq == 0:
        same = anchor.mac == GENESIS
    else:
        event = session.get(AuditEvent, anchor.seq)
        same = event is not None and event.mac == anchor.mac
    if not same:
        return RollbackStatus(
            "went_backwards", db_id, current_seq, anchor.seq, True, "diverged", protected
        )
    return RollbackStatus("ok", db_id, current_seq, anchor.seq, protected=protected)


def check_rollback(ctx: Context, store: StateStore | None = None) -> RollbackStatus:
    """Compare the database's audit head with this installation's anchor. Changes nothing."""
    store = store or StateStore()
    with ctx.db.sessions() as session:
        return _status(session, store)


def record_head(ctx: Context, store: StateStore | None = None) -> RollbackStatus:
    """Check, then move the anchor to the current head unless the database went backwards.

    A rollback is recorded in the database's audit trail (``rollback.detected``) each time it
    is seen, and the anchor is left alone until :func:`accept_rollback`.
    """
    store = store or StateStore()
    status = check_rollback(ctx, store)
    if status.state == "went_backwards":
        with ctx.transaction() as session:
            ctx.audit(
                session,
                ROLLBACK_DETECTED,
                object_type="database",
                object_id=status.database_id,
                detail=f"anchor {status.anchor_seq} head {status.current_seq} {status.reason}",
            )
        return status
    _move_anchor(ctx, store)
    return status


def _move_anchor(ctx: Context, store: StateStore) -> None:
    with ctx.db.sessions() as session:
        db_id = database_id(session)
        seq, mac = _head(session)
    store.set_anchor(db_id, seq, mac, utcnow())


def accept_rollback(ctx: Context, store: StateStore | None = None) -> RollbackStatus:
    """An administrator accepts the database as it is now (e.g. after a deliberate restore)."""
    ctx.require_role("administrator")
    store = store or StateStore()
    before = check_rollback(ctx, store)
    with ctx.transaction() as session:
        ctx.audit(
            session,
            ROLLBACK_ACCEPT,
            object_type="database",
            object_id=before.database_id,
            detail=f"anchor {before.anchor_seq} head {before.current_seq} {before.reason}".strip(),
        )
    _move_anchor(ctx, store)
    return check_rollback(ctx, store)
