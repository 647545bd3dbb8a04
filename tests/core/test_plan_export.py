"""Plan PDFs from stored records: consent filtering, protected identity, refusal, audit."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import ConsentMissingError, ExportError, NotFoundError
from assessment_app.records import plans
from assessment_app.records.cases import Contact
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.records.providers import ProviderFields
from assessment_app.settings import PrintSettings
from assessment_app.workspace import Saved, Workspace
from tests.conftest import ADMIN_PW, World

SETTINGS = PrintSettings(municipality_name="Upplands-Bro kommun")
URGENT = "Boendestödet börjar i morgon"  # why a provider copy of a draft is needed now


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def make_case(
    world: World, protection: str = "none", *, approve: bool = True
) -> tuple[Workspace, str, str, str]:
    anna, register = world.workspace("anna"), world.workspace("admin", ADMIN_PW).admin
    vagen = register.add_provider("Vägen Ut AB", contact_person="Eva Ek", phone="08-1")
    other = register.add_provider("Annan Utförare", contact_person="Per", phone="08-2")
    row = anna.cases.create(
        name="Åsa Öberg",
        personnummer="19811228-9874",
        contact=Contact(address="Hemliga vägen 7", postal_code="196 30", city="Kungsängen"),
        protection_level=protection,
    )
    plan = anna.plans.create(row.id)
    housing = plans.Goal("housing", "Få ett eget och tryggt boende")
    drugs = plans.Goal("substance_use", "Sluta helt med narkotika")
    actions = [
        plans.Action(
            "Boendestöd varje vecka",
            "provider",
            goal_id=housing.id,
            provider_id=vagen.id,
            due_on=date(2027, 1, 31),
        ),
        plans.Action("Söka lägenheter via bostadsförmedlingen", "individual", goal_id=housing.id),
        plans.Action(
            "Motivationssamtal om droger", "provider", goal_id=drugs.id, provider_id=vagen.id
        ),
        plans.Action("Urinprov varannan vecka", "social_services", goal_id=drugs.id),
        plans.Action("Praktikplats", "provider", goal_id=housing.id, provider_id=other.id),
    ]
    content = PlanContent(
        [housing, drugs],
        actions,
        follow_up_on=date(2027, 2, 15),
        meeting_at=datetime(2027, 1, 12, 10, 0).astimezone(),
        meeting_place="Socialkontoret, Kungsgatan 5, rum 12",
        note="Träffas på kontoret.",
    )
    assert isinstance(anna.plans.save(PlanEdit(plan, content)), Saved)
    anna.cases.give_consent(
        row.id, "provider", ["housing"], provider_id=vagen.id, given_on=date(2026, 1, 1)
    )
    if approve:  # a provider's copy is made from an approved plan
        approve_plan(world, anna, row.id)
    return anna, row.case_ref, vagen.name, other.name


def approve_plan(world: World, worker: Workspace, case_id: str) -> plans.PlanInfo:
    plan = worker.cases.plans(case_id)[-1]
    plan = worker.plans.submit(plan.id, plan.version)
    return world.workspace("chef").plans.decide(plan.id, plan.version, approve=True)


def test_individual_pdf_has_the_whole_plan(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, _, _ = make_case(sqlite_world)
    out = tmp_path / "plan.pdf"
    anna.documents.export(ref, "individual", out, settings=SETTINGS)
    text = text_of(out)
    for expected in (
        "Åsa Öberg",
        "Få ett eget och tryggt boende",
        "Sluta helt med narkotika",
        "Urinprov varannan vecka",
        "Upplands-Bro kommun",
        ref,
    ):
        assert expected in text
    meta = PdfReader(out).metadata or {}
    assert not any(("Åsa" in str(v) or ref in str(v)) for v in meta.values())


def test_provider_pdf_holds_only_consented_areas_and_own_actions(
    world: World, tmp_path: Path
) -> None:
    anna, ref, vagen, _ = make_case(world)
    out = tmp_path / "vagen.pdf"
    built = anna.documents.export(ref, "provider", out, provider_name=vagen, settings=SETTINGS)
    text = text_of(out)
    assert "Boendestöd varje vecka" in text and "Få ett eget och tryggt boende" in text
    # not protected, but the consent has no item for contact details: no address, and a
    # line says why (see test_provider_contact_details_only_under_their_consent_item)
    assert "Hemliga vägen 7" not in text and "Kontaktuppgifter lämnas inte ut" in text
    for secret in (
        "narkotika",
        "Motivationssamtal",
        "Urinprov",
        "Praktikplats",
        "Söka lägenheter",
        "Träffas på kontoret",
    ):
        assert secret not in text
    assert built.omitted_actions == 1  # the drug counselling, outside the consent
    with world.db().sessions() as session:
        details = [
            e.detail
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.action == "export")
            ).scalars()
        ]
    assert details == [f"plan-pdf provider v1 provider={built.provider_id}"]


def test_provider_without_consent_is_refused_and_no_file_is_left(
    sqlite_world: World, tmp_path: Path
) -> None:
    anna, ref, _, other = make_case(sqlite_world)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ConsentMissingError) as info:
        anna.documents.export(
            ref, "provider", out_dir / "x.pdf", provider_name=other, settings=SETTINGS
        )
    assert "samtycke" in info.value.user_message
    assert list(out_dir.iterdir()) == []


def test_withdrawn_consent_refuses_export(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, vagen, _ = make_case(sqlite_world)
    case = anna.cases.open(case_ref=ref)
    c = anna.cases.consents(case.id).consents[0]
    anna.cases.withdraw_consent(c.id, c.version, withdrawn_on=date(2026, 6, 1))
    with pytest.raises(ConsentMissingError):
        anna.documents.build(ref, "provider", provider_name=vagen, settings=SETTINGS)
    with pytest.raises(ConsentMissingError):
        anna.documents.prepare(ref, "provider", provider_name=vagen, settings=SETTINGS)
    # Before the withdrawal, the consent held.
    earlier = anna.documents.build(
        ref, "provider", provider_name=vagen, settings=SETTINGS, today=date(2026, 5, 1)
    )
    assert earlier.omitted_actions == 1


def test_protected_identity_address_never_printed(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, vagen, _ = make_case(sqlite_world, protection="skyddad_folkbokforing")
    for audience, provider in (("individual", None), ("provider", vagen)):
        out = tmp_path / f"{audience}.pdf"
        anna.documents.export(
            ref,
            audience,  # type: ignore[arg-type]
            out,
            provider_name=provider,
            settings=SETTINGS,
        )
        text = text_of(out)
        assert "Hemliga vägen" not in text and "196 30" not in text
        assert "Skyddad identitet" in text


def test_unknown_case_and_unwritable_folder(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, _, _ = make_case(sqlite_world)
    with pytest.raises(NotFoundError):
        anna.documents.export("AV-2099-9999", "individual", tmp_path / "a.pdf", settings=SETTINGS)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    blocker = out_dir / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        anna.documents.export(ref, "individual", blocker / "plan.pdf", settings=SETTINGS)
    assert sorted(p.name for p in out_dir.iterdir()) == ["not-a-folder"]
    # A refused or failed export is not audited as an export.
    with sqlite_world.db().sessions() as session:
        exports = session.execute(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert exports == []


# --- what the individual and the provider can act on: meeting, contacts, areas ---------------


def _contacts(world: World) -> None:
    admin = world.workspace("admin", ADMIN_PW)
    (nord,) = [u for u in admin.admin.unit_contacts() if u.name == "Enhet Nord"]
    admin.admin.set_unit_contact(
        nord.unit_id, phone="08-581 690 00", visiting_address="Furuhällsplan 1, Bro"
    )
    world.workspace("anna").admin.set_my_contact(phone="08-581 691 23", email="anna@kommun.se")


def _flat(path: Path) -> str:
    return " ".join(text_of(path).split())


def test_individual_pdf_prints_the_meeting_and_whom_to_contact(
    sqlite_world: World, tmp_path: Path
) -> None:
    anna, ref, _, _ = make_case(sqlite_world)
    _contacts(sqlite_world)
    out = tmp_path / "plan.pdf"
    anna.documents.export(ref, "individual", out, settings=SETTINGS)
    text = _flat(out)
    assert "Vi ses tisdag 12 januari 2027 kl. 10.00." in text
    assert "Plats: Socialkontoret, Kungsgatan 5, rum 12" in text
    assert "Vi har inte bokat" not in text
    assert "Din kontakt hos socialtjänsten Ring eller mejla om du har frågor." in text
    assert "Handläggare: anna Telefon: 08-581 691 23 · E-post: anna@kommun.se" in text
    assert "Socialtjänsten: Enhet Nord Telefon: 08-581 690 00" in text
    assert "Besöksadress: Furuhällsplan 1, Bro" in text
    # Only the areas talked about: the two with goals (nothing was rated), said in a sentence.
    assert "Här visas bara de områden som vi har pratat om och skattat." in text
    assert text.count("Inte skattat") == 4  # two areas, two columns; not eleven rows
    assert "Ekonomi" not in text


def test_without_contact_details_nothing_dangles(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, _, _ = make_case(sqlite_world)
    out = tmp_path / "plan.pdf"
    anna.documents.export(ref, "individual", out, settings=SETTINGS)
    text = _flat(out)
    part = _contact_part(text)
    assert "Handläggare: anna" in part
    for word in ("Telefon", "E-post", "Besöksadress", "Ring", "mejla"):
        assert word not in part
    # Said plainly how to reach the unit instead: ask for it by name.
    assert "Vi har inget telefonnummer eller någon e-postadress att skriva här." in part
    assert "kontakta Upplands-Bro kommun och fråga efter Enhet Nord, eller fråga när vi ses." in (
        part
    )
    assert "Socialtjänsten: Enhet Nord" in part
    # The installation's phone number stands in for a unit that has none.
    phone = PrintSettings(municipality_name="Upplands-Bro kommun", contact_phone="08-123 00")
    anna.documents.export(ref, "individual", out, settings=phone)
    assert "Socialtjänsten: Enhet Nord Telefon: 08-123 00" in _flat(out)


def _contact_part(text: str) -> str:
    heading = "Din kontakt hos socialtjänsten"
    return text[text.index(heading) : text.index("Nästa möte", text.index(heading))]


def test_a_worker_without_details_gets_the_units_printed(
    sqlite_world: World, tmp_path: Path
) -> None:
    """The worker has stored no phone or e-mail: the individual's copy gives the unit's, and the
    sentence asks to call or write to them; set by an administrator for the worker, both print."""
    anna, ref, _, _ = make_case(sqlite_world)
    admin = sqlite_world.workspace("admin", ADMIN_PW).admin
    (nord,) = [u for u in admin.unit_contacts() if u.name == "Enhet Nord"]
    admin.set_unit_contact(nord.unit_id, phone="08-581 690 00", email="enhet.nord@kommun.se")
    out = tmp_path / "plan.pdf"
    anna.documents.export(ref, "individual", out, settings=SETTINGS)
    part = _contact_part(_flat(out))
    assert "Ring eller mejla om du har frågor." in part
    assert "• Handläggare: anna • Socialtjänsten" in part  # the worker: no bare labels
    assert "Socialtjänsten: Enhet Nord Telefon: 08-581 690 00 · E-post: enhet.nord@kommun.se" in (
        part
    )
    # Only an e-mail anywhere: the sentence asks for what is there.
    admin.set_unit_contact(nord.unit_id, email="enhet.nord@kommun.se")
    anna.documents.export(ref, "individual", out, settings=SETTINGS)
    part = _contact_part(_flat(out))
    assert "Mejla om du har frågor." in part and "Ring" not in part and "Telefon" not in part
    # A visiting address and nothing else: come to see us there.
    admin.set_unit_contact(nord.unit_id, visiting_address="Furuhällsplan 1, Bro")
    anna.documents.export(ref, "individual", out, settings=SETTINGS)
    part = _contact_part(_flat(out))
    assert "kan du komma till oss på besöksadressen nedan" in part
    assert "Besöksadress: Furuhällsplan 1, Bro" in part and "Ring" not in part
    # An administrator sets the worker's own details: they print as the worker's.
    admin.set_user_contact("anna", phone="08-581 691 23", email="anna@kommun.se")
    anna.documents.export(ref, "individual", out, settings=SETTINGS)
    part = _contact_part(_flat(out))
    assert "Handläggare: anna Telefon: 08-581 691 23 · E-post: anna@kommun.se" in part
    assert "Ring eller mejla om du har frågor." in part


def test_provider_pdf_prints_the_providers_own_contact_and_org_number(
    sqlite_world: World, tmp_path: Path
) -> None:
    anna, ref, vagen, _ = make_case(sqlite_world)
    _contacts(sqlite_world)
    admin = sqlite_world.workspace("admin", ADMIN_PW).admin
    (info,) = [p for p in admin.providers() if p.name == vagen]
    fields = ProviderFields(
        name=vagen,
        org_number="556036-0793",
        contact_person="Eva Ek",
        phone="08-555 123 45",
        email="eva.ek@vagenut.se",
    )
    admin.edit_provider(info.id, info.version, fields)
    out = tmp_path / "vagen.pdf"
    anna.documents.export(ref, "provider", out, provider_name=vagen, settings=SETTINGS)
    text = _flat(out)
    start = text.index("Kontaktperson hos utföraren")
    provider_part = text[start : text.index("Kontakt hos socialtjänsten", start)]
    assert (
        "Kontaktperson: Eva Ek Telefon: 08-555 123 45 · E-post: eva.ek@vagenut.se "
        "Organisationsnummer: 556036-0793" in provider_part
    )
    ours = text[text.index("Kontakt hos socialtjänsten") :]
    assert "Handläggare: anna Telefon: 08-581 691 23 · E-post: anna@kommun.se" in ours
    assert "Socialtjänsten: Enhet Nord Telefon: 08-581 690 00" in ours


def test_provider_pdf_prints_the_meeting_only_when_providers_take_part(
    sqlite_world: World, tmp_path: Path
) -> None:
    anna, ref, vagen, _ = make_case(sqlite_world, approve=False)
    _contacts(sqlite_world)
    out = tmp_path / "vagen.pdf"
    anna.documents.export(
        ref, "provider", out, provider_name=vagen, settings=SETTINGS, unapproved_reason=URGENT
    )
    text = _flat(out)
    assert "januari 2027" not in text and "Kungsgatan 5" not in text  # not in the meeting
    assert "Kontaktperson: Eva Ek Telefon: 08-1" in text  # the provider's, from the register
    assert "Handläggare: anna Telefon: 08-581 691 23 · E-post: anna@kommun.se" in text
    case = anna.cases.open(case_ref=ref)
    plan = anna.cases.plans(case.id)[-1]
    with_them = dataclasses.replace(plan.content, meeting_with_providers=True)
    assert isinstance(anna.plans.save(PlanEdit(plan, with_them)), Saved)
    anna.documents.export(
        ref, "provider", out, provider_name=vagen, settings=SETTINGS, unapproved_reason=URGENT
    )
    text = _flat(out)
    assert "Nästa möte: tisdag 12 januari 2027 kl. 10.00" in text
    assert "Plats: Socialkontoret, Kungsgatan 5, rum 12" in text


def test_goal_text_prints_once_without_an_old_prefix(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, vagen, _ = make_case(sqlite_world, approve=False)
    case = anna.cases.open(case_ref=ref)
    plan = anna.cases.plans(case.id)[-1]
    housing, drugs = plan.goals
    older = [
        plans.Goal(housing.area_id, "Mål för boende: Få ett eget boende", housing.id),
        plans.Goal(drugs.area_id, "", drugs.id),
    ]
    edit = PlanEdit(plan, dataclasses.replace(plan.content, goals=older))
    assert isinstance(anna.plans.save(edit), Saved)
    for audience, provider in (("individual", None), ("provider", vagen)):
        out = tmp_path / f"{audience}.pdf"
        anna.documents.export(
            ref,
            audience,  # type: ignore[arg-type]
            out,
            provider_name=provider,
            settings=SETTINGS,
            unapproved_reason=URGENT,
        )
        text = _flat(out)
        assert "Mål för boende" not in text, audience
        assert text.count("Få ett eget boende") == 1, audience
    individual = _flat(tmp_path / "individual.pdf")
    assert "(målet är inte formulerat än)" in individual
