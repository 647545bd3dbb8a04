"""Safety plans (skyddsplan / säkerhetsplan) for a person under threat.

A safety plan is a structured document of the case, one row per version (``safety_plans``),
reviewed like an action plan: a draft is edited and saved under its row version (a stale save
is a :class:`~assessment_app.errors.StaleEditError`), submitted, and approved by a second
person (a supervisor who neither created, edited nor submitted the version) or returned. An
approved version is locked; changing it makes a new version that supersedes it. Each version
has a review due date (plain, so the reminders can list it without opening anything:
:func:`review_dates`).

Everything the plan says is one sealed JSON value (:class:`SafetyPlanContent`): the threat
picture, the risk level the worker set and why, how to reach the person safely and the agreed
signals, safe and unsafe places, who else is at risk and what protects them, practical steps
with owners and dates (each can be copied into the action plan as an action:
:func:`step_to_action`), and what to do now (numbers to call, the unit's emergency contact).

Printing rules (``assessment_app/pdf/safety.py``): the individual's copy never holds an address,
the code word, the threat picture or named places, numbers and practical steps, unless the
worker ticked a place, number or step "print for the person"; the police copy needs a valid
consent to the police that includes the safety-plan item (:func:`police_consent`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assessment_app import audit
from assessment_app import damage as _damage
from assessment_app.db.models import AuditEvent, Case, SafetyPlan, SafetyPlanReview, User
from assessment_app.db.types import new_id
from assessment_app.errors import ValidationError
from assessment_app.records.access import case_filter, not_found

if TYPE_CHECKING:
    from assessment_app.records.consents import ConsentInfo
    from assessment_app.records.plans import PlanInfo
    from assessment_app.workspace.unit import UnitOfWork

TABLE, COLUMN = "safety_plans", "content_enc"
REVIEW_TABLE = "safety_plan_reviews"
THREAT_AREA = "safety"  # the interview area whose urgency opens the safety plan first

THREAT_KINDS = ("violence", "threats", "extortion", "stalking", "digital", "weapons", "other")
RISK_LEVELS = ("low", "raised", "high")
RELATIONS = ("child", "partner", "parent", "sibling", "other")
PLACE_KINDS = ("safe_place", "safe_town", "meeting_place", "unsafe_place", "unsafe_town")
SAFE_PLACE_KINDS = ("safe_place", "safe_town", "meeting_place")
STEP_KINDS = (
    "protected_address",
    "school_transfer",
    "moving",
    "change_phone",
    "change_accounts",
    "digital_footprint",
    "other",
)
STEP_OWNERS = ("individual", "social_services", "provider", "police", "authority")
STEP_STATUSES = ("planned", "in_progress", "done", "cancelled")
REVIEW_STATES = ("draft", "submitted", "approved", "returned", "superseded")
EDITABLE_STATES = ("draft", "returned")
DAMAGED = _damage.DAMAGED
MAX_TEXT = 4000

# What a new plan starts with: the numbers everyone should have.
DEFAULT_CALL_NOW = (
    ("Vid fara (polis, ambulans, räddningstjänst)", "112"),
    ("Polisen, när det inte är akut", "114 14"),
)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _str(d: dict[str, Any], key: str) -> str:
    value = d.get(key, "")
    return value if isinstance(value, str) else ""


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


@dataclass
class Threat:
    """The threat picture: who, how recent, what kind, and the police's assessment."""

    who: str = ""
    last_incident_on: date | None = None
    recency: str = ""  # in words, when no day is known ("i somras")
    kinds: list[str] = field(default_factory=list)
    description: str = ""
    police_assessment_done: bool = False
    police_assessment_on: date | None = None
    police_assessment_by: str = ""
    police_contact_name: str = ""
    police_contact_phone: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "who": self.who,
            "last_incident_on": _day(self.last_incident_on),
            "recency": self.recency,
            "kinds": list(self.kinds),
            "description": self.description,
            "police_assessment_done": self.police_assessment_done,
            "police_assessment_on": _day(self.police_assessment_on),
            "police_assessment_by": self.police_assessment_by,
            "police_contact_name": self.police_contact_name,
            "police_contact_phone": self.police_contact_phone,
        }

    @classmethod
    def from_json(cls, data: object) -> Threat:
        d = data if isinstance(data, dict) else {}
        kinds = d.get("kinds")
        return cls(
            _str(d, "who"),
            _parse_day(d.get("last_incident_on")),
            _str(d, "recency"),
            [str(k) for k in kinds] if isinstance(kinds, list) else [],
            _str(d, "description"),
            d.get("police_assessment_done") is True,
            _parse_day(d.get("police_assessment_on")),
            _str(d, "police_assessment_by"),
            _str(d, "police_contact_name"),
            _str(d, "police_contact_phone"),
        )


@dataclass
class Place:
    """A safe or unsafe place or town, or a safe meeting place. ``for_individual``: the worker
    chose to print it on the person's own copy (never by default)."""

    kind: str
    name: str
    note: str = ""
    for_individual: bool = False
    id: str = field(default_factory=new_id)

    @property
    def safe(self) -> bool:
        return self.kind in SAFE_PLACE_KINDS


@dataclass
class PersonAtRisk:
    relation: str
    description: str = ""  # who (e.g. "son, 9 år"); never printed on the person's copy
    protection: str = ""  # what protects them
    id: str = field(default_factory=new_id)


@dataclass
class Step:
    """A practical step with an owner and a date; it can become an action in the plan.
    ``for_individual``: the worker chose to print it on the person's own copy (never by
    default: a step may be about other people or a move)."""

    kind: str
    what: str
    owner_kind: str = "social_services"
    owner_name: str = ""
    due_on: date | None = None
    status: str = "planned"
    for_individual: bool = False
    id: str = field(default_factory=new_id)


@dataclass
class Number:
    """A number to call. ``for_individual`` (safe numbers only): printed on the person's copy;
    the numbers to call now always are."""

    label: str
    number: str
    for_individual: bool = False
    id: str = field(default_factory=new_id)


@dataclass
class SafetyPlanContent:
    """What a worker edits in a safety plan (one sealed value)."""

    threat: Threat = field(default_factory=Threat)
    risk_level: str = ""  # "" until the worker sets it
    risk_reason: str = ""
    reach_how: str = ""  # the agreed safe ways to reach the person
    code_word: str = ""  # never printed on the person's copy
    safe_numbers: list[Number] = field(default_factory=list)
    if_contact_breaks: str = ""
    places: list[Place] = field(default_factory=list)
    others_at_risk: list[PersonAtRisk] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    call_now: list[Number] = field(default_factory=list)
    unit_emergency_contact: str = ""
    review_due_on: date | None = None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "threat": self.threat.to_json(),
            "risk_level": self.risk_level,
            "risk_reason": self.risk_reason,
            "reach_how": self.reach_how,
            "code_word": self.code_word,
            "safe_numbers": [_number_json(n) for n in self.safe_numbers],
            "if_contact_breaks": self.if_contact_breaks,
            "places": [
                {
                    "id": p.id,
                    "kind": p.kind,
                    "name": p.name,
                    "note": p.note,
                    "for_individual": p.for_individual,
                }
                for p in self.places
            ],
            "others_at_risk": [
                {
                    "id": o.id,
                    "relation": o.relation,
                    "description": o.description,
                    "protection": o.protection,
                }
                for o in self.others_at_risk
            ],
            "steps": [
                {
                    "id": s.id,
                    "kind": s.kind,
                    "what": s.what,
                    "owner_kind": s.owner_kind,
                    "owner_name": s.owner_name,
                    "due_on": _day(s.due_on),
                    "status": s.status,
                    "for_individual": s.for_individual,
                }
                for s in self.steps
            ],
            "call_now": [_number_json(n) for n in self.call_now],
            "unit_emergency_contact": self.unit_emergency_contact,
            "review_due_on": _day(self.review_due_on),
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: object) -> SafetyPlanContent:
        d = data if isinstance(data, dict) else {}
        return cls(
            Threat.from_json(d.get("threat")),
            _str(d, "risk_level"),
            _str(d, "risk_reason"),
            _str(d, "reach_how"),
            _str(d, "code_word"),
            [_number(n) for n in _dicts(d.get("safe_numbers"))],
            _str(d, "if_contact_breaks"),
            [
                Place(
                    _str(p, "kind"),
                    _str(p, "name"),
                    _str(p, "note"),
                    p.get("for_individual") is True,
                    str(p.get("id") or new_id()),
                )
                for p in _dicts(d.get("places"))
            ],
            [
                PersonAtRisk(
                    _str(o, "relation"),
                    _str(o, "description"),
                    _str(o, "protection"),
                    str(o.get("id") or new_id()),
                )
                for o in _dicts(d.get("others_at_risk"))
            ],
            [
                Step(
                    _str(s, "kind"),
                    _str(s, "what"),
                    _str(s, "owner_kind") or "social_services",
                    _str(s, "owner_name"),
                    _parse_day(s.get("due_on")),
                    _str(s, "status") or "planned",
                    s.get("for_individual") is True,
                    str(s.get("id") or new_id()),
                )
                for s in _dicts(d.get("steps"))
            ],
            [_number(n) for n in _dicts(d.get("call_now"))],
            _str(d, "unit_emergency_contact"),
            _parse_day(d.get("review_due_on")),
            _str(d, "note"),
        )

    def same_as(self, other: SafetyPlanContent) -> bool:
        return json.dumps(self.to_json(), sort_keys=True) == json.dumps(
            other.to_json(), sort_keys=True
        )

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise not_found("step")


def _number_json(n: Number) -> dict[str, Any]:
    return {"id": n.id, "label": n.label, "number": n.number, "for_individual": n.for_individual}


def _number(d: dict[str, Any]) -> Number:
    return Number(
        _str(d, "label"),
        _str(d, "number"),
        d.get("for_individual") is True,
        str(d.get("id") or new_id()),
    )


def new_content(unit_emergency_contact: str = "") -> SafetyPlanContent:
    return SafetyPlanContent(
        call_now=[Number(label, number) for label, number in DEFAULT_CALL_NOW],
        unit_emergency_contact=unit_emergency_contact,
    )


@dataclass(frozen=True)
class ReviewEntry:
    plan_version: int
    decision: str  # submitted | approved | returned
    decided_by: str | None  # user name
    decided_at: datetime
    comment: str
    id: str = ""


@dataclass(frozen=True)
class SafetyPlanInfo:
    id: str
    case_id: str
    plan_version: int
    review_state: str
    review_due_on: date | None
    content: SafetyPlanContent
    reviews: tuple[ReviewEntry, ...]
    version: int
    updated_at: datetime | None
    updated_by: str | None  # user name
    created_by: str | None  # user id
    supersedes_id: str | None = None
    damaged: bool = False
    # user ids who wrote this version (made it, saved it) or submitted it: they may not
    # approve it (:meth:`may_approve`, the one rule the core and the screens use)
    own_by: frozenset[str] = frozenset()

    def may_approve(self, user_id: str | None) -> bool:
        """Four eyes: whoever created, edited or submitted this version does not approve it
        (any supervisor may return it, as with the action plan)."""
        return user_id is not None and user_id not in self.own_by

    @property
    def editable(self) -> bool:
        return self.review_state in EDITABLE_STATES and not self.damaged

    @property
    def submitted_by(self) -> str | None:
        """Who submitted this version (the last submission), a user name."""
        for r in reversed(self.reviews):
            if r.plan_version == self.plan_version and r.decision == "submitted":
                return r.decided_by
        return None


# --- checks ---------------------------------------------------------------------------------


def _bad(en: str, sv: str) -> ValidationError:
    return ValidationError(en, sv)


def check_structure(content: SafetyPlanContent) -> None:
    """Codes from the lists, and no text longer than :data:`MAX_TEXT` (a draft may be
    incomplete, but never malformed)."""
    for kind in content.threat.kinds:
        if kind not in THREAT_KINDS:
            raise _bad(f"Unknown kind of threat {kind!r}.", f"Okänd typ av hot {kind!r}.")
    if content.risk_level and content.risk_level not in RISK_LEVELS:
        raise _bad(
            f"Unknown risk level {content.risk_level!r}.", f"Okänd risknivå {content.risk_level!r}."
        )
    for p in content.places:
        if p.kind not in PLACE_KINDS:
            raise _bad(f"Unknown kind of place {p.kind!r}.", f"Okänd typ av plats {p.kind!r}.")
        if not p.name.strip():
            raise _bad("Give each place a name.", "Ge varje plats ett namn.")
    for o in content.others_at_risk:
        if o.relation not in RELATIONS:
            raise _bad(f"Unknown relation {o.relation!r}.", f"Okänd relation {o.relation!r}.")
    for s in content.steps:
        if s.kind not in STEP_KINDS:
            raise _bad(f"Unknown kind of step {s.kind!r}.", f"Okänd typ av åtgärd {s.kind!r}.")
        if s.owner_kind not in STEP_OWNERS:
            raise _bad(f"Unknown owner {s.owner_kind!r}.", f"Okänd ansvarig {s.owner_kind!r}.")
        if s.status not in STEP_STATUSES:
            raise _bad(f"Unknown status {s.status!r}.", f"Okänd status {s.status!r}.")
        if not s.what.strip():
            raise _bad("Say what each step is.", "Skriv vad varje åtgärd är.")
    for n in (*content.safe_numbers, *content.call_now):
        if not n.number.strip():
            raise _bad("Give each number to call.", "Ange varje telefonnummer.")
    texts = json.dumps(content.to_json(), ensure_ascii=False)
    if len(texts) > 40 * MAX_TEXT:
        raise _bad("The safety plan is too long.", "Skyddsplanen är för lång.")
    for value in _texts(content):
        if len(value) > MAX_TEXT:
            raise _bad(
                f"A text is longer than {MAX_TEXT} characters.",
                f"En text är längre än {MAX_TEXT} tecken.",
            )


def _texts(content: SafetyPlanContent) -> list[str]:
    t = content.threat
    out = [t.who, t.recency, t.description, t.police_assessment_by, t.police_contact_name]
    out += [content.risk_reason, content.reach_how, content.code_word, content.if_contact_breaks]
    out += [content.unit_emergency_contact, content.note]
    out += [x for p in content.places for x in (p.name, p.note)]
    out += [x for o in content.others_at_risk for x in (o.description, o.protection)]
    out += [x for s in content.steps for x in (s.what, s.owner_name)]
    return out


@dataclass(frozen=True)
class Unfinished:
    """Something the plan needs before it can be submitted."""

    message_en: str
    message_sv: str

    def text(self, language: str) -> str:
        return self.message_sv if language == "sv" else self.message_en


def unfinished(content: SafetyPlanContent, today: date | None = None) -> list[Unfinished]:
    """What is missing before the plan can be submitted (a draft may be saved without it)."""
    day = today or date.today()
    out = []
    if not content.risk_level:
        out.append(Unfinished("Set the risk level.", "Ange risknivån."))
    if not content.risk_reason.strip():
        out.append(Unfinished("Say why the risk level is set so.", "Motivera risknivån."))
    if content.review_due_on is None:
        out.append(Unfinished("Set the review date.", "Ange när planen ska ses över."))
    elif content.review_due_on < day:
        out.append(
            Unfinished("The review date has passed.", "Datumet för översyn har redan passerat.")
        )
    if not any(n.number.strip() for n in content.call_now):
        out.append(
            Unfinished("Give at least one number to call now.", "Ange minst ett nummer att ringa.")
        )
    return out


# --- reads ----------------------------------------------------------------------------------


def _usernames(uow: UnitOfWork, ids: set[str]) -> dict[str, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    rows = uow.session.execute(select(User.id, User.username).where(User.id.in_(ids))).all()
    return {uid: name for uid, name in rows}


def infos(uow: UnitOfWork, rows: Sequence[SafetyPlan]) -> list[SafetyPlanInfo]:
    if not rows:
        return []
    reviews = list(
        uow.session.execute(
            select(SafetyPlanReview)
            .where(SafetyPlanReview.safety_plan_id.in_([r.id for r in rows]))
            .order_by(SafetyPlanReview.decided_at)
        ).scalars()
    )
    names = _usernames(
        uow,
        {r.decided_by or "" for r in reviews} | {p.updated_by or "" for p in rows},
    )
    by_plan: dict[str, list[ReviewEntry]] = {}
    for r in reviews:
        comment = uow.open(REVIEW_TABLE, "comment_enc", r.id, r.comment_enc, DAMAGED)
        by_plan.setdefault(r.safety_plan_id, []).append(
            ReviewEntry(
                r.plan_version,
                r.decision,
                names.get(r.decided_by or ""),
                r.decided_at,
                str(comment) if r.comment_enc is not None else "",
                r.id,
            )
        )
    own: dict[str, set[str]] = {p.id: {p.created_by} if p.created_by else set() for p in rows}
    version_of = {p.id: p.plan_version for p in rows}
    for r in reviews:
        if (
            r.decision == "submitted"
            and r.decided_by
            and r.plan_version == version_of[r.safety_plan_id]
        ):
            own[r.safety_plan_id].add(r.decided_by)
    for object_id, user_id in uow.session.execute(
        select(AuditEvent.object_id, AuditEvent.user_id).where(
            AuditEvent.object_type == "safety_plan",
            AuditEvent.object_id.in_([p.id for p in rows]),
            AuditEvent.action.in_((audit.RECORD_CREATE, audit.RECORD_UPDATE)),
        )
    ).all():
        if object_id in own and user_id:
            own[object_id].add(user_id)
    result = []
    for p in rows:
        raw = uow.open(TABLE, COLUMN, p.id, p.content_enc, None)
        damaged = not isinstance(raw, dict)
        content = SafetyPlanContent.from_json(raw)
        content.review_due_on = p.review_due_on
        result.append(
            SafetyPlanInfo(
                p.id,
                p.case_id,
                p.plan_version,
                p.review_state,
                p.review_due_on,
                content,
                tuple(by_plan.get(p.id, ())),
                p.version,
                p.updated_at,
                names.get(p.updated_by or ""),
                p.created_by,
                p.supersedes_id,
                damaged,
                frozenset(own[p.id]),
            )
        )
    return result


def current_row(uow: UnitOfWork, case_id: str) -> SafetyPlan | None:
    """The version in force (or being written): the newest that is not superseded."""
    case = uow.case(case_id=case_id)
    row: SafetyPlan | None = uow.session.execute(
        select(SafetyPlan)
        .where(SafetyPlan.case_id == case.id, SafetyPlan.review_state != "superseded")
        .order_by(SafetyPlan.plan_version.desc())
        .limit(1)
    ).scalar()
    return row


def current(uow: UnitOfWork, case_id: str) -> SafetyPlanInfo | None:
    row = current_row(uow, case_id)
    return infos(uow, [row])[0] if row is not None else None


def versions(uow: UnitOfWork, case_id: str) -> list[SafetyPlanInfo]:
    """Every version of the case's safety plan, newest first."""
    case = uow.case(case_id=case_id)
    rows = list(
        uow.session.execute(
            select(SafetyPlan)
            .where(SafetyPlan.case_id == case.id)
            .order_by(SafetyPlan.plan_version.desc())
        ).scalars()
    )
    return infos(uow, rows)


def get(uow: UnitOfWork, safety_plan_id: str) -> SafetyPlanInfo:
    row, _case = uow.record(SafetyPlan, safety_plan_id, "safety plan")
    return infos(uow, [row])[0]


# --- writes ---------------------------------------------------------------------------------


def _seal(uow: UnitOfWork, row: SafetyPlan, content: SafetyPlanContent) -> None:
    row.content_enc = uow.seal(TABLE, COLUMN, row.id, content.to_json())
    row.review_due_on = content.review_due_on


def create(
    uow: UnitOfWork, case_id: str, content: SafetyPlanContent | None = None
) -> SafetyPlanInfo:
    """The case's first safety plan (a draft); a case has one plan, in versions."""
    case = uow.case(case_id=case_id)
    if current_row(uow, case.id) is not None:
        raise _bad(
            "The case already has a safety plan; open it instead.",
            "Ärendet har redan en skyddsplan; öppna den i stället.",
        )
    content = content or new_content()
    check_structure(content)
    row = SafetyPlan(
        id=new_id(),
        case_id=case.id,
        plan_version=1,
        review_state="draft",
        created_by=uow.ctx.user_id,
        updated_by=uow.ctx.user_id,
        content_enc=b"",
    )
    _seal(uow, row, content)
    uow.session.add(row)
    uow.audit(audit.RECORD_CREATE, object_type="safety_plan", object_id=row.id, detail="v1")
    uow.session.flush()
    return infos(uow, [row])[0]


def _locked_error() -> ValidationError:
    return _bad(
        "This version of the safety plan is locked (submitted or approved). Make a new version "
        "to change it.",
        "Den här versionen av skyddsplanen är låst (inskickad eller godkänd). Gör en ny version "
        "för att ändra den.",
    )


def save(
    uow: UnitOfWork, safety_plan_id: str, expected_version: int, content: SafetyPlanContent
) -> SafetyPlanInfo:
    """Save a draft (or a returned version, which becomes a draft again)."""
    check_structure(content)
    row, _case = uow.record(SafetyPlan, safety_plan_id, "safety plan")
    uow.check_version(row, expected_version, "safety plan", row.id, ["content"])
    if row.review_state not in EDITABLE_STATES:
        raise _locked_error()
    if row.review_state == "returned":
        row.review_state = "draft"
    _seal(uow, row, content)
    row.updated_by = uow.ctx.user_id
    uow.audit(audit.RECORD_UPDATE, object_type="safety_plan", object_id=row.id)
    uow.session.flush()
    return infos(uow, [row])[0]


def _review(uow: UnitOfWork, row: SafetyPlan, decision: str, comment: str) -> None:
    review = SafetyPlanReview(
        id=new_id(),
        safety_plan_id=row.id,
        case_id=row.case_id,
        plan_version=row.plan_version,
        decision=decision,
        decided_by=uow.ctx.user_id,
        decided_at=uow.now,
    )
    if comment:
        review.comment_enc = uow.seal(REVIEW_TABLE, "comment_enc", review.id, comment)
    uow.session.add(review)
    uow.audit(
        audit.REVIEW,
        object_type="safety_plan",
        object_id=row.id,
        detail=f"{decision} v{row.plan_version}",
    )


def submit(
    uow: UnitOfWork, safety_plan_id: str, expected_version: int, *, today: date | None = None
) -> SafetyPlanInfo:
    row, _case = uow.record(SafetyPlan, safety_plan_id, "safety plan")
    uow.check_version(row, expected_version, "safety plan", row.id, ["review_state"])
    if row.review_state not in EDITABLE_STATES:
        raise _bad(
            "Only a draft safety plan can be submitted.",
            "Bara ett utkast till skyddsplan kan skickas in.",
        )
    info = infos(uow, [row])[0]
    if info.damaged:
        raise _bad(
            "The safety plan cannot be read and so cannot be submitted.",
            "Skyddsplanen går inte att läsa och kan därför inte skickas in.",
        )
    problems = unfinished(info.content, today)
    if problems:
        raise _bad(
            "The safety plan cannot be submitted yet: " + " ".join(p.message_en for p in problems),
            "Skyddsplanen kan inte skickas in än: " + " ".join(p.message_sv for p in problems),
        )
    row.review_state = "submitted"
    row.updated_by = uow.ctx.user_id
    _review(uow, row, "submitted", "")
    uow.session.flush()
    return infos(uow, [row])[0]


def decide(
    uow: UnitOfWork,
    safety_plan_id: str,
    expected_version: int,
    *,
    approve: bool,
    comment: str = "",
) -> SafetyPlanInfo:
    """Approve or return a submitted version, as a supervisor. Four eyes, as for the action
    plan: whoever created, edited or submitted this version cannot approve it
    (:meth:`SafetyPlanInfo.may_approve`); any supervisor may return it with a reason."""
    uow.ctx.require_role("supervisor")
    if not approve and not comment.strip():
        raise _bad(
            "Say why the safety plan is returned.", "Skriv varför skyddsplanen lämnas tillbaka."
        )
    row, _case = uow.record(SafetyPlan, safety_plan_id, "safety plan")
    uow.check_version(row, expected_version, "safety plan", row.id, ["review_state"])
    if row.review_state != "submitted":
        raise _bad(
            "Only a submitted safety plan can be approved or returned.",
            "Bara en inskickad skyddsplan kan godkännas eller lämnas tillbaka.",
        )
    if approve and not infos(uow, [row])[0].may_approve(uow.ctx.user_id):
        raise _bad(
            "A second person approves the safety plan: you wrote, changed or submitted this "
            "version yourself. Another supervisor must approve it.",
            "Skyddsplanen godkänns av en andra person: du har själv skrivit, ändrat eller "
            "skickat in den här versionen. En annan arbetsledare måste godkänna den.",
        )
    row.review_state = "approved" if approve else "returned"
    row.updated_by = uow.ctx.user_id
    _review(uow, row, row.review_state, comment.strip())
    uow.session.flush()
    return infos(uow, [row])[0]


def new_version(uow: UnitOfWork, safety_plan_id: str, expected_version: int) -> SafetyPlanInfo:
    """Copy an approved version into a new draft that supersedes it."""
    old, _case = uow.record(SafetyPlan, safety_plan_id, "safety plan")
    uow.check_version(old, expected_version, "safety plan", old.id, ["review_state"])
    if old.review_state != "approved":
        raise _bad(
            "Only an approved safety plan gets a new version; edit the draft.",
            "Bara en godkänd skyddsplan får en ny version; ändra utkastet.",
        )
    info = infos(uow, [old])[0]
    if info.damaged:
        raise _bad(
            "The safety plan cannot be read, so it cannot be copied.",
            "Skyddsplanen går inte att läsa och kan därför inte kopieras.",
        )
    row = SafetyPlan(
        id=new_id(),
        case_id=old.case_id,
        plan_version=old.plan_version + 1,
        supersedes_id=old.id,
        review_state="draft",
        created_by=uow.ctx.user_id,
        updated_by=uow.ctx.user_id,
        content_enc=b"",
    )
    _seal(uow, row, info.content)
    uow.session.add(row)
    old.review_state = "superseded"
    old.updated_by = uow.ctx.user_id
    uow.audit(
        audit.RECORD_CREATE,
        object_type="safety_plan",
        object_id=row.id,
        detail=f"v{row.plan_version} supersedes {old.id}",
    )
    uow.session.flush()
    return infos(uow, [row])[0]


def _named_provider(uow: UnitOfWork, step: Step) -> str | None:
    """The registered, active provider a provider-owned step names (its owner name, matched as
    :func:`providers.get_provider` does), so the action has its provider chosen; None when the
    step names none or no one such."""
    from assessment_app.errors import NotFoundError
    from assessment_app.records import providers

    if step.owner_kind != "provider" or not step.owner_name.strip():
        return None
    try:
        found = providers.get_provider(uow, name=step.owner_name)
    except NotFoundError:
        return None
    return found.id if found.active else None


def step_to_action(uow: UnitOfWork, safety_plan_id: str, step_id: str) -> PlanInfo:
    """Copy one practical step into the case's current action plan as an action (what, who,
    by when). A step owned by a provider that names a registered provider gets that provider
    chosen on the action (otherwise the worker chooses it in the action plan before it can be
    submitted). The action plan must be a draft (or returned): an approved plan is locked and
    gets a new version first. The same step is not copied twice."""
    from assessment_app.records import plans

    row, case = uow.record(SafetyPlan, safety_plan_id, "safety plan")
    info = infos(uow, [row])[0]
    step = info.content.step(step_id)
    plan_row = plans.current_plan_row(uow, case.id)
    if plan_row is None:
        raise _bad(
            "The case has no action plan yet; create one first.",
            "Ärendet har ingen handlingsplan än; skapa den först.",
        )
    plan, _ = uow.plan(plan_row.id)
    plan_info = plans.infos(uow, [plan])[0]
    if not plan_info.editable:
        raise _bad(
            "The action plan is locked (submitted or approved); make a new version of it first.",
            "Handlingsplanen är låst (inskickad eller godkänd); gör en ny version av den först.",
        )
    if any(a.what == step.what and a.due_on == step.due_on for a in plan_info.actions):
        raise _bad(
            "The step is already an action in the plan.",
            "Åtgärden finns redan som insats i handlingsplanen.",
        )
    action = plans.Action(
        what=step.what,
        responsible_kind=step.owner_kind,
        responsible_name=step.owner_name,
        provider_id=_named_provider(uow, step),
        due_on=step.due_on,
        status=step.status if step.status in plans.ACTION_STATUSES else "planned",
        follow_up="Från skyddsplanen",
    )
    content = replace(plan_info.content, actions=[*plan_info.content.actions, action])
    saved, written = plans.save_plan(uow, plan.id, plan.version, content, base=plan_info.content)
    return plans.saved_info(plan_info, saved, written)


# --- what the reminders and the case view need ---------------------------------------------


@dataclass(frozen=True)
class ReviewDate:
    """A safety plan's review due date (no names, no content)."""

    case_id: str
    case_ref: str
    safety_plan_id: str
    plan_version: int
    review_state: str
    review_due_on: date

    def overdue(self, today: date) -> bool:
        return self.review_due_on < today


def review_dates(
    uow: UnitOfWork,
    *,
    until: date | None = None,
    case_ids: Sequence[str] | None = None,
    include_closed: bool = False,
) -> list[ReviewDate]:
    """The review due dates of the safety plans in force in the cases this user reaches (a
    supervisor: the unit's), soonest first; ``until`` keeps those due on or before that day
    (overdue ones included). One query; nothing is decrypted, nothing is audited."""
    query = (
        select(
            SafetyPlan.case_id,
            Case.case_ref,
            SafetyPlan.id,
            SafetyPlan.plan_version,
            SafetyPlan.review_state,
            SafetyPlan.review_due_on,
        )
        .join(Case, Case.id == SafetyPlan.case_id)
        .where(
            case_filter(uow.ctx),
            SafetyPlan.review_state != "superseded",
            SafetyPlan.review_due_on.is_not(None),
        )
        .order_by(SafetyPlan.review_due_on, Case.case_ref)
    )
    if not include_closed:
        query = query.where(Case.status != "closed")
    if until is not None:
        query = query.where(SafetyPlan.review_due_on <= until)
    if case_ids is not None:
        query = query.where(SafetyPlan.case_id.in_(list(case_ids)))
    return [
        ReviewDate(case_id, ref, plan_id, version, state, due)
        for case_id, ref, plan_id, version, state, due in uow.session.execute(query).all()
        if due is not None
    ]


@dataclass(frozen=True)
class WaitingSafetyPlan(ReviewDate):
    """A submitted safety plan waiting for a second person: when and by whom (a user name) it
    was submitted. No names of the person, no content."""

    submitted_at: datetime | None = None
    submitted_by: str | None = None  # user name
    submitted_by_id: str | None = None  # user id: the one who may not approve it


def waiting_for_review(uow: UnitOfWork) -> list[WaitingSafetyPlan]:
    """Safety plans submitted and waiting for a second person, in the cases this user reaches
    (for a supervisor's list), by review date, with the last submission's time and user. A
    submitted plan always has a review date. Nothing is decrypted."""
    waiting = [d for d in review_dates(uow) if d.review_state == "submitted"]
    if not waiting:
        return []
    submissions: dict[tuple[str, int], tuple[datetime, str | None]] = {}
    for plan_id, plan_version, user_id, moment in uow.session.execute(
        select(
            SafetyPlanReview.safety_plan_id,
            SafetyPlanReview.plan_version,
            SafetyPlanReview.decided_by,
            SafetyPlanReview.decided_at,
        )
        .where(
            SafetyPlanReview.safety_plan_id.in_([d.safety_plan_id for d in waiting]),
            SafetyPlanReview.decision == "submitted",
        )
        .order_by(SafetyPlanReview.decided_at)
    ).all():
        submissions[(plan_id, plan_version)] = (moment, user_id)  # the last one wins
    names = _usernames(uow, {user or "" for _when, user in submissions.values()})
    out = []
    for d in waiting:
        found = submissions.get((d.safety_plan_id, d.plan_version))
        at, by = found if found is not None else (None, None)
        out.append(
            WaitingSafetyPlan(
                d.case_id,
                d.case_ref,
                d.safety_plan_id,
                d.plan_version,
                d.review_state,
                d.review_due_on,
                at,
                names.get(by or ""),
                by,
            )
        )
    return out


def threat_urgent(uow: UnitOfWork, case_id: str) -> bool:
    """An open urgent flag in the threat area: the case view opens the safety plan first."""
    from assessment_app.records import urgent

    return THREAT_AREA in urgent.open_areas(uow, case_id)


def police_consent(consents: Sequence[ConsentInfo], day: date) -> ConsentInfo | None:
    """A consent valid on ``day`` to the police that includes the safety-plan item."""
    for c in consents:
        if (
            c.recipient_kind == "police"
            and c.includes_safety_plan
            and c.valid_on(day)
            and not c.damaged
        ):
            return c
    return None


def as_json(info: SafetyPlanInfo) -> dict[str, Any]:
    """One version for the registerutdrag (and the transfer file)."""
    return {
        "plan_version": info.plan_version,
        "review_state": info.review_state,
        "review_due_on": _day(info.review_due_on),
        "content": info.content.to_json() if not info.damaged else DAMAGED,
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
