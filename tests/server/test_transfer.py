"""Moving a case from a laptop's SQLite file to PostgreSQL and MariaDB as an encrypted file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assessment_app import demo
from assessment_app.db.models import AuditEvent, Case
from assessment_app.errors import NotFoundError, ValidationError
from assessment_app.records import plans
from assessment_app.records.cases import CaseQuery
from assessment_app.server import transfer
from assessment_app.workspace import Workspace
from tests.conftest import World
from tests.server.conftest import ON_SERVERS

PASS = "korv-med-bröd-och-senap"


def _content(ws: Workspace, case_id: str) -> dict[str, object]:
    info = ws.cases.open(case_id)
    return {
        "individual": (
            info.individual.name,
            info.individual.personnummer,
            info.individual.contact,
            info.individual.protection_level,
        ),
        "details": (info.referral_source, info.notes, info.status, info.opened_on),
        "consents": [
            (c.recipient_kind, c.provider_name, c.scope_areas, c.given_on, c.withdrawn_on)
            for c in ws.cases.consents(case_id).consents
        ],
        "assessments": [
            (a.kind, a.template_id, a.template_version, a.conducted_on, a.answers, a.ratings)
            for a in ws.cases.assessments(case_id)
        ],
        "plans": [
            {k: v for k, v in plans.as_json(p).items() if k != "actions"}
            | {"actions": [{**a, "provider_id": None} for a in plans.as_json(p)["actions"]]}
            for p in ws.cases.plans(case_id)
        ],
        "follow_ups": [(f.due_on, f.done_on) for f in ws.cases.follow_ups(case_id)],
    }


def _actions_of(ws: Workspace, case_id: str) -> list[str]:
    return [
        f"{a.what}|{a.provider_id is not None}" for p in ws.cases.plans(case_id) for a in p.actions
    ]


@ON_SERVERS
def test_transfer_sqlite_to_server(
    sqlite_world: World, server_world: World, tmp_path: Path
) -> None:
    laptop = sqlite_world.workspace("anna")
    ref = next(demo.generate(laptop, 1, seed=7))
    source = laptop.cases.page(CaseQuery(text=ref)).rows[0]
    plan = laptop.cases.plans(source.id)[0]
    plan = laptop.plans.submit(plan.id, plan.version, unfinished_reason="Akut")
    sqlite_world.workspace("chef").plans.decide(plan.id, plan.version, approve=False, comment="Mer")
    expected = _content(laptop, source.id)

    out = tmp_path / "arende.aatransfer"
    exported = laptop.admin.export_case(ref, out, PASS)
    data = out.read_bytes()
    name = laptop.cases.open(source.id).individual.name
    assert name.encode() not in data and b"Bo hos" not in data  # never plaintext on disk
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    server = server_world.workspace("bo")
    # An existing case on the target already has the source's reference number.
    server.cases.create(name="Finns Redan", opened_on=source.opened_on)
    before = server.cases.count(CaseQuery())

    with pytest.raises(transfer.TransferError) as wrong:
        server.admin.import_case(out, PASS + "x")
    assert "lösenfrasen" in wrong.value.user_message
    tampered = tmp_path / "tampered.aatransfer"
    flipped = bytearray(data)
    flipped[-40] ^= 0x01
    tampered.write_bytes(bytes(flipped))
    with pytest.raises(transfer.TransferError):
        server.admin.import_case(tampered, PASS)
    header_edit = bytearray(data)
    header_edit[len(transfer.MAGIC) + 20] ^= 0x01
    tampered.write_bytes(bytes(header_edit))
    with pytest.raises(transfer.TransferError):
        server.admin.import_case(tampered, PASS)
    assert server.cases.count(CaseQuery()) == before  # nothing imported

    result = server.admin.import_case(out, PASS)
    assert result.source_case_ref == ref and result.case_ref != ref
    assert result.transfer_id == exported.transfer_id
    assert (result.plans, result.assessments) == (1, len(expected["assessments"]))  # type: ignore[arg-type]
    assert result.unknown_reviewers == 0  # anna and chef exist here too: matched by user name
    imported = server.cases.page(CaseQuery(text=result.case_ref)).rows[0]
    assert imported.assigned_username == "bo"
    assert _content(server, imported.id) == expected
    assert _actions_of(server, imported.id) == _actions_of(laptop, source.id)
    # The providers came along with their register fields (organisation number, contract...).
    there = {p.name: p.fields for p in laptop.admin.providers(include_inactive=True)}
    arrived = server.admin.providers(include_inactive=True)
    assert arrived and all(p.fields == there[p.name] and p.org_number for p in arrived)
    # Found by personnummer and name through the target's own blind index.
    info = server.cases.open(imported.id)
    if info.individual.personnummer:
        found = server.cases.find_by_personnummer(info.individual.personnummer)
        assert [r.id for r in found] == [imported.id]
    assert imported.id in {r.id for r in server.cases.page(CaseQuery(text=name)).rows}

    with pytest.raises(ValidationError):
        server.admin.import_case(out, PASS)  # the same file twice

    laptop.admin.close_transferred(ref)
    closed = laptop.cases.open(source.id)
    assert closed.status == "closed" and closed.close_reason == transfer.CLOSE_REASON

    for world, action, case_id in (
        (sqlite_world, "transfer.export", source.id),
        (server_world, "transfer.import", imported.id),
    ):
        db = world.db()
        with db.sessions() as session:
            details = (
                session.execute(
                    select(AuditEvent.detail).where(
                        AuditEvent.action == action, AuditEvent.object_id == case_id
                    )
                )
                .scalars()
                .all()
            )
        db.dispose()
        assert len(details) == 1 and f"transfer={exported.transfer_id}" in str(details[0])


def test_export_needs_a_real_passphrase_and_access(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name="Kort Fras")
    with pytest.raises(ValidationError):
        anna.admin.export_case(row.case_ref, tmp_path / "x", "kort")
    with pytest.raises(NotFoundError, match="not found"):
        sqlite_world.workspace("bo").admin.export_case(row.case_ref, tmp_path / "x", PASS)
    with pytest.raises(NotFoundError):
        transfer.export_case_bundle(sqlite_world.sign_in("bo"), row.case_ref, tmp_path / "x", PASS)
    assert not (tmp_path / "x").exists()
    phrase = transfer.new_passphrase()
    assert len(phrase.replace("-", "")) == 24
    with pytest.raises(transfer.TransferError):
        transfer.open_bundle(b"not a transfer file", phrase)


@ON_SERVERS
def test_one_transfer_one_import_even_at_the_same_moment(
    sqlite_world: World, server_world: World, tmp_path: Path
) -> None:
    """Two workers import the same file at once, each in their own process through the command
    line (``assessment-app transfer import``): one case is created, the other is told clearly."""
    import os
    import subprocess
    import sys

    from tests.conftest import WORKER_PW

    laptop = sqlite_world.workspace("anna")
    ref = next(demo.generate(laptop, 1, seed=11))
    out = tmp_path / "arende.aatransfer"
    laptop.admin.export_case(ref, out, PASS)
    world = server_world
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSESSMENT_PASSWORD")}
    env |= {"ASSESSMENT_PASSWORD": WORKER_PW, "ASSESSMENT_TRANSFER_PASSPHRASE": PASS}
    # Both start before either has signed in (Argon2id, then the file's Argon2id key): their
    # imports run side by side, each in its own process with its own connections.
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "assessment_app",
                "--database",
                world.url,
                "--user",
                user,
                "transfer",
                "import",
                str(out),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for user in ("anna", "bo")
    ]
    outcomes = []
    for worker in workers:
        try:
            stdout, stderr = worker.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            for w in workers:
                w.kill()
            pytest.fail("an import hangs")
        outcomes.append((worker.returncode, stdout, stderr))
    imported = [o for o in outcomes if o[0] == 0]
    refused = [o for o in outcomes if o[0] != 0]
    assert len(imported) == 1 and len(refused) == 1, outcomes
    assert "Importerat som" in imported[0][1]
    _, stdout, stderr = refused[0]
    assert "Den här överföringsfilen är redan importerad till den här databasen." in stderr
    assert "Traceback" not in stderr + stdout and "Importerat" not in stdout
    with world.db().sessions() as session:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.action == transfer.TRANSFER_IMPORT)
        ).all()
        assert session.scalar(select(func.count()).select_from(Case)) == 1  # one case made
    assert len(rows) == 1
    # And later, one after the other, still refused.
    with pytest.raises(ValidationError, match="already"):
        world.workspace("anna").admin.import_case(out, PASS)


@ON_SERVERS
def test_an_imported_case_of_a_known_person_joins_their_record(
    sqlite_world: World, server_world: World, tmp_path: Path
) -> None:
    """One person, one record: the server already has a case for the personnummer, so the
    imported case is attached to that person (their stored name kept), the CLI and the audit
    say so, and the person's registerutdrag covers both cases."""
    laptop = sqlite_world.workspace("anna")
    row = laptop.cases.create(
        name="Laptop Namn", personnummer="19811228-9874", protection_level="sekretessmarkering"
    )
    out = tmp_path / "arende.aatransfer"
    laptop.admin.export_case(row.case_ref, out, PASS)

    server = server_world.workspace("bo")
    here = server.cases.create(name="Server Namn", personnummer="198112289874")
    result = server.admin.import_case(out, PASS)
    assert result.known_person
    found = server.cases.find_by_personnummer("19811228-9874")
    assert sorted(r.id for r in found) == sorted([here.id, result.case_id])
    imported = server.cases.open(result.case_id)
    assert imported.individual.name == "Server Namn"  # the record as it was
    assert imported.individual.protection_level == "sekretessmarkering"  # the stricter one is kept
    extract = tmp_path / "utdrag.json"
    server.documents.subject_access_json("19811228-9874", extract)
    data = json.loads(extract.read_text(encoding="utf-8"))
    assert {c["case_ref"] for c in data["cases"]} == {here.case_ref, result.case_ref}
    db = server_world.db()
    with db.sessions() as session:
        detail = session.execute(
            select(AuditEvent.detail).where(
                AuditEvent.action == "case.create", AuditEvent.object_id == result.case_id
            )
        ).scalar_one()
    db.dispose()
    assert detail == "known individual"
