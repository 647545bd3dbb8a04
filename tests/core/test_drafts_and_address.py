"""Drafts and the address on paper: an unapproved plan prints "UTKAST – inte beslutad" on
every page; a provider's document is made only from an approved plan (an explicit override
with a reason is kept sealed and audited); the individual's contact details go to a provider
only under their own consent item, never for a protected identity."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from assessment_app import audit
from assessment_app.db.models import AuditEvent, PlanReview
from assessment_app.errors import PlanNotApprovedError
from assessment_app.records import plans
from assessment_app.records.cases import Contact
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.workspace import Saved
from tests.conftest import World
from tests.core.test_plan_export import SETTINGS, approve_plan, make_case

WATERMARK = "UTKAST – inte beslutad"


def pages_of(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def pdftotext(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "poppler-utils (pdftotext) is needed for this test"
    out = subprocess.run([tool, "-layout", str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode("utf-8").split())


def render_pages(path: Path, out_dir: Path) -> list[Path]:
    tool = shutil.which("pdftoppm")
    assert tool, "poppler-utils (pdftoppm) is needed for this test"
    subprocess.run([tool, "-r", "50", "-png", str(path), str(out_dir / "page")], check=True)
    return sorted(out_dir.glob("page*.png"))


def _long_plan(world: World) -> tuple[object, str, str, str]:
    """make_case's plan with enough actions for several pages, not approved yet."""
    anna, ref, vagen, other = make_case(world, approve=False)
    case = anna.cases.open(case_ref=ref)
    plan = anna.cases.plans(case.id)[-1]
    housing = plan.goals[0]
    more = [
        plans.Action(
            f"Steg {n}: ett samtal om vad som ska hända härnäst, vem som är med och vad "
            "du vill ha med dig till mötet",
            "individual",
            goal_id=housing.id,
        )
        for n in range(40)  # within bounds.ACTIONS with make_case's own; still several pages
    ]
    saved = anna.plans.save(
        PlanEdit(plan, PlanContent(plan.goals, [*plan.actions, *more], plan.follow_up_on))
    )
    assert isinstance(saved, Saved)
    return anna, ref, vagen, other


def test_an_unapproved_plan_prints_the_watermark_on_every_page(
    world: World, tmp_path: Path
) -> None:
    anna, ref, _vagen, _ = _long_plan(world)
    draft = tmp_path / "utkast.pdf"
    anna.documents.export(ref, "individual", draft, settings=SETTINGS)  # type: ignore[attr-defined]
    pages = pages_of(draft)
    assert len(pages) >= 2
    assert all(WATERMARK in page for page in pages), [WATERMARK in p for p in pages]
    assert pdftotext(draft).count(WATERMARK) >= len(pages)  # the top line of every page
    images = render_pages(draft, tmp_path)
    assert len(images) == len(pages) and all(p.stat().st_size > 1000 for p in images)
    # submitted is not decided either
    case = anna.cases.open(case_ref=ref)  # type: ignore[attr-defined]
    plan = anna.cases.plans(case.id)[-1]  # type: ignore[attr-defined]
    anna.plans.submit(plan.id, plan.version)  # type: ignore[attr-defined]
    anna.documents.export(ref, "individual", draft, settings=SETTINGS)  # type: ignore[attr-defined]
    assert all(WATERMARK in page for page in pages_of(draft))
    # approved: no page carries it
    plan = anna.cases.plans(case.id)[-1]  # type: ignore[attr-defined]
    world.workspace("chef").plans.decide(plan.id, plan.version, approve=True)
    decided = tmp_path / "beslutad.pdf"
    anna.documents.export(ref, "individual", decided, settings=SETTINGS)  # type: ignore[attr-defined]
    assert not any("UTKAST" in page for page in pages_of(decided))
    assert "UTKAST" not in pdftotext(decided)


def test_a_provider_document_needs_an_approved_plan_or_a_stated_reason(
    world: World, tmp_path: Path
) -> None:
    anna, ref, vagen, _ = _long_plan(world)
    out = tmp_path / "vagen.pdf"
    for reason in (None, "", "   "):
        with pytest.raises(PlanNotApprovedError) as refused:
            anna.documents.export(  # type: ignore[attr-defined]
                ref,
                "provider",
                out,
                provider_name=vagen,
                settings=SETTINGS,
                unapproved_reason=reason,
            )
        assert "inte beslutad" in refused.value.user_message
    assert not out.exists()
    reason = "Boendestödet börjar i morgon, beslutet kommer på måndag"
    built = anna.documents.export(  # type: ignore[attr-defined]
        ref, "provider", out, provider_name=vagen, settings=SETTINGS, unapproved_reason=reason
    )
    assert built.unapproved_reason == reason
    pages = pages_of(out)
    assert all(WATERMARK in page for page in pages)  # the provider's copy is marked too
    # the reason is on the plan's history, sealed; the override has an audit entry of its own
    case = anna.cases.open(case_ref=ref)  # type: ignore[attr-defined]
    plan = anna.cases.plans(case.id)[-1]  # type: ignore[attr-defined]
    released = [r for r in plan.reviews if r.decision == plans.RELEASED]
    assert [(r.comment, r.mark, r.decided_by) for r in released] == [
        (reason, plans.UNAPPROVED_EXPORT, "anna")
    ]
    with world.db().sessions() as session:
        events = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
        blobs = session.execute(select(PlanReview.comment_enc)).scalars().all()
    override = [e for e in events if e.action == audit.UNAPPROVED_EXPORT]
    assert len(override) == 1 and override[0].object_id == plan.id
    assert "provider=" in (override[0].detail or "")
    assert not any("Boendestödet" in (e.detail or "") for e in events)
    assert not any(b and "Boendestödet".encode() in b for b in blobs)
    # the review's history shows it; an approved plan needs no reason and keeps none
    assert world.workspace("chef").review.open_plan(plan.id).plan.reviews[-1].comment == reason
    approve_plan(world, anna, case.id)  # type: ignore[arg-type]
    decided = anna.documents.export(  # type: ignore[attr-defined]
        ref, "provider", out, provider_name=vagen, settings=SETTINGS, unapproved_reason="x"
    )
    assert decided.unapproved_reason is None
    assert not any("UTKAST" in page for page in pages_of(out))


def test_contact_details_go_to_a_provider_only_under_their_consent_item(
    world: World, tmp_path: Path
) -> None:
    anna, ref, vagen, _ = make_case(world)
    case = anna.cases.open(case_ref=ref)
    anna.cases.update_individual(
        case.id,
        case.individual.version,
        contact=Contact(
            address="Hemliga vägen 7", postal_code="196 30", city="Kungsängen", phone="070-1234567"
        ),
    )
    out = tmp_path / "vagen.pdf"
    # the consent covers housing only, not contact details
    anna.documents.export(ref, "provider", out, provider_name=vagen, settings=SETTINGS)
    for text in (" ".join(pages_of(out)), pdftotext(out)):
        assert "Hemliga vägen 7" not in text and "070-1234567" not in text
        assert "Kungsängen" not in text
        assert "Kontaktuppgifter lämnas inte ut" in text
    # the individual's own copy has no such rule
    anna.documents.export(ref, "individual", tmp_path / "own.pdf", settings=SETTINGS)
    # with the item for contact details: address and phone are printed
    consent = anna.cases.consents(case.id).consents[0]
    anna.cases.update_consent(consent.id, consent.version, includes_contact=True)
    anna.documents.export(ref, "provider", out, provider_name=vagen, settings=SETTINGS)
    for text in (" ".join(pages_of(out)), pdftotext(out)):
        assert "Hemliga vägen 7" in text and "070-1234567" in text
        assert "Kontaktuppgifter lämnas inte ut" not in text
    # a protected identity: never, whatever the consent says
    case = anna.cases.open(case_ref=ref)
    anna.cases.update_individual(
        case.id, case.individual.version, protection_level="skyddad_folkbokforing"
    )
    anna.documents.export(ref, "provider", out, provider_name=vagen, settings=SETTINGS)
    for text in (" ".join(pages_of(out)), pdftotext(out)):
        assert "Hemliga vägen 7" not in text and "070-1234567" not in text
        assert "Kungsängen" not in text
        assert "Kontaktuppgifter lämnas inte ut" not in text  # the protected notice instead
