"""Every damaged value in the registerutdrag is marked as damaged, in JSON and in the PDF, and
the summary counts them (issue 17, point 2). The columns come from the models: a new encrypted
column must either land in the export (``PLACES``) or be named as not part of it."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import LargeBinary, select, update

from assessment_app.damage import DAMAGED, is_json_marker
from assessment_app.db import models
from assessment_app.db.types import SafeBinary
from assessment_app.records.cases import Contact
from assessment_app.records.drafts import DraftPayload
from assessment_app.records.plans import Action, Goal, PlanContent, PlanEdit
from assessment_app.records.safety import Number, SafetyPlanContent
from assessment_app.records.subject_access import NOT_EXPORTED, PLACES
from assessment_app.workspace import Saved
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import World, make_world

TONIGHT = {"safety_threatened": True, "safety_protection_tonight": True}


def _encrypted_columns() -> set[tuple[str, str]]:
    found = set()
    for mapper in models.Base.registry.mappers:
        table = mapper.local_table
        for column in table.columns:
            if column.name.endswith("_enc"):
                assert (
                    isinstance(column.type, LargeBinary | SafeBinary)
                    or "Blob" in type(column.type).__name__
                )
                found.add((str(table.name), column.name))
    return found


def test_every_encrypted_column_is_placed_or_named() -> None:
    columns = _encrypted_columns()
    assert len(columns) == 22
    assert columns == set(PLACES) | NOT_EXPORTED
    assert not set(PLACES) & NOT_EXPORTED


def _full_case(world: World) -> tuple[str, str]:
    anna = world.workspace("anna")
    row = anna.cases.create(
        name="Skadad Person",
        personnummer="19811228-9874",
        contact=Contact(city="Kungsängen"),
        notes="Anteckning",
        referral_source="police",
    )
    template = anna.templates.latest()
    area = template.areas[0].id
    anna.cases.give_consent(row.id, "healthcare", [area], recipient_name="Vårdcentralen")
    a = anna.interviews.start(row.id)
    ratings = {area: {"own": 3, "worker": 2, "reason": "Rimligt", "flags": []}}
    audit = {"version": 1, "answers": {"how_often": "monthly_or_less"}, "sex": "female"}
    result = anna.interviews.save(
        AssessmentEdit.of(a, dict(TONIGHT), ratings, instruments={"audit": audit})
    )
    assert isinstance(result, Saved)
    safety_plan = anna.safety.create(row.id)
    safety_plan = anna.safety.save(
        safety_plan.id,
        safety_plan.version,
        SafetyPlanContent(
            risk_level="high",
            risk_reason="Hot efter avhoppet",
            code_word="Blåklocka",
            call_now=[Number("Vid fara", "112")],
            review_due_on=date.today() + timedelta(30),
        ),
    )
    safety_plan = anna.safety.submit(safety_plan.id, safety_plan.version)
    world.workspace("chef").safety.decide(
        safety_plan.id, safety_plan.version, approve=False, comment="Fler säkra nummer"
    )
    (flag,) = anna.cases.urgent_flags(row.id)
    anna.cases.handle_urgent(flag.id, flag.version, ["emergency_housing"], "Skyddat boende")
    plan = anna.plans.create(row.id)
    goal = Goal(area, "Eget boende")
    action = Action(
        "Söka lägenhet", "individual", goal_id=goal.id, due_on=date.today() + timedelta(30)
    )
    content = PlanContent(
        [goal], [action], follow_up_on=date.today() + timedelta(60), note="Planens anteckning"
    )
    saved = anna.plans.save(PlanEdit(plan, content))
    assert isinstance(saved, Saved)
    submitted = anna.plans.submit(
        plan.id, saved.value.version, unfinished_reason="Akut läge, kartläggningen fortsätter"
    )
    world.workspace("chef").plans.decide(
        plan.id, submitted.version, approve=False, comment="Mer om boendet"
    )
    anna.offline.save_draft("plan", plan.id, row.id, DraftPayload(None, {"note": "utkast"}))
    return row.case_ref, row.id


def _damage_everything(world: World) -> int:
    """Flip one bit in every stored value of every column the export shows."""
    db = world.db()
    flipped = 0
    tables = {m.local_table.name: m.class_ for m in models.Base.registry.mappers}
    with db.session() as session:
        for table, column in PLACES:
            model = tables[table]
            col = getattr(model, column)
            for row_id, blob in session.execute(select(model.id, col).where(col.is_not(None))):
                bad = bytearray(blob)
                bad[len(bad) // 2] ^= 0x01
                session.execute(
                    update(model).where(model.id == row_id).values({column: bytes(bad)})
                )
                flipped += 1
    db.dispose()
    return flipped


def _markers(value: Any, path: str = "") -> list[tuple[str, str, str]]:
    if is_json_marker(value):
        return [(value["table"], value["column"], path)]
    if isinstance(value, dict):
        return [m for k, v in value.items() for m in _markers(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [m for n, v in enumerate(value) for m in _markers(v, f"{path}[{n}]")]
    return []


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_damaged_value_of_every_column_is_marked_in_json_and_pdf(
    db_url: str, tmp_path: Path
) -> None:
    world = make_world(db_url)
    case_ref, _case_id = _full_case(world)
    flipped = _damage_everything(world)
    anna = world.workspace("anna")
    out = tmp_path / "utdrag.json"
    result = anna.documents.subject_access_json(case_ref, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    marked = {(t, c) for t, c, _path in _markers(data)}
    assert marked == set(PLACES), set(PLACES) - marked
    assert result.damaged == data["damaged_values"] == flipped
    # Nothing damaged is shown as empty: the person's contact, the answers and the consent's
    # areas are markers, not {} or [].
    case = data["cases"][0]
    assert is_json_marker(data["individual"]["contact"])
    assert is_json_marker(case["assessments"][0]["answers"])
    assert is_json_marker(case["consents"][0]["scope_areas"])

    pdf = tmp_path / "utdrag.pdf"
    assert anna.documents.subject_access_pdf(case_ref, pdf).damaged == flipped
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert f"{flipped} lagrade uppgifter gick inte att läsa" in flat
    # One marker for each place a damaged value is printed (at least one per column).
    assert flat.count(DAMAGED) >= len(PLACES)
    for label in ("Kontaktuppgifter [skadat", "Svar [skadat", "Skattningar [skadat"):
        assert label in flat, label
    assert "{" not in flat  # no raw marker objects on paper
