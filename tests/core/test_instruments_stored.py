"""Scored instruments are stored with the assessment, encrypted, scored again by the core (never
a total the screen sent), kept in drafts, and come back at the follow-up with the change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from assessment_app.db.models import Assessment
from assessment_app.errors import ValidationError
from assessment_app.records.drafts import DraftPayload
from assessment_app.workspace import Saved
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import World

# AUDIT: 3 (two to three times a week) + 2 (five or six drinks) + 3 (weekly) + 1 + 0 + 0 + 2
# + 1 + 2 (injured, not in the last year) + 4 (someone worried in the last year) = 18: harmful.
AUDIT_18 = {
    "how_often": "two_three_week",
    "typical_amount": "five_six",
    "six_or_more": "weekly",
    "could_not_stop": "less_than_monthly",
    "failed_duties": "never",
    "morning_drink": "never",
    "guilt": "monthly",
    "memory_loss": "less_than_monthly",
    "injury": "yes_not_last_year",
    "others_worried": "yes_last_year",
}
# Three months later: 1 + 1 + 1 + 0 + 0 + 0 + 1 + 0 + 2 + 2 = 8: hazardous for a man.
AUDIT_8 = {
    "how_often": "monthly_or_less",
    "typical_amount": "three_four",
    "six_or_more": "less_than_monthly",
    "could_not_stop": "never",
    "failed_duties": "never",
    "morning_drink": "never",
    "guilt": "less_than_monthly",
    "memory_loss": "never",
    "injury": "yes_not_last_year",
    "others_worried": "yes_not_last_year",
}


def _save(ws, info, instruments, **kw):  # type: ignore[no-untyped-def]
    result = ws.interviews.save(AssessmentEdit.of(info, {}, {}, instruments=instruments), **kw)
    assert isinstance(result, Saved), result
    return result.value.info


def test_an_instrument_round_trips_with_the_assessment(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Instrument Person")
    a = anna.interviews.start(row.id)
    # The screen says 40 and "low risk": the core scores the answers itself.
    sent = {"version": 1, "answers": AUDIT_18, "sex": "male", "total": 40, "band": "low_risk"}
    saved = _save(anna, a, {"audit": sent})
    assert saved.instruments["audit"]["total"] == 18
    got = anna.interviews.get(a.id).instruments["audit"]
    assert (got["total"], got["band"], got["sex"]) == (18, "harmful", "male")
    assert got["answers"] == AUDIT_18 and (got["answered"], got["items"]) == (10, 10)
    # Saving the answers again without naming the instruments keeps them.
    info = anna.interviews.get(a.id)
    again = anna.interviews.save(AssessmentEdit.of(info, {"motivation_why_now": "Nu"}, {}))
    assert isinstance(again, Saved)
    assert anna.interviews.get(a.id).instruments["audit"]["total"] == 18
    # The supervisor of the unit reads it too; it is sealed in its own column.
    assert world.workspace("chef").interviews.get(a.id).instruments["audit"]["band"] == "harmful"
    db = world.db()
    with db.session() as session:
        blob = session.execute(
            select(Assessment.instruments_enc).where(Assessment.id == a.id)
        ).scalar_one()
    db.dispose()
    assert blob is not None and b"harmful" not in blob and b"two_three_week" not in blob


def test_an_unknown_instrument_or_answer_is_refused_and_nothing_is_lost(world: World) -> None:
    anna = world.workspace("anna")
    a = anna.interviews.start(anna.cases.create(name="Fel Svar").id)
    _save(anna, a, {"audit": {"version": 1, "answers": {"how_often": "never"}}})
    info = anna.interviews.get(a.id)
    for bad in (
        {"audit": {"version": 1, "answers": {"how_often": "every_hour"}}},
        {"audit": {"version": 1, "answers": {"no_such_item": "never"}}},
        {"audit": {"version": 9, "answers": {}}},
        {"cage": {"version": 1, "answers": {}}},
    ):
        with pytest.raises(ValidationError):
            anna.interviews.save(AssessmentEdit.of(info, {}, {}, instruments=bad))
    kept = anna.interviews.get(a.id).instruments["audit"]
    assert (kept["total"], kept["answered"], kept["band"]) == (0, 1, None)


def test_the_follow_up_gets_the_last_result_and_the_change(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Uppfoljning Person")
    first = anna.interviews.start(row.id)
    _save(anna, first, {"audit": {"version": 1, "answers": AUDIT_18, "sex": "male"}})
    opened_first = anna.interviews.open(first.id)
    assert opened_first.previous_instruments == {}  # nothing before the first one
    follow = anna.interviews.start(row.id, kind="follow_up")
    opened = anna.interviews.open(follow.id)
    previous = opened.previous_instruments["audit"]
    assert (previous.total, previous.complete, previous.band) == (18, True, "harmful")
    assert previous.band_label is not None and previous.band_label.text("sv") == "Skadligt bruk"
    assert previous.conducted_on == first.conducted_on.isoformat()
    assert "dudit" not in opened.previous_instruments
    _save(anna, follow, {"audit": {"version": 1, "answers": AUDIT_8, "sex": "male"}})
    now = anna.interviews.get(follow.id).instruments["audit"]
    assert (now["total"], now["band"]) == (8, "hazardous")
    assert now["total"] - previous.total == 8 - 18
    # Re-opening the first assessment does not count the later follow-up as "before".
    assert anna.interviews.open(first.id).previous_instruments == {}


def test_a_partly_filled_in_result_is_passed_over_by_the_interview_and_the_comparison(
    world: World,
) -> None:
    from assessment_app.server import progress

    anna = world.workspace("anna")
    row = anna.cases.create(name="Delvis Ifylld")
    first = anna.interviews.start(row.id)
    _save(anna, first, {"audit": {"version": 1, "answers": AUDIT_18, "sex": "male"}})
    second = anna.interviews.start(row.id, kind="follow_up")
    partly = {k: AUDIT_8[k] for k in ("how_often", "typical_amount", "six_or_more")}
    _save(anna, second, {"audit": {"version": 1, "answers": partly, "sex": "male"}})
    assert anna.interviews.get(second.id).instruments["audit"]["answered"] == 3
    third = anna.interviews.start(row.id, kind="follow_up")
    # "Last time" is the latest complete result (18 in the first), not the partly filled 3.
    previous = anna.interviews.open(third.id).previous_instruments["audit"]
    assert (previous.total, previous.complete, previous.band) == (18, True, "harmful")
    _save(anna, third, {"audit": {"version": 1, "answers": AUDIT_8, "sex": "male"}})
    # The comparison sets the same two side by side.
    [c] = progress.follow_up_changes(anna.cases.assessments(row.id)).instruments
    assert (c.now_total, c.before_total, c.delta) == (8, 18, -10)
    assert c.now_band is not None and c.now_band.text("sv") == "Riskbruk"
    assert c.before_band is not None and c.before_band.text("sv") == "Skadligt bruk"
    assert c.before_on is not None and c.before_on.isoformat() == previous.conducted_on


def test_a_draft_keeps_the_instruments(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    a = anna.interviews.start(anna.cases.create(name="Utkast Person").id)
    edit = AssessmentEdit.of(
        a, {}, {}, instruments={"dudit": {"version": 1, "answers": {"how_often": "never"}}}
    )
    assert isinstance(anna.interviews.autosave(edit), Saved)
    opened = anna.interviews.open(a.id)
    assert opened.draft is not None  # the instruments alone make it worth offering
    found = AssessmentEdit.instruments_of(opened.draft.payload)
    assert found["dudit"]["answers"] == {"how_often": "never"}
    assert AssessmentEdit.instruments_of(DraftPayload(1, {"answers": {}})) == {}
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("records.sqlite3*"))
    assert b"how_often" not in raw


def test_the_registerutdrag_holds_the_instrument(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name="Utdrag Person")
    a = anna.interviews.start(row.id)
    _save(anna, a, {"audit": {"version": 1, "answers": AUDIT_18, "sex": None}})
    out = tmp_path / "utdrag.pdf"
    anna.documents.subject_access_pdf(row.case_ref, out, printed_on=date(2026, 12, 2))
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(out).pages).split())
    assert "AUDIT – alkoholvanor" in text and "18 av 40" in text and "Skadligt bruk" in text


def test_a_case_transfer_carries_the_instruments(sqlite_world: World, tmp_path: Path) -> None:
    from assessment_app.records.cases import CaseQuery
    from tests.conftest import make_world

    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name="Flytt Person")
    a = anna.interviews.start(row.id)
    _save(anna, a, {"audit": {"version": 1, "answers": AUDIT_18, "sex": "female"}})
    out = tmp_path / "arende.aatransfer"
    anna.admin.export_case(row.case_ref, out, "korv-med-bröd-och-senap")
    assert b"two_three_week" not in out.read_bytes()
    (tmp_path / "other").mkdir()
    other = make_world(f"sqlite:///{tmp_path / 'other' / 'records.sqlite3'}")
    bo = other.workspace("bo")
    bo.admin.import_case(out, "korv-med-bröd-och-senap")
    [moved] = bo.cases.page(CaseQuery(text=row.case_ref)).rows
    [assessment] = bo.cases.assessments(moved.id)
    got = assessment.instruments["audit"]
    assert (got["total"], got["band"], got["sex"], got["answers"]) == (
        18,
        "harmful",
        "female",
        AUDIT_18,
    )


def test_a_result_of_an_instrument_no_longer_installed_is_kept(
    sqlite_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An instrument file removed after results were stored: the assessment still saves, the
    result is kept as it was, and a changed result for it is refused."""
    from assessment_app.templates import instrument_files

    anna = sqlite_world.workspace("anna")
    a = anna.interviews.start(anna.cases.create(name="Borttaget Formular").id)
    _save(anna, a, {"audit": {"version": 1, "answers": AUDIT_18}})
    only_dudit = tmp_path / "instruments"
    only_dudit.mkdir()
    source = instrument_files.resource_path("instruments") / "dudit-v1.yaml"
    (only_dudit / "dudit-v1.yaml").write_bytes(source.read_bytes())
    monkeypatch.setattr(instrument_files, "instrument_dirs", lambda: [only_dudit])
    instrument_files.default_instruments.cache_clear()
    try:
        assert instrument_files.default_instruments().get("audit", 1) is None
        info = anna.interviews.get(a.id)
        again = _save(anna, info, dict(info.instruments))
        assert again.instruments["audit"]["total"] == 18
        changed = {"audit": {"version": 1, "answers": {"how_often": "never"}}}
        with pytest.raises(ValidationError):
            anna.interviews.save(AssessmentEdit.of(again, {}, {}, instruments=changed))
    finally:
        instrument_files.default_instruments.cache_clear()
