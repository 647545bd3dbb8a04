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
    assert (
        anna.documents.subject_access_pdf(row.case_ref, out, printed_on=date(2025, 3, 12)).path
        == out
    )
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


def test_subject_access_json_is_private_and_audited_once(sqlite_world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name="Json Person", notes="Anteckning")
    second = anna.cases.create(name="Json Person", personnummer=None)  # another person
    out = tmp_path / "registerutdrag.json"
    assert anna.documents.subject_access_json(row.case_ref, out).path == out
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "assessment-app/subject-access/1"
    assert data["individual"]["name"] == "Json Person"
    assert [c["case_ref"] for c in data["cases"]] == [row.case_ref]  # only this person's
    assert data["cases"][0]["notes"] == "Anteckning"
    again = anna.documents.subject_access(row.case_ref)
    # The same record; its access log now shows the first export (audited after its read).
    first_log, again_log = data["cases"][0].pop("access_log"), again["cases"][0].pop("access_log")
    assert again_log[:-1] == first_log and again_log[-1]["action"] == "export"
    assert data == {**again, "generated_at": data["generated_at"]}
    with anna.db.sessions() as session:
        details = list(
            session.execute(
                select(AuditEvent.detail).where(AuditEvent.action == "export")
            ).scalars()
        )
    assert details == ["subject-access", "subject-access"]
    assert second.case_ref not in out.read_text(encoding="utf-8")
