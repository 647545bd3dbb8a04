"""Synthetic cases written in bulk at record level, for the statistics' tests and benchmark.

Each :class:`CaseSpec` says exactly what a case holds (dates, referral source, ratings,
actions, follow-ups, urgent flags), so a test can compute what the report must say from the
specs it made, and the benchmark can write 50,000 cases in seconds. Values are sealed as the
record functions seal them (same tables, columns and JSON shapes); nothing is audited, as
nothing here is a user's work.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import insert

from assessment_app.context import Context
from assessment_app.db.engine import Database
from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    Case,
    FollowUp,
    Individual,
    PlanAction,
    PlanReview,
    UrgentFlag,
)
from assessment_app.db.types import new_id, utcnow


@dataclass
class AssessmentSpec:
    kind: str  # initial | follow_up
    on: date
    ratings: dict[str, tuple[int | None, int | None]]  # area -> (own, worker)
    complete: bool = True


@dataclass
class ActionSpec:
    responsible: str
    status: str = "planned"
    due_on: date | None = None
    provider_id: str | None = None
    done_on: date | None = None  # the day it was marked done (None: from before it was kept)


@dataclass
class CaseSpec:
    opened_on: date
    closed_on: date | None = None
    referral: str | None = None
    protected: bool = False
    approved_at: datetime | None = None  # the plan's approval (None: no approved plan)
    plan_saved_at: datetime | None = None  # the approved plan's last save
    assessments: list[AssessmentSpec] = field(default_factory=list)
    actions: list[ActionSpec] = field(default_factory=list)
    follow_ups: list[tuple[date, date | None]] = field(default_factory=list)  # (due, done)
    urgent: list[tuple[datetime, datetime | None]] = field(default_factory=list)
    individual_id: str = field(default_factory=new_id)  # the same id: the same person


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def insert_cases(
    db: Database,
    ctx: Context,
    specs: Sequence[CaseSpec],
    *,
    unit_id: str | None,
    user_id: str | None = None,
    first_number: int = 1,
    batch: int = 5000,
    notes: str = "Anteckning om kontakten.",
) -> list[str]:
    """Write the cases (in batches, one transaction each); returns their ids in order."""
    user_id = user_id or ctx.user_id
    seal = ctx.seal
    ids: list[str] = []
    seen_individuals: set[str] = set()
    for start in range(0, len(specs), batch):
        rows: dict[type, list[dict[str, object]]] = {
            m: []
            for m in (
                Individual,
                Case,
                Assessment,
                ActionPlan,
                PlanReview,
                PlanAction,
                FollowUp,
                UrgentFlag,
            )
        }
        now = utcnow()
        for n, spec in enumerate(specs[start : start + batch], start + first_number):
            ind = spec.individual_id
            if ind not in seen_individuals:
                seen_individuals.add(ind)
                rows[Individual].append(
                    {
                        "id": ind,
                        "name_enc": seal("individuals", "name_enc", ind, f"Person {n}"),
                        "protection_level": "skyddad_folkbokforing" if spec.protected else "none",
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            cid = new_id()
            ids.append(cid)
            rows[Case].append(
                {
                    "id": cid,
                    "case_ref": f"AV-{spec.opened_on.year}-{n:05d}",
                    "individual_id": ind,
                    "status": "closed" if spec.closed_on else "open",
                    "assigned_user_id": user_id,
                    "unit_id": unit_id,
                    "opened_on": spec.opened_on,
                    "closed_on": spec.closed_on,
                    "last_entry_at": now,
                    "details_enc": seal(
                        "cases",
                        "details_enc",
                        cid,
                        {"referral_source": spec.referral, "notes": notes},
                    ),
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            for a in spec.assessments:
                aid = new_id()
                ratings: dict[str, dict[str, object]] = {
                    area: {"own": own, "worker": worker, "reason": "Skäl i fritext.", "flags": []}
                    for area, (own, worker) in a.ratings.items()
                }
                rows[Assessment].append(
                    {
                        "id": aid,
                        "case_id": cid,
                        "kind": a.kind,
                        "template_id": "kartlaggning-avhopp",
                        "template_version": 1,
                        "status": "complete" if a.complete else "in_progress",
                        "conducted_on": a.on,
                        "completed_at": _noon(a.on) if a.complete else None,
                        "answers_enc": seal("assessments", "answers_enc", aid, {"q": "svar"}),
                        "ratings_enc": seal("assessments", "ratings_enc", aid, ratings),
                        "created_by": user_id,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            if spec.approved_at is not None or spec.actions:
                pid = new_id()
                saved = spec.plan_saved_at or spec.approved_at or now
                rows[ActionPlan].append(
                    {
                        "id": pid,
                        "case_id": cid,
                        "plan_version": 1,
                        "review_state": "approved" if spec.approved_at else "draft",
                        "content_enc": seal("action_plans", "content_enc", pid, {"note": ""}),
                        "created_by": user_id,
                        "version": 1,
                        "created_at": saved,
                        "updated_at": saved,
                    }
                )
                if spec.approved_at is not None:
                    rows[PlanReview].append(
                        {
                            "id": new_id(),
                            "plan_id": pid,
                            "plan_version": 1,
                            "decision": "approved",
                            "decided_by": user_id,
                            "decided_at": spec.approved_at,
                        }
                    )
                for pos, act in enumerate(spec.actions):
                    act_id = new_id()
                    body = {
                        "what": "Insats beskriven i fritext.",
                        "responsible_kind": act.responsible,
                        "responsible_name": "",
                        "follow_up": "",
                        "outcome": "",
                    }
                    if act.done_on is not None:
                        body["done_on"] = act.done_on.isoformat()
                    rows[PlanAction].append(
                        {
                            "id": act_id,
                            "plan_id": pid,
                            "goal_id": None,
                            "position": pos,
                            "provider_id": act.provider_id,
                            "due_on": act.due_on,
                            "status": act.status,
                            "body_enc": seal("plan_actions", "body_enc", act_id, body),
                        }
                    )
            for due, done in spec.follow_ups:
                rows[FollowUp].append(
                    {
                        "id": new_id(),
                        "case_id": cid,
                        "due_on": due,
                        "done_on": done,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            for raised, handled in spec.urgent:
                fid = new_id()
                rows[UrgentFlag].append(
                    {
                        "id": fid,
                        "case_id": cid,
                        "key_token": os.urandom(16).hex(),
                        "status": "handled" if handled else "open",
                        "raised_at": raised,
                        "handled_at": handled,
                        "details_enc": seal("urgent_flags", "details_enc", fid, {"area": "x"}),
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        with db.session() as session:
            for model, values in rows.items():
                if values:
                    session.execute(insert(model), values)
    return ids
