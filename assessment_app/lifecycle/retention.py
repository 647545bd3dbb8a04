"""Retention (gallring): which cases are due for deletion, and deleting them.

The rule (see docs/lifecycle.md): a closed case is due when its last entry is more than
``years`` years before the as-of date; any new entry restarts the clock. An open case is never
deleted by retention: an open case nobody has written in for that long is listed for a closing
decision instead (decision ``review``, reason ``open_inactive``). People born on one of
``keep_birth_days`` are kept (for a samordningsnummer the day is the number's day minus 60).
People without a personnummer cannot be shown to fall under the exception and are not kept.
A personnummer that cannot be decrypted
puts the case on hold: nothing is decided on a value that cannot be read.

The birth day exists only inside the encrypted personnummer. It is decrypted here to decide
and is never returned, shown or logged: a :class:`RetentionItem` carries the case reference,
dates, the decision and a reason code, nothing about the person.

A screen uses it in three steps: :func:`plan_retention` (list), the person confirms,
:func:`apply_retention` (each case deleted in its own transaction, re-checked first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_app.context import Context
from assessment_app.db.models import Case, Individual
from assessment_app.errors import ValidationError
from assessment_app.lifecycle.codes import RETENTION_DELETE, RETENTION_REVIEW
from assessment_app.lifecycle.purge import purge_case
from assessment_app.lifecycle.settings import RetentionSettings, load_retention_settings

Decision = Literal["delete", "keep", "hold", "review"]
Progress = Callable[[int, int], None]

# Reason codes, shown in the list and explained in docs/lifecycle.md.
CLOSED = "closed"  # closed, and the last entry is older than the rule
OPEN_INACTIVE = "open_inactive"  # still open, but nothing written for longer than the rule
BIRTH_DAY = "birth_day"  # kept: born on one of the exception days
PNR_UNREADABLE = "pnr_unreadable"  # on hold: the personnummer failed its integrity check

REASON_TEXTS: dict[str, tuple[str, str]] = {
    CLOSED: ("avslutat, sista anteckning för länge sedan", "closed, last entry too long ago"),
    OPEN_INACTIVE: (
        "öppet utan anteckning under hela gallringsfristen: behöver ett beslut om att avsluta",
        "open without an entry for the whole retention period: needs a decision to close",
    ),
    BIRTH_DAY: ("bevaras: födelsedag enligt undantaget", "kept: birth day under the exception"),
    PNR_UNREADABLE: (
        "väntar: personnumret kan inte läsas (se integritetsfel i loggen)",
        "on hold: the personnummer cannot be read (see integrity failures in the log)",
    ),
}
DECISION_TEXTS: dict[str, tuple[str, str]] = {
    "delete": ("gallras", "delete"),
    "keep": ("bevaras", "keep"),
    "hold": ("väntar", "on hold"),
    "review": ("avsluta först", "close first"),
}


@dataclass(frozen=True)
class RetentionItem:
    """One case past the retention period: plain facts only, never about the person."""

    case_id: str
    case_ref: str
    status: str
    closed_on: date | None
    last_entry_on: date
    decision: Decision
    reason: str


@dataclass(frozen=True)
class RetentionPlan:
    as_of: date
    cutoff: date  # a last entry before this day is past the retention period
    settings: RetentionSettings
    items: tuple[RetentionItem, ...]

    @property
    def due(self) -> list[RetentionItem]:
        return [i for i in self.items if i.decision == "delete"]

    @property
    def kept(self) -> list[RetentionItem]:
        return [i for i in self.items if i.decision == "keep"]

    @property
    def held(self) -> list[RetentionItem]:
        return [i for i in self.items if i.decision == "hold"]

    @property
    def review(self) -> list[RetentionItem]:
        """Open cases past the period: never deleted, listed for a decision to close them."""
        return [i for i in self.items if i.decision == "review"]

    @property
    def audit_detail(self) -> str:
        return f"as-of {self.as_of.isoformat()} {self.settings.rule}"


@dataclass
class RetentionResult:
    deleted: list[str] = field(default_factory=list)  # case references
    individuals_deleted: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (case_ref, why)
    stopped: bool = False


def cutoff_date(as_of: date, years: int) -> date:
    """``as_of`` minus ``years`` calendar years (29 February becomes 28 February)."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28)


def birth_day(pnr12: str) -> int:
    """The day of birth in a 12-digit personnummer or samordningsnummer (day + 60)."""
    day = int(pnr12[6:8])
    return day - 60 if day > 60 else day


def _decide(
    ctx: Context,
    session: Session,
    case: Case,
    individual: Individual,
    settings: RetentionSettings,
) -> tuple[Decision, str]:
    if case.status != "closed":
        return "review", OPEN_INACTIVE  # an open case is never deleted by retention
    base = CLOSED
    if individual.pnr_enc is None:
        return "delete", base  # no personnummer: the exception cannot apply
    value = ctx.open_or(session, "individuals", "pnr_enc", individual.id, individual.pnr_enc, None)
    if not isinstance(value, str) or len(value) != 12 or not value.isdigit():
        return "hold", PNR_UNREADABLE
    if birth_day(value) in settings.keep_birth_days:
        return "keep", BIRTH_DAY
    return "delete", base


def _cutoff_instant(cutoff: date) -> datetime:
    return datetime.combine(cutoff, time.min, tzinfo=UTC)


def _check_dates(as_of: date, today: date | None, applying: bool) -> None:
    if applying and as_of > (today or date.today()):
        raise ValidationError(
            "Deletion cannot be run with an as-of date in the future.",
            "Gallring kan inte göras med ett datum i framtiden.",
        )


def plan_retention(
    ctx: Context,
    as_of: date,
    settings: RetentionSettings | None = None,
    *,
    progress: Progress | None = None,
) -> RetentionPlan:
    """List every case past the retention period with its decision. Deletes nothing.

    Administrators only: the list shows case references, dates and reason codes, no content.
    The review itself is audited (counts only).
    """
    ctx.require_role("administrator")
    settings = settings or load_retention_settings()
    cutoff = cutoff_date(as_of, settings.years)
    items: list[RetentionItem] = []
    with ctx.transaction() as session:
        rows = session.execute(
            select(Case, Individual)
            .join(Individual, Individual.id == Case.individual_id)
            .where(Case.last_entry_at < _cutoff_instant(cutoff))
            .order_by(Case.last_entry_at, Case.case_ref)
        ).all()
        total = len(rows)
        for number, (case, individual) in enumerate(rows, start=1):
            decision, reason = _decide(ctx, session, case, individual, settings)
            items.append(
                RetentionItem(
                    case.id,
                    case.case_ref,
                    case.status,
                    case.closed_on,
                    case.last_entry_at.date(),
                    decision,
                    reason,
                )
            )
            if progress is not None:
                progress(number, total)
        plan = RetentionPlan(as_of, cutoff, settings, tuple(items))
        ctx.audit(
            session,
            RETENTION_REVIEW,
            object_type="database",
            detail=f"{plan.audit_detail}: {len(plan.due)} due, {len(plan.kept)} kept, "
            f"{len(plan.held)} on hold, {len(plan.review)} open",
        )
    return plan


def apply_retention(
    ctx: Context,
    plan: RetentionPlan,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RetentionResult:
    """Delete the plan's due cases, one transaction per case.

    Each case is checked again inside its transaction: a case that got a new entry, changed
    its decision or is already gone since the list was made is skipped, not deleted. Each
    deletion leaves one audit entry (``retention.delete``, case id, as-of date and rule).
    ``should_stop`` is asked between cases, so a screen can offer "stop".
    """
    ctx.require_role("administrator")
    _check_dates(plan.as_of, today, applying=True)
    due = plan.due
    result = RetentionResult()
    cutoff = _cutoff_instant(plan.cutoff)
    for number, item in enumerate(due, start=1):
        if should_stop is not None and should_stop():
            result.stopped = True
            break
        with ctx.transaction() as session:
            row = session.execute(
                select(Case, Individual)
                .join(Individual, Individual.id == Case.individual_id)
                .where(Case.id == item.case_id)
                .with_for_update()
            ).first()
            if row is None:
                result.skipped.append((item.case_ref, "gone"))
            else:
                case, individual = row
                decision, _reason = _decide(ctx, session, case, individual, plan.settings)
                if case.last_entry_at >= cutoff:
                    result.skipped.append((item.case_ref, "new_entry"))
                elif decision != "delete":
                    result.skipped.append((item.case_ref, "decision_changed"))
                else:
                    individual_gone = purge_case(session, case.id)
                    detail = plan.audit_detail + (" +individual" if individual_gone else "")
                    ctx.audit(
                        session,
                        RETENTION_DELETE,
                        object_type="case",
                        object_id=item.case_id,
                        detail=detail,
                    )
                    result.deleted.append(item.case_ref)
                    result.individuals_deleted += int(individual_gone)
        if progress is not None:
            progress(number, len(due))
    return result
