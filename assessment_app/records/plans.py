"""Action plans: goals per area and actions (what, who, by when), with review and versions.

A plan is saved as a whole (goals and actions together) under the plan's version number, so
two people editing the same plan cannot overwrite each other: the second save gets a
:class:`~assessment_app.errors.StaleEditError`. An approved plan is locked; changing it
makes a new plan version that supersedes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assessment_app import audit
from assessment_app.context import Context
from assessment_app.db.models import ActionPlan, PlanAction, PlanGoal, PlanReview, Provider, User
from assessment_app.db.types import new_id, utcnow
from assessment_app.errors import ValidationError
from assessment_app.records.access import accessible_case, check_version, not_found
from assessment_app.records.cases import touch

RESPONSIBLE_KINDS = ("individual", "social_services", "provider", "police", "authority")
ACTION_STATUSES = ("planned", "in_progress", "done", "cancelled")
REVIEW_STATES = ("draft", "submitted", "approved", "returned", "superseded")


@dataclass
class Goal:
    area_id: str
    text: str
    id: str = field(default_factory=new_id)


@dataclass
class Action:
    what: str
    responsible_kind: str
    goal_id: str | None = None
    responsible_name: str = ""
    provider_id: str | None = None
    due_on: date | None = None
    status: str = "planned"
    follow_up: str = ""
    outcome: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class ReviewEntry:
    plan_version: int
    decision: str
    decided_by: str | None
    decided_at: datetime
    comment: str


@dataclass
class PlanInfo:
    id: str
    case_id: str
    assessment_id: str | None
    plan_version: int
    review_state: str
    follow_up_on: date | None
    next_meeting: str
    note: str
    goals: list[Goal]
    actions: list[Action]
    reviews: list[ReviewEntry]
    version: int
    updated_at: datetime


def _validate(goals: Sequence[Goal], actions: Sequence[Action]) -> None:
    goal_ids = {g.id for g in goals}
    for g in goals:
        if not g.text.strip():
            raise ValidationError("Every goal needs a text.", "Varje mål behöver en text.")
    for a in actions:
        if not a.what.strip():
            raise ValidationError(
                "Every action needs to say what will be done.",
                "Varje insats behöver beskriva vad som ska göras.",
            )
        if a.responsible_kind not in RESPONSIBLE_KINDS:
            raise ValidationError(
                f"Unknown responsible party {a.responsible_kind!r}.",
                f"Okänd ansvarig {a.responsible_kind!r}.",
            )
        if a.responsible_kind == "provider" and not a.provider_id:
            raise ValidationError(
                "Choose the provider responsible for the action.",
                "Välj vilken utförare som ansvarar för insatsen.",
            )
        if a.status not in ACTION_STATUSES:
            raise ValidationError(
                f"Unknown action status {a.status!r}.", f"Okänd status {a.status!r}."
            )
        if a.goal_id is not None and a.goal_id not in goal_ids:
            raise ValidationError(
                "An action points to a goal that is not in the plan.",
                "En insats hör till ett mål som inte finns i planen.",
            )


def _info(session: Session, ctx: Context, plan: ActionPlan) -> PlanInfo:
    content = ctx.open_or(session, "action_plans", "content_enc", plan.id, plan.content_enc, {})
    c = content if isinstance(content, dict) else {}
    goals: list[Goal] = []
    for g in session.execute(
        select(PlanGoal).where(PlanGoal.plan_id == plan.id).order_by(PlanGoal.position)
    ).scalars():
        body = ctx.open_or(session, "plan_goals", "body_enc", g.id, g.body_enc, {})
        b = body if isinstance(body, dict) else {}
        goals.append(Goal(str(b.get("area_id", "")), str(b.get("text", "[skadat värde]")), g.id))
    actions: list[Action] = []
    for a in session.execute(
        select(PlanAction).where(PlanAction.plan_id == plan.id).order_by(PlanAction.position)
    ).scalars():
        body = ctx.open_or(session, "plan_actions", "body_enc", a.id, a.body_enc, {})
        b = body if isinstance(body, dict) else {}
        actions.append(
            Action(
                what=str(b.get("what", "[skadat värde]")),
                responsible_kind=str(b.get("responsible_kind", "social_services")),
                goal_id=a.goal_id,
                responsible_name=str(b.get("responsible_name", "")),
                provider_id=a.provider_id,
                due_on=a.due_on,
                status=a.status,
                follow_up=str(b.get("follow_up", "")),
                outcome=str(b.get("outcome", "")),
                id=a.id,
            )
        )
    reviews = []
    for r, username in session.execute(
        select(PlanReview, User.username)
        .outerjoin(User, User.id == PlanReview.decided_by)
        .where(PlanReview.plan_id == plan.id)
        .order_by(PlanReview.decided_at)
    ).all():
        comment = ctx.open_or(session, "plan_reviews", "comment_enc", r.id, r.comment_enc, "")
        reviews.append(
            ReviewEntry(r.plan_version, r.decision, username, r.decided_at, str(comment or ""))
        )
    return PlanInfo(
        plan.id,
        plan.case_id,
        plan.assessment_id,
        plan.plan_version,
        plan.review_state,
        plan.follow_up_on,
        str(c.get("next_meeting", "")),
        str(c.get("note", "")),
        goals,
        actions,
        reviews,
        plan.version,
        plan.updated_at,
    )


def create_plan(
    ctx: Context, case_id: str, *, assessment_id: str | None = None, goals: Sequence[Goal] = ()
) -> PlanInfo:
    with ctx.transaction() as session:
        case = accessible_case(session, ctx, case_id=case_id)
        plan = ActionPlan(
            id=new_id(),
            case_id=case.id,
            assessment_id=assessment_id,
            plan_version=1,
            review_state="draft",
            created_by=ctx.user_id,
            updated_by=ctx.user_id,
        )
        plan.content_enc = ctx.seal("action_plans", "content_enc", plan.id, {})
        session.add(plan)
        session.flush()
        _write_children(session, ctx, plan, list(goals), [])
        touch(case)
        ctx.audit(session, audit.RECORD_CREATE, object_type="plan", object_id=plan.id)
        return _info(session, ctx, plan)


def goals_from_needs(area_ids_with_need: Sequence[str], area_titles: dict[str, str]) -> list[Goal]:
    """Prefilled goals for the areas rated with a need; the worker words them with the person."""
    return [
        Goal(area_id=a, text=f"Mål för {area_titles.get(a, a).lower()}: ")
        for a in area_ids_with_need
    ]


def _write_children(
    session: Session, ctx: Context, plan: ActionPlan, goals: list[Goal], actions: list[Action]
) -> None:
    session.execute(delete(PlanAction).where(PlanAction.plan_id == plan.id))
    session.execute(delete(PlanGoal).where(PlanGoal.plan_id == plan.id))
    session.flush()
    for pos, g in enumerate(goals):
        session.add(
            PlanGoal(
                id=g.id,
                plan_id=plan.id,
                position=pos,
                body_enc=ctx.seal(
                    "plan_goals", "body_enc", g.id, {"area_id": g.area_id, "text": g.text}
                ),
            )
        )
    session.flush()
    for pos, a in enumerate(actions):
        body = {
            "what": a.what,
            "responsible_kind": a.responsible_kind,
            "responsible_name": a.responsible_name,
            "follow_up": a.follow_up,
            "outcome": a.outcome,
        }
        session.add(
            PlanAction(
                id=a.id,
                plan_id=plan.id,
                goal_id=a.goal_id,
                position=pos,
                provider_id=a.provider_id,
                due_on=a.due_on,
                status=a.status,
                body_enc=ctx.seal("plan_actions", "body_enc", a.id, body),
            )
        )
    session.flush()


def _load(session: Session, ctx: Context, plan_id: str, *, for_update: bool = False) -> ActionPlan:
    """The plan, if this user reaches its case. ``for_update`` locks the row on a server so
    two simultaneous saves serialise and the second one sees the new version."""
    plan = session.get(ActionPlan, plan_id, with_for_update=for_update or None)
    if plan is None:
        raise not_found("plan")
    accessible_case(session, ctx, case_id=plan.case_id)
    return plan


def get_plan(ctx: Context, plan_id: str) -> PlanInfo:
    with ctx.transaction() as session:
        return _info(session, ctx, _load(session, ctx, plan_id))


def list_plans(ctx: Context, case_id: str) -> list[PlanInfo]:
    with ctx.transaction() as session:
        case = accessible_case(session, ctx, case_id=case_id)
        plans = session.execute(
            select(ActionPlan)
            .where(ActionPlan.case_id == case.id)
            .order_by(ActionPlan.created_at, ActionPlan.plan_version)
        ).scalars()
        return [_info(session, ctx, p) for p in plans]


def save_plan(
    ctx: Context,
    plan_id: str,
    expected_version: int,
    *,
    goals: Sequence[Goal],
    actions: Sequence[Action],
    follow_up_on: date | None,
    next_meeting: str = "",
    note: str = "",
) -> PlanInfo:
    _validate(goals, actions)
    with ctx.transaction() as session:
        plan = _load(session, ctx, plan_id, for_update=True)
        check_version(session, plan, expected_version, "plan", plan.id, ["goals", "actions"])
        if plan.review_state in ("approved", "superseded", "submitted"):
            raise ValidationError(
                "This plan version is locked (submitted or approved). Make a new version to "
                "change it.",
                "Den här versionen av planen är låst (inskickad eller godkänd). Gör en ny "
                "version för att ändra den.",
            )
        provider_ids = {a.provider_id for a in actions if a.provider_id}
        if provider_ids:
            found = set(
                session.execute(select(Provider.id).where(Provider.id.in_(provider_ids))).scalars()
            )
            if found != provider_ids:
                raise not_found("provider")
        _write_children(session, ctx, plan, list(goals), list(actions))
        plan.content_enc = ctx.seal(
            "action_plans", "content_enc", plan.id, {"next_meeting": next_meeting, "note": note}
        )
        plan.follow_up_on = follow_up_on
        plan.updated_by = ctx.user_id
        plan.updated_at = utcnow()  # the plan row changes with its children: bump its version
        if plan.review_state == "returned":
            plan.review_state = "draft"
        case = accessible_case(session, ctx, case_id=plan.case_id)
        if follow_up_on is not None:
            case.next_follow_up_on = follow_up_on
        touch(case)
        session.flush()
        ctx.audit(
            session,
            audit.RECORD_UPDATE,
            object_type="plan",
            object_id=plan.id,
            detail=f"v{plan.plan_version}",
        )
        return _info(session, ctx, plan)


def _review(session: Session, ctx: Context, plan: ActionPlan, decision: str, comment: str) -> None:
    review = PlanReview(
        id=new_id(),
        plan_id=plan.id,
        plan_version=plan.plan_version,
        decision=decision,
        decided_by=ctx.user_id,
    )
    if comment:
        review.comment_enc = ctx.seal("plan_reviews", "comment_enc", review.id, comment)
    session.add(review)
    ctx.audit(
        session,
        audit.REVIEW,
        object_type="plan",
        object_id=plan.id,
        detail=f"{decision} v{plan.plan_version}",
    )


def submit_for_review(ctx: Context, plan_id: str, expected_version: int) -> PlanInfo:
    with ctx.transaction() as session:
        plan = _load(session, ctx, plan_id, for_update=True)
        check_version(session, plan, expected_version, "plan", plan.id, ["review_state"])
        if plan.review_state not in ("draft", "returned"):
            raise ValidationError(
                "Only a draft plan can be submitted.", "Bara ett utkast kan skickas in."
            )
        plan.review_state = "submitted"
        plan.updated_by = ctx.user_id
        _review(session, ctx, plan, "submitted", "")
        session.flush()
        return _info(session, ctx, plan)


def decide(
    ctx: Context, plan_id: str, expected_version: int, *, approve: bool, comment: str = ""
) -> PlanInfo:
    ctx.require_role("supervisor")
    if not approve and not comment.strip():
        raise ValidationError(
            "Say why the plan is returned.", "Skriv varför planen lämnas tillbaka."
        )
    with ctx.transaction() as session:
        plan = _load(session, ctx, plan_id, for_update=True)
        check_version(session, plan, expected_version, "plan", plan.id, ["review_state"])
        if plan.review_state != "submitted":
            raise ValidationError(
                "Only a submitted plan can be approved or returned.",
                "Bara en inskickad plan kan godkännas eller lämnas tillbaka.",
            )
        plan.review_state = "approved" if approve else "returned"
        plan.updated_by = ctx.user_id
        _review(session, ctx, plan, "approved" if approve else "returned", comment)
        session.flush()
        return _info(session, ctx, plan)


def new_version(ctx: Context, plan_id: str) -> PlanInfo:
    """Copy an approved plan into a new draft version that supersedes it once saved."""
    with ctx.transaction() as session:
        old = _load(session, ctx, plan_id, for_update=True)
        if old.review_state != "approved":
            raise ValidationError(
                "Only an approved plan gets a new version; edit the draft.",
                "Bara en godkänd plan får en ny version; ändra utkastet.",
            )
        info = _info(session, ctx, old)
        plan = ActionPlan(
            id=new_id(),
            case_id=old.case_id,
            assessment_id=old.assessment_id,
            plan_version=old.plan_version + 1,
            supersedes_id=old.id,
            review_state="draft",
            follow_up_on=old.follow_up_on,
            created_by=ctx.user_id,
            updated_by=ctx.user_id,
        )
        plan.content_enc = ctx.seal(
            "action_plans",
            "content_enc",
            plan.id,
            {"next_meeting": info.next_meeting, "note": info.note},
        )
        session.add(plan)
        session.flush()
        id_map = {g.id: new_id() for g in info.goals}
        goals = [Goal(g.area_id, g.text, id_map[g.id]) for g in info.goals]
        actions = [
            Action(
                **{
                    **a.__dict__,
                    "id": new_id(),
                    "goal_id": id_map.get(a.goal_id) if a.goal_id else None,
                }
            )
            for a in info.actions
        ]
        _write_children(session, ctx, plan, goals, actions)
        old.review_state = "superseded"
        ctx.audit(
            session,
            audit.RECORD_CREATE,
            object_type="plan",
            object_id=plan.id,
            detail=f"v{plan.plan_version} supersedes {old.id}",
        )
        return _info(session, ctx, plan)


def as_json(info: PlanInfo) -> dict[str, Any]:
    return {
        "plan_version": info.plan_version,
        "review_state": info.review_state,
        "follow_up_on": info.follow_up_on.isoformat() if info.follow_up_on else None,
        "next_meeting": info.next_meeting,
        "note": info.note,
        "goals": [{"area_id": g.area_id, "text": g.text} for g in info.goals],
        "actions": [
            {
                "what": a.what,
                "responsible_kind": a.responsible_kind,
                "responsible_name": a.responsible_name,
                "provider_id": a.provider_id,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "status": a.status,
                "follow_up": a.follow_up,
                "outcome": a.outcome,
            }
            for a in info.actions
        ],
        "reviews": [
            {
                "plan_version": r.plan_version,
                "decision": r.decision,
                "by": r.decided_by,
                "at": r.decided_at.isoformat(),
                "comment": r.comment,
            }
            for r in info.reviews
        ],
    }
