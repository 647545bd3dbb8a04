"""The scanned signed copy of a consent: sealed with the data key and bound to its row, PDF,
JPEG or PNG by their first bytes, at most 10 MB, written out atomically and audited by ids;
cleared with the case, re-encrypted by a key rotation, a damaged copy said, not shown."""

from __future__ import annotations

import stat
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from assessment_app.db.models import AuditEvent, ConsentDocument
from assessment_app.errors import NotFoundError, ValidationError
from assessment_app.keys_admin import rotate_data_key
from assessment_app.lifecycle.purge import purge_case
from assessment_app.records.consents import MAX_DOCUMENT_BYTES, PART_BYTES
from assessment_app.workspace import Workspace
from assessment_app.workspace.cases import DocumentDamagedError
from tests.conftest import ADMIN_PW, World

MARKER = b"Underskrift Asa Oberg 19811228-9874"


def png(text: bytes = MARKER) -> bytes:
    """A real 2x2 PNG with ``text`` in a tEXt chunk (the words to look for at rest)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"tEXt", b"Comment\x00" + text)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _consent(world: World) -> tuple[Workspace, str, str]:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Åsa Öberg")
    c = anna.cases.give_consent(row.id, "police", ["housing"])
    return anna, row.id, c.id


def _audit(world: World, object_id: str) -> list[tuple[str, str | None]]:
    with world.db().sessions() as session:
        return [
            (e.action, e.detail)
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.object_id == object_id).order_by(AuditEvent.seq)
            ).scalars()
        ]


def _stored(world: World) -> list[ConsentDocument]:
    with world.db().sessions() as session:
        return list(session.execute(select(ConsentDocument)).scalars())


def test_the_copy_round_trips_sealed(world: World, tmp_path: Path) -> None:
    anna, case_id, consent_id = _consent(world)
    data = png()
    source = tmp_path / "Åsa Öberg samtycke.png"
    source.write_bytes(data)
    info = anna.cases.attach_consent_document(consent_id, source)
    assert (info.mime_type, info.size, info.suffix) == ("image/png", len(data), ".png")
    [c] = anna.cases.consents(case_id).consents
    assert c.document == info  # the list says there is a copy (without reading its bytes)

    out = tmp_path / "ut" / "kopia.png"
    out.parent.mkdir()
    saved = anna.cases.save_consent_document(consent_id, out)
    assert saved.id == info.id and out.read_bytes() == data
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["kopia.png"]  # no temporary file left

    # At rest: sealed, bound to its row, not the file's bytes.
    [row] = _stored(world)  # a small copy is one part
    assert (row.part, row.parts, row.id) == (0, 1, info.id)
    assert row.case_id == case_id and row.consent_id == consent_id and row.size == len(data)
    assert row.content_enc != data and MARKER not in row.content_enc
    assert data not in row.content_enc and len(row.content_enc) == len(data) + 45 + 40
    if world.url.startswith("sqlite"):
        path = Path(world.url.removeprefix("sqlite:///"))
        for f in (path, path.with_name(path.name + "-wal")):
            if f.exists():
                assert MARKER not in f.read_bytes(), f.name

    # Audited by ids only: attached, then exported.
    entries = _audit(world, consent_id)
    assert ("record.create", f"document attached {info.id}") in entries
    assert entries[-1] == ("export", f"document {info.id}")
    assert not any("Åsa" in (d or "") or "png" in (d or "") for _a, d in entries)


def test_a_second_copy_replaces_the_first(world: World) -> None:
    anna, case_id, consent_id = _consent(world)
    first = anna.cases.attach_consent_document(consent_id, png(b"first"))
    pdf = b"%PDF-1.4\n% scanned\n%%EOF\n"
    second = anna.cases.attach_consent_document(consent_id, pdf)
    assert second.mime_type == "application/pdf" and second.id != first.id
    assert [d.id for d in _stored(world)] == [second.id]
    assert _audit(world, consent_id)[-1] == ("record.update", f"document replaced {second.id}")
    [c] = anna.cases.consents(case_id).consents
    assert c.document is not None and c.document.id == second.id


def test_the_ten_megabyte_limit(world: World, tmp_path: Path) -> None:
    anna, _case_id, consent_id = _consent(world)
    head = b"\xff\xd8\xff\xe0"
    at_limit = head + b"\x00" * (MAX_DOCUMENT_BYTES - len(head))
    big = tmp_path / "stor.jpg"
    big.write_bytes(at_limit + b"\x00")
    with pytest.raises(ValidationError) as refused:
        anna.cases.attach_consent_document(consent_id, big)
    assert "10 MB" in refused.value.user_message
    with pytest.raises(ValidationError):
        anna.cases.attach_consent_document(consent_id, at_limit + b"\x00")
    assert _stored(world) == []
    info = anna.cases.attach_consent_document(consent_id, at_limit)  # exactly 10 MB is fine
    assert (info.size, info.mime_type) == (MAX_DOCUMENT_BYTES, "image/jpeg")
    # Stored in parts, so no statement nears a server's packet limit (MariaDB: 16 MiB).
    parts = _stored(world)
    assert sorted((p.part, p.parts) for p in parts) == [(0, 3), (1, 3), (2, 3)]
    assert max(len(p.content_enc) for p in parts) < PART_BYTES + 100
    out = tmp_path / "tillbaka.jpg"
    anna.cases.save_consent_document(consent_id, out)
    assert out.stat().st_size == MAX_DOCUMENT_BYTES and out.read_bytes() == at_limit


def test_only_pdf_jpeg_and_png_by_their_first_bytes(world: World, tmp_path: Path) -> None:
    anna, _case_id, consent_id = _consent(world)
    for data in (b"GIF89a" + b"\x00" * 20, b"Hej, jag samtycker.", b"PK\x03\x04docx", b"PNG"):
        with pytest.raises(ValidationError) as refused:
            anna.cases.attach_consent_document(consent_id, data)
        assert "PDF-, JPEG- eller PNG-fil" in refused.value.user_message
    named_png = tmp_path / "egentligen-text.png"  # the name does not make it a PNG
    named_png.write_bytes(b"just text")
    with pytest.raises(ValidationError):
        anna.cases.attach_consent_document(consent_id, named_png)
    with pytest.raises(ValidationError) as empty:
        anna.cases.attach_consent_document(consent_id, b"")
    assert "tom" in empty.value.user_message
    with pytest.raises(ValidationError) as missing:
        anna.cases.attach_consent_document(consent_id, tmp_path / "Åsa finns inte.pdf")
    assert "Åsa" not in missing.value.user_message and "Åsa" not in str(missing.value)
    assert _stored(world) == []


def test_no_copy_for_whom_the_case_is_out_of_reach(world: World, tmp_path: Path) -> None:
    anna, _case_id, consent_id = _consent(world)
    anna.cases.attach_consent_document(consent_id, png())
    bo = world.workspace("bo")
    with pytest.raises(NotFoundError):
        bo.cases.save_consent_document(consent_id, tmp_path / "bo.png")
    with pytest.raises(NotFoundError):
        bo.cases.attach_consent_document(consent_id, png(b"bo"))
    assert not (tmp_path / "bo.png").exists()
    chef = world.workspace("chef")  # the unit's supervisor reaches the unit's cases
    chef.cases.save_consent_document(consent_id, tmp_path / "chef.png")
    assert (tmp_path / "chef.png").read_bytes() == png()
    other = anna.cases.give_consent(anna.cases.create(name="Utan Kopia").id, "police", ["x"])
    with pytest.raises(NotFoundError) as none:
        anna.cases.save_consent_document(other.id, tmp_path / "ingen.png")
    assert "ingen inskannad kopia" in none.value.user_message


def test_a_damaged_copy_is_said_and_audited_not_written(world: World, tmp_path: Path) -> None:
    anna, _case_id, consent_id = _consent(world)
    info = anna.cases.attach_consent_document(consent_id, png())
    [row] = _stored(world)
    flipped = bytearray(row.content_enc)
    flipped[-1] ^= 1
    with world.db().session() as session:
        session.execute(
            update(ConsentDocument)
            .where(ConsentDocument.id == info.id)
            .values(content_enc=bytes(flipped))
        )
    out = tmp_path / "skadad.png"
    with pytest.raises(DocumentDamagedError) as damaged:
        anna.cases.save_consent_document(consent_id, out)
    assert "integritetskontrollen" in damaged.value.user_message
    assert not out.exists()
    assert _audit(world, info.id) == [("integrity.failure", "content_enc")]
    assert not any(a == "export" for a, _d in _audit(world, consent_id))


def _three_parts(world: World) -> tuple[Workspace, str, bytes, list[ConsentDocument]]:
    anna, _case_id, consent_id = _consent(world)
    data = b"%PDF-1.7\n" + bytes(range(256)) * ((2 * PART_BYTES) // 256 + 10)
    anna.cases.attach_consent_document(consent_id, data)
    parts = sorted(_stored(world), key=lambda p: p.part)
    assert [p.part for p in parts] == [0, 1, 2]
    return anna, consent_id, data, parts


def test_parts_read_back_whole_and_in_order(world: World, tmp_path: Path) -> None:
    anna, consent_id, data, _parts = _three_parts(world)
    out = tmp_path / "hel.pdf"
    anna.cases.save_consent_document(consent_id, out)
    assert out.read_bytes() == data


@pytest.mark.parametrize("harm", ["swap", "drop", "renumber"])
def test_swapped_or_missing_parts_are_damage(world: World, tmp_path: Path, harm: str) -> None:
    anna, consent_id, _data, parts = _three_parts(world)
    with world.db().session() as session:
        if harm == "swap":  # the ciphertexts change places (and their seals with them)
            for a, b in ((parts[1], parts[2]), (parts[2], parts[1])):
                session.execute(
                    update(ConsentDocument)
                    .where(ConsentDocument.id == a.id)
                    .values(content_enc=b.content_enc)
                )
        elif harm == "drop":
            session.execute(delete(ConsentDocument).where(ConsentDocument.id == parts[1].id))
        else:  # the rows keep their seals, but say another place
            session.execute(
                update(ConsentDocument).where(ConsentDocument.id == parts[1].id).values(part=7)
            )
            session.execute(
                update(ConsentDocument).where(ConsentDocument.id == parts[2].id).values(part=1)
            )
    out = tmp_path / "skadad.pdf"
    with pytest.raises(DocumentDamagedError):
        anna.cases.save_consent_document(consent_id, out)
    assert not out.exists()
    assert not any(a == "export" for a, _d in _audit(world, consent_id))


def test_rotation_reencrypts_the_copy_and_it_still_reads(world: World, tmp_path: Path) -> None:
    anna, _case_id, consent_id = _consent(world)
    data = png()
    anna.cases.attach_consent_document(consent_id, data)
    [before] = _stored(world)
    admin = world.sign_in("admin", ADMIN_PW)
    result = rotate_data_key(admin, batch_size=2)
    assert result.failed == 0
    [after] = _stored(world)
    assert after.content_enc != before.content_enc
    assert after.content_enc[1:17] == bytes.fromhex(result.new_key_id)
    out = tmp_path / "efter.png"
    anna.cases.save_consent_document(consent_id, out)  # signed in before: reloads the keys
    assert out.read_bytes() == data


def test_deleting_the_case_clears_the_copy(world: World) -> None:
    anna, case_id, consent_id = _consent(world)
    anna.cases.attach_consent_document(consent_id, png())
    keep_case = anna.cases.create(name="Kvar")
    kept = anna.cases.give_consent(keep_case.id, "police", ["housing"])
    anna.cases.attach_consent_document(kept.id, png(b"kvar"))
    with world.db().session() as session:
        assert purge_case(session, case_id)
    with world.db().sessions() as session:
        left = session.execute(select(ConsentDocument.consent_id)).scalars().all()
        assert left == [kept.id]
        assert session.execute(select(func.count()).select_from(ConsentDocument)).scalar() == 1


def test_a_copy_given_with_the_consent_is_checked_first(world: World, tmp_path: Path) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Åsa Öberg")
    wrong = tmp_path / "samtycke.png"
    wrong.write_bytes(b"GIF89a not a png")
    with pytest.raises(ValidationError):
        anna.cases.give_consent(row.id, "police", ["housing"], document=wrong)
    assert anna.cases.consents(row.id).consents == []  # nothing was written
    wrong.write_bytes(png())
    c = anna.cases.give_consent(row.id, "police", ["housing"], document=wrong)
    assert c.document is not None and c.document.mime_type == "image/png"
    [stored] = anna.cases.consents(row.id).consents
    assert stored.document == c.document
    # With a change: the copy is replaced in the same transaction as the new end date.
    changed = anna.cases.update_consent(
        c.id, c.version, valid_until=date(2027, 1, 31), document=b"%PDF-1.4 x"
    )
    assert changed.valid_until == date(2027, 1, 31)
    assert changed.document is not None and changed.document.mime_type == "application/pdf"
    with pytest.raises(ValidationError):
        anna.cases.update_consent(c.id, changed.version, valid_until=None, document=b"nope")
    [stored] = anna.cases.consents(row.id).consents
    assert stored.valid_until == date(2027, 1, 31) and stored.version == changed.version
