"""The registerutdrag as PDF: readable content, clean metadata, audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from assessment_app import demo
from assessment_app.db.models import AuditEvent
from assessment_app.lifecycle.codes import SUBJECT_ACCESS_PDF
from assessment_app.records.cases import Contact
from assessment_app.workspace.interview import AssessmentEdit
from tests.lifecycle.helpers import pnr_with_day
from tests.server.helpers import saved


def test_subject_access_pdf_reads_back(sqlite_world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    anna = sqlite_world.workspace("anna")
    template = demo.default_registry().latest("kartlaggning-avhopp")
    number = pnr_with_day(12, serial="321")
    row = anna.cases.create(
        name="Åsa Öhman-Ärlig",
        personnummer=number,
        contact=Contact(address="Storgatan 1 <b>&", city="Kungsängen"),
        notes="Vill flytta till Västerås.",
    )
    a = anna.interviews.start(row.id)
    edit = AssessmentEdit.of(
        a,
        {"motivation_why_now": "Jag vill se mina barn växa upp."},
        {template.areas[0].id: {"own": 3, "worker": 2, "reason": "Rimligt", "flags": []}},
    )
    saved(anna.interviews.save(edit))
    out = tmp_path / "registerutdrag.pdf"
    assert anna.documents.subject_access_pdf(row.case_ref, out, printed_on=date(2025, 3, 12)) == out
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    reader = PdfReader(out)
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    flat = " ".join(text.split())
    for expected in (
        "Registerutdrag",
        "Åsa Öhman-Ärlig",
        f"{number[:8]}-{number[9:]}",
        "Storgatan 1 <b>&",
        "Kungsängen",
        "Vill flytta till Västerås.",
        "Jag vill se mina barn växa upp.",
        template.question("motivation_why_now").label.text("sv").split()[0],
        template.areas[0].title.text("sv"),
        "3 – Stort behov",
        "Ärendet skapades",
        row.case_ref,
        f"Sida 1 av {len(reader.pages)}",
    ):
        assert expected in flat, expected
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Registerutdrag" in meta
    for secret in ("Åsa", "Öhman", number[:8], row.case_ref, "Storgatan"):
        assert secret not in meta

    with anna.db.sessions() as session:
        details = list(
            session.execute(
                select(AuditEvent.detail).where(
                    AuditEvent.action == "export", AuditEvent.object_id == row.id
                )
            ).scalars()
        )
    # One snapshot, one export entry (it names the PDF).
    assert details == [SUBJECT_ACCESS_PDF]
