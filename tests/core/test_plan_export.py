"""Plan PDFs from stored records: consent filtering, protected identity, refusal, audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import ConsentMissingError, ExportError, NotFoundError
from assessment_app.plan_export import build_document, export_plan_pdf
from assessment_app.records import cases, consents, plans, providers
from assessment_app.records.cases import Contact
from assessment_app.settings import PrintSettings
from tests.conftest import World

SETTINGS = PrintSettings(municipality_name="Upplands-Bro kommun")


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def make_case(world: World, protection: str = "none") -> tuple[object, str, str, str]:
    anna = world.sign_in("anna")
    vagen = providers.add_provider(anna, "Vägen Ut AB", contact_person="Eva Ek", phone="08-1")
    other = providers.add_provider(anna, "Annan Utförare", contact_person="Per", phone="08-2")
    row = cases.create_case(
        anna,
        name="Åsa Öberg",
        personnummer="19811228-9874",
        contact=Contact(address="Hemliga vägen 7", postal_code="196 30", city="Kungsängen"),
        protection_level=protection,
    )
    plan = plans.create_plan(
        anna,
        row.id,
        goals=[
            plans.Goal("housing", "Få ett eget och tryggt boende"),
            plans.Goal("substance_use", "Sluta helt med narkotika"),
        ],
    )
    housing, drugs = plan.goals
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
    plans.save_plan(
        anna,
        plan.id,
        plan.version,
        goals=plan.goals,
        actions=actions,
        follow_up_on=date(2027, 2, 15),
        next_meeting="2027-01-10T10:00",
        note="Träffas på kontoret.",
    )
    consents.give_consent(
        anna, row.id, "provider", ["housing"], provider_id=vagen.id, given_on=date(2026, 1, 1)
    )
    return anna, row.case_ref, vagen.name, other.name


def test_individual_pdf_has_the_whole_plan(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, _, _ = make_case(sqlite_world)
    out = tmp_path / "plan.pdf"
    export_plan_pdf(anna, ref, "individual", out, settings=SETTINGS)  # type: ignore[arg-type]
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
    built = export_plan_pdf(
        anna,
        ref,
        "provider",
        out,
        provider_name=vagen,  # type: ignore[arg-type]
        settings=SETTINGS,
    )
    text = text_of(out)
    assert "Boendestöd varje vecka" in text and "Få ett eget och tryggt boende" in text
    assert "Hemliga vägen 7" in text  # not protected: the provider gets the address
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
        export_plan_pdf(
            anna,
            ref,
            "provider",
            out_dir / "x.pdf",  # type: ignore[arg-type]
            provider_name=other,
            settings=SETTINGS,
        )
    assert "samtycke" in info.value.user_message
    assert list(out_dir.iterdir()) == []


def test_withdrawn_consent_refuses_export(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, vagen, _ = make_case(sqlite_world)
    case = cases.open_case(anna, ref)  # type: ignore[arg-type]
    c = consents.list_consents(anna, case.id)[0]  # type: ignore[arg-type]
    consents.withdraw(anna, c.id, c.version, withdrawn_on=date(2026, 6, 1))  # type: ignore[arg-type]
    with pytest.raises(ConsentMissingError):
        build_document(
            anna,
            ref,
            "provider",
            provider_name=vagen,  # type: ignore[arg-type]
            settings=SETTINGS,
        )


def test_protected_identity_address_never_printed(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, vagen, _ = make_case(sqlite_world, protection="skyddad_folkbokforing")
    for audience, provider in (("individual", None), ("provider", vagen)):
        out = tmp_path / f"{audience}.pdf"
        export_plan_pdf(
            anna,
            ref,
            audience,
            out,
            provider_name=provider,  # type: ignore[arg-type]
            settings=SETTINGS,
        )
        text = text_of(out)
        assert "Hemliga vägen" not in text and "196 30" not in text
        assert "Skyddad identitet" in text


def test_unknown_case_and_unwritable_folder(sqlite_world: World, tmp_path: Path) -> None:
    anna, ref, _, _ = make_case(sqlite_world)
    with pytest.raises(NotFoundError):
        export_plan_pdf(
            anna,
            "AV-2099-9999",
            "individual",
            tmp_path / "a.pdf",  # type: ignore[arg-type]
            settings=SETTINGS,
        )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    blocker = out_dir / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        export_plan_pdf(
            anna,
            ref,
            "individual",
            blocker / "plan.pdf",  # type: ignore[arg-type]
            settings=SETTINGS,
        )
    assert sorted(p.name for p in out_dir.iterdir()) == ["not-a-folder"]
