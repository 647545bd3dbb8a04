"""Follow-up dates on a case and its plan; lists of due and overdue follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from assessment_app import audit
from assessment_app.db.models import Case, FollowUp
from assessment_app.db.types import new_id
from assessment_app.records.access import case_filter

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork


@dataclass(frozen=True)
class FollowUpInfo:
    id: str
    case_id: str
    case_ref: str
    plan_id: str | None
    due_on: date
    done_on: date | None
    assessment_id: str | None
    version: int


def schedule(
    uow: UnitOfWork, case_id: str, due_on: date, *, plan_id: str | None = None
) -> FollowUpInfo:
    case = uow.case(case_id=case_id)
    fu = FollowUp(
        id=new_id(), case_id=case.id, plan_id=plan_id, due_on=due_on, updated_by=uow.ctx.user_id
    )
    uow.session.add(fu)
    if case.next_follow_up_on is None or due_on < case.next_follow_up_on:
        uow.set_derived(case, next_follow_up_on=due_on)
    uow.audit(audit.RECORD_CREATE, object_type="follow_up", object_id=fu.id)
    uow.session.flush()
    return FollowUpInfo(fu.id, case.id, case.case_ref, plan_id, due_on, None, None, fu.version)


def mark_done(
    uow: UnitOfWork,
    follow_up_id: str,
    expected_version: int,
    *,
    assessment_id: str | None = None,
    done_on: date | None = None,
) -> None:
    fu, case = uow.record(FollowUp, follow_up_id, "follow-up")
    uow.check_version(fu, expected_version, "follow-up", fu.id, ["done"])
    fu.done_on = done_on or date.today()
    fu.assessment_id = assessment_id
    fu.updated_by = uow.ctx.user_id
    uow.session.flush()
    pending = uow.session.execute(
        select(FollowUp.due_on)
        .where(FollowUp.case_id == case.id, FollowUp.done_on.is_(None))
        .order_by(FollowUp.due_on)
        .limit(1)
    ).scalar()
    uow.set_derived(case, next_follow_up_on=pending)
    uow.audit(audit.RECORD_UPDATE, object_type="follow_up", object_id=fu.id, detail="done")


def list_for_case(uow: UnitOfWork, case_id: str) -> list[FollowUpInfo]:
    case = uow.case(case_id=case_id)
    rows = uow.session.execute(
        select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.due_on)
    ).scalars()
    return [
        FollowUpInfo(
            f.id,
            case.id,
            case.case_ref,
            f.plan_id,
            f.due_on,
            f.done_on,
            f.assessment_id,
            f.version,
        )
        for f in rows
    ]


def next_open(uow: UnitOfWork, case_id: str) -> FollowUpInfo | None:
    """The scheduled follow-up a new follow-up assessment fulfils: the earliest one not done."""
    pending = [f for f in list_for_case(uow, case_id) if f.done_on is None]
    return min(pending, key=lambda f: f.due_on) if pending else None


def due(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    within_days: int = 14,
    overdue_only: bool = False,
) -> list[FollowUpInfo]:
    """Open follow-ups of the cases this user reaches: overdue, or due within some days."""
    today = today or date.today()
    query = (
        select(FollowUp, Case.case_ref)
        .join(Case, Case.id == FollowUp.case_id)
        .where(case_filter(uow.ctx), FollowUp.done_on.is_(None), Case.status == "open")
    )
    if overdue_only:
        query = query.where(FollowUp.due_on < today)
    else:
        query = query.where(FollowUp.due_on <= today + timedelta(days=within_days))
    return [
        FollowUpInfo(
            f.id, f.case_id, ref, f.plan_id, f.due_on, f.done_on, f.assessment_id, f.version
        )
        for f, ref in uow.session.execute(query.order_by(FollowUp.due_on)).all()
    ]
