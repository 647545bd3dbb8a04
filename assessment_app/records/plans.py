"""Action plans: goals per area and actions (what, who, by when), with review and versions.

A plan is saved as a whole (goals and actions together) under the plan's version number, so
two people editing the same plan cannot overwrite each other: the second save gets a
:class:`~assessment_app.errors.StaleEditError`. An approved plan is locked; changing it
makes a new plan version that supersedes it.

Saving writes only what changed since the version the editor loaded: the version check makes
that loaded content the truth, so the goals and actions need not be read again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, String, cast, literal, null, select, union_all
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.util import identity_key

from assessment_app import audit, bounds
from assessment_app import damage as _damage
from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    AuditEvent,
    PlanAction,
    PlanGoal,
    PlanReview,
    Provider,
    User,
)
from assessment_app.db.types import new_id, utcnow
from assessment_app.errors import ValidationError

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

RESPONSIBLE_KINDS = ("individual", "social_services", "provider", "police", "authority")
ACTION_STATUSES = ("planned", "in_progress", "done", "cancelled")
REVIEW_STATES = ("draft", "submitted", "approved", "returned", "superseded")
EDITABLE_STATES = ("draft", "returned")
# Marks a review entry may carry (``plan_reviews.mark``).
SELF_APPROVAL = "self_approval"
UNFINISHED_ASSESSMENT = "unfinished_assessment"
DAMAGED = _damage.DAMAGED


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
    # The day the action was marked done: set by the core at the save where its status
    # became "done" (:func:`save_plan`), kept while it stays done, cleared when it leaves
    # done, carried into a new version. None for actions marked done before it was recorded.
    done_on: date | None = None


@dataclass
class ReviewEntry:
    plan_version: int
    decision: str
    decided_by: str | None
    decided_at: datetime
    comment: str
    mark: str | None = None  # SELF_APPROVAL or UNFINISHED_ASSESSMENT (see decide, submit)
    id: str = ""


@dataclass
class PlanContent:
    """What a worker edits in a plan: the one shape of a plan edit, saved or drafted.

    The next meeting is a moment (``meeting_at``: local time with its zone, or None when no
    meeting is booked) and a place (free text, e.g. "Socialkontoret, Kungsgatan 5, rum 12");
    ``meeting_with_providers`` says the providers of the plan take part (only then does the
    meeting print on their documents). Plans and drafts from before kept the meeting as free
    text (``next_meeting``); it is read into these fields (:func:`parse_meeting_text`).
    """

    goals: list[Goal]
    actions: list[Action]
    follow_up_on: date | None = None
    meeting_at: datetime | None = None
    meeting_place: str = ""
    note: str = ""
    meeting_with_providers: bool = False

    def to_json(self) -> dict[str, Any]:
        """The content a worker edits (for drafts and local copies); an action's ``done_on``
        is not in it: the core keeps that day from the stored plan (see :func:`save_plan`)."""
        return {
            "goals": [{"id": g.id, "area_id": g.area_id, "text": g.text} for g in self.goals],
            "actions": [
                {
                    "id": a.id,
                    "goal_id": a.goal_id,
                    "what": a.what,
                    "responsible_kind": a.responsible_kind,
                    "responsible_name": a.responsible_name,
                    "provider_id": a.provider_id,
                    "due_on": _day(a.due_on),
                    "status": a.status,
                    "follow_up": a.follow_up,
                    "outcome": a.outcome,
                }
                for a in self.actions
            ],
            "follow_up_on": _day(self.follow_up_on),
            **meeting_json(self.meeting_at, self.meeting_place, self.meeting_with_providers),
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: object) -> PlanContent:
        """Read a draft's content: this shape, and the one before it (the meeting as text)."""
        d = data if isinstance(data, dict) else {}
        goals = [
            Goal(str(g.get("area_id", "")), str(g.get("text", "")), str(g["id"]))
            for g in d.get("goals", [])
            if isinstance(g, dict) and g.get("id")
        ]
        actions = [
            Action(
                what=str(a.get("what", "")),
                responsible_kind=str(a.get("responsible_kind", "individual")),
                goal_id=a.get("goal_id") if isinstance(a.get("goal_id"), str) else None,
                responsible_name=str(a.get("responsible_name", "")),
                provider_id=a.get("provider_id") if isinstance(a.get("provider_id"), str) else None,
                due_on=_parse_day(a.get("due_on")),
                status=str(a.get("status", "planned")),
                follow_up=str(a.get("follow_up", "")),
                outcome=str(a.get("outcome", "")),
                id=str(a["id"]),
            )
            for a in d.get("actions", [])
            if isinstance(a, dict) and a.get("id")
        ]
        at, place, with_providers = meeting_from_json(d)
        return cls(
            goals,
            actions,
            _parse_day(d.get("follow_up_on")),
            meeting_at=at,
            meeting_place=place,
            note=str(d.get("note", "")),
            meeting_with_providers=with_providers,
        )

    def same_as(self, other: PlanContent) -> bool:
        return json.dumps(self.to_json(), sort_keys=True) == json.dumps(
            other.to_json(), sort_keys=True
        )


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


# --- the next meeting ------------------------------------------------------------------------

# "2025-03-04 kl. 10.00", "2025-03-04 kl 10", "2025-03-04, kl. 9.30": how people wrote the
# meeting when it was free text (ISO strings are read by ``datetime.fromisoformat``).
_SWEDISH_MEETING = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})\s*,?\s*kl\.?\s*(\d{1,2})(?:[.:](\d{2}))?(?!\d)",
    re.IGNORECASE,
)
_ISO_MEETING = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)(?!\d)"
)
_SEPARATORS = " \t,;:–-"


def local_meeting(value: datetime) -> datetime:
    """A meeting time in this computer's zone (a time without a zone is taken as local)."""
    return value.astimezone()


def parse_meeting_text(text: str) -> tuple[datetime | None, str]:
    """The meeting as it was written when it was free text: the moment, where it parses, and
    what is left (the place, or the whole text when no time could be read), so nothing is lost.

    Reads ISO ("2025-03-04T10:00", with or without a zone), "2025-03-04 kl. 10.00" and
    "2025-03-04 kl 10"; text after the time ("…, Socialkontoret rum 12") is the place.
    """
    text = text.strip()
    if not text:
        return None, ""
    at: datetime | None = None
    rest = text
    iso = _ISO_MEETING.match(text)
    swedish = _SWEDISH_MEETING.match(text)
    try:
        if iso is not None:
            at = datetime.fromisoformat(iso.group(1).replace("Z", "+00:00"))
            rest = text[iso.end() :]
        elif swedish is not None:
            year, month, day, hour, minute = swedish.groups()
            at = datetime(int(year), int(month), int(day), int(hour), int(minute or 0))
            rest = text[swedish.end() :]
    except ValueError:  # 2025-02-30, 25.00: not a time after all
        at, rest = None, text
    if at is None:
        return None, text
    return local_meeting(at), rest.strip(_SEPARATORS)


def meeting_json(
    at: datetime | None, place: str, with_providers: bool
) -> dict[str, str | bool | None]:
    return {
        "meeting_at": local_meeting(at).isoformat(timespec="minutes") if at else None,
        "meeting_place": place,
        "meeting_with_providers": with_providers,
    }


def meeting_from_json(d: dict[str, Any]) -> tuple[datetime | None, str, bool]:
    """The meeting from a plan's head or a draft: this shape, or the free text before it."""
    if "meeting_at" not in d and "meeting_place" not in d:
        return (*parse_meeting_text(str(d.get("next_meeting") or "")), False)
    at: datetime | None = None
    raw = d.get("meeting_at")
    if isinstance(raw, str) and raw:
        try:
            at = local_meeting(datetime.fromisoformat(raw))
        except ValueError:
            at = None
    return at, str(d.get("meeting_place") or ""), d.get("meeting_with_providers") is True


def meeting_text(at: datetime | None, place: str) -> str:
    """The meeting in one line for lists and exports: "2025-03-04 10:00, Socialkontoret"."""
    when = local_meeting(at).strftime("%Y-%m-%d %H:%M") if at else ""
    return ", ".join(x for x in (when, place.strip()) if x)


@dataclass
class PlanInfo:
    id: str
    case_id: str
    assessment_id: str | None
    plan_version: int
    review_state: str
    follow_up_on: date | None
    note: str
    goals: list[Goal]
    actions: list[Action]
    reviews: list[ReviewEntry]
    version: int
    updated_at: datetime
    created_by: str | None = None  # user id of the author
    updated_by: str | None = None  # user id of the last editor
    meeting_at: datetime | None = None
    meeting_place: str = ""
    meeting_with_providers: bool = False

    @property
    def content(self) -> PlanContent:
        return PlanContent(
            list(self.goals),
            list(self.actions),
            self.follow_up_on,
            meeting_at=self.meeting_at,
            meeting_place=self.meeting_place,
            note=self.note,
            meeting_with_providers=self.meeting_with_providers,
        )

    @property
    def editable(self) -> bool:
        return self.review_state in EDITABLE_STATES

    @property
    def self_approved(self) -> bool:
        """This version was approved by its author or last editor (a one-person unit)."""
        return any(
            r.decision == "approved"
            and r.mark == SELF_APPROVAL
            and r.plan_version == self.plan_version
            for r in self.reviews
        )

    @property
    def unfinished_reason(self) -> str | None:
        """Why this version was submitted although its assessment was not finished (the
        latest submission's stated reason), or None."""
        submitted = [
            r
            for r in self.reviews
            if r.decision == "submitted" and r.plan_version == self.plan_version
        ]
        if submitted and submitted[-1].mark == UNFINISHED_ASSESSMENT:
            return submitted[-1].comment
        return None


@dataclass
class PlanEdit:
    """The one shape of a plan edit: the plan as the editor loaded it (``base``) and the
    content it holds now. Saving checks ``base.version``; only the difference is written."""

    base: PlanInfo
    content: PlanContent

    @property
    def plan_id(self) -> str:
        return self.base.id

    @property
    def goals(self) -> list[Goal]:
        return self.content.goals

    @property
    def actions(self) -> list[Action]:
        return self.content.actions

    @property
    def follow_up_on(self) -> date | None:
        return self.content.follow_up_on

    @property
    def meeting_at(self) -> datetime | None:
        return self.content.meeting_at

    @property
    def meeting_place(self) -> str:
        return self.content.meeting_place

    @property
    def meeting_with_providers(self) -> bool:
        return self.content.meeting_with_providers

    @property
    def note(self) -> str:
        return self.content.note


# --- checks ----------------------------------------------------------------------------------


def check_structure(content: PlanContent) -> None:
    """What every saved plan must be: known codes, actions under goals of the plan, and no
    text longer than its bound."""
    bounds.check_count(len(content.goals), bounds.GOALS, "goals", "mål")
    bounds.check_count(len(content.actions), bounds.ACTIONS, "actions", "insatser")
    bounds.check(content.note, bounds.FREE_TEXT, "The plan's note", "Planens anteckning")
    bounds.check(content.meeting_place, bounds.SHORT, "The meeting place", "Mötesplatsen")
    for g in content.goals:
        bounds.check(g.text, bounds.PLAN_TEXT, "A goal", "Ett mål")
        bounds.check(g.area_id, bounds.SHORT, "A goal's area", "Ett måls område")
    for a in content.actions:
        bounds.check_all(
            (
                (a.what, bounds.PLAN_TEXT, "An action", "En insats"),
                (a.responsible_name, bounds.NAME, "A responsible party", "En ansvarig"),
                (a.follow_up, bounds.PLAN_TEXT, "An action's follow-up", "En insats uppföljning"),
                (a.outcome, bounds.PLAN_TEXT, "An action's outcome", "En insats resultat"),
            )
        )
    goal_ids = {g.id for g in content.goals}
    for a in content.actions:
        if a.responsible_kind not in RESPONSIBLE_KINDS:
            raise ValidationError(
                f"Unknown responsible party {a.responsible_kind!r}.",
                f"Okänd ansvarig {a.responsible_kind!r}.",
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


@dataclass(frozen=True)
class Unfinished:
    """Something a plan needs before it can be submitted; ``item_id`` names the goal/action."""

    item_id: str
    message_en: str
    message_sv: str

    def text(self, language: str) -> str:
        return self.message_sv if language == "sv" else self.message_en


def unfinished(content: PlanContent) -> list[Unfinished]:
    """What is missing before the plan can be submitted (a draft may be saved without it)."""
    problems: list[Unfinished] = []
    if not content.goals:
        problems.append(Unfinished("", "The plan has no goal.", "Planen har inget mål."))
    for g in content.goals:
        if not g.text.strip():
            problems.append(Unfinished(g.id, "A goal has no text.", "Ett mål saknar text."))
    for a in content.actions:
        if not a.what.strip():
            problems.append(
                Unfinished(
                    a.id,
                    "An action does not say what will be done.",
                    "En insats saknar beskrivning av vad som ska göras.",
                )
            )
        if a.responsible_kind == "provider" and not a.provider_id:
            problems.append(
                Unfinished(
                    a.id,
                    "Choose the provider responsible for the action.",
                    "Välj vilken utförare som ansvarar för insatsen.",
                )
            )
    return problems


# --- reading ---------------------------------------------------------------------------------


def _children(
    uow: UnitOfWork, plan_ids: Sequence[str]
) -> tuple[dict[str, list[Goal]], dict[str, list[Action]], dict[str, list[ReviewEntry]]]:
    session = uow.session
    goals: dict[str, list[Goal]] = {p: [] for p in plan_ids}
    actions: dict[str, list[Action]] = {p: [] for p in plan_ids}
    reviews: dict[str, list[ReviewEntry]] = {p: [] for p in plan_ids}
    if not plan_ids:
        return goals, actions, reviews
    # Goals and actions in one statement (one round trip to a server): a goal row has no
    # goal/provider/due/status of its own.
    goal_rows = select(
        literal("g").label("kind"),
        PlanGoal.id,
        PlanGoal.plan_id,
        PlanGoal.position,
        PlanGoal.body_enc,
        cast(null(), String(32)).label("goal_id"),
        cast(null(), String(32)).label("provider_id"),
        cast(null(), Date).label("due_on"),
        cast(null(), String(16)).label("status"),
    ).where(PlanGoal.plan_id.in_(plan_ids))
    action_rows = select(
        literal("a").label("kind"),
        PlanAction.id,
        PlanAction.plan_id,
        PlanAction.position,
        PlanAction.body_enc,
        PlanAction.goal_id,
        PlanAction.provider_id,
        PlanAction.due_on,
        PlanAction.status,
    ).where(PlanAction.plan_id.in_(plan_ids))
    both = union_all(goal_rows, action_rows).subquery()
    rows = session.execute(
        select(both).order_by(both.c.kind.desc(), both.c.plan_id, both.c.position)
    ).all()
    for kind, row_id, plan_id, _pos, blob, goal_id, provider_id, due_on, status in rows:
        if kind == "g":
            body = uow.open("plan_goals", "body_enc", row_id, blob, {})
            b = body if isinstance(body, dict) else {}
            goals[plan_id].append(
                Goal(str(b.get("area_id", "")), str(b.get("text", DAMAGED)), row_id)
            )
            continue
        body = uow.open("plan_actions", "body_enc", row_id, blob, {})
        b = body if isinstance(body, dict) else {}
        actions[plan_id].append(
            Action(
                what=str(b.get("what", DAMAGED)),
                responsible_kind=str(b.get("responsible_kind", "social_services")),
                goal_id=goal_id,
                responsible_name=str(b.get("responsible_name", "")),
                provider_id=provider_id,
                due_on=due_on,
                status=status,
                follow_up=str(b.get("follow_up", "")),
                outcome=str(b.get("outcome", "")),
                id=row_id,
                done_on=_parse_day(b.get("done_on")),
            )
        )
    for r, username in session.execute(
        select(PlanReview, User.username)
        .outerjoin(User, User.id == PlanReview.decided_by)
        .where(PlanReview.plan_id.in_(plan_ids))
        .order_by(PlanReview.decided_at)
    ).all():
        comment = uow.open("plan_reviews", "comment_enc", r.id, r.comment_enc, "")
        reviews[r.plan_id].append(
            ReviewEntry(
                r.plan_version,
                r.decision,
                username,
                r.decided_at,
                str(comment or ""),
                r.mark,
                r.id,
            )
        )
    return goals, actions, reviews


@dataclass(frozen=True)
class _Head:
    """The plan's own sealed content (``action_plans.content_enc``): the meeting and the note."""

    meeting_at: datetime | None = None
    meeting_place: str = ""
    meeting_with_providers: bool = False
    note: str = ""

    @classmethod
    def of(cls, content: PlanContent | PlanInfo) -> _Head:
        return cls(
            content.meeting_at, content.meeting_place, content.meeting_with_providers, content.note
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **meeting_json(self.meeting_at, self.meeting_place, self.meeting_with_providers),
            "note": self.note,
        }


def _head(uow: UnitOfWork, plan: ActionPlan) -> _Head:
    content = uow.open("action_plans", "content_enc", plan.id, plan.content_enc, {})
    c = content if isinstance(content, dict) else {}
    at, place, with_providers = meeting_from_json(c)
    return _Head(at, place, with_providers, str(c.get("note", "")))


def infos(uow: UnitOfWork, plans: Sequence[ActionPlan]) -> list[PlanInfo]:
    """Plans with their goals, actions and reviews: three statements for any number."""
    goals, actions, reviews = _children(uow, [p.id for p in plans])
    result = []
    for plan in plans:
        head = _head(uow, plan)
        result.append(
            PlanInfo(
                plan.id,
                plan.case_id,
                plan.assessment_id,
                plan.plan_version,
                plan.review_state,
                plan.follow_up_on,
                head.note,
                goals[plan.id],
                actions[plan.id],
                reviews[plan.id],
                plan.version,
                plan.updated_at,
                plan.created_by,
                plan.updated_by,
                head.meeting_at,
                head.meeting_place,
                head.meeting_with_providers,
            )
        )
    return result


def get_plan(uow: UnitOfWork, plan_id: str) -> PlanInfo:
    plan, _case = uow.plan(plan_id)
    return infos(uow, [plan])[0]


def list_plans(uow: UnitOfWork, case_id: str) -> list[PlanInfo]:
    case = uow.case(case_id=case_id)
    plans = list(
        uow.session.execute(
            select(ActionPlan)
            .where(ActionPlan.case_id == case.id)
            .order_by(ActionPlan.created_at, ActionPlan.plan_version)
        ).scalars()
    )
    for p in plans:
        uow.register_plan(p)
    return infos(uow, plans)


def current_plan_row(uow: UnitOfWork, case_id: str) -> ActionPlan | None:
    """The plan in force: the newest version that is not superseded."""
    return uow.session.execute(
        select(ActionPlan)
        .where(ActionPlan.case_id == case_id, ActionPlan.review_state != "superseded")
        .order_by(ActionPlan.plan_version.desc(), ActionPlan.updated_at.desc())
        .limit(1)
    ).scalar()


# --- writing ---------------------------------------------------------------------------------


def goals_from_needs(area_ids_with_need: Sequence[str]) -> list[Goal]:
    """Empty goals for the areas rated with a need; the worker words them with the person
    (the area's title is the goal's heading, never part of its text)."""
    return [Goal(area_id=a, text="") for a in area_ids_with_need]


def create_plan(
    uow: UnitOfWork, case_id: str, *, assessment_id: str | None = None, goals: Sequence[Goal] = ()
) -> PlanInfo:
    ctx, session = uow.ctx, uow.session
    case = uow.case(case_id=case_id)
    plan = ActionPlan(
        id=new_id(),
        case_id=case.id,
        assessment_id=assessment_id,
        plan_version=1,
        review_state="draft",
        created_by=ctx.user_id,
        updated_by=ctx.user_id,
    )
    plan.content_enc = uow.seal("action_plans", "content_enc", plan.id, _Head().to_json())
    session.add(plan)
    uow.register_plan(plan)
    session.flush()
    content = PlanContent(list(goals), [])
    _write_children(uow, plan, PlanContent([], []), content)
    uow.audit(audit.RECORD_CREATE, object_type="plan", object_id=plan.id)
    session.flush()
    return PlanInfo(
        plan.id,
        plan.case_id,
        plan.assessment_id,
        plan.plan_version,
        plan.review_state,
        None,
        "",
        list(goals),
        [],
        [],
        plan.version,
        plan.updated_at,
        plan.created_by,
        plan.updated_by,
    )


def _goal_body(g: Goal) -> dict[str, str]:
    return {"area_id": g.area_id, "text": g.text}


def _action_body(a: Action) -> dict[str, str]:
    body = {
        "what": a.what,
        "responsible_kind": a.responsible_kind,
        "responsible_name": a.responsible_name,
        "follow_up": a.follow_up,
        "outcome": a.outcome,
    }
    if a.done_on is not None:
        body["done_on"] = a.done_on.isoformat()
    return body


def _today() -> date:
    """The user's day (as due days are), not UTC's."""
    return date.today()


def _with_done_days(base: PlanContent, content: PlanContent, today: date) -> PlanContent:
    """``content`` with each action's ``done_on`` as the core keeps it, whatever the caller
    sent: the stored day while the action stays done, ``today`` when it becomes done at this
    save, None when it is not done."""
    before = {a.id: a for a in base.actions}
    actions = []
    for a in content.actions:
        if a.status != "done":
            day = None
        else:
            old = before.get(a.id)
            day = old.done_on if old is not None and old.status == "done" else today
        actions.append(a if a.done_on == day else replace(a, done_on=day))
    return replace(content, actions=actions)


def _attach(uow: UnitOfWork, row: Any) -> Any:
    """A row known to be stored as it is (the loaded version), attached without a query."""
    present = uow.session.identity_map.get(identity_key(type(row), row.id))
    if present is not None:
        return present
    make_transient_to_detached(row)
    uow.session.add(row)
    return row


def _write_children(uow: UnitOfWork, plan: ActionPlan, base: PlanContent, new: PlanContent) -> None:
    """Write the difference between the stored children (``base``) and ``new``."""
    session = uow.session
    old_goals = {g.id: (pos, g) for pos, g in enumerate(base.goals)}
    new_goal_ids = {g.id for g in new.goals}
    old_actions = {a.id: (pos, a) for pos, a in enumerate(base.actions)}
    new_action_ids = {a.id for a in new.actions}
    for aid, (pos, a) in old_actions.items():
        if aid not in new_action_ids:
            session.delete(
                _attach(uow, PlanAction(id=aid, plan_id=plan.id, position=pos, goal_id=a.goal_id))
            )
    session.flush()  # actions refer to goals: they go first, and come after
    for gid, (pos, _g) in old_goals.items():
        if gid not in new_goal_ids:
            session.delete(_attach(uow, PlanGoal(id=gid, plan_id=plan.id, position=pos)))
    for pos, g in enumerate(new.goals):
        if g.id not in old_goals:
            session.add(
                PlanGoal(
                    id=g.id,
                    plan_id=plan.id,
                    position=pos,
                    body_enc=uow.seal("plan_goals", "body_enc", g.id, _goal_body(g)),
                )
            )
            continue
        old_pos, old = old_goals[g.id]
        if old_pos == pos and _goal_body(old) == _goal_body(g):
            continue
        row = _attach(uow, PlanGoal(id=g.id, plan_id=plan.id, position=old_pos))
        row.position = pos
        if _goal_body(old) != _goal_body(g):
            row.body_enc = uow.seal("plan_goals", "body_enc", g.id, _goal_body(g))
    session.flush()
    for pos, a in enumerate(new.actions):
        if a.id not in old_actions:
            session.add(
                PlanAction(
                    id=a.id,
                    plan_id=plan.id,
                    goal_id=a.goal_id,
                    position=pos,
                    provider_id=a.provider_id,
                    due_on=a.due_on,
                    status=a.status,
                    body_enc=uow.seal("plan_actions", "body_enc", a.id, _action_body(a)),
                )
            )
            continue
        old_pos, old_a = old_actions[a.id]
        plain_old = (old_pos, old_a.goal_id, old_a.provider_id, old_a.due_on, old_a.status)
        plain_new = (pos, a.goal_id, a.provider_id, a.due_on, a.status)
        body_changed = _action_body(old_a) != _action_body(a)
        if plain_old == plain_new and not body_changed:
            continue
        row = _attach(
            uow,
            PlanAction(
                id=a.id,
                plan_id=plan.id,
                position=old_pos,
                goal_id=old_a.goal_id,
                provider_id=old_a.provider_id,
                due_on=old_a.due_on,
                status=old_a.status,
            ),
        )
        row.position, row.goal_id, row.provider_id, row.due_on, row.status = plain_new
        if body_changed:
            row.body_enc = uow.seal("plan_actions", "body_enc", a.id, _action_body(a))
    session.flush()


def _check_new_providers(uow: UnitOfWork, base: PlanContent, content: PlanContent) -> None:
    """A provider the plan did not have before must exist (one query, only then); a retired
    one may stay where it already was."""
    known = {a.provider_id for a in base.actions if a.provider_id}
    new = {a.provider_id for a in content.actions if a.provider_id} - known
    if not new:
        return
    found = set(
        uow.session.execute(
            select(Provider.id).where(Provider.id.in_(new), Provider.active.is_(True))
        ).scalars()
    )
    if found != new:
        raise ValidationError(
            "A provider chosen for an action is not in the register (or has been retired).",
            "En utförare som valts för en insats finns inte i registret (eller har avslutats).",
        )


def _locked_error() -> ValidationError:
    return ValidationError(
        "This plan version is locked (submitted or approved). Make a new version to change it.",
        "Den här versionen av planen är låst (inskickad eller godkänd). Gör en ny version för "
        "att ändra den.",
    )


def save_plan(
    uow: UnitOfWork,
    plan_id: str,
    expected_version: int,
    content: PlanContent,
    *,
    base: PlanContent | None = None,
) -> tuple[ActionPlan, PlanContent]:
    """Save the plan's content; ``base`` is the stored content of ``expected_version`` when the
    caller holds it (the editor does), so nothing needs to be read again."""
    check_structure(content)
    plan, case = uow.plan(plan_id)
    uow.check_version(plan, expected_version, "plan", plan.id, ["goals", "actions"])
    if plan.review_state not in EDITABLE_STATES:
        raise _locked_error()
    if base is None:
        base = get_plan(uow, plan.id).content
    _check_new_providers(uow, base, content)
    content = _with_done_days(base, content, _today())
    _write_children(uow, plan, base, content)
    head = _Head.of(content)
    if head != _Head.of(base):
        plan.content_enc = uow.seal("action_plans", "content_enc", plan.id, head.to_json())
    plan.follow_up_on = content.follow_up_on
    plan.updated_by = uow.ctx.user_id
    plan.updated_at = utcnow()  # the plan row changes with its children: bump its version
    if plan.review_state == "returned":
        plan.review_state = "draft"
    if content.follow_up_on is not None:
        uow.set_derived(case, next_follow_up_on=content.follow_up_on)
    uow.audit(
        audit.RECORD_UPDATE,
        object_type="plan",
        object_id=plan.id,
        detail=f"v{plan.plan_version}",
    )
    uow.session.flush()
    return plan, content


def saved_info(base: PlanInfo, plan: ActionPlan, content: PlanContent) -> PlanInfo:
    """The plan as it now stands, from what was saved (its reviews did not change)."""
    return replace(
        base,
        review_state=plan.review_state,
        follow_up_on=content.follow_up_on,
        meeting_at=content.meeting_at,
        meeting_place=content.meeting_place,
        meeting_with_providers=content.meeting_with_providers,
        note=content.note,
        goals=list(content.goals),
        actions=list(content.actions),
        version=plan.version,
        updated_at=plan.updated_at,
        updated_by=plan.updated_by,
    )


def _review(
    uow: UnitOfWork, plan: ActionPlan, decision: str, comment: str, mark: str | None = None
) -> None:
    bounds.check(comment, bounds.FREE_TEXT, "The comment", "Kommentaren")
    review = PlanReview(
        id=new_id(),
        plan_id=plan.id,
        plan_version=plan.plan_version,
        decision=decision,
        decided_by=uow.ctx.user_id,
        decided_at=uow.now,
        mark=mark,
    )
    if comment:
        review.comment_enc = uow.seal("plan_reviews", "comment_enc", review.id, comment)
    uow.session.add(review)
    uow.audit(
        audit.REVIEW,
        object_type="plan",
        object_id=plan.id,
        detail=f"{decision} v{plan.plan_version}",
    )


def assessment_unfinished(uow: UnitOfWork, plan: ActionPlan) -> bool:
    """The plan is built on an assessment that is not finished (still in progress)."""
    if plan.assessment_id is None:
        return False
    status = uow.session.execute(
        select(Assessment.status).where(Assessment.id == plan.assessment_id)
    ).scalar()
    return status is not None and status != "complete"


def submit_for_review(
    uow: UnitOfWork, plan_id: str, expected_version: int, *, unfinished_reason: str = ""
) -> PlanInfo:
    """Submit a draft for review. A plan built on an assessment that is not finished needs a
    stated reason (``unfinished_reason``): it is sealed on the review entry, shown to the
    reviewer and audited with an action of its own."""
    plan, _case = uow.plan(plan_id)
    uow.check_version(plan, expected_version, "plan", plan.id, ["review_state"])
    if plan.review_state not in EDITABLE_STATES:
        raise ValidationError(
            "Only a draft plan can be submitted.", "Bara ett utkast kan skickas in."
        )
    info = infos(uow, [plan])[0]
    problems = unfinished(info.content)
    if problems:
        raise ValidationError(
            "The plan cannot be submitted yet: " + " ".join(p.message_en for p in problems),
            "Planen kan inte skickas in än: " + " ".join(p.message_sv for p in problems),
        )
    reason = unfinished_reason.strip()
    mark = None
    if assessment_unfinished(uow, plan):
        if not reason:
            raise ValidationError(
                "The assessment is not finished: say why the plan is submitted now.",
                "Kartläggningen är inte klar: skriv varför planen skickas in nu.",
            )
        mark = UNFINISHED_ASSESSMENT
    else:
        reason = ""  # nothing to explain; a stray text is not kept
    plan.review_state = "submitted"
    plan.updated_by = uow.ctx.user_id
    _review(uow, plan, "submitted", reason, mark)
    if mark is not None:
        uow.audit(
            audit.SUBMIT_UNFINISHED,
            object_type="plan",
            object_id=plan.id,
            detail=f"v{plan.plan_version} assessment={plan.assessment_id}",
        )
    uow.session.flush()
    return infos(uow, [plan])[0]


RELEASED = "released"  # a review entry: a provider's copy made before a decision
UNAPPROVED_EXPORT = "unapproved_export"


def record_unapproved_release(
    uow: UnitOfWork, plan_id: str, reason: str, provider_id: str | None
) -> None:
    """A provider's document was made from a plan that is not approved: the stated reason is
    sealed on the plan's history (shown with the reviews) and the override is audited."""
    plan, _case = uow.plan(plan_id)
    if plan.review_state == "approved" or not reason.strip():
        raise ValidationError(
            "Only a plan that is not approved needs a reason to be shared.",
            "Bara en plan som inte är beslutad behöver ett skäl för att lämnas ut.",
        )
    _review(uow, plan, RELEASED, reason.strip(), UNAPPROVED_EXPORT)
    uow.audit(
        audit.UNAPPROVED_EXPORT,
        object_type="plan",
        object_id=plan.id,
        detail=f"v{plan.plan_version} {plan.review_state} provider={provider_id}",
    )


def last_content_editor(uow: UnitOfWork, plan: ActionPlan) -> str | None:
    """Who last wrote the plan's content (goals, actions, meeting, note): the user of its
    newest create or update entry in the audit trail. A submission or a decision changes
    ``updated_by`` but is not an edit of the content."""
    return uow.session.execute(
        select(AuditEvent.user_id)
        .where(
            AuditEvent.object_type == "plan",
            AuditEvent.object_id == plan.id,
            AuditEvent.action.in_((audit.RECORD_CREATE, audit.RECORD_UPDATE)),
        )
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).scalar()


def decide(
    uow: UnitOfWork,
    plan_id: str,
    expected_version: int,
    *,
    approve: bool,
    comment: str = "",
    allow_self_approval: bool = False,
) -> PlanInfo:
    """Approve or return a submitted plan. Four eyes: the approver is neither the plan's
    author nor its last content editor, unless the installation allows self-approval (a
    one-person unit); then the approval is marked on the plan and audited on its own."""
    uow.ctx.require_role("supervisor")
    if not approve and not comment.strip():
        raise ValidationError(
            "Say why the plan is returned.", "Skriv varför planen lämnas tillbaka."
        )
    plan, _case = uow.plan(plan_id)
    uow.check_version(plan, expected_version, "plan", plan.id, ["review_state"])
    if plan.review_state != "submitted":
        raise ValidationError(
            "Only a submitted plan can be approved or returned.",
            "Bara en inskickad plan kan godkännas eller lämnas tillbaka.",
        )
    mark = None
    if approve:
        me = uow.ctx.user_id
        own = me is not None and me in (plan.created_by, last_content_editor(uow, plan))
        if own and not allow_self_approval:
            raise ValidationError(
                "You wrote or last changed this plan: another supervisor must approve it.",
                "Du har skrivit eller senast ändrat planen: en annan arbetsledare måste "
                "godkänna den.",
            )
        mark = SELF_APPROVAL if own else None
    plan.review_state = "approved" if approve else "returned"
    plan.updated_by = uow.ctx.user_id
    _review(uow, plan, "approved" if approve else "returned", comment, mark)
    if mark is not None:
        uow.audit(
            audit.SELF_APPROVAL,
            object_type="plan",
            object_id=plan.id,
            detail=f"v{plan.plan_version}",
        )
    uow.session.flush()
    return infos(uow, [plan])[0]


def new_version(uow: UnitOfWork, plan_id: str, expected_version: int | None = None) -> PlanInfo:
    """Copy an approved plan into a new draft version that supersedes it."""
    session = uow.session
    old, _case = uow.plan(plan_id)
    if expected_version is not None:
        uow.check_version(old, expected_version, "plan", old.id, ["review_state"])
    else:
        uow.checked_by_state(old)
    if old.review_state != "approved":
        raise ValidationError(
            "Only an approved plan gets a new version; edit the draft.",
            "Bara en godkänd plan får en ny version; ändra utkastet.",
        )
    info = infos(uow, [old])[0]
    plan = ActionPlan(
        id=new_id(),
        case_id=old.case_id,
        assessment_id=old.assessment_id,
        plan_version=old.plan_version + 1,
        supersedes_id=old.id,
        review_state="draft",
        follow_up_on=old.follow_up_on,
        created_by=uow.ctx.user_id,
        updated_by=uow.ctx.user_id,
    )
    plan.content_enc = uow.seal("action_plans", "content_enc", plan.id, _Head.of(info).to_json())
    session.add(plan)
    uow.register_plan(plan)
    session.flush()
    id_map = {g.id: new_id() for g in info.goals}
    goals = [Goal(g.area_id, g.text, id_map[g.id]) for g in info.goals]
    actions = [
        replace(a, id=new_id(), goal_id=id_map.get(a.goal_id) if a.goal_id else None)
        for a in info.actions
    ]
    content = replace(info.content, goals=goals, actions=actions)
    _write_children(uow, plan, PlanContent([], []), content)
    old.review_state = "superseded"
    uow.audit(
        audit.RECORD_CREATE,
        object_type="plan",
        object_id=plan.id,
        detail=f"v{plan.plan_version} supersedes {old.id}",
    )
    session.flush()
    return PlanInfo(
        plan.id,
        plan.case_id,
        plan.assessment_id,
        plan.plan_version,
        plan.review_state,
        plan.follow_up_on,
        info.note,
        goals,
        actions,
        [],
        plan.version,
        plan.updated_at,
        plan.created_by,
        plan.updated_by,
        info.meeting_at,
        info.meeting_place,
        info.meeting_with_providers,
    )


def as_json(info: PlanInfo) -> dict[str, Any]:
    return {
        "plan_version": info.plan_version,
        "review_state": info.review_state,
        "follow_up_on": info.follow_up_on.isoformat() if info.follow_up_on else None,
        "next_meeting": meeting_text(info.meeting_at, info.meeting_place),
        "meeting_at": info.meeting_at.isoformat() if info.meeting_at else None,
        "meeting_place": info.meeting_place,
        "meeting_with_providers": info.meeting_with_providers,
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
                "done_on": a.done_on.isoformat() if a.done_on else None,
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
                "mark": r.mark,
            }
            for r in info.reviews
        ],
    }
