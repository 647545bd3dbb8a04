"""A realistic database for the use-case benchmarks (bench_sql, bench_wan, bench_interview).

A unit with an administrator and a caseworker (anna); a few demo cases (``demo.generate``);
and the case under study: a fully answered 14-area assessment (demo answers and ratings, long
answers written out), five providers with a valid consent each, and a plan whose actions go to
all five. Optionally many plain cases, so the case list has more than one page.
Works on SQLite and on a server database alike.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "50")

from assessment_app import accounts, demo
from assessment_app.db.engine import Database
from assessment_app.records import assessments, cases, consents, plans
from assessment_app.records.cases import Contact
from assessment_app.templates import default_registry, evaluate
from assessment_app.templates.engine import AreaStatus
from assessment_app.templates.model import Template
from assessment_app.workspace import Workspace
from benchmarks import usecases

PW = "bench-password-1"
WORKER = "anna"
TEMPLATE_ID = "kartlaggning-avhopp"
EXTRA_PROVIDERS = (
    ("Jobbspåret Ekonomisk Förening", "Sara Nyberg", "08-555 040 40"),
    ("Familjestöd Mitt", "Johan Berg", "08-555 050 50"),
)
LONG_ANSWER = (
    "Personen berättar utförligt om sin situation, vad som har hänt det senaste året och vad "
    "hen hoppas på framåt. "
)


@dataclass
class World:
    db: Database
    signed: usecases.SignedIn
    template: Template
    case_id: str
    assessment_id: str
    plan_id: str
    provider_ids: list[str]


def make_world(
    url: str, drafts_root: Path, *, demo_cases: int = 3, list_cases: int = 0, seed: int = 7
) -> World:
    db = Database.create(url)
    accounts.initialise(db, "admin", PW, unit_name="Vuxenenheten")
    admin = accounts.sign_in(db, "admin", PW)
    accounts.add_user(admin, WORKER, PW, "caseworker", unit="Vuxenenheten")
    signed = usecases.sign_in(db, WORKER, PW, drafts_root)
    ws = signed.ws
    rng = random.Random(seed)
    today = date.today()
    for _ref in demo.generate(ws, demo_cases, seed=seed, today=today):
        pass
    provider_list = demo.ensure_providers(ws)
    known = {p.name for p in ws.admin.providers(include_inactive=True)}
    register = Workspace(admin).admin  # the provider register is the administrator's
    for name, person, phone in EXTRA_PROVIDERS:
        if name not in known:
            provider_list.append(register.add_provider(name, contact_person=person, phone=phone))
    assert len(provider_list) == 5

    template = default_registry().latest(TEMPLATE_ID)
    titles = {a.id: a.title.text("sv") for a in template.areas}
    number = demo.personnummer(rng, today)
    answers = _all_areas_answered(template, rng, today)
    ratings = demo.ratings_for(template, rng)
    for area in template.areas:  # every area rated, none "not relevant"
        if ratings[area.id]["own"] is None:
            ratings[area.id] = {"own": 2, "worker": 3, "reason": "Bedömt i samtalet.", "flags": []}
    with ws.write() as uow:
        row = cases.create_case(
            uow,
            name="Maja Lindqvist",
            personnummer=number,
            contact=Contact(
                address="Storgatan 12",
                postal_code="113 22",
                city="Stockholm",
                phone="070-555 12 34",
            ),
            referral_source=cases.REFERRAL_SOURCES[0],
            opened_on=today - timedelta(days=40),
            today=today,
        )
        a = assessments.start_assessment(uow, row.id, template.id, template.version)
        a = assessments.save_assessment(uow, a.id, a.version, answers, ratings)
        area_ids = [area.id for area in template.areas]
        plan = plans.create_plan(
            uow, row.id, assessment_id=a.id, goals=plans.goals_from_needs(area_ids)
        )
        goals = [
            plans.Goal(g.area_id, f"Jag vill komma vidare med {titles[g.area_id].lower()}.", g.id)
            for g in plan.goals
        ]
        actions = []
        for number, goal in enumerate(goals):
            provider = provider_list[number % len(provider_list)]
            actions.append(
                plans.Action(
                    what=f"Träffas varannan vecka och gå igenom {titles[goal.area_id].lower()}",
                    responsible_kind="provider",
                    goal_id=goal.id,
                    provider_id=provider.id,
                    responsible_name=provider.name,
                    due_on=today + timedelta(days=14 + number),
                )
            )
            actions.append(
                plans.Action(
                    what="Ringa handläggaren om något blir svårt",
                    responsible_kind="individual",
                    goal_id=goal.id,
                    due_on=today + timedelta(days=30),
                )
            )
        for number, provider in enumerate(provider_list):
            scope = [g.area_id for i, g in enumerate(goals) if i % len(provider_list) == number]
            consents.give_consent(
                uow, row.id, "provider", scope, provider_id=provider.id, given_on=today
            )
        follow_up = today + timedelta(days=60)
        plans.save_plan(
            uow,
            plan.id,
            plan.version,
            plans.PlanContent(
                goals,
                actions,
                follow_up,
                meeting_at=datetime.combine(follow_up, time(10, 0)).astimezone(),
                meeting_place="Socialkontoret, rum 12",
                note="Planen gjordes tillsammans med Maja.",
            ),
            base=plan.content,
        )
    if list_cases:
        _bulk_cases(db, signed, list_cases)
    return World(db, signed, template, row.id, a.id, plan.id, [p.id for p in provider_list])


def _all_areas_answered(template: Template, rng: random.Random, today: date) -> dict[str, object]:
    """Demo answers, with every long answer written out and no area left without answers."""
    answers = demo.answers_for(template, rng, today)
    for q in template.all_questions():
        if q.type == "long_text" and q.id in answers:
            answers[q.id] = LONG_ANSWER * 3
    result = evaluate(template, answers, None, today=today)
    for area in template.areas:
        if result.area_summaries[area.id].status == AreaStatus.NOT_STARTED:
            for q in area.questions:
                if q.id in result.visible and q.id not in answers:
                    answers[q.id] = demo._answer(rng, q, today)
    return answers


def _bulk_cases(db: Database, signed: usecases.SignedIn, count: int) -> None:
    """Plain cases inserted directly (as bench_ui does), only to fill the case list."""
    from sqlalchemy import insert

    from assessment_app.db.models import Case, Individual
    from assessment_app.db.types import new_id, utcnow

    ctx = signed.ws.ctx
    today = date.today()
    individuals, case_rows = [], []
    for i in range(count):
        iid, cid = new_id(), new_id()
        individuals.append(
            {
                "id": iid,
                "name_enc": ctx.seal("individuals", "name_enc", iid, f"Person {i}"),
                "protection_level": "none",
                "version": 1,
                "created_at": utcnow(),
                "updated_at": utcnow(),
            }
        )
        case_rows.append(
            {
                "id": cid,
                "case_ref": f"AV-2000-{i + 1:05d}",
                "individual_id": iid,
                "status": "open",
                "assigned_user_id": ctx.user_id,
                "unit_id": ctx.unit_id,
                "opened_on": today,
                "last_entry_at": utcnow(),
                "version": 1,
                "created_at": utcnow(),
                "updated_at": utcnow(),
            }
        )
    with db.session() as session:
        session.execute(insert(Individual), individuals)
        session.execute(insert(Case), case_rows)
