"""Subject access (registerutdrag, GDPR art. 15): everything stored about one individual.

:func:`gather` reads it in the caller's transaction (the use-case layer runs it as one
snapshot); the export itself is audited by the caller.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assessment_app import personnummer as pnr
from assessment_app.damage import Damage, json_marker
from assessment_app.db.models import AuditEvent, Case, Draft, FollowUp, Individual, User
from assessment_app.records import assessments, cases, consents, plans, safety, urgent
from assessment_app.records.access import case_filter, not_found

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def gather(uow: UnitOfWork, case_ref: str) -> tuple[str, dict[str, Any]]:
    """The registerutdrag for a person, named by their personnummer or by one of their cases'
    references: every case of theirs you reach (one person is one record across cases).

    Returns the anchor case's id (for the audit entry) and the export.
    """
    session = uow.session
    if pnr.looks_like_number(case_ref):
        # Start from the person: the first of their cases this user reaches is the anchor.
        number = pnr.normalise(case_ref)
        first = session.execute(
            select(Case.case_ref)
            .join(Individual, Individual.id == Case.individual_id)
            .where(Individual.pnr_index == cases.pnr_index(uow.ctx, number), case_filter(uow.ctx))
            .order_by(Case.opened_on, Case.case_ref)
            .limit(1)
        ).scalar()
        if first is None:
            raise not_found()
        case_ref = first
    anchor = uow.case(case_ref=case_ref)
    case_ids = list(
        session.execute(
            select(Case.id)
            .where(Case.individual_id == anchor.individual_id, case_filter(uow.ctx))
            .order_by(Case.opened_on, Case.case_ref)
        ).scalars()
    )
    result: dict[str, Any] = {
        "format": "assessment-app/subject-access/1",
        "generated_at": datetime.now().astimezone().isoformat(),
        "cases": [],
    }
    damage_seen = len(uow.damage)
    for case_id in case_ids:
        info = cases.open_case(uow, case_id=case_id)
        result.setdefault(
            "individual",
            {
                "_id": info.individual.id,
                "name": info.individual.name,
                "personnummer": info.individual.personnummer,
                "contact": info.individual.contact.to_json(),
                "protection_level": info.individual.protection_level,
            },
        )
        entry: dict[str, Any] = {
            "_id": info.id,
            "case_ref": info.case_ref,
            "status": info.status,
            "opened_on": info.opened_on,
            "closed_on": info.closed_on,
            "caseworker": info.assigned_username,
            "unit": info.unit,
            "referral_source": info.referral_source,
            "close_reason": info.close_reason,
            "notes": info.notes,
            "consents": [
                {
                    "_id": c.id,
                    **{
                        k: v
                        for k, v in asdict(c).items()
                        if k not in ("id", "case_id", "version", "damaged")
                    },
                }
                for c in consents.list_consents(uow, case_id)
            ],
            "assessments": [
                {
                    "_id": a.id,
                    "kind": a.kind,
                    "template": f"{a.template_id} v{a.template_version}",
                    "status": a.status,
                    "conducted_on": a.conducted_on,
                    "answers": a.answers,
                    "ratings": a.ratings,
                    "instruments": a.instruments,
                }
                for a in assessments.list_assessments(uow, case_id)
            ],
            "plans": [_plan(p) for p in plans.list_plans(uow, case_id)],
            # every version, oldest first (the code word and the threat picture included:
            # the registerutdrag is everything stored about the person)
            "safety_plans": [_safety(s) for s in reversed(safety.versions(uow, case_id))],
            "urgent_flags": [
                {
                    "_id": f.id,
                    "raised_at": f.raised_at,
                    "status": f.status,
                    "area_id": f.area_id,
                    "question_id": f.question_id,
                    "message": f.message_sv,
                    "handled_at": f.handled_at,
                    "actions": list(f.actions),
                    "note": f.note,
                }
                for f in urgent.for_case(uow, case_id)
            ],
        }
        entry["follow_ups"] = [
            {"due_on": f.due_on, "done_on": f.done_on}
            for f in session.execute(
                select(FollowUp).where(FollowUp.case_id == case_id).order_by(FollowUp.due_on)
            ).scalars()
        ]
        drafts = []
        for d in session.execute(select(Draft).where(Draft.case_id == case_id)).scalars():
            payload = uow.open("drafts", "payload_enc", d.id, d.payload_enc, None)
            drafts.append(
                {"_id": d.id, "kind": d.kind, "updated_at": d.updated_at, "content": payload}
            )
        entry["drafts"] = drafts
        entry["access_log"] = [
            {"at": e.at, "user": username, "action": e.action}
            for e, username in session.execute(
                select(AuditEvent, User.username)
                .outerjoin(User, User.id == AuditEvent.user_id)
                .where(AuditEvent.object_id == case_id)
                .order_by(AuditEvent.seq)
            ).all()
        ]
        result["cases"].append(entry)
    found = uow.damage[damage_seen:]
    marked = mark_damage(result, found)
    result["damaged_values"] = marked
    plain: dict[str, Any] = _plain(_strip_ids(result))
    return anchor.id, plain


def _plan(info: plans.PlanInfo) -> dict[str, Any]:
    """A plan as JSON, with the row ids of its parts (for marking damage; removed after)."""
    data = plans.as_json(info)
    data["_id"] = info.id
    for goal, g in zip(data["goals"], info.goals, strict=True):
        goal["_id"] = g.id
    for action, a in zip(data["actions"], info.actions, strict=True):
        action["_id"] = a.id
    for review, r in zip(data["reviews"], info.reviews, strict=True):
        review["_id"] = r.id
    return data


def _safety(info: safety.SafetyPlanInfo) -> dict[str, Any]:
    """A safety plan version as JSON, with its row ids (for marking damage; removed after)."""
    data = safety.as_json(info)
    data["_id"] = info.id
    for review, r in zip(data["reviews"], info.reviews, strict=True):
        review["_id"] = r.id
    return data


# Where each encrypted column's value lands in the export: (path from a case entry to the list
# of its rows, or "" for the entry itself / "individual" for the person; the fields it fills).
# The test holds this to every *_enc column of the models, less those not part of the export.
PLACES: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("individuals", "name_enc"): ("individual", ("name",)),
    ("individuals", "pnr_enc"): ("individual", ("personnummer",)),
    ("individuals", "contact_enc"): ("individual", ("contact",)),
    ("cases", "details_enc"): ("", ("referral_source", "close_reason", "notes")),
    ("consents", "details_enc"): (
        "consents",
        (
            "recipient_name",
            "scope_areas",
            "note",
            "witness_name",
            "witness_role",
            "includes_contact",
        ),
    ),
    ("assessments", "answers_enc"): ("assessments", ("answers",)),
    ("assessments", "ratings_enc"): ("assessments", ("ratings",)),
    ("assessments", "instruments_enc"): ("assessments", ("instruments",)),
    ("action_plans", "content_enc"): (
        "plans",
        ("note", "next_meeting", "meeting_at", "meeting_place", "meeting_with_providers"),
    ),
    ("plan_goals", "body_enc"): ("plans.goals", ("area_id", "text")),
    ("plan_actions", "body_enc"): (
        "plans.actions",
        ("what", "responsible_kind", "responsible_name", "follow_up", "outcome"),
    ),
    ("plan_reviews", "comment_enc"): ("plans.reviews", ("comment",)),
    ("urgent_flags", "details_enc"): ("urgent_flags", ("area_id", "question_id", "message")),
    ("urgent_flags", "handling_enc"): ("urgent_flags", ("actions", "note")),
    ("drafts", "payload_enc"): ("drafts", ("content",)),
    ("safety_plans", "content_enc"): ("safety_plans", ("content",)),
    ("safety_plan_reviews", "comment_enc"): ("safety_plans.reviews", ("comment",)),
}

#: Encrypted columns that are not the person's data in a registerutdrag: the workers' own
#: names and contact details, a provider's contact person and retirement note. The scanned copy
#: of a consent is listed (type and size) and handed out on its own, not inside the export.
NOT_EXPORTED = frozenset(
    {
        ("users", "display_name_enc"),
        ("users", "contact_enc"),
        ("providers", "contact_enc"),
        ("providers", "retired_reason_enc"),
        ("consent_documents", "content_enc"),
    }
)


def _rows(entry: dict[str, Any], path: str) -> list[dict[str, Any]]:
    rows = [entry]
    for part in path.split(".") if path else []:
        rows = [row for r in rows for row in r.get(part, [])]
    return rows


def mark_damage(result: dict[str, Any], found: list[Damage]) -> int:
    """Put the damage marker in the place of every damaged value; returns how many values."""
    count = 0
    for d in dict.fromkeys(found):
        place = PLACES.get((d.table, d.column))
        if place is None:
            continue
        path, fields = place
        if path == "individual":
            targets = [result.get("individual") or {}]
        else:
            targets = [
                row
                for case in result["cases"]
                for row in _rows(case, path)
                if row.get("_id") == d.row_id
            ]
        for row in targets:
            if row.get("_id") != d.row_id:
                continue
            for name in fields:
                row[name] = json_marker(d.table, d.column)
            count += 1
    return count


def _strip_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k != "_id"}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value
