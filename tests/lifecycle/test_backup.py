"""Backup and restore of a local SQLite database, and rollback detection (SQLite only)."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import select
from sqlalchemy.engine import make_url

from assessment_app import audit, demo
from assessment_app.credentials import CredentialStore
from assessment_app.db.engine import Database
from assessment_app.db.models import AuditEvent
from assessment_app.db.types import utcnow
from assessment_app.errors import AccessDeniedError, WrongPasswordError
from assessment_app.lifecycle import (
    BackupError,
    StateStore,
    accept_rollback,
    backup_due,
    check_rollback,
    create_backup,
    manifest_path,
    record_head,
    restore_backup,
)
from assessment_app.lifecycle.backup import restore_target, sqlite_path_of
from assessment_app.workspace import Workspace
from tests.conftest import ADMIN_PW, WORKER_PW


def _export(world_url: str, ref: str) -> dict:  # type: ignore[type-arg]
    from assessment_app import accounts

    ws = Workspace(accounts.sign_in(Database.open(world_url), "chef", WORKER_PW))
    data = ws.documents.subject_access(ref)
    ws.db.dispose()
    data.pop("generated_at")
    # The export is read as one snapshot and audited after it: its own entry is not in it.
    for case in data["cases"]:
        assert case["access_log"][-1]["action"] != "export"
    return data


@pytest.fixture
def backed_up(sqlite_world, tmp_path: Path, store: StateStore):  # type: ignore[no-untyped-def]
    chef = sqlite_world.workspace("chef")
    refs = list(demo.generate(chef, 3, seed=5))
    chef.db.dispose()
    admin = sqlite_world.sign_in("admin", ADMIN_PW)
    out = tmp_path / "backups" / "records-backup.sqlite3"
    out.parent.mkdir()
    steps: list[tuple[int, int]] = []
    info = create_backup(admin, out, store=store, progress=lambda d, t: steps.append((d, t)))
    admin.db.dispose()
    assert steps[-1] == (4, 4)
    return sqlite_world, refs, info


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_backup_files_and_audit(backed_up, store: StateStore) -> None:  # type: ignore[no-untyped-def]
    world, _refs, info = backed_up
    assert info.path.exists() and info.manifest == manifest_path(info.path)
    assert oct(info.path.stat().st_mode & 0o777) == "0o600"
    assert oct(info.manifest.stat().st_mode & 0o777) == "0o600"
    manifest = json.loads(info.manifest.read_text(encoding="utf-8"))
    assert manifest["sha256"] == info.sha256 and manifest["size"] == info.path.stat().st_size
    assert manifest["signature"]
    # a single self-contained file, nothing else left in the folder
    assert _listing(info.path.parent) == {info.path.name, info.manifest.name}
    admin = world.sign_in("admin", ADMIN_PW)
    with admin.db.sessions() as session:
        details = list(
            session.execute(
                select(AuditEvent.detail).where(AuditEvent.action == "backup")
            ).scalars()
        )
    assert details == [f"sha256 {info.sha256[:16]} seq {info.audit_seq}"]
    with pytest.raises(BackupError, match="already exists"):
        create_backup(admin, info.path, store=store)
    with pytest.raises(AccessDeniedError):
        create_backup(world.sign_in("chef"), info.path.with_name("x.sqlite3"), store=store)


def test_restored_backup_gives_the_same_subject_access(backed_up, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    world, refs, info = backed_up
    before = {ref: _export(world.url, ref) for ref in refs}
    target = tmp_path / "restored" / "records.sqlite3"
    target.parent.mkdir()
    restored = restore_backup(info.path, target, "admin", ADMIN_PW, store=store)
    assert restored.path == target and restored.database_id == info.database_id
    assert _listing(target.parent) == {"records.sqlite3"}  # no WAL, no temporary files
    url = f"sqlite:///{target}"
    for ref in refs:
        assert _export(url, ref) == before[ref]
    from assessment_app import accounts

    ctx = accounts.sign_in(Database.open(url), "admin", ADMIN_PW)
    with ctx.db.sessions() as session:
        assert audit.verify(session, ctx.keys.audit_key).ok
        restore_entries = list(
            session.execute(
                select(AuditEvent.detail).where(AuditEvent.action == "restore")
            ).scalars()
        )
    assert restore_entries == [f"from sha256 {info.sha256[:16]} seq {info.audit_seq}"]


def _refused(info, tmp_path: Path, store, match: str, password: str = ADMIN_PW) -> None:  # type: ignore[no-untyped-def]
    target_dir = tmp_path / "target"
    target_dir.mkdir(exist_ok=True)
    before = _listing(target_dir)
    with pytest.raises((BackupError, WrongPasswordError)) as raised:
        restore_backup(info.path, target_dir / "new.sqlite3", "admin", password, store=store)
    assert match in str(raised.value)
    assert _listing(target_dir) == before  # nothing left behind


def test_corrupt_backup_is_refused(backed_up, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    _world, _refs, info = backed_up
    data = bytearray(info.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    info.path.write_bytes(bytes(data))
    _refused(info, tmp_path, store, "checksum does not match")


def test_truncated_backup_is_refused(backed_up, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    _world, _refs, info = backed_up
    data = info.path.read_bytes()
    info.path.write_bytes(data[: len(data) // 3])
    _refused(info, tmp_path, store, "incomplete")


def test_wrong_missing_or_forged_manifest_is_refused(backed_up, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    world, _refs, info = backed_up
    original = info.manifest.read_text(encoding="utf-8")
    # the manifest of another (later) backup of the same database
    admin = world.sign_in("admin", ADMIN_PW)
    other = create_backup(admin, tmp_path / "other.sqlite3", store=store)
    admin.db.dispose()
    info.manifest.write_text(other.manifest.read_text(encoding="utf-8"), encoding="utf-8")
    _refused(info, tmp_path, store, "checksum does not match")
    info.manifest.write_text("{not json", encoding="utf-8")
    _refused(info, tmp_path, store, "damaged")
    info.manifest.unlink()
    _refused(info, tmp_path, store, "is missing")
    # an edited manifest whose checksum still matches fails its signature after sign-in
    forged = json.loads(original)
    forged["created_at"] = "2001-01-01T00:00:00+00:00"
    info.manifest.write_text(json.dumps(forged), encoding="utf-8")
    _refused(info, tmp_path, store, "signature")
    # a wrong password leaves nothing behind either
    info.manifest.write_text(original, encoding="utf-8")
    _refused(info, tmp_path, store, "", password="not-the-password")


def test_restore_refuses_to_overwrite(backed_up, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    _world, _refs, info = backed_up
    target = tmp_path / "existing.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(BackupError, match="already exists"):
        restore_backup(info.path, target, "admin", ADMIN_PW, store=store)
    assert target.read_bytes() == b"keep me"
    Path(f"{target}-wal").write_bytes(b"stale")
    restore_backup(info.path, target, "admin", ADMIN_PW, force=True, store=store)
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not Path(f"{target}-wal").exists()
    with pytest.raises(BackupError, match="new file"):
        restore_backup(info.path, info.path, "admin", ADMIN_PW, force=True, store=store)


def test_server_urls_are_refused() -> None:
    for url in ("postgresql+psycopg://u@127.0.0.1/db", "mysql+pymysql://u@127.0.0.1/db"):
        with pytest.raises(BackupError, match=r"server-setup\.md"):
            sqlite_path_of(make_url(url))
        with pytest.raises(BackupError, match="pg_dump"):
            restore_target(url)


def test_backup_reminder(backed_up, store: StateStore) -> None:  # type: ignore[no-untyped-def]
    world, _refs, _info = backed_up
    db_path = Path(make_url(world.url).database or "")
    now = utcnow()
    assert not backup_due(db_path, now, store=store)
    assert not backup_due(db_path, now + timedelta(days=6), store=store)
    assert backup_due(db_path, now + timedelta(days=7), store=store)
    assert backup_due(db_path, now, every_days=7, store=StateStore(store.path.with_name("none")))
    assert backup_due(db_path.with_name("other.sqlite3"), now, store=store)


# --- rollback ------------------------------------------------------------------------------


def _replace_database(world_url: str, backup: Path, tmp_path: Path, store) -> None:  # type: ignore[no-untyped-def]
    path = Path(make_url(world_url).database or "")
    staged = tmp_path / "staged.sqlite3"
    restore_backup(backup, staged, "admin", ADMIN_PW, store=store)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, path)


def test_rollback_is_detected(sqlite_world, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    admin = sqlite_world.sign_in("admin", ADMIN_PW)
    first = check_rollback(admin, store)
    assert first.state == "unknown" and first.reason == "no_anchor" and not first.warning
    assert record_head(admin, store).state == "unknown"
    assert check_rollback(admin, store).state == "ok"
    old = create_backup(admin, tmp_path / "old.sqlite3", store=store)
    chef = sqlite_world.workspace("chef")
    list(demo.generate(chef, 2, seed=1))
    chef.db.dispose()
    ok = record_head(admin, store)
    assert ok.state == "ok" and ok.protected
    newest = ok.current_seq
    admin.db.dispose()

    _replace_database(sqlite_world.url, old.path, tmp_path, store)
    admin = sqlite_world.sign_in("admin", ADMIN_PW)
    status = record_head(admin, store)
    assert status.state == "went_backwards" and not status.diverged
    assert status.anchor_seq is not None and status.anchor_seq > status.current_seq
    assert status.warning and "äldre" in status.message("sv") and "older" in status.message("en")
    # the anchor stays: the warning comes back, now as a diverged history once work goes on
    chef = sqlite_world.workspace("chef")
    list(demo.generate(chef, 3, seed=2))
    chef.db.dispose()
    again = check_rollback(admin, store)
    assert again.state == "went_backwards" and again.diverged and again.current_seq > newest
    with admin.db.sessions() as session:
        assert session.execute(
            select(AuditEvent.seq).where(AuditEvent.action == "rollback.detected")
        ).first()
    with pytest.raises(AccessDeniedError):
        accept_rollback(sqlite_world.sign_in("chef"), store)
    assert accept_rollback(admin, store).state == "ok"
    assert record_head(admin, store).state == "ok"


def test_tampered_anchor_and_missing_keyring(sqlite_world, tmp_path, store) -> None:  # type: ignore[no-untyped-def]
    admin = sqlite_world.sign_in("admin", ADMIN_PW)
    record_head(admin, store)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    (entry,) = data["anchors"].values()
    assert entry["hmac"]
    entry["seq"] = 1  # lowering the anchor to hide a rollback
    store.path.write_text(json.dumps(data), encoding="utf-8")
    status = check_rollback(admin, store)
    assert status.state == "unknown" and status.reason == "anchor_tampered" and status.warning

    # Without a trusted keyring the anchor is kept unprotected and still notices a rollback.
    bare = StateStore(tmp_path / "bare.json", CredentialStore(fail.Keyring()))
    old = create_backup(admin, tmp_path / "old.sqlite3", store=bare)
    sqlite_world.sign_in("chef").db.dispose()  # a login entry moves the head
    assert record_head(admin, bare).state == "unknown"
    assert (
        json.loads(bare.path.read_text(encoding="utf-8"))["anchors"][
            record_head(admin, bare).database_id
        ]["hmac"]
        is None
    )
    admin.db.dispose()
    _replace_database(sqlite_world.url, old.path, tmp_path, bare)
    admin = sqlite_world.sign_in("admin", ADMIN_PW)
    status = check_rollback(admin, bare)
    assert status.state == "went_backwards" and not status.protected
