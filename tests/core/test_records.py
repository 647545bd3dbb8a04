"""Cases, access rules, optimistic locking and per-value integrity on every backend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from assessment_app.db.models import AuditEvent, Individual
from assessment_app.errors import (
    AccessDeniedError,
    InvalidPersonnummerError,
    NotFoundError,
    StaleEditError,
    ValidationError,
)
from assessment_app.records import assessments, cases, consents, followups, plans, providers
from assessment_app.records.cases import CaseQuery, Contact
from tests.conftest import ADMIN_PW, World

PNR = "19811228-9874"


def test_create_and_open_case(world: World) -> None:
    anna = world.sign_in("anna")
    row = cases.create_case(
        anna,
        name="Åsa Öberg",
        personnummer="8112289874",
        contact=Contact(address="Storgatan 1", city="Kungsängen", phone="070-123 45 67"),
        referral_source="police",
        opened_on=date(2026, 3, 1),
    )
    assert row.case_ref == "AV-2026-0001"
    second = cases.create_case(anna, name="Bertil Ek", opened_on=date(2026, 3, 2))
    assert second.case_ref == "AV-2026-0002"
    info = cases.open_case(anna, "av-2026-0001")
    assert info.individual.name == "Åsa Öberg"
    assert info.individual.personnummer == "198112289874"
    assert info.individual.contact.city == "Kungsängen"
    assert info.referral_source == "police"
    assert info.assigned_username == "anna"


def test_invalid_personnummer_is_refused_and_nothing_is_stored(world: World) -> None:
    anna = world.sign_in("anna")
    with pytest.raises(InvalidPersonnummerError):
        cases.create_case(anna, name="Test Person", personnummer="811228-9875")
    assert cases.count_cases(anna, CaseQuery()) == 0
    assert cases.create_case(anna, name="Utan Nummer", personnummer=None).case_ref


def test_lookup_by_personnummer_and_name(world: World) -> None:
    anna = world.sign_in("anna")
    target = cases.create_case(anna, name="Åsa Öberg-Lind", personnummer=PNR)
    cases.create_case(anna, name="Åke Berg", personnummer="121212-1212")
    for query in ("811228-9874", "198112289874", "8112289874"):
        assert [r.id for r in cases.find_by_personnummer(anna, query)] == [target.id]
    assert [r.id for r in cases.list_cases(anna, CaseQuery(text="öberg"))] == [target.id]
    assert [r.id for r in cases.list_cases(anna, CaseQuery(text="ÅSA lind"))] == [target.id]
    assert [r.id for r in cases.list_cases(anna, CaseQuery(text="Öbe"))] == [target.id]
    assert cases.list_cases(anna, CaseQuery(text="Berglund")) == []
    names = cases.display_names(anna, cases.list_cases(anna, CaseQuery()))
    assert sorted(names.values()) == ["Åke Berg", "Åsa Öberg-Lind"]


def test_protected_identity_is_masked_in_lists(world: World) -> None:
    anna = world.sign_in("anna")
    cases.create_case(anna, name="Hemlig Person", protection_level="skyddad_folkbokforing")
    rows = cases.list_cases(anna, CaseQuery())
    assert rows[0].protected
    assert cases.display_names(anna, rows) == {rows[0].individual_id: cases.MASK}
    assert cases.open_case(anna, case_id=rows[0].id).individual.name == "Hemlig Person"


def test_access_rules_live_in_the_queries(world: World) -> None:
    anna, bo, chef = world.sign_in("anna"), world.sign_in("bo"), world.sign_in("chef")
    syd, admin = world.sign_in("syd"), world.sign_in("admin", ADMIN_PW)
    row = cases.create_case(anna, name="Karin Ström")
    assert cases.count_cases(bo, CaseQuery()) == 0
    with pytest.raises(NotFoundError):
        cases.open_case(bo, case_id=row.id)
    assert cases.count_cases(chef, CaseQuery()) == 1  # same unit
    assert cases.count_cases(syd, CaseQuery()) == 0  # other unit
    with pytest.raises(NotFoundError):
        cases.open_case(admin, case_id=row.id)  # administrators see no case content
    with pytest.raises(AccessDeniedError):
        cases.create_case(admin, name="X")
    cases.share_case(anna, row.id, ["bo"])
    assert cases.open_case(bo, case_id=row.id).individual.name == "Karin Ström"
    assert cases.display_names(syd, cases.list_cases(anna, CaseQuery())) == {}


def test_stale_save_names_who_changed_it(world: World) -> None:
    anna, chef = world.sign_in("anna"), world.sign_in("chef")
    row = cases.create_case(anna, name="Lisa Berg")
    mine = cases.open_case(anna, case_id=row.id)
    theirs = cases.open_case(chef, case_id=row.id)
    cases.update_individual(chef, row.id, theirs.individual.version, name="Lisa Bergström")
    with pytest.raises(StaleEditError) as info:
        cases.update_individual(anna, row.id, mine.individual.version, name="Lisa B.")
    assert info.value.changed_by == "chef"
    assert "chef" in info.value.user_message and "name" in info.value.message_en
    assert cases.open_case(anna, case_id=row.id).individual.name == "Lisa Bergström"


def _setup_plan(world: World) -> tuple[object, str, plans.PlanInfo, str]:
    anna = world.sign_in("anna")
    provider = providers.add_provider(anna, "Vägen Ut AB", contact_person="Eva", phone="08-1")
    row = cases.create_case(anna, name="Nils Holm")
    plan = plans.create_plan(anna, row.id, goals=[plans.Goal("housing", "Eget boende")])
    return anna, row.id, plan, provider.id


def test_plan_save_conflict_and_review_cycle(world: World) -> None:
    anna, _case_id, plan, provider_id = _setup_plan(world)
    chef = world.sign_in("chef")
    goal = plan.goals[0]
    actions = [
        plans.Action("Söka lägenhet", "individual", goal_id=goal.id, due_on=date(2026, 12, 1)),
        plans.Action("Boendestöd", "provider", goal_id=goal.id, provider_id=provider_id),
    ]
    saved = plans.save_plan(
        anna,
        plan.id,
        plan.version,
        goals=plan.goals,
        actions=actions,
        follow_up_on=date(2027, 1, 15),
        next_meeting="15 jan kl 10",
    )
    assert saved.version > plan.version
    with pytest.raises(StaleEditError):  # a second editor still holding the old version
        plans.save_plan(
            chef, plan.id, plan.version, goals=plan.goals, actions=[], follow_up_on=None
        )
    again = plans.get_plan(chef, plan.id)
    assert [a.what for a in again.actions] == ["Söka lägenhet", "Boendestöd"]
    assert again.next_meeting == "15 jan kl 10"
    submitted = plans.submit_for_review(anna, plan.id, again.version)
    with pytest.raises(ValidationError):  # locked while under review
        plans.save_plan(
            anna, plan.id, submitted.version, goals=plan.goals, actions=[], follow_up_on=None
        )
    with pytest.raises(AccessDeniedError):
        plans.decide(anna, plan.id, submitted.version, approve=True)
    with pytest.raises(ValidationError):
        plans.decide(chef, plan.id, submitted.version, approve=False)  # needs a comment
    approved = plans.decide(chef, plan.id, submitted.version, approve=True, comment="Bra")
    assert approved.review_state == "approved"
    assert [r.decision for r in approved.reviews] == ["submitted", "approved"]
    v2 = plans.new_version(anna, plan.id)
    assert v2.plan_version == 2 and v2.review_state == "draft"
    assert [a.what for a in v2.actions] == ["Söka lägenhet", "Boendestöd"]
    assert v2.actions[0].goal_id == v2.goals[0].id
    assert plans.get_plan(anna, plan.id).review_state == "superseded"


def test_plan_validation(world: World) -> None:
    anna, _, plan, _ = _setup_plan(world)
    with pytest.raises(ValidationError):
        plans.save_plan(
            anna,
            plan.id,
            plan.version,
            goals=plan.goals,
            actions=[plans.Action("Stöd", "provider")],
            follow_up_on=None,
        )
    with pytest.raises(ValidationError):
        plans.save_plan(
            anna,
            plan.id,
            plan.version,
            goals=plan.goals,
            actions=[plans.Action(" ", "individual")],
            follow_up_on=None,
        )


def test_consents_scope_and_withdrawal(world: World) -> None:
    anna, case_id, _, provider_id = _setup_plan(world)
    c = consents.give_consent(
        anna,
        case_id,
        "provider",
        ["housing", "occupation"],
        provider_id=provider_id,
        given_on=date(2026, 1, 1),
    )
    assert consents.valid_provider_consent(anna, case_id, provider_id).scope_areas == (
        "housing",
        "occupation",
    )
    c = consents.update_scope(anna, c.id, c.version, ["housing"])
    assert consents.valid_provider_consent(anna, case_id, provider_id).scope_areas == ("housing",)
    consents.withdraw(anna, c.id, c.version, withdrawn_on=date(2026, 2, 1))
    assert consents.valid_provider_consent(anna, case_id, provider_id, on=date(2026, 3, 1)) is None
    assert (
        consents.valid_provider_consent(anna, case_id, provider_id, on=date(2026, 1, 15))
        is not None
    )
    with pytest.raises(ValidationError):
        consents.give_consent(anna, case_id, "provider", [], provider_id=provider_id)


def test_assessment_ratings_are_validated_and_stored(world: World) -> None:
    anna = world.sign_in("anna")
    row = cases.create_case(anna, name="Omar Ali")
    a = assessments.start_assessment(anna, row.id, "kartlaggning-avhopp", 1)
    ratings = {
        "housing": {"own": 3, "worker": 4, "reason": "Bor hos en kompis", "flags": ["urgent"]},
        "legal": {"own": None, "worker": None, "flags": ["not_relevant"]},
    }
    a = assessments.save_assessment(anna, a.id, a.version, {"q": "svar"}, ratings)
    got = assessments.get_assessment(anna, a.id)
    assert got.ratings["housing"]["worker"] == 4 and got.ratings["legal"]["flags"] == [
        "not_relevant"
    ]
    assert got.answers == {"q": "svar"}
    with pytest.raises(ValidationError):
        assessments.save_assessment(anna, a.id, got.version, {}, {"housing": {"own": 5}})


def test_follow_ups_due_and_overdue(world: World) -> None:
    anna = world.sign_in("anna")
    today = date(2026, 11, 25)
    a = cases.create_case(anna, name="A Person")
    b = cases.create_case(anna, name="B Person")
    followups.schedule(anna, a.id, today - timedelta(days=3))
    fb = followups.schedule(anna, b.id, today + timedelta(days=5))
    assert [f.case_id for f in followups.due(anna, today=today, overdue_only=True)] == [a.id]
    assert {f.case_id for f in followups.due(anna, today=today)} == {a.id, b.id}
    overdue = cases.list_cases(anna, CaseQuery(follow_up="overdue", today=today))
    assert [r.id for r in overdue] == [a.id]
    followups.mark_done(anna, fb.id, fb.version, done_on=today)
    assert [f.case_id for f in followups.due(anna, today=today)] == [a.id]


def test_flipped_bit_damages_one_value_only_and_is_audited(world: World) -> None:
    anna = world.sign_in("anna")
    row = cases.create_case(anna, name="Sara Lind", personnummer=PNR, contact=Contact(city="Bro"))
    db = world.db()
    with db.session() as session:
        ind = session.get(Individual, row.individual_id)
        damaged = bytearray(ind.name_enc)
        damaged[-3] ^= 0x01
        session.execute(
            update(Individual).where(Individual.id == ind.id).values(name_enc=bytes(damaged))
        )
    info = cases.open_case(anna, case_id=row.id)
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
    db.dispose()


def test_ciphertext_moved_to_another_row_fails(world: World) -> None:
    anna = world.sign_in("anna")
    a = cases.create_case(anna, name="Första Person")
    b = cases.create_case(anna, name="Andra Person")
    db = world.db()
    with db.session() as session:
        blob = session.get(Individual, a.individual_id).name_enc
        session.execute(
            update(Individual).where(Individual.id == b.individual_id).values(name_enc=blob)
        )
    assert cases.open_case(anna, case_id=b.id).individual.name == cases.DAMAGED
    assert cases.open_case(anna, case_id=a.id).individual.name == "Första Person"
    db.dispose()


def test_case_history_comes_from_the_audit_trail(world: World) -> None:
    anna, chef = world.sign_in("anna"), world.sign_in("chef")
    row = cases.create_case(anna, name="Historik Person")
    a = assessments.start_assessment(anna, row.id, "kartlaggning-avhopp", 1)
    assessments.save_assessment(anna, a.id, a.version, {}, {})
    cases.open_case(chef, case_id=row.id)
    entries = cases.history(anna, row.id)
    assert [(e.username, e.action) for e in entries] == [
        ("anna", "case.create"),
        ("anna", "record.create"),
        ("anna", "record.update"),
        ("chef", "case.open"),
    ]
    with pytest.raises(NotFoundError):
        cases.history(world.sign_in("bo"), row.id)
