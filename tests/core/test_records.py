"""Cases, access rules, optimistic locking and per-value integrity on every backend, through
the workspace (the use-case layer)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from assessment_app.db.models import ActionPlan, AuditEvent, Individual, Unit, User
from assessment_app.errors import (
    AccessDeniedError,
    InvalidPersonnummerError,
    NotFoundError,
    StaleEditError,
    ValidationError,
)
from assessment_app.records import cases, consents, contacts, plans
from assessment_app.records.cases import CaseQuery, Contact
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.server import conflicts
from assessment_app.templates.loader import TemplateRegistry
from assessment_app.workspace import Conflict, Saved, Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import ADMIN_PW, World

PNR = "19811228-9874"


def test_create_and_open_case(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(
        name="Åsa Öberg",
        personnummer="8112289874",
        contact=Contact(address="Storgatan 1", city="Kungsängen", phone="070-123 45 67"),
        referral_source="police",
        opened_on=date(2026, 3, 1),
    )
    assert row.case_ref == "AV-2026-0001"
    second = anna.cases.create(name="Bertil Ek", opened_on=date(2026, 3, 2))
    assert second.case_ref == "AV-2026-0002"
    info = anna.cases.open(case_ref="av-2026-0001")
    assert info.individual.name == "Åsa Öberg"
    assert info.individual.personnummer == "198112289874"
    assert info.individual.contact.city == "Kungsängen"
    assert info.referral_source == "police"
    assert info.assigned_username == "anna"


def test_invalid_personnummer_is_refused_and_nothing_is_stored(world: World) -> None:
    anna = world.workspace("anna")
    with pytest.raises(InvalidPersonnummerError):
        anna.cases.create(name="Test Person", personnummer="811228-9875")
    assert anna.cases.count(CaseQuery()) == 0
    assert anna.cases.create(name="Utan Nummer", personnummer=None).case_ref


def test_lookup_by_personnummer_and_name(world: World) -> None:
    anna = world.workspace("anna")
    target = anna.cases.create(name="Åsa Öberg-Lind", personnummer=PNR)
    anna.cases.create(name="Åke Berg", personnummer="121212-1212")
    for query in ("811228-9874", "198112289874", "8112289874"):
        assert [r.id for r in anna.cases.find_by_personnummer(query)] == [target.id]

    def found(text: str) -> list[str]:
        return [r.id for r in anna.cases.page(CaseQuery(text=text)).rows]

    assert found("öberg") == [target.id]
    assert found("ÅSA lind") == [target.id]
    assert found("Öbe") == [target.id]
    assert found("Berglund") == []
    page = anna.cases.page(CaseQuery())
    assert page.total == 2
    assert sorted(page.names.values()) == ["Åke Berg", "Åsa Öberg-Lind"]


def test_protected_identity_is_masked_in_lists(world: World) -> None:
    anna = world.workspace("anna")
    anna.cases.create(name="Hemlig Person", protection_level="skyddad_folkbokforing")
    page = anna.cases.page(CaseQuery())
    rows = page.rows
    assert rows[0].protected
    assert page.names == {rows[0].individual_id: cases.MASK}
    assert anna.cases.open(rows[0].id).individual.name == "Hemlig Person"
    chef = world.workspace("chef")
    assert chef.review.names([rows[0].id]) == {rows[0].id: cases.MASK}


def test_access_rules_live_in_the_queries(world: World) -> None:
    anna, bo, chef = world.workspace("anna"), world.workspace("bo"), world.workspace("chef")
    syd, admin = world.workspace("syd"), world.workspace("admin", ADMIN_PW)
    row = anna.cases.create(name="Karin Ström")
    assert bo.cases.count(CaseQuery()) == 0
    with pytest.raises(NotFoundError):
        bo.cases.open(row.id)
    assert chef.cases.count(CaseQuery()) == 1  # same unit
    assert syd.cases.count(CaseQuery()) == 0  # other unit
    with pytest.raises(NotFoundError):
        admin.cases.open(row.id)  # administrators see no case content
    with pytest.raises(AccessDeniedError):
        admin.cases.create(name="X")
    anna.cases.share(row.id, ["bo"])
    assert bo.cases.open(row.id).individual.name == "Karin Ström"
    # Names are only decrypted for cases the reader reaches.
    assert syd.cases.page(CaseQuery()) == cases.CasePage([], {}, 0, 0)
    assert syd.review.names([row.id]) == {}
    assert chef.review.names([row.id]) == {row.id: "Karin Ström"}


def test_stale_save_names_who_changed_it(world: World) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    row = anna.cases.create(name="Lisa Berg")
    mine = anna.cases.open(row.id)
    theirs = chef.cases.open(row.id)
    chef.cases.update_individual(row.id, theirs.individual.version, name="Lisa Bergström")
    with pytest.raises(StaleEditError) as info:
        anna.cases.update_individual(row.id, mine.individual.version, name="Lisa B.")
    assert info.value.changed_by == "chef"
    assert "chef" in info.value.user_message and "name" in info.value.message_en
    assert anna.cases.open(row.id).individual.name == "Lisa Bergström"


def _setup_plan(world: World) -> tuple[Workspace, str, plans.PlanInfo, str]:
    anna = world.workspace("anna")
    provider = world.workspace("admin", ADMIN_PW).admin.add_provider(
        "Vägen Ut AB", contact_person="Eva", phone="08-1"
    )
    row = anna.cases.create(name="Nils Holm")
    plan = anna.plans.create(row.id)
    result = anna.plans.save(
        PlanEdit(plan, PlanContent([plans.Goal("housing", "Eget boende")], []))
    )
    assert isinstance(result, Saved)
    return anna, row.id, result.value, provider.id


def test_plan_save_conflict_and_review_cycle(world: World) -> None:
    anna, _case_id, plan, provider_id = _setup_plan(world)
    chef = world.workspace("chef")
    goal = plan.goals[0]
    actions = [
        plans.Action("Söka lägenhet", "individual", goal_id=goal.id, due_on=date(2026, 12, 1)),
        plans.Action("Boendestöd", "provider", goal_id=goal.id, provider_id=provider_id),
    ]
    meeting = datetime(2027, 1, 15, 10, 0).astimezone()
    content = PlanContent(
        plan.goals,
        actions,
        date(2027, 1, 15),
        meeting_at=meeting,
        meeting_place="Socialkontoret, rum 12",
        meeting_with_providers=True,
    )
    saved = anna.plans.save(PlanEdit(plan, content))
    assert isinstance(saved, Saved)
    assert saved.value.version > plan.version
    # A second editor still holding the old version: a conflict, and nothing is overwritten.
    stale = chef.plans.save(PlanEdit(plan, PlanContent(plan.goals, [], None)))
    assert isinstance(stale, Conflict)
    assert stale.error.changed_by == "anna"
    again = chef.plans.get(plan.id)
    assert [a.what for a in again.actions] == ["Söka lägenhet", "Boendestöd"]
    assert (again.meeting_at, again.meeting_place) == (meeting, "Socialkontoret, rum 12")
    assert again.meeting_with_providers
    assert again.follow_up_on == date(2027, 1, 15)
    assert again.version == saved.value.version
    # The conflicting work is kept as the second editor's draft, never lost.
    kept = chef.plans.open_editor(plan.id).draft
    assert kept is not None and kept.payload.base_version == plan.version
    assert PlanContent.from_json(kept.payload.content).actions == []
    submitted = anna.plans.submit(plan.id, again.version)
    with pytest.raises(ValidationError):  # locked while under review
        anna.plans.save(PlanEdit(submitted, PlanContent(plan.goals, [], None)))
    with pytest.raises(AccessDeniedError):
        anna.plans.decide(plan.id, submitted.version, approve=True)
    with pytest.raises(ValidationError):
        chef.plans.decide(plan.id, submitted.version, approve=False)  # needs a comment
    approved = chef.review.decide(plan.id, submitted.version, approve=True, comment="Bra")
    assert approved.review_state == "approved"
    assert [r.decision for r in approved.reviews] == ["submitted", "approved"]
    v2 = anna.plans.new_version(plan.id)
    assert v2.plan_version == 2 and v2.review_state == "draft"
    assert [a.what for a in v2.actions] == ["Söka lägenhet", "Boendestöd"]
    assert v2.actions[0].goal_id == v2.goals[0].id
    assert (v2.meeting_at, v2.meeting_place) == (meeting, "Socialkontoret, rum 12")
    assert anna.plans.get(v2.id).meeting_at == meeting
    assert anna.plans.get(plan.id).review_state == "superseded"


def test_plan_validation(world: World) -> None:
    """The structure is checked at every save; completeness only when the plan is submitted
    (a draft may be saved half-written)."""
    anna, _, plan, _ = _setup_plan(world)
    goal = plan.goals[0]
    for wrong in (
        plans.Action("Stöd", "nobody", goal_id=goal.id),  # unknown responsible party
        plans.Action("Stöd", "individual", goal_id=goal.id, status="maybe"),
        plans.Action("Stöd", "individual", goal_id="not-a-goal-of-this-plan"),
    ):
        with pytest.raises(ValidationError):
            anna.plans.save(PlanEdit(plan, PlanContent(plan.goals, [wrong])))
    assert anna.plans.get(plan.id).version == plan.version  # nothing was written
    no_provider = plans.Action("Stöd", "provider", goal_id=goal.id)
    no_what = plans.Action(" ", "individual", goal_id=goal.id)
    empty_goal = plans.Goal("work", " ")
    content = PlanContent([*plan.goals, empty_goal], [no_provider, no_what])
    saved = anna.plans.save(PlanEdit(plan, content))
    assert isinstance(saved, Saved)
    problems = anna.plans.unfinished(saved.value.content)
    assert [p.item_id for p in problems] == [empty_goal.id, no_provider.id, no_what.id]
    assert problems == plans.unfinished(content)
    with pytest.raises(ValidationError) as refused:
        anna.plans.submit(plan.id, saved.value.version)
    for p in problems:
        assert p.message_sv in refused.value.user_message
    assert anna.plans.get(plan.id).review_state == "draft"
    assert plans.unfinished(PlanContent([], []))[0].message_en == "The plan has no goal."


def test_consents_scope_and_withdrawal(world: World) -> None:
    anna, case_id, _, provider_id = _setup_plan(world)

    def valid(on: date | None = None) -> consents.ConsentInfo | None:
        view = anna.cases.consents(case_id)
        assert provider_id in [p.id for p in view.providers]
        return consents.provider_scope(view.consents, provider_id, on or date.today())

    c = anna.cases.give_consent(
        case_id,
        "provider",
        ["housing", "occupation"],
        provider_id=provider_id,
        given_on=date(2026, 1, 1),
    )
    assert valid().scope_areas == ("housing", "occupation")
    c = anna.cases.update_consent_scope(c.id, c.version, ["housing"])
    assert valid().scope_areas == ("housing",)
    anna.cases.withdraw_consent(c.id, c.version, withdrawn_on=date(2026, 2, 1))
    assert valid(on=date(2026, 3, 1)) is None
    assert valid(on=date(2026, 1, 15)) is not None
    with anna.read() as uow:  # the record function reads the same
        assert (
            consents.valid_provider_consent(uow, case_id, provider_id, on=date(2026, 3, 1)) is None
        )
    with pytest.raises(ValidationError):
        anna.cases.give_consent(case_id, "provider", [], provider_id=provider_id)
    with pytest.raises(StaleEditError):
        anna.cases.update_consent_scope(c.id, c.version, ["occupation"])  # withdrawn since


def test_assessment_ratings_are_validated_and_stored(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Omar Ali")
    a = anna.interviews.start(row.id)
    latest = max(TemplateRegistry().versions("kartlaggning-avhopp"))
    assert (a.template_id, a.template_version) == ("kartlaggning-avhopp", latest)
    ratings = {
        "housing": {"own": 3, "worker": 4, "reason": "Bor hos en kompis", "flags": ["urgent"]},
        "legal": {"own": None, "worker": None, "flags": ["not_relevant"]},
    }
    assert isinstance(anna.interviews.save(AssessmentEdit.of(a, {"q": "svar"}, ratings)), Saved)
    got = anna.interviews.get(a.id)
    assert got.ratings["housing"]["worker"] == 4 and got.ratings["legal"]["flags"] == [
        "not_relevant"
    ]
    assert got.answers == {"q": "svar"}
    with pytest.raises(ValidationError):
        anna.interviews.save(AssessmentEdit.of(got, {}, {"housing": {"own": 5}}))
    assert anna.interviews.get(a.id).ratings == got.ratings


def test_follow_ups_due_and_overdue(world: World) -> None:
    anna = world.workspace("anna")
    today = date(2026, 11, 25)
    a = anna.cases.create(name="A Person")
    b = anna.cases.create(name="B Person")
    anna.cases.schedule_follow_up(a.id, today - timedelta(days=3))
    fb = anna.cases.schedule_follow_up(b.id, today + timedelta(days=5))
    due = anna.cases.due_follow_ups(today=today, overdue_only=True)
    assert [f.case_id for f in due] == [a.id]
    assert {f.case_id for f in anna.cases.due_follow_ups(today=today)} == {a.id, b.id}
    overdue = anna.cases.page(CaseQuery(follow_up="overdue", today=today)).rows
    assert [r.id for r in overdue] == [a.id]
    anna.cases.mark_follow_up_done(fb.id, fb.version, done_on=today)
    assert [f.case_id for f in anna.cases.due_follow_ups(today=today)] == [a.id]


def test_flipped_bit_damages_one_value_only_and_is_audited(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Sara Lind", personnummer=PNR, contact=Contact(city="Bro"))
    db = world.db()
    with db.session() as session:
        ind = session.get(Individual, row.individual_id)
        damaged = bytearray(ind.name_enc)
        damaged[-3] ^= 0x01
        session.execute(
            update(Individual).where(Individual.id == ind.id).values(name_enc=bytes(damaged))
        )
    info = anna.cases.open(row.id)
    assert info.individual.name == cases.DAMAGED
    assert info.individual.personnummer == "198112289874"  # everything else still readable
    assert info.individual.contact.city == "Bro"
    with db.sessions() as session:
        failures = (
            session.execute(select(AuditEvent).where(AuditEvent.action == "integrity.failure"))
            .scalars()
            .all()
        )
    assert [(f.object_type, f.object_id, f.detail) for f in failures] == [
        ("individuals", row.individual_id, "name_enc")
    ]
    # Found while reading (the case list): audited afterwards, in a write of its own.
    assert anna.cases.page(CaseQuery()).names == {row.individual_id: cases.DAMAGED}
    with db.sessions() as session:
        count = len(
            session.execute(select(AuditEvent).where(AuditEvent.action == "integrity.failure"))
            .scalars()
            .all()
        )
    assert count == 2
    db.dispose()


def test_ciphertext_moved_to_another_row_fails(world: World) -> None:
    anna = world.workspace("anna")
    a = anna.cases.create(name="Första Person")
    b = anna.cases.create(name="Andra Person")
    db = world.db()
    with db.session() as session:
        blob = session.get(Individual, a.individual_id).name_enc
        session.execute(
            update(Individual).where(Individual.id == b.individual_id).values(name_enc=blob)
        )
    assert anna.cases.open(b.id).individual.name == cases.DAMAGED
    assert anna.cases.open(a.id).individual.name == "Första Person"
    db.dispose()


def test_case_history_comes_from_the_audit_trail(world: World) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    row = anna.cases.create(name="Historik Person")
    a = anna.interviews.start(row.id)
    assert isinstance(anna.interviews.save(AssessmentEdit.of(a, {}, {})), Saved)
    chef.cases.open(row.id)
    entries = anna.cases.history(row.id)
    assert [(e.username, e.action) for e in entries] == [
        ("anna", "case.create"),
        ("anna", "record.create"),
        ("anna", "record.update"),
        ("chef", "case.open"),
    ]
    with pytest.raises(NotFoundError):
        world.workspace("bo").cases.history(row.id)


def test_a_new_plan_has_an_empty_goal_for_each_area_with_a_need(world: World) -> None:
    """The goals are worded with the person: the area's title is the heading, never the text."""
    anna = world.workspace("anna")
    row = anna.cases.create(name="Behov Person")
    a = anna.interviews.start(row.id)
    ratings = {
        "housing": {"own": 3, "worker": 3, "reason": "Bor hos en kompis"},
        "legal": {"own": 0, "worker": 0},
    }
    assert isinstance(anna.interviews.save(AssessmentEdit.of(a, {}, ratings)), Saved)
    plan = anna.plans.create(row.id)
    assert plan.assessment_id == a.id
    assert [(g.area_id, g.text) for g in plan.goals] == [("housing", "")]
    assert plans.goals_from_needs(["housing", "work"])[1].text == ""
    titles = anna.plans.open_editor(plan.id).area_titles
    assert titles["housing"] and titles["housing"] not in (g.text for g in plan.goals)
    assert [p.item_id for p in anna.plans.unfinished(plan.content)] == [plan.goals[0].id]
    with pytest.raises(ValidationError):
        anna.plans.submit(plan.id, plan.version)
    goal = plans.Goal("housing", "Ett eget boende", plan.goals[0].id)
    worded = anna.plans.save(PlanEdit(plan, PlanContent([goal], [])))
    assert isinstance(worded, Saved)
    assert (
        anna.plans.submit(
            plan.id, worded.value.version, unfinished_reason="Akut läge, kartläggningen fortsätter"
        ).review_state
        == "submitted"
    )


# --- the next meeting: a time and a place; the free text of older plans is kept ----------------


@pytest.mark.parametrize(
    ("text", "at", "place"),
    [
        ("2025-03-04 kl. 10.00", datetime(2025, 3, 4, 10, 0), ""),
        ("2025-03-04 kl 10", datetime(2025, 3, 4, 10, 0), ""),
        ("2025-03-04 kl. 9.30, Kontoret rum 12", datetime(2025, 3, 4, 9, 30), "Kontoret rum 12"),
        ("2025-03-04T10:00", datetime(2025, 3, 4, 10, 0), ""),
        ("2025-03-04 14:15 på kontoret", datetime(2025, 3, 4, 14, 15), "på kontoret"),
        ("Tisdag kl 10", None, "Tisdag kl 10"),
        ("2025-02-30 kl 10", None, "2025-02-30 kl 10"),  # no such day: kept as written
        ("2025-03-04 kl 25", None, "2025-03-04 kl 25"),
        ("2025-03-04", None, "2025-03-04"),  # a day without a time is not a booked time
        ("  ", None, ""),
    ],
)
def test_old_free_text_meetings_are_read_as_time_and_place(
    text: str, at: datetime | None, place: str
) -> None:
    parsed_at, parsed_place = plans.parse_meeting_text(text)
    assert parsed_at == (at.astimezone() if at else None)
    assert parsed_place == place
    if parsed_at is not None:
        assert parsed_at.tzinfo is not None  # local time with its zone


def test_iso_meeting_with_a_zone_keeps_the_moment() -> None:
    at, place = plans.parse_meeting_text("2025-03-04T10:00+01:00")
    assert at is not None and place == ""
    assert at == datetime.fromisoformat("2025-03-04T10:00+01:00")


def test_old_plans_and_drafts_keep_their_meeting(sqlite_world: World) -> None:
    """A plan and a draft stored with the meeting as free text open with the time where it
    parses and the text kept where it does not; saving writes the new shape."""
    anna, _case_id, plan, _ = _setup_plan(sqlite_world)
    db = sqlite_world.db()
    for old, at, place in (
        ("2027-01-15 kl. 10.00", datetime(2027, 1, 15, 10, 0).astimezone(), ""),
        ("Tisdag kl 10 hos Vägen Ut", None, "Tisdag kl 10 hos Vägen Ut"),
    ):
        sealed = anna.ctx.seal(
            "action_plans", "content_enc", plan.id, {"next_meeting": old, "note": "Gammal"}
        )
        with db.session() as session:
            session.execute(
                update(ActionPlan).where(ActionPlan.id == plan.id).values(content_enc=sealed)
            )
        stored = anna.plans.get(plan.id)
        assert (stored.meeting_at, stored.meeting_place, stored.note) == (at, place, "Gammal")
        assert plans.as_json(stored)["next_meeting"]  # the registerutdrag still shows it
    # A draft in the format before: the meeting was "next_meeting".
    legacy_draft = {
        "goals": [{"id": g.id, "area_id": g.area_id, "text": g.text} for g in plan.goals],
        "actions": [],
        "follow_up_on": None,
        "next_meeting": "2027-02-01 kl 13",
        "note": "",
    }
    content = PlanContent.from_json(legacy_draft)
    assert content.meeting_at == datetime(2027, 2, 1, 13, 0).astimezone()
    assert PlanContent.from_json(content.to_json()).same_as(content)  # and round-trips
    current = anna.plans.get(plan.id)
    saved = anna.plans.save(PlanEdit(current, content))
    assert isinstance(saved, Saved)
    with db.session() as session:
        blob = session.get(ActionPlan, plan.id).content_enc
    head = anna.ctx.open("action_plans", "content_enc", plan.id, blob)
    assert "next_meeting" not in head
    assert head["meeting_at"].startswith("2027-02-01T13:00")
    assert anna.plans.get(plan.id).meeting_at == content.meeting_at
    db.dispose()


# --- contact details printed on the plans -------------------------------------------------------


def test_a_worker_sets_their_own_contact_and_an_administrator_the_units(world: World) -> None:
    anna, admin = world.workspace("anna"), world.workspace("admin", ADMIN_PW)
    assert anna.admin.my_contact() == contacts.WorkerContact()
    mine = anna.admin.set_my_contact(phone=" 08-123  456 78 ", email="anna.a@kommun.se")
    assert mine == contacts.WorkerContact("08-123 456 78", "anna.a@kommun.se")
    assert anna.admin.my_contact() == mine
    assert world.workspace("bo").admin.my_contact() == contacts.WorkerContact()  # her own only
    db = world.db()
    with db.session() as session:
        row = session.execute(select(User).where(User.username == "anna")).scalar_one()
        assert row.contact_enc is not None and b"08-123" not in row.contact_enc  # sealed
    for phone, email in (("ring mig", ""), ("", "anna@"), ("1" * 50, "")):
        with pytest.raises(ValidationError):
            anna.admin.set_my_contact(phone=phone, email=email)
    assert anna.admin.my_contact() == mine  # a refused change changes nothing
    # The unit: everyone reads their own unit's; only an administrator sets it.
    unit = anna.admin.unit_contact()
    assert unit is not None and unit.name == "Enhet Nord" and unit.empty
    with pytest.raises(AccessDeniedError):
        anna.admin.set_unit_contact(unit.unit_id, phone="08-1")
    (nord,) = [u for u in admin.admin.unit_contacts() if u.name == "Enhet Nord"]
    changed = admin.admin.set_unit_contact(
        nord.unit_id,
        phone="08-581 690 00",
        email="vuxen@kommun.se",
        visiting_address="Kungsgatan 5\n196 30 Kungsängen",
    )
    assert changed.visiting_address == "Kungsgatan 5, 196 30 Kungsängen"
    assert anna.admin.unit_contact() == changed
    with db.session() as session:
        stored = session.get(Unit, nord.unit_id)
        assert (stored.phone, stored.email) == ("08-581 690 00", "vuxen@kommun.se")
        details = [
            (e.object_type, e.detail)
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.action == "user.change")
            ).scalars()
        ]
    assert ("user", "contact details") in details and ("unit", "contact details") in details
    cleared = anna.admin.set_my_contact()
    assert cleared == contacts.WorkerContact()
    db.dispose()


def test_the_meeting_merges_field_by_field_in_a_conflict(sqlite_world: World) -> None:
    anna, _case_id, plan, _ = _setup_plan(sqlite_world)
    chef = sqlite_world.workspace("chef")
    at = datetime(2027, 3, 1, 10, 0).astimezone()
    base = anna.plans.save(
        PlanEdit(plan, PlanContent(plan.goals, [], meeting_at=at, meeting_place="Kontoret"))
    )
    assert isinstance(base, Saved)
    loaded = base.value
    # chef moves the time; anna, from the same version, changes the place and asks providers.
    later = datetime(2027, 3, 2, 9, 0).astimezone()
    moved = PlanContent(loaded.goals, [], meeting_at=later, meeting_place="Kontoret")
    theirs = chef.plans.save(PlanEdit(loaded, moved))
    assert isinstance(theirs, Saved)
    mine = PlanEdit(
        loaded,
        PlanContent(
            loaded.goals,
            [],
            meeting_at=at,
            meeting_place="Vägen Ut, Storgatan 1",
            meeting_with_providers=True,
        ),
    )
    assert isinstance(anna.plans.save(mine), Conflict)
    conflict = anna.plans.conflict(plan.id, mine)
    changed = {f.name: f for f in conflict.fields if f.mine_changed or f.theirs_changed}
    assert set(changed) == {"meeting_at", "meeting_place", "meeting_with_providers"}
    assert conflict.field_conflicts == []  # each side changed a different part
    merged = conflicts.merge_plans(conflict)
    assert (merged.meeting_at, merged.meeting_place, merged.meeting_with_providers) == (
        later,
        "Vägen Ut, Storgatan 1",
        True,
    )
    stored = anna.plans.save_merged(plan.id, merged)
    assert isinstance(stored, Saved)
    assert anna.plans.get(plan.id).meeting_at == later
    # Both moving the time differently is a choice for the person.
    again = anna.plans.get(plan.id)
    chef.plans.save(PlanEdit(again, dataclasses.replace(again.content, meeting_at=at)))
    clash = PlanEdit(again, dataclasses.replace(again.content, meeting_at=None))
    conflict = anna.plans.conflict(plan.id, clash)
    assert [f.name for f in conflict.field_conflicts] == ["meeting_at"]
    assert conflicts.merge_plans(conflict, choices={"meeting_at": "mine"}).meeting_at is None


def test_the_core_records_the_day_an_action_was_marked_done(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``done_on`` is set at the save where the status becomes done, kept on later saves and in
    a new version, cleared when the status leaves done; what the caller sends is not used."""
    anna, _case_id, plan, _provider_id = _setup_plan(world)
    chef = world.workspace("chef")
    goal = plan.goals[0]
    day1, day2 = date(2026, 3, 2), date(2026, 3, 9)
    monkeypatch.setattr(plans, "_today", lambda: day1)
    first = anna.plans.save(
        PlanEdit(
            plan,
            PlanContent(
                plan.goals,
                [
                    plans.Action("Söka lägenhet", "individual", goal_id=goal.id),
                    plans.Action("Boendestöd", "social_services", goal_id=goal.id),
                ],
            ),
        )
    )
    assert isinstance(first, Saved)
    assert [a.done_on for a in first.value.actions] == [None, None]
    # marked done (the caller's own day is ignored), the other one stays planned
    edited = [
        dataclasses.replace(first.value.actions[0], status="done", done_on=date(2020, 1, 1)),
        first.value.actions[1],
    ]
    done = anna.plans.save(PlanEdit(first.value, PlanContent(plan.goals, edited)))
    assert isinstance(done, Saved)
    assert done.value.actions[0].done_on == day1
    stored = chef.plans.get(plan.id)
    assert [a.done_on for a in stored.actions] == [day1, None]
    assert plans.as_json(stored)["actions"][0]["done_on"] == day1.isoformat()
    # a later save on another day keeps the day, also when the editor does not send it
    monkeypatch.setattr(plans, "_today", lambda: day2)
    later = [
        dataclasses.replace(stored.actions[0], outcome="Fick ett kontrakt", done_on=None),
        dataclasses.replace(stored.actions[1], status="done"),
    ]
    again = anna.plans.save(PlanEdit(stored, PlanContent(plan.goals, later)))
    assert isinstance(again, Saved)
    assert [a.done_on for a in anna.plans.get(plan.id).actions] == [day1, day2]
    # back to ongoing: cleared
    undone = [dataclasses.replace(again.value.actions[1], status="in_progress")]
    cleared = anna.plans.save(
        PlanEdit(again.value, PlanContent(plan.goals, [again.value.actions[0], *undone]))
    )
    assert isinstance(cleared, Saved)
    assert [a.done_on for a in anna.plans.get(plan.id).actions] == [day1, None]


def test_a_new_plan_version_keeps_the_day_an_action_was_done(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, _case_id, plan, _provider_id = _setup_plan(world)
    chef = world.workspace("chef")
    day = date(2026, 3, 2)
    monkeypatch.setattr(plans, "_today", lambda: day)
    action = plans.Action("Söka lägenhet", "individual", goal_id=plan.goals[0].id, status="done")
    saved = anna.plans.save(PlanEdit(plan, PlanContent(plan.goals, [action])))
    assert isinstance(saved, Saved)
    submitted = anna.plans.submit(plan.id, saved.value.version)
    chef.review.decide(plan.id, submitted.version, approve=True, comment="Bra")
    monkeypatch.setattr(plans, "_today", lambda: date(2026, 4, 1))
    v2 = anna.plans.new_version(plan.id)
    assert v2.actions[0].done_on == day
    assert anna.plans.get(v2.id).actions[0].done_on == day
    # saving the new version again (still done) keeps the day of the first version
    resaved = anna.plans.save(PlanEdit(v2, v2.content))
    assert isinstance(resaved, Saved)
    assert anna.plans.get(v2.id).actions[0].done_on == day
