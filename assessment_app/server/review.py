"""The supervisor's review queue and the caseworker's decision badges.

The queue shows case references, dates and area ids, never names: a screen that wants a name
asks the workspace for the rows it shows.

"Since they last looked" is a per-user marker: the time of the newest decision the caseworker
has seen, kept as an encrypted draft of kind ``badge_seen`` (no schema change). The screen
calls :func:`mark_badges_seen` with the badges it showed, so a decision made while the list was
open is not marked as seen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, or_, select

from assessment_app.db.models import ActionPlan, Case, FollowUp, PlanReview, User
from assessment_app.records import consents, drafts, urgent
from assessment_app.records.access import case_filter
from assessment_app.records.consents import EndingConsent
from assessment_app.records.drafts import DraftPayload
from assessment_app.records.urgent import UrgentFlagInfo

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

log = logging.getLogger(__name__)

BADGE_SEEN_KIND = "badge_seen"
QUEUE_AUDIT = "review.queue"


@dataclass(frozen=True)
class WaitingPlan:
    plan_id: str
    case_id: str
    case_ref: str
    plan_version: int
    submitted_at: datetime
    submitted_by: str | None
    version: int  # the plan row's version, for plans.decide


@dataclass(frozen=True)
class OverdueFollowUp:
    follow_up_id: str
    case_id: str
    case_ref: str
    due_on: date
    days_overdue: int
    assigned_username: str | None


@dataclass(frozen=True)
class ApprovedPlan:
    """A plan approved recently: the supervisor can open it from the queue and print it."""

    plan_id: str
    case_id: str
    case_ref: str
    plan_version: int
    approved_at: datetime
    approved_by: str | None


@dataclass(frozen=True)
class CloseRequest:
    """A caseworker asks to close a case; the supervisor decides (where the unit says so)."""

    case_id: str
    case_ref: str
    requested_at: datetime
    requested_by: str | None
    version: int


@dataclass(frozen=True)
class ReviewQueue:
    waiting: list[WaitingPlan]
    overdue: list[OverdueFollowUp]
    urgent: list[UrgentFlagInfo]  # open urgent flags, escalated first
    approved: list[ApprovedPlan] = field(default_factory=list)
    close_requests: list[CloseRequest] = field(default_factory=list)
    # consents that end within the unit's warning days or ended lately, by end date
    ending_consents: list[EndingConsent] = field(default_factory=list)

    @property
    def total(self) -> int:
        """What needs attention (approved plans are there for printing, not counted)."""
        return (
            len(self.waiting)
            + len(self.overdue)
            + len(self.urgent)
            + len(self.close_requests)
            + len(self.ending_consents)
        )


@dataclass(frozen=True)
class DecisionBadge:
    plan_id: str
    case_id: str
    case_ref: str
    plan_version: int
    decision: str  # approved | returned
    decided_by: str | None
    decided_at: datetime
    comment: str


def review_queue(
    uow: UnitOfWork,
    today: date | None = None,
    *,
    escalate_after: timedelta | None = None,
    consent_warning_days: int = 30,
) -> ReviewQueue:
    """Plans waiting for review, overdue follow-ups, urgent flags and consents that end (within
    ``consent_warning_days``, or in the last 14 days) in the supervisor's unit."""
    ctx, session = uow.ctx, uow.session
    ctx.require_role("supervisor")
    today = today or date.today()
    uow.lock_head()
    waiting = _waiting(uow)
    overdue = [
        OverdueFollowUp(f.id, f.case_id, ref, f.due_on, (today - f.due_on).days, who)
        for f, ref, who in session.execute(
            select(FollowUp, Case.case_ref, User.username)
            .join(Case, Case.id == FollowUp.case_id)
            .outerjoin(User, User.id == Case.assigned_user_id)
            .where(
                case_filter(ctx),
                Case.status == "open",
                FollowUp.done_on.is_(None),
                FollowUp.due_on < today,
            )
            .order_by(FollowUp.due_on, Case.case_ref)
        ).all()
    ]
    urgent_flags = urgent.open_flags(uow, escalate_after=escalate_after)
    approved = _approved(uow, today - timedelta(days=APPROVED_DAYS))
    close_requests = [
        CloseRequest(c.id, c.case_ref, c.updated_at, who, c.version)
        for c, who in session.execute(
            select(Case, User.username)
            .outerjoin(User, User.id == Case.updated_by)
            .where(case_filter(ctx), Case.status == "close_requested")
            .order_by(Case.updated_at)
        ).all()
    ]
    ending = consents.ending_consents(uow, today, consent_warning_days)
    uow.audit(QUEUE_AUDIT, object_type="unit", object_id=ctx.unit_id)
    return ReviewQueue(waiting, overdue, urgent_flags, approved, close_requests, ending)


APPROVED_DAYS = 90


def _approved(uow: UnitOfWork, since: date) -> list[ApprovedPlan]:
    """Plan versions in force that were approved since ``since``, newest first."""
    ctx = uow.ctx
    rows = uow.session.execute(
        select(ActionPlan, Case.case_ref, PlanReview.decided_at, User.username)
        .join(Case, Case.id == ActionPlan.case_id)
        .join(
            PlanReview,
            (PlanReview.plan_id == ActionPlan.id)
            & (PlanReview.plan_version == ActionPlan.plan_version)
            & (PlanReview.decision == "approved"),
        )
        .outerjoin(User, User.id == PlanReview.decided_by)
        .where(
            case_filter(ctx),
            ActionPlan.review_state == "approved",
            PlanReview.decided_at >= datetime.combine(since, time.min, tzinfo=UTC),
        )
        .order_by(PlanReview.decided_at.desc())
    ).all()
    return [
        ApprovedPlan(plan.id, plan.case_id, ref, plan.plan_version, at, who)
        for plan, ref, at, who in rows
    ]


def _waiting(uow: UnitOfWork) -> list[WaitingPlan]:
    ctx, session = uow.ctx, uow.session
    rows = session.execute(
        select(ActionPlan, Case.case_ref)
        .join(Case, Case.id == ActionPlan.case_id)
        .where(case_filter(ctx), ActionPlan.review_state == "submitted")
    ).all()
    result = []
    for plan, ref in rows:
        submitted = session.execute(
            select(PlanReview.decided_at, User.username)
            .outerjoin(User, User.id == PlanReview.decided_by)
            .where(
                PlanReview.plan_id == plan.id,
                PlanReview.decision == "submitted",
                PlanReview.plan_version == plan.plan_version,
            )
            .order_by(PlanReview.decided_at.desc())
            .limit(1)
        ).first()
        at, who = (submitted[0], submitted[1]) if submitted else (plan.updated_at, None)
        result.append(
            WaitingPlan(plan.id, plan.case_id, ref, plan.plan_version, at, who, plan.version)
        )
    return sorted(result, key=lambda w: w.submitted_at)  # oldest first: first in, first out


# --- decision badges ----------------------------------------------------------------------------


def _seen_until(uow: UnitOfWork) -> datetime | None:
    draft = drafts.load_draft(uow, BADGE_SEEN_KIND, uow.ctx.user_id)
    if draft is None:
        return None
    try:
        return datetime.fromisoformat(str(draft.payload.content.get("seen_until")))
    except ValueError:
        return None


def decision_badges(uow: UnitOfWork) -> list[DecisionBadge]:
    """Decisions on my plans (approved, or returned with a comment) since I last looked.

    "My plans" are plans I created or plans of cases assigned to me, within my access.
    """
    ctx, session = uow.ctx, uow.session
    seen = _seen_until(uow)
    query = (
        select(PlanReview, ActionPlan, Case.case_ref, User.username)
        .join(ActionPlan, ActionPlan.id == PlanReview.plan_id)
        .join(Case, Case.id == ActionPlan.case_id)
        .outerjoin(User, User.id == PlanReview.decided_by)
        .where(
            case_filter(ctx),
            PlanReview.decision.in_(("approved", "returned")),
            or_(
                ActionPlan.created_by == ctx.user_id,
                and_(Case.assigned_user_id == ctx.user_id),
            ),
        )
        .order_by(PlanReview.decided_at)
    )
    if seen is not None:
        query = query.where(PlanReview.decided_at > seen)
    badges = []
    for review, plan, ref, who in session.execute(query).all():
        comment = uow.open("plan_reviews", "comment_enc", review.id, review.comment_enc, "")
        badges.append(
            DecisionBadge(
                plan.id,
                plan.case_id,
                ref,
                review.plan_version,
                review.decision,
                who,
                review.decided_at,
                str(comment or ""),
            )
        )
    return badges


def mark_badges_seen(uow: UnitOfWork, badges: list[DecisionBadge]) -> None:
    """Remember the newest decision shown, so it and older ones no longer count."""
    if not badges:
        return
    newest = max(b.decided_at for b in badges)
    current = _seen_until(uow)
    if current is not None and current >= newest:
        return
    drafts.save_draft(
        uow,
        BADGE_SEEN_KIND,
        uow.ctx.user_id,
        DraftPayload(None, {"seen_until": newest.astimezone(UTC).isoformat()}),
    )
