"""Realistic synthetic cases for demonstrations, screenshots, tests and benchmarks.

Names and addresses come from Faker's sv_SE locale and personnummer have a valid check digit,
so they look real. Nothing here is about a real person.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from faker import Faker
from stdnum import luhn

from assessment_app.errors import ValidationError
from assessment_app.records import (
    assessments,
    cases,
    consents,
    followups,
    plans,
    providers,
    urgent,
)
from assessment_app.records.cases import Contact
from assessment_app.templates import Template, default_registry, evaluate

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork
    from assessment_app.workspace.workspace import Workspace

DEMO_PROVIDERS = (
    ("Vägen Ut Stöd AB", "Karin Lind", "08-555 010 10"),
    ("Nystart Mentorskap", "Ali Haddad", "08-555 020 20"),
    ("Tryggt Boende Norr", "Eva Strand", "08-555 030 30"),
)
# The register's other fields for the demo providers: organisation number (synthetic, with a
# valid check digit), what they are procured for, and the contract's years from this one.
DEMO_PROVIDER_DETAILS = {
    "Vägen Ut Stöd AB": ("559900-0014", "avhopparstöd, samtalsstöd", -1, 2),
    "Nystart Mentorskap": ("802400-0021", "mentorskap, sysselsättning", 0, 1),
    "Tryggt Boende Norr": ("559900-0030", "boendestöd, skyddat boende", -2, 1),
}


def personnummer(rng: random.Random, today: date) -> str:
    born = today - timedelta(days=rng.randint(18 * 365, 60 * 365))
    serial = f"{rng.randint(0, 999):03d}"
    base = born.strftime("%y%m%d") + serial
    return f"{born:%Y%m%d}-{serial}{luhn.calc_check_digit(base)}"


def _answer(rng: random.Random, q: Any, today: date) -> object:
    kind = q.type
    if kind == "single_choice":
        return rng.choice(q.options).value
    if kind == "multiple_choice":
        return sorted(
            o.value for o in rng.sample(q.options, rng.randint(1, min(3, len(q.options))))
        )
    if kind == "yes_no":
        return rng.random() < 0.4
    if kind == "scale":
        return rng.randint(q.scale.min, q.scale.max) if q.scale else rng.randint(0, 4)
    if kind == "number":
        return rng.randint(0, 10)
    if kind == "date":
        return (today - timedelta(days=rng.randint(30, 900))).isoformat()
    if kind == "short_text":
        return rng.choice(["Vet inte riktigt", "Ja, till viss del", "Har pratat med mamma om det"])
    return rng.choice(
        [
            "Jag vill ha ett vanligt liv, ett jobb och en lägenhet där jag känner mig trygg.",
            "Det har varit tufft en längre tid, men jag vill göra det här nu.",
            "Svårt att säga. Vi får prata mer om det nästa gång.",
        ]
    )


def answers_for(template: Template, rng: random.Random, today: date) -> dict[str, object]:
    """Fill the visible questions in order, so conditional questions follow earlier answers."""
    answers: dict[str, object] = {}
    for _ in range(3):  # conditions can open questions that earlier passes did not see
        result = evaluate(template, answers, None, today=today)
        for q in template.all_questions():
            if q.id in result.visible and q.id not in answers and rng.random() < 0.9:
                value = _answer(rng, q, today)
                trial = {**answers, q.id: value}
                if q.id not in evaluate(template, trial, None, today=today).violations:
                    answers[q.id] = value
    return answers


def ratings_for(
    template: Template, rng: random.Random, shift: int = 0
) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for area in template.areas:
        if rng.random() < 0.07:
            result[area.id] = {"own": None, "worker": None, "reason": "", "flags": ["not_relevant"]}
            continue
        own = max(0, min(4, rng.randint(0, 4) - shift))
        worker = max(0, min(4, own + rng.choice([-1, 0, 0, 1])))
        result[area.id] = {
            "own": own,
            "worker": worker,
            "reason": "Bedömt utifrån samtalet." if worker >= 2 else "",
            "flags": ["urgent"] if worker == 4 and rng.random() < 0.3 else [],
        }
    return result


def ensure_providers(ws: Workspace) -> list[providers.ProviderInfo]:
    """The demo providers, added to the register when missing; those still active (a retired
    one is not given new consents or actions)."""
    today = date.today()
    with ws.write() as uow:
        existing = {p.name: p for p in providers.list_providers(uow, include_inactive=True)}
        numbers = {p.org_number for p in existing.values() if p.org_number}
        for name, person, phone in DEMO_PROVIDERS:
            if name in existing:
                continue
            number, procured_for, start, end = DEMO_PROVIDER_DETAILS[name]
            existing[name] = providers.add_provider(
                uow,
                name,
                org_number=number if number not in numbers else "",
                contact_person=person,
                phone=phone,
                email=f"{person.split()[0].lower()}@example.se",
                procured_for=procured_for,
                contract_from=date(today.year + start, 1, 1),
                contract_to=date(today.year + end, 12, 31),
            )
    active = [existing[name] for name, _, _ in DEMO_PROVIDERS if existing[name].active]
    if not active:
        raise ValidationError(
            "Every demo provider has been retired; reactivate one to make demo cases.",
            "Alla demoutförare är avslutade; återaktivera en för att skapa demoärenden.",
        )
    return active


def generate(
    ws: Workspace, count: int, seed: int | None = None, today: date | None = None
) -> Iterator[str]:
    """Create ``count`` cases, each in one transaction; yield each case reference as stored."""
    rng = random.Random(seed)
    fake = Faker("sv_SE")
    fake.seed_instance(seed)
    today = today or date.today()
    template = default_registry().latest("kartlaggning-avhopp")
    titles = {a.id: a.title.text("sv") for a in template.areas}
    provider_list = ensure_providers(ws)
    for _ in range(count):
        with ws.write() as uow:
            ref = _one_case(uow, rng, fake, today, template, titles, provider_list)
        yield ref


def _handle_most_urgent(uow: UnitOfWork, rng: random.Random, case_id: str) -> None:
    """Most urgent flags of a demo case have been dealt with; a few are still open."""
    for flag in urgent.for_case(uow, case_id):
        if flag.open and rng.random() < 0.8:
            actions = rng.sample(list(urgent.ACTIONS[:-1]), k=rng.randint(1, 2))
            urgent.handle(uow, flag.id, flag.version, actions, "Hanterat vid samtalet.")


def _one_case(
    uow: UnitOfWork,
    rng: random.Random,
    fake: Faker,
    today: date,
    template: Template,
    titles: dict[str, str],
    provider_list: list[providers.ProviderInfo],
) -> str:
    opened = today - timedelta(days=rng.randint(20, 700))
    protection = rng.choices(cases.PROTECTION_LEVELS, weights=[88, 6, 5, 1])[0]
    row = cases.create_case(
        uow,
        name=f"{fake.first_name()} {fake.last_name()}",
        personnummer=personnummer(rng, today) if rng.random() < 0.93 else None,
        contact=Contact(
            address=fake.street_address(),
            postal_code=fake.postcode(),
            city=fake.city(),
            phone=fake.phone_number(),
        ),
        protection_level=protection,
        referral_source=rng.choice(cases.REFERRAL_SOURCES),
        opened_on=opened,
        today=today,
    )
    provider = rng.choice(provider_list)
    a = assessments.start_assessment(
        uow, row.id, template.id, template.version, conducted_on=opened + timedelta(days=7)
    )
    ratings = ratings_for(template, rng)
    a = assessments.save_assessment(
        uow, a.id, a.version, answers_for(template, rng, today), ratings
    )
    _handle_most_urgent(uow, rng, row.id)
    need = [k for k, v in ratings.items() if (v["worker"] or 0) >= 2]
    consents.give_consent(
        uow,
        row.id,
        "provider",
        need[:4] or [template.areas[0].id],
        provider_id=provider.id,
        given_on=opened + timedelta(days=7),
    )
    plan = plans.create_plan(uow, row.id, assessment_id=a.id, goals=plans.goals_from_needs(need))
    goals = [
        plans.Goal(g.area_id, f"Jag vill komma vidare med {titles[g.area_id].lower()}.", g.id)
        for g in plan.goals
    ]
    actions = []
    for g in goals:
        actions.append(
            plans.Action(
                what=f"Träffas varannan vecka och gå igenom {titles[g.area_id].lower()}",
                responsible_kind="provider",
                goal_id=g.id,
                provider_id=provider.id,
                responsible_name=provider.name,
                due_on=today + timedelta(days=rng.randint(-20, 90)),
                status=rng.choice(plans.ACTION_STATUSES[:3]),
            )
        )
        actions.append(
            plans.Action(
                what="Ringa handläggaren om något blir svårt",
                responsible_kind="individual",
                goal_id=g.id,
                due_on=today + timedelta(days=rng.randint(5, 60)),
            )
        )
    follow_up = today + timedelta(days=rng.randint(-30, 60))
    plans.save_plan(
        uow,
        plan.id,
        plan.version,
        plans.PlanContent(
            goals,
            actions,
            follow_up,
            meeting_at=datetime.combine(follow_up, time(10, 0)).astimezone(),
            meeting_place="Socialkontoret",
        ),
        base=plan.content,
    )
    followups.schedule(uow, row.id, follow_up, plan_id=plan.id)
    if rng.random() < 0.25:
        fu = assessments.start_assessment(
            uow,
            row.id,
            template.id,
            template.version,
            kind="follow_up",
            conducted_on=opened + timedelta(days=120),
        )
        assessments.save_assessment(
            uow,
            fu.id,
            fu.version,
            answers_for(template, rng, today),
            ratings_for(template, rng, shift=1),
        )
    if rng.random() < 0.1:
        case = uow.case(case_id=row.id)
        cases.close_case(
            uow,
            row.id,
            case.version,
            "Målen uppnådda",
            closed_on=today - timedelta(days=rng.randint(0, 30)),
        )
    return row.case_ref
