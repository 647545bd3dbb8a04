"""Access-log review (logguppföljning): who opened which case when, for a supervisor.

A supervisor sees the audit entries about their unit's cases (the case and its records) and
the entries made by their unit's users. Opening the review and exporting it are audited
themselves (``log.review``, ``log.export``). The audit trail holds ids and action codes only,
so neither the review nor the export contains a client's name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, Select, func, or_, select, union
from sqlalchemy.orm import Session

from assessment_app.context import Context
from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    AuditEvent,
    Case,
    Consent,
    Draft,
    FollowUp,
    User,
)
from assessment_app.errors import ValidationError
from assessment_app.fileio import write_private_atomic
from assessment_app.records.access import accessible_case

LOG_REVIEW = "log.review"
LOG_EXPORT = "log.export"
MAX_LIMIT = 1000
EXPORT_BATCH = 1000

# Labels for the action codes a review shows most (Swedish, English).
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "login": ("Inloggning", "Sign-in"),
    "login.failed": ("Misslyckad inloggning", "Failed sign-in"),
    "login.locked": ("Låst konto", "Locked account"),
    "logout": ("Utloggning", "Sign-out"),
    "unlock": ("Upplåsning", "Unlock"),
    "case.create": ("Ärende skapat", "Case created"),
    "case.open": ("Ärende öppnat", "Case opened"),
    "case.update": ("Ärende ändrat", "Case changed"),
    "record.create": ("Uppgift skapad", "Record created"),
    "record.update": ("Uppgift ändrad", "Record changed"),
    "record.delete": ("Uppgift borttagen", "Record deleted"),
    "export": ("Export", "Export"),
    "review": ("Granskning", "Review"),
    "review.queue": ("Granskningskö visad", "Review queue shown"),
    "user.change": ("Användare ändrad", "User changed"),
    "key": ("Nyckelåtgärd", "Key operation"),
    "integrity.failure": ("Integritetsfel", "Integrity failure"),
    "log.review": ("Logguppföljning", "Access-log review"),
    "log.export": ("Loggexport", "Access-log export"),
    "transfer.export": ("Ärende exporterat för överföring", "Case exported for transfer"),
    "transfer.import": ("Ärende importerat", "Case imported"),
}


@dataclass(frozen=True)
class LogFilter:
    username: str | None = None
    case_ref: str | None = None
    date_from: date | None = None  # inclusive, local time
    date_to: date | None = None  # inclusive, local time
    action: str | None = None  # an action code, or a prefix ending in "." (e.g. "case.")

    def describe(self) -> str:
        """For the audit detail: filters only (user names of workers and case refs are ids)."""
        parts = [
            f"{k}={v}"
            for k, v in (
                ("user", self.username),
                ("case", self.case_ref),
                ("from", self.date_from),
                ("to", self.date_to),
                ("action", self.action),
            )
            if v
        ]
        return " ".join(parts) or "all"


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: datetime  # aware UTC; show with .astimezone()
    username: str | None
    action: str
    object_type: str | None
    object_id: str | None
    case_ref: str | None
    detail: str | None


@dataclass(frozen=True)
class LogPage:
    entries: list[LogEntry]
    total: int
    offset: int
    limit: int


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()  # the machine's local time zone


def _record_ids(case_ids: Select[str]) -> Select[str]:
    """Ids of a set of cases and of every record that belongs to them."""
    return select(
        union(
            case_ids,
            select(Case.individual_id).where(Case.id.in_(case_ids)),
            select(ActionPlan.id).where(ActionPlan.case_id.in_(case_ids)),
            select(Assessment.id).where(Assessment.case_id.in_(case_ids)),
            select(Consent.id).where(Consent.case_id.in_(case_ids)),
            select(FollowUp.id).where(FollowUp.case_id.in_(case_ids)),
            select(Draft.id).where(Draft.case_id.in_(case_ids)),
        ).subquery()
    )


def _scope(ctx: Context) -> ColumnElement[bool]:
    unit_cases = select(Case.id).where(Case.unit_id == ctx.unit_id)
    unit_users = select(User.id).where(User.unit_id == ctx.unit_id)
    return or_(
        AuditEvent.user_id.in_(unit_users), AuditEvent.object_id.in_(_record_ids(unit_cases))
    )


def _query(session: Session, ctx: Context, f: LogFilter) -> Select[AuditEvent, str]:
    query = (
        select(AuditEvent, User.username)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(_scope(ctx))
    )
    if f.username:
        query = query.where(User.username == f.username.strip())
    if f.case_ref:
        case = accessible_case(session, ctx, case_ref=f.case_ref)
        query = query.where(
            AuditEvent.object_id.in_(_record_ids(select(Case.id).where(Case.id == case.id)))
        )
    if f.date_from:
        query = query.where(AuditEvent.at >= _local_start(f.date_from))
    if f.date_to:
        query = query.where(AuditEvent.at < _local_start(f.date_to + timedelta(days=1)))
    if f.action:
        action = f.action.strip()
        if action.endswith("."):
            query = query.where(AuditEvent.action.startswith(action, autoescape=True))
        else:
            query = query.where(AuditEvent.action == action)
    return query


def _case_refs(session: Session, object_ids: set[str]) -> dict[str, str]:
    """Map record ids on this page to their case reference."""
    refs: dict[str, str] = {}
    if not object_ids:
        return refs
    ids = list(object_ids)
    for cid, ref in session.execute(select(Case.id, Case.case_ref).where(Case.id.in_(ids))):
        refs[cid] = ref
    for iid, ref in session.execute(
        select(Case.individual_id, Case.case_ref).where(Case.individual_id.in_(ids))
    ):
        refs.setdefault(iid, ref)
    for model in (ActionPlan, Assessment, Consent, FollowUp, Draft):
        for rid, ref in session.execute(
            select(model.id, Case.case_ref)
            .join(Case, Case.id == model.case_id)
            .where(model.id.in_(ids))
        ):
            refs[rid] = ref
    return refs


def _entries(session: Session, rows: Sequence[tuple[AuditEvent, str | None]]) -> list[LogEntry]:
    refs = _case_refs(session, {e.object_id for e, _ in rows if e.object_id})
    return [
        LogEntry(
            e.seq,
            e.at,
            name,
            e.action,
            e.object_type,
            e.object_id,
            refs.get(e.object_id) if e.object_id else None,
            e.detail,
        )
        for e, name in rows
    ]


def _check(ctx: Context, limit: int, offset: int) -> None:
    ctx.require_role("supervisor")
    if ctx.unit_id is None:
        raise ValidationError(
            "You have no unit, so there is no log to review.",
            "Du hör inte till någon enhet, så det finns ingen logg att granska.",
        )
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise ValidationError(
            f"Ask for 1–{MAX_LIMIT} entries from offset 0 or more.",
            f"Be om 1–{MAX_LIMIT} poster från position 0 eller senare.",
        )


def access_log(
    ctx: Context,
    *,
    username: str | None = None,
    case_ref: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    action: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> LogPage:
    """A page of the unit's audit trail, newest first. Audited as ``log.review``."""
    _check(ctx, limit, offset)
    f = LogFilter(username, case_ref, date_from, date_to, action)
    with ctx.transaction() as session:
        query = _query(session, ctx, f)
        total = int(
            session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        )
        rows = [
            (e, n)
            for e, n in session.execute(
                query.order_by(AuditEvent.seq.desc()).offset(offset).limit(limit)
            ).all()
        ]
        entries = _entries(session, rows)
        if offset == 0:  # one entry per opened review, not one per page turned
            ctx.audit(
                session, LOG_REVIEW, object_type="unit", object_id=ctx.unit_id, detail=f.describe()
            )
    return LogPage(entries, total, offset, limit)


def _iter_all(ctx: Context, f: LogFilter) -> Iterator[LogEntry]:
    last: int | None = None
    while True:
        with ctx.transaction() as session:
            query = _query(session, ctx, f)
            if last is not None:
                query = query.where(AuditEvent.seq < last)
            rows = list(
                session.execute(query.order_by(AuditEvent.seq.desc()).limit(EXPORT_BATCH)).all()
            )
            if not rows:
                return
            batch = _entries(session, [(e, n) for e, n in rows])
        yield from batch
        last = batch[-1].seq


def _cell(value: object) -> str:
    """Text for one CSV cell; a leading = + - @ would be a formula in Excel."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


HEADER = ("Tidpunkt", "Användare", "Händelse", "Kod", "Ärende", "Objekttyp", "Objekt-id", "Detalj")


def export_access_log(ctx: Context, filters: LogFilter, out: Path) -> int:
    """Write the filtered log as CSV for Excel (UTF-8 with BOM, ``;``), atomically. Audited.

    Returns the number of entries written.
    """
    _check(ctx, 1, 0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for e in _iter_all(ctx, filters):
        label = ACTION_LABELS.get(e.action, (e.action, e.action))[0]
        writer.writerow(
            [
                _cell(v)
                for v in (
                    e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    e.username,
                    label,
                    e.action,
                    e.case_ref,
                    e.object_type,
                    e.object_id,
                    e.detail,
                )
            ]
        )
        count += 1
    with ctx.transaction() as session:
        ctx.audit(
            session,
            LOG_EXPORT,
            object_type="unit",
            object_id=ctx.unit_id,
            detail=f"{count} entries; {filters.describe()}",
        )
        # Written inside the transaction: a failed write leaves no audit entry behind.
        write_private_atomic(("\ufeff" + buffer.getvalue()).encode("utf-8"), out)
    return count
