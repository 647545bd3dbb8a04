"""The safety plan (skyddsplan): encrypted round trip, versions, the review by a second person,
steps that become plan actions, review dates, and the two printed copies (read back with
pdftotext: the person's copy holds no address, no code word and no place not chosen; the
police copy needs its own consent item)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from assessment_app.db.models import AuditEvent, SafetyPlan
from assessment_app.errors import (
    AccessDeniedError,
    ConsentMissingError,
    NotFoundError,
    StaleEditError,
    ValidationError,
)
from assessment_app.records import safety
from assessment_app.records.cases import Contact
from assessment_app.records.safety import (
    Number,
    PersonAtRisk,
    Place,
    SafetyPlanContent,
    Step,
    Threat,
)
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit
from assessment_app.workspace.safety import review_dates
from tests.conftest import IN_CI, World, make_world
from tests.server.helpers import saved

TODAY = date.today()
ADDRESS = "Hemligavägen 17"
CODE_WORD = "Blåbärssoppa"
SAFE_PLACE = "Mormors stuga i Lillby"
CHOSEN_PLACE = "Biblioteket i Storstad"
UNSAFE_TOWN = "Farlunda"
THREAT_WHO = "Kusinen Zlatko-Gruppen"
CHILD = "Sonen Kalle-Hemlig"
NEW_NUMBER = "070-555 12 34"
MOVING_STEP = "Flytta med sonen till systerns lägenhet i Västby"  # not chosen for the person
SECRETS = (CODE_WORD, SAFE_PLACE, UNSAFE_TOWN, THREAT_WHO, CHILD, NEW_NUMBER, "Risken är hög")


def plan_content() -> SafetyPlanContent:
    """The same content each time (fixed item ids)."""
    content = SafetyPlanContent(
        threat=Threat(
            who=THREAT_WHO,
            last_incident_on=TODAY - timedelta(days=3),
            kinds=["threats", "violence"],
            description="Hot via sms efter att han lämnade gruppen.",
            police_assessment_done=True,
            police_assessment_on=TODAY - timedelta(days=2),
            police_assessment_by="Polisområde Nord",
            police_contact_name="Inspektör Berg",
            police_contact_phone="010-56 000 00",
        ),
        risk_level="high",
        risk_reason="Risken är hög: nyligen hot och känd våldshistorik.",
        reach_how="Din handläggare ringer från skyddat nummer och lämnar inga meddelanden.",
        code_word=CODE_WORD,
        safe_numbers=[
            Number("Nya mobilen", NEW_NUMBER),
            Number("Handläggaren", "08-123 456 78", for_individual=True),
        ],
        if_contact_breaks="Om vi inte hör av dig på två dagar ringer vi polisen.",
        places=[
            Place("safe_place", SAFE_PLACE),
            Place("meeting_place", CHOSEN_PLACE, for_individual=True),
            Place("unsafe_town", UNSAFE_TOWN),
        ],
        others_at_risk=[PersonAtRisk("child", CHILD, "Skolan vet vem som får hämta")],
        steps=[
            Step(
                "protected_address",
                "Ansöka om skyddade personuppgifter",
                "social_services",
                due_on=TODAY + timedelta(days=7),
                for_individual=True,
            ),
            Step(
                "change_phone",
                "Byta telefon och nummer",
                "individual",
                due_on=TODAY + timedelta(days=3),
                for_individual=True,
            ),
            Step("moving", MOVING_STEP, "social_services", due_on=TODAY + timedelta(days=20)),
        ],
        call_now=[Number("Vid fara", "112"), Number("Polisen", "114 14")],
        unit_emergency_contact="Socialjouren 08-999 99 99",
        review_due_on=TODAY + timedelta(days=30),
    )
    items = [*content.safe_numbers, *content.places, *content.others_at_risk, *content.steps]
    for n, item in enumerate([*items, *content.call_now]):
        item.id = f"item{n}"
    return content


def new_case(ws: Workspace, name: str = "Trygg Person") -> str:
    row = ws.cases.create(
        name=name,
        personnummer="19811228-9874",
        contact=Contact(address=ADDRESS, postal_code="123 45", city="Norrby", phone="0701111111"),
    )
    return str(row.id)


def with_plan(ws: Workspace, case_id: str) -> safety.SafetyPlanInfo:
    plan = ws.safety.create(case_id)
    return ws.safety.save(plan.id, plan.version, plan_content())


# --- storage, versions and review ------------------------------------------------------------


def test_round_trip_versions_and_review_by_a_second_person(world: World) -> None:
    anna, chef, bo = world.workspace("anna"), world.workspace("chef"), world.workspace("bo")
    case_id = new_case(anna)
    created = anna.safety.create(case_id)
    assert created.review_state == "draft" and created.plan_version == 1
    assert [n.number for n in created.content.call_now][:1] == ["112"]
    with pytest.raises(ValidationError):
        anna.safety.create(case_id)  # one plan per case, in versions
    with pytest.raises(ValidationError):  # not finished: no risk level, reason, review date
        anna.safety.submit(created.id, created.version)
    plan = anna.safety.save(created.id, created.version, plan_content())
    assert plan.content.same_as(plan_content())
    assert plan.review_due_on == TODAY + timedelta(days=30)
    # a stale save names the conflict
    with pytest.raises(StaleEditError):
        anna.safety.save(plan.id, created.version, plan_content())
    # bad codes are refused with a message, nothing saved
    with pytest.raises(ValidationError):
        anna.safety.save(plan.id, plan.version, replace(plan_content(), risk_level="extreme"))
    # another unit's supervisor does not reach it
    with pytest.raises(NotFoundError):
        world.workspace("syd").safety.get(plan.id)

    assert chef.safety.waiting_for_review() == []
    plan = anna.safety.submit(plan.id, plan.version)
    assert plan.review_state == "submitted" and plan.submitted_by == "anna"
    waiting = chef.safety.waiting_for_review()
    assert [w.safety_plan_id for w in waiting] == [plan.id]
    assert waiting[0].submitted_by == "anna" and waiting[0].submitted_at is not None
    assert waiting[0].review_due_on == TODAY + timedelta(days=30)
    with pytest.raises(ValidationError):  # locked while submitted
        anna.safety.save(plan.id, plan.version, plan_content())
    with pytest.raises(AccessDeniedError):  # a caseworker does not approve
        bo.safety.decide(plan.id, plan.version, approve=True)
    with pytest.raises(ValidationError):  # returning needs a reason
        chef.safety.decide(plan.id, plan.version, approve=False)
    returned = chef.safety.decide(plan.id, plan.version, approve=False, comment="Lägg till skola")
    assert returned.review_state == "returned"
    assert returned.reviews[-1].comment == "Lägg till skola"
    again = anna.safety.save(returned.id, returned.version, plan_content())
    assert again.review_state == "draft"
    again = anna.safety.submit(again.id, again.version)
    approved = chef.safety.decide(again.id, again.version, approve=True)
    assert approved.review_state == "approved"
    assert [r.decision for r in approved.reviews] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]

    # a new version supersedes the approved one; the old stays readable
    v2 = anna.safety.new_version(approved.id, approved.version)
    assert (v2.plan_version, v2.review_state, v2.supersedes_id) == (2, "draft", approved.id)
    assert v2.content.same_as(approved.content)
    changed = replace(v2.content, risk_level="raised", risk_reason="Lugnare nu")
    v2 = anna.safety.save(v2.id, v2.version, changed)
    versions = anna.safety.versions(case_id)
    assert [(v.plan_version, v.review_state) for v in versions] == [
        (2, "draft"),
        (1, "superseded"),
    ]
    assert versions[1].content.risk_level == "high" and versions[0].content.risk_level == "raised"
    assert anna.safety.current(case_id).id == v2.id  # type: ignore[union-attr]

    # the second person: a supervisor who submitted it themselves cannot approve it
    v2 = chef.safety.submit(v2.id, v2.version)
    with pytest.raises(ValidationError, match="second person"):
        chef.safety.decide(v2.id, v2.version, approve=True)


def test_a_supervisor_who_edited_the_version_cannot_approve_it(world: World) -> None:
    """Four eyes as for the action plan: editing the worker's draft makes it the supervisor's
    own version, even when the worker submits it; another supervisor approves it."""
    from assessment_app import accounts
    from tests.conftest import ADMIN_PW, WORKER_PW

    admin = world.sign_in("admin", ADMIN_PW)
    accounts.add_user(admin, "chef2", WORKER_PW, "supervisor", unit="Enhet Nord")
    anna, chef, chef2 = world.workspace("anna"), world.workspace("chef"), world.workspace("chef2")
    case_id = new_case(anna)
    draft = anna.safety.create(case_id)
    # the supervisor fills in the worker's draft; the worker submits it unchanged
    edited = chef.safety.save(draft.id, draft.version, plan_content())
    submitted = anna.safety.submit(edited.id, edited.version)
    assert submitted.submitted_by == "anna"
    assert not submitted.may_approve(chef.ctx.user_id)
    assert not submitted.may_approve(anna.ctx.user_id)
    assert submitted.may_approve(chef2.ctx.user_id)
    with pytest.raises(ValidationError) as refused:
        chef.safety.decide(submitted.id, submitted.version, approve=True)
    assert "en annan arbetsledare måste godkänna" in refused.value.user_message.lower()
    assert chef.safety.get(submitted.id).review_state == "submitted"
    approved = chef2.safety.decide(submitted.id, submitted.version, approve=True)
    assert approved.review_state == "approved"
    assert approved.reviews[-1].decided_by == "chef2"


def test_steps_become_plan_actions_and_review_dates(world: World) -> None:
    anna = world.workspace("anna")
    case_id = new_case(anna)
    plan = with_plan(anna, case_id)
    step = plan.content.steps[0]
    with pytest.raises(ValidationError):  # no action plan yet
        anna.safety.step_to_action(plan.id, step.id)
    anna.plans.create(case_id)
    action_plan = anna.safety.step_to_action(plan.id, step.id)
    action = action_plan.actions[-1]
    assert (action.what, action.responsible_kind, action.due_on) == (
        step.what,
        "social_services",
        step.due_on,
    )
    assert anna.plans.get(action_plan.id).actions[-1].what == step.what
    with pytest.raises(ValidationError):  # not twice
        anna.safety.step_to_action(plan.id, step.id)

    other = new_case(anna, "Annan Person")
    soon = with_plan(anna, other)
    anna.safety.save(
        soon.id, soon.version, replace(plan_content(), review_due_on=TODAY + timedelta(days=2))
    )
    dates = anna.safety.review_dates()
    assert [(d.case_id, d.review_due_on) for d in dates] == [
        (other, TODAY + timedelta(days=2)),
        (case_id, TODAY + timedelta(days=30)),
    ]
    assert [d.case_id for d in review_dates(anna, until=TODAY + timedelta(days=7))] == [other]
    with anna.read() as uow:  # the same function in the caller's transaction
        assert len(review_dates(uow)) == 2
    # the supervisor sees the unit's; another unit's supervisor none
    assert len(world.workspace("chef").safety.review_dates()) == 2
    assert world.workspace("syd").safety.review_dates() == []
    assert not dates[0].overdue(TODAY) and dates[0].overdue(TODAY + timedelta(days=3))


def test_a_step_owned_by_a_named_provider_carries_the_provider_into_the_plan(
    world: World,
) -> None:
    """A provider-owned step that names a registered provider becomes an action with that
    provider chosen, so the action plan can be submitted; one naming nobody registered has
    none, and the plan says what is missing."""
    from assessment_app.records import plans
    from tests.conftest import ADMIN_PW

    admin = world.workspace("admin", ADMIN_PW)
    provider = admin.admin.add_provider("Vägen Ut AB")
    anna = world.workspace("anna")
    case_id = new_case(anna)
    plan = with_plan(anna, case_id)
    steps = [
        Step("other", "Boendestöd varje vecka", "provider", "vägen ut ab"),  # any case
        Step("other", "Samtalsstöd", "provider", "Okänd Firma"),
    ]
    plan = anna.safety.save(plan.id, plan.version, replace(plan.content, steps=steps))
    anna.plans.create(case_id)
    anna.safety.step_to_action(plan.id, plan.content.steps[0].id)
    action_plan = anna.safety.step_to_action(plan.id, plan.content.steps[1].id)
    named, unknown = action_plan.actions[-2:]
    assert (named.responsible_kind, named.provider_id) == ("provider", provider.id)
    assert (unknown.responsible_kind, unknown.provider_id) == ("provider", None)
    missing = {p.item_id for p in plans.unfinished(action_plan.content)}
    assert named.id not in missing and unknown.id in missing


def test_an_urgent_threat_opens_the_safety_plan_first(world: World) -> None:
    anna = world.workspace("anna")
    case_id = new_case(anna)
    assert anna.safety.threat_urgent(case_id) is False
    assessment = anna.interviews.start(case_id)
    answers = {"safety_threatened": True, "safety_protection_tonight": True}
    saved(anna.interviews.save(AssessmentEdit.of(assessment, answers, {})))
    assert anna.safety.threat_urgent(case_id) is True
    data = anna.safety.open_editor(case_id)
    assert data.threat_urgent and data.plan is None and not data.police_consent


# --- nothing in plaintext at rest ----------------------------------------------------------------


def _raw_hits(blob: bytes, needles: tuple[str, ...]) -> list[str]:
    lowered = blob.lower()
    return [n for n in needles if n.lower().encode() in lowered]


def test_sqlite_file_and_wal_hold_no_plaintext(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    chef = sqlite_world.workspace("chef")
    plan = with_plan(anna, new_case(anna))
    plan = anna.safety.submit(plan.id, plan.version)
    chef.safety.decide(plan.id, plan.version, approve=True, comment=f"Bra, {CODE_WORD}")
    files = sorted(tmp_path.glob("records.sqlite3*"))
    assert any(f.name.endswith("-wal") for f in files)  # the WAL is read too, before checkpoint
    raw = b"".join(f.read_bytes() for f in files)
    assert _raw_hits(raw, SECRETS) == []
    assert b"safety_plans" in raw  # the table is there; its content is sealed


@pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
def test_pg_dump_holds_no_plaintext(server_database: str) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        if IN_CI:
            pytest.fail("CI requires pg_dump")
        pytest.skip("pg_dump is not installed")
    world = make_world(server_database)
    anna = world.workspace("anna")
    with_plan(anna, new_case(anna))
    url = server_database.replace("postgresql+psycopg://", "postgresql://")
    dump = subprocess.run(
        [pg_dump, "--data-only", url],
        capture_output=True,
        check=True,
        env={**os.environ, "PGCONNECT_TIMEOUT": "10"},
    ).stdout
    assert b"COPY public.safety_plans" in dump
    assert _raw_hits(dump, SECRETS) == []


# --- the printed copies -------------------------------------------------------------------------


def pdf_text(path: Path, *pages: str) -> str:
    """The PDF's text by pdftotext (``pages``: e.g. ``"-l", "1"`` for the first page only); a
    missing tool skips the test, except in CI where it fails (as the pg_dump test does)."""
    if shutil.which("pdftotext") is None:
        if IN_CI:
            pytest.fail("CI requires pdftotext (poppler-utils)")
        pytest.skip("pdftotext is not installed")
    out = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(out.split())


def test_the_persons_copy_helps_nobody_who_finds_it(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    case_id = new_case(anna)
    with_plan(anna, case_id)
    out = tmp_path / "egen.pdf"
    built = anna.safety.export(case_id, "individual", out)
    assert built.audience == "individual"
    text = pdf_text(out)
    absent_texts = (*SECRETS, MOVING_STEP, "Västby", ADDRESS, "Hemligavägen", "Norrby")
    for absent in (*absent_texts, "Trygg Person", "19811228"):
        assert absent not in text, absent
    for present in (
        "112",
        "114 14",
        "Socialjouren 08-999 99 99",
        CHOSEN_PLACE,
        "08-123 456 78",
        "Ansöka om skyddade personuppgifter",
        "Byta telefon och nummer",
        "kodord",
        "Vid fara – ring 112 (polis, ambulans, räddningstjänst)",  # in plain words
        "Polisen: ring 114 14",
    ):
        assert present in text, present
    assert "räddningstjänst: ring" not in text and "):" not in text
    # the metadata names nobody
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Trygg" not in info and CHOSEN_PLACE not in info
    with anna.read() as uow:
        details = list(
            uow.session.execute(
                select(AuditEvent.detail).where(AuditEvent.action == "export")
            ).scalars()
        )
    assert details == ["safety_plan individual v1 save"]


def test_a_step_prints_on_the_persons_copy_only_when_chosen(
    sqlite_world: World, tmp_path: Path
) -> None:
    """Steps are chosen one by one, like places and numbers; a stored step without the choice
    (written before it existed) counts as not chosen."""
    old = {"kind": "moving", "what": "Gammal flytt till Åby", "owner_kind": "individual"}
    assert safety.SafetyPlanContent.from_json({"steps": [old]}).steps[0].for_individual is False
    assert Step("other", "Ny åtgärd").for_individual is False  # a new step: not chosen
    anna = sqlite_world.workspace("anna")
    case_id = new_case(anna)
    plan = with_plan(anna, case_id)
    # the owner's name never prints on the person's copy, only the kind of owner: it may be
    # someone else at risk, or a provider whose name tells where the person lives
    chosen = replace(
        plan.content.steps[2],
        for_individual=True,
        owner_kind="provider",
        owner_name="Skyddade boendet Lindgården",
    )
    unchosen = [replace(s, for_individual=False) for s in plan.content.steps[:2]]
    plan = anna.safety.save(plan.id, plan.version, replace(plan.content, steps=[*unchosen, chosen]))
    assert [s.for_individual for s in anna.safety.get(plan.id).content.steps] == [
        False,
        False,
        True,
    ]
    out = tmp_path / "egen.pdf"
    anna.safety.export(case_id, "individual", out)
    text = pdf_text(out)
    assert MOVING_STEP in text
    assert "Ansvarig: Utföraren" in text and "Lindgården" not in text
    assert "Ansöka om skyddade personuppgifter" not in text
    assert "Byta telefon och nummer" not in text


def test_the_police_copy_needs_its_own_consent_item(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    case_id = new_case(anna)
    with_plan(anna, case_id)
    out = tmp_path / "polis.pdf"
    with pytest.raises(ConsentMissingError):
        anna.safety.export(case_id, "police", out)
    # a consent to the police without the safety-plan item is not enough
    consent = anna.cases.give_consent(case_id, "police", ["safety"], recipient_name="Berg")
    with pytest.raises(ConsentMissingError):
        anna.safety.export(case_id, "police", out)
    assert not out.exists()
    # the item is for the police only
    with pytest.raises(ValidationError):
        anna.cases.give_consent(case_id, "healthcare", ["health"], includes_safety_plan=True)
    consent = anna.cases.update_consent(consent.id, consent.version, includes_safety_plan=True)
    assert consent.includes_safety_plan
    assert anna.safety.open_editor(case_id).police_consent
    anna.safety.export(case_id, "police", out)
    text = pdf_text(out)
    for present in (THREAT_WHO, CODE_WORD, SAFE_PLACE, UNSAFE_TOWN, CHILD, "Hög", "Trygg Person"):
        assert present in text, present
    assert ADDRESS not in text and "Norrby" not in text
    # a consent past its last day, or withdrawn, shares nothing
    consent = anna.cases.update_consent(consent.id, consent.version, valid_until=TODAY)
    assert anna.safety.prepare(case_id, "police").data.startswith(b"%PDF")
    with pytest.raises(ConsentMissingError):
        anna.safety.prepare(case_id, "police", today=TODAY + timedelta(days=1))
    anna.cases.withdraw_consent(consent.id, consent.version)
    with pytest.raises(ConsentMissingError):
        anna.safety.prepare(case_id, "police")


def test_the_police_copy_names_its_review_date_consent_and_draft_state(
    sqlite_world: World, tmp_path: Path
) -> None:
    from assessment_app.pdf.labels import format_date

    anna, chef = sqlite_world.workspace("anna"), sqlite_world.workspace("chef")
    case_id = new_case(anna)
    plan = with_plan(anna, case_id)
    until = TODAY + timedelta(days=90)
    consent = anna.cases.give_consent(
        case_id, "police", ["safety"], recipient_name="Kommissarie Lindqvist", valid_until=until
    )
    anna.cases.update_consent(consent.id, consent.version, includes_safety_plan=True)
    draft = tmp_path / "polis-utkast.pdf"
    anna.safety.export(case_id, "police", draft)
    first = pdf_text(draft, "-l", "1")
    assert "UTKAST – INTE GRANSKAT" in first  # a draft says so on the first page
    assert format_date("sv", TODAY + timedelta(days=30)) in first  # the review date
    assert format_date("sv", consent.given_on) in first  # the consent: given …
    assert format_date("sv", until) in first  # … and valid until
    assert "Lindqvist" not in pdf_text(draft)  # no names beyond the person's
    # returned: reviewed, but not approved, and the copy says which
    plan = anna.safety.submit(plan.id, plan.version)
    plan = chef.safety.decide(plan.id, plan.version, approve=False, comment="Komplettera")
    returned = tmp_path / "polis-tillbaka.pdf"
    anna.safety.export(case_id, "police", returned)
    first = pdf_text(returned, "-l", "1")
    assert "INTE GODKÄNT" in first and "INTE GRANSKAT" not in first
    # approved: no draft warning
    out = tmp_path / "polis.pdf"
    plan = anna.safety.submit(plan.id, plan.version)
    chef.safety.decide(plan.id, plan.version, approve=True)
    anna.safety.export(case_id, "police", out)
    text = pdf_text(out)
    assert "UTKAST" not in text and "INTE GRANSKAT" not in text
    assert "godkänd" in text


# --- registerutdrag, transfer, retention -------------------------------------------------------


def test_subject_access_and_transfer_carry_the_plan(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    chef = sqlite_world.workspace("chef")
    case_id = new_case(anna)
    plan = with_plan(anna, case_id)
    plan = anna.safety.submit(plan.id, plan.version)
    chef.safety.decide(plan.id, plan.version, approve=True)
    ref = anna.cases.open(case_id).case_ref
    data = anna.documents.subject_access(ref)
    versions = data["cases"][0]["safety_plans"]
    assert versions[0]["content"]["code_word"] == CODE_WORD
    assert [r["decision"] for r in versions[0]["reviews"]] == ["submitted", "approved"]
    pdf = tmp_path / "utdrag.pdf"
    anna.documents.subject_access_pdf(ref, pdf)
    if shutil.which("pdftotext"):
        assert "Skyddsplan version 1" in pdf_text(pdf)

    bundle = tmp_path / "case.transfer"
    anna.admin.export_case(ref, bundle, "korv-med-bröd-och-senap")
    other = make_world(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    result = other.workspace("anna").admin.import_case(bundle, "korv-med-bröd-och-senap")
    moved = other.workspace("anna").safety.versions(result.case_id)
    assert [(v.plan_version, v.review_state) for v in moved] == [(1, "approved")]
    assert moved[0].content.same_as(plan_content())
    assert [r.decision for r in moved[0].reviews] == ["submitted", "approved"]


def test_retention_purge_deletes_the_plan(sqlite_world: World) -> None:
    from assessment_app.lifecycle.purge import purge_case

    anna = sqlite_world.workspace("anna")
    case_id = new_case(anna)
    plan = with_plan(anna, case_id)
    plan = anna.safety.submit(plan.id, plan.version)
    db = sqlite_world.db()
    with db.session() as session:
        assert purge_case(session, case_id)
    with db.sessions() as session:
        assert session.execute(select(SafetyPlan.id)).first() is None
    db.dispose()
