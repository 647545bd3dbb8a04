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
from assessment_app.db.models import AuditEvent, Case, Draft, FollowUp, Individual, User
from assessment_app.records import assessments, cases, consents, plans, safety
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
    for case_id in case_ids:
        info = cases.open_case(uow, case_id=case_id)
        result.setdefault(
            "individual",
            {
                "name": info.individual.name,
                "personnummer": info.individual.personnummer,
                "contact": info.individual.contact.to_json(),
                "protection_level": info.individual.protection_level,
            },
        )
        entry: dict[str, Any] = {
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
                {k: v for k, v in asdict(c).items() if k not in ("case_id", "version", "damaged")}
                for c in consents.list_consents(uow, case_id)
            ],
            "assessments": [
                {
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
            "plans": [plans.as_json(p) for p in plans.list_plans(uow, case_id)],
            # every version, oldest first (the code word and the threat picture included:
            # the registerutdrag is everything stored about the person)
            "safety_plans": [safety.as_json(s) for s in reversed(safety.versions(uow, case_id))],
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
            drafts.append({"kind": d.kind, "updated_at": d.updated_at, "content": payload})
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
    plain: dict[str, Any] = _plain(result)
    return anchor.id, plain
