"""One person across cases: a known personnummer joins the new case to the person's record,
duplicates made before are merged by migration 0005g, and the registerutdrag starts from the
person and covers every case of theirs (issue 17, point 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assessment_app.db.engine import Database, alembic_config, head_revision
from assessment_app.db.models import Case, Individual, NameToken
from assessment_app.errors import ValidationError
from assessment_app.records import cases
from assessment_app.records.cases import CaseQuery, Contact
from tests.conftest import WORKER_PW, World, make_world

PNR = "19811228-9874"
SERVER_BACKENDS = pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)


@SERVER_BACKENDS
def test_a_known_personnummer_joins_the_person_and_the_export_covers_both(
    db_url: str, tmp_path: Path
) -> None:
    world = make_world(db_url)
    anna = world.workspace("anna")
    first = anna.cases.create(
        name="Åsa Öberg", personnummer=PNR, contact=Contact(city="Kungsängen")
    )
    assert not first.attached
    second = anna.cases.create(name="Åsa Öberg-Lind", personnummer="811228-9874")
    assert second.attached
    assert second.individual_id == first.individual_id
    # The person's record is kept as it was: one name, one set of contact details.
    info = anna.cases.open(second.id)
    assert info.individual.name == "Åsa Öberg"
    assert info.individual.contact.city == "Kungsängen"
    with world.db().session() as session:
        assert session.execute(select(func.count()).select_from(Individual)).scalar() == 1
    out = tmp_path / "utdrag.json"
    anna.documents.subject_access_json(second.case_ref, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["case_ref"] for c in data["cases"]] == [first.case_ref, second.case_ref]
    assert data["individual"]["personnummer"] == "198112289874"
    # Starting from the person (their personnummer) gives the same cases.
    by_person = anna.documents.subject_access("198112289874")
    assert [c["case_ref"] for c in by_person["cases"]] == [first.case_ref, second.case_ref]
    # A number given to another person is refused, not a second record of the same person.
    third = anna.cases.create(name="Bertil Ek")
    with pytest.raises(ValidationError) as refused:
        anna.cases.update_individual(third.id, 1, personnummer=PNR)
    assert "personnummer" in refused.value.message_en


def test_the_cli_says_the_case_joined_a_known_person(sqlite_world: World) -> None:
    env = {
        **os.environ,
        "ASSESSMENT_DATABASE_URL": sqlite_world.url,
        "ASSESSMENT_PASSWORD": WORKER_PW,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    command = [sys.executable, "-m", "assessment_app", "--user", "anna", "--lang", "en", "case"]
    args = ["create", "--name", "Åsa Öberg", "--personnummer", PNR]
    run = subprocess.run(command + args, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "already known" not in run.stdout
    run = subprocess.run(command + args, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "already known" in run.stdout and "AV-" in run.stdout


def _old_style_duplicate(world: World, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two cases for one personnummer as the code before 0005g made them: two individuals."""
    anna = world.workspace("anna")
    first = anna.cases.create(name="Åsa Öberg", personnummer=PNR)
    with monkeypatch.context() as m:
        m.setattr(cases, "known_individual", lambda *_a: None)
        second = anna.cases.create(
            name="Åsa Öberg",
            personnummer=PNR,
            contact=Contact(city="Bro"),
            protection_level="sekretessmarkering",
        )
    other = anna.cases.create(name="Bertil Ek", personnummer="19900101-0017")
    assert second.individual_id != first.individual_id
    return [first.case_ref, second.case_ref, other.case_ref]


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_the_migration_merges_duplicates_into_one_person(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(db_url)
    refs = _old_style_duplicate(world, monkeypatch)
    db = world.db()
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(Individual)).scalar() == 3
    from alembic import command

    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0004e")  # the schema of the release before
    db.dispose()
    old = Database.open(db_url, allow_old_schema=True)
    old.upgrade()
    assert old.current_revision() == head_revision()
    with old.session() as session:
        individuals = session.execute(select(Individual)).scalars().all()
        assert len(individuals) == 2
        owners = dict(session.execute(select(Case.case_ref, Case.individual_id)).all())
        assert owners[refs[0]] == owners[refs[1]] != owners[refs[2]]
        kept = session.get(Individual, owners[refs[0]])
        assert kept is not None and kept.protection_level == "sekretessmarkering"
        token_owners = set(session.execute(select(NameToken.individual_id)).scalars())
        assert token_owners == {i.id for i in individuals}
    old.dispose()
    anna = world.workspace("anna")
    # The kept record is the one with contact details; its values still open.
    info = anna.cases.open(case_ref=refs[0])
    assert info.individual.contact.city == "Bro"
    assert info.individual.personnummer == "198112289874"
    found = anna.cases.page(CaseQuery(text="198112289874")).rows
    assert sorted(r.case_ref for r in found) == refs[:2]
    out = tmp_path / "utdrag.json"
    anna.documents.subject_access_json(refs[1], out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["case_ref"] for c in data["cases"]] == refs[:2]
    # A new case now joins the merged person.
    assert anna.cases.create(name="Åsa", personnummer=PNR).individual_id == owners[refs[0]]


@SERVER_BACKENDS
def test_nfkc_variants_of_a_personnummer_and_a_name_are_one_person(db_url: str) -> None:
    world = make_world(db_url)
    anna = world.workspace("anna")
    full_width = "１９８１１２２８－９８７４"  # full-width digits and dash
    first = anna.cases.create(name="A\u030asa O\u0308berg", personnummer=full_width)  # NFD
    info = anna.cases.open(first.id)
    assert info.individual.personnummer == "198112289874"  # stored normalised, not as typed
    assert info.individual.name == "Åsa Öberg"  # composed (NFC)
    for typed in (
        "198112289874",
        "19811228-9874",
        "811228‐9874",
        "\u0661\u0669\u0668\u0661\u0661\u0662\u0662\u0668\u0669\u0668\u0667\u0664",
    ):
        rows = anna.cases.page(CaseQuery(text=typed)).rows
        assert [r.case_ref for r in rows] == [first.case_ref], typed
    # Typed another way, the number is the same person.
    again = anna.cases.create(name="Åsa Öberg", personnummer="19811228 9874")
    assert again.attached and again.individual_id == first.individual_id
    for name in ("Åsa", "öberg", "ＯＢＥＲＧ".replace("Ｏ", "Ö"), "Ａｓａ".replace("Ａ", "Å")):
        rows = anna.cases.page(CaseQuery(text=name)).rows
        assert {r.individual_id for r in rows} == {first.individual_id}, name
