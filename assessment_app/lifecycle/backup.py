"""Backup and restore of a local SQLite database.

A backup is two files (see docs/lifecycle.md):

- ``FILE``: a consistent copy made through SQLite's backup API while the app may be running.
  It is the database itself, still encrypted, switched to a single self-contained file
  (``journal_mode=DELETE``) and readable only by its owner.
- ``FILE.manifest.json``: the copy's size and SHA-256, the database id, the schema revision
  and the newest sealed audit entry, signed with an HMAC under a key derived from the
  database's audit key (so only someone who can unlock the database can make a valid one).

A restore goes to a new file. The copy is written beside the destination under a hidden
temporary name, checked (size and checksum against the manifest, SQLite integrity, database
id, audit head, then after signing in the audit chain and the manifest signature) and only then
moved into place. Anything that fails leaves nothing behind.

Server databases are refused: PostgreSQL and MariaDB have their own backup tools
(docs/server-setup.md).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError as SAOperationalError

from assessment_app import __version__, accounts, audit
from assessment_app.context import Context
from assessment_app.db.engine import Database, alembic_config, head_revision
from assessment_app.db.types import utcnow
from assessment_app.errors import AppError
from assessment_app.lifecycle.anchor import RollbackStatus, check_rollback
from assessment_app.lifecycle.codes import BACKUP, RESTORE
from assessment_app.lifecycle.state import BackupRecord, StateStore

MANIFEST_FORMAT = "assessment-app/backup/1"
MANIFEST_SUFFIX = ".manifest.json"
CHUNK = 1024 * 1024

Progress = Callable[[int, int], None]


class BackupError(AppError):
    """A backup could not be made, or a backup file is refused."""


def _server_refused() -> BackupError:
    return BackupError(
        "Backup and restore here work only on a local SQLite file. A server database "
        "(PostgreSQL, MariaDB) is backed up with the server's own tools (pg_dump, "
        "mariadb-dump or mariabackup); see docs/server-setup.md.",
        "Säkerhetskopiering och återställning här gäller bara en lokal SQLite-fil. En "
        "serverdatabas (PostgreSQL, MariaDB) säkerhetskopieras med serverns egna verktyg "
        "(pg_dump, mariadb-dump eller mariabackup); se docs/server-setup.md.",
    )


def _refused_backup(en: str, sv: str) -> BackupError:
    return BackupError(
        f"The backup is refused: {en} Nothing was restored.",
        f"Säkerhetskopian godtas inte: {sv} Ingenting har återställts.",
    )


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


@dataclass(frozen=True)
class Manifest:
    format: str
    database_id: str
    created_at: str
    app_version: str
    schema_revision: str
    file_name: str
    size: int
    sha256: str
    audit_seq: int
    audit_mac: str
    signature: str = ""

    def payload(self) -> bytes:
        fields = {k: v for k, v in asdict(self).items() if k != "signature"}
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, data: object) -> Manifest:
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            raise ValueError("format")
        return cls(
            format=str(data["format"]),
            database_id=str(data["database_id"]),
            created_at=str(data["created_at"]),
            app_version=str(data["app_version"]),
            schema_revision=str(data["schema_revision"]),
            file_name=str(data["file_name"]),
            size=int(data["size"]),
            sha256=str(data["sha256"]),
            audit_seq=int(data["audit_seq"]),
            audit_mac=str(data["audit_mac"]),
            signature=str(data.get("signature", "")),
        )


def _signing_key(audit_key: bytes) -> bytes:
    return hmac.new(audit_key, b"backup-manifest-v1", hashlib.sha256).digest()


def sign_manifest(manifest: Manifest, audit_key: bytes) -> str:
    return hmac.new(_signing_key(audit_key), manifest.payload(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    manifest: Path
    database_id: str
    size: int
    sha256: str
    audit_seq: int


@dataclass(frozen=True)
class RestoreInfo:
    path: Path
    database_id: str
    audit_entries: int
    backup_audit_seq: int
    created_at: str
    rollback: RollbackStatus


# --- helpers -------------------------------------------------------------------------------


def sqlite_path_of(url: URL) -> Path:
    if url.get_backend_name() != "sqlite":
        raise _server_refused()
    if not url.database or url.database == ":memory:":
        raise BackupError("Give a database file.", "Ange en databasfil.")
    return Path(url.database).expanduser().resolve()


def restore_target(value: str) -> Path:
    """``--to`` as a path or a ``sqlite:///`` URL; a server URL is refused."""
    if "://" in value:
        return sqlite_path_of(make_url(value))
    return Path(value).expanduser().resolve()


def _sha256_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


def _place(tmp: Path, dest: Path, overwrite: bool) -> None:
    """Move ``tmp`` to ``dest``; without ``overwrite`` an existing ``dest`` is never replaced."""
    if overwrite:
        for suffix in ("-wal", "-shm", "-journal"):  # a stale WAL would corrupt the new file
            with contextlib.suppress(FileNotFoundError):
                dest.with_name(dest.name + suffix).unlink()
        os.replace(tmp, dest)
        return
    try:
        os.link(tmp, dest)  # atomic: fails if dest exists
    except FileExistsError:
        raise _exists(dest) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if dest.exists():  # a file system without hard links
            raise _exists(dest) from None
        os.replace(tmp, dest)
        return
    tmp.unlink()


def _exists(dest: Path) -> BackupError:
    return BackupError(
        f"{dest} already exists; give another file or add --force to replace it.",
        f"{dest} finns redan; ange en annan fil eller lägg till --force för att ersätta den.",
    )


def _file_error(exc: OSError, path: Path) -> BackupError:
    return BackupError(
        f"Cannot write {path}: {exc.strerror or type(exc).__name__}.",
        f"Kan inte skriva {path}: {exc.strerror or type(exc).__name__}.",
    )


def _sqlite_write_error(exc: Exception, path: Path) -> BackupError:
    """A copy that SQLite could not write: the disk is full, the file too large or gone."""
    text = str(exc).lower()
    if "full" in text or "too large" in text or "file size" in text:
        why_en, why_sv = "the disk is full (or the file too large for it)", "disken är full"
    else:
        why_en, why_sv = "the target could not be written", "målet gick inte att skriva"
    return BackupError(
        f"Cannot write {path}: {why_en}. No backup was made and no part of one is left; "
        "free some space or choose another place.",
        f"Kan inte skriva {path}: {why_sv}. Ingen säkerhetskopia gjordes och ingen del av "
        "den finns kvar; frigör utrymme eller välj en annan plats.",
    )


def _read_facts(conn: sqlite3.Connection) -> tuple[str, int, str, str]:
    """Database id, sealed audit head (seq, MAC) and schema revision of an SQLite copy."""
    db_id = conn.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
    head = conn.execute("SELECT sealed_seq, mac FROM audit_head WHERE id = 1").fetchone()
    rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if db_id is None or head is None or rev is None:
        raise sqlite3.DatabaseError("missing rows")
    return str(db_id[0]), int(head[0]), str(head[1]), str(rev[0])


def _write_json_private(path: Path, data: dict[str, Any], overwrite: bool) -> None:
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        _place(tmp, path, overwrite)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# --- backup --------------------------------------------------------------------------------


def create_backup(
    ctx: Context,
    out: Path,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    store: StateStore | None = None,
) -> BackupInfo:
    """Copy the signed-in database to ``out`` (+ manifest). Administrators only; audited."""
    ctx.require_role("administrator")
    source = sqlite_path_of(ctx.db.url)
    out = Path(out).expanduser().resolve()
    man_path = manifest_path(out)
    if out == source or out.name.startswith(source.name + "-"):
        raise BackupError(
            "The backup must be a file of its own, not the database itself.",
            "Säkerhetskopian måste vara en egen fil, inte själva databasen.",
        )
    if not overwrite:
        for path in (out, man_path):
            if path.exists():
                raise _exists(path)
    if not out.parent.is_dir():
        raise BackupError(
            f"The folder {out.parent} does not exist.", f"Mappen {out.parent} finns inte."
        )
    steps = 4
    try:
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=".", suffix=".backup.tmp")
    except OSError as exc:
        raise _file_error(exc, out) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            src.backup(dst)  # one step: a consistent snapshot, writers are not blocked (WAL)
            if progress:
                progress(1, steps)
            dst.execute("PRAGMA journal_mode=DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise BackupError(
                    "The database failed SQLite's integrity check; no backup was made.",
                    "Databasen klarade inte SQLites integritetskontroll; ingen säkerhetskopia "
                    "gjordes.",
                )
            db_id, seq, mac, revision = _read_facts(dst)
        finally:
            dst.close()
            src.close()
        os.chmod(tmp, 0o600)
        _fsync(tmp)
        if progress:
            progress(2, steps)
        size, sha = _sha256_file(tmp)
        if progress:
            progress(3, steps)
        manifest = Manifest(
            MANIFEST_FORMAT,
            db_id,
            utcnow().isoformat(timespec="seconds"),
            __version__,
            revision,
            out.name,
            size,
            sha,
            seq,
            mac,
        )
        manifest = Manifest(
            **{**asdict(manifest), "signature": sign_manifest(manifest, ctx.keys.audit_key)}
        )
        _place(tmp, out, overwrite)
    except OSError as exc:
        _remove_with_sidecars(tmp)
        raise _file_error(exc, out) from None
    except sqlite3.Error as exc:  # SQLite's own words for a full or vanished target
        _remove_with_sidecars(tmp)
        raise _sqlite_write_error(exc, out) from None
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    try:
        _write_json_private(man_path, asdict(manifest), overwrite)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            out.unlink()
        if isinstance(exc, OSError):
            raise _file_error(exc, man_path) from None
        raise
    with ctx.transaction() as session:
        ctx.audit(
            session,
            BACKUP,
            object_type="database",
            object_id=db_id,
            detail=f"sha256 {sha[:16]} seq {seq}",
        )
    (store or StateStore()).add_backup(
        BackupRecord(db_id, str(source), str(out), utcnow(), sha, seq)
    )
    if progress:
        progress(4, steps)
    return BackupInfo(out, man_path, db_id, size, sha, seq)


def read_manifest(backup: Path) -> Manifest:
    path = manifest_path(backup)
    if not path.exists():
        raise _refused_backup(
            f"its manifest {path.name} is missing; it must lie beside the backup file.",
            f"manifestet {path.name} saknas; det ska ligga bredvid säkerhetskopian.",
        )
    try:
        return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise _refused_backup(
            f"its manifest {path.name} is damaged or not a manifest of this app.",
            f"manifestet {path.name} är skadat eller inte ett manifest från den här appen.",
        ) from None


# --- restore -------------------------------------------------------------------------------


def _copy_checked(backup: Path, tmp: Path, manifest: Manifest, progress: Progress | None) -> None:
    digest = hashlib.sha256()
    size = 0
    with backup.open("rb") as src, tmp.open("wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
            if progress:
                progress(min(size, manifest.size), max(manifest.size, 1))
        dst.flush()
        os.fsync(dst.fileno())
    if size < manifest.size:
        raise _refused_backup(
            f"it is incomplete ({size} of {manifest.size} bytes); it was probably cut off "
            "while being copied.",
            f"den är ofullständig ({size} av {manifest.size} byte); den har troligen "
            "avbrutits när den kopierades.",
        )
    if size != manifest.size or not hmac.compare_digest(digest.hexdigest(), manifest.sha256):
        raise _refused_backup(
            "its checksum does not match the manifest: the file is damaged, or the manifest "
            "belongs to another backup.",
            "kontrollsumman stämmer inte med manifestet: filen är skadad, eller så hör "
            "manifestet till en annan säkerhetskopia.",
        )


def _check_copy(tmp: Path, manifest: Manifest) -> None:
    try:
        conn = sqlite3.connect(f"{tmp.as_uri()}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA integrity_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError("integrity")
            db_id, seq, mac, _revision = _read_facts(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise _refused_backup(
            "it is not an intact database of this app.",
            "den är ingen hel databas från den här appen.",
        ) from None
    if db_id != manifest.database_id or seq != manifest.audit_seq or mac != manifest.audit_mac:
        raise _refused_backup(
            "the database does not match its manifest (another database or another moment).",
            "databasen stämmer inte med manifestet (en annan databas eller en annan tidpunkt).",
        )


def _self_contained(path: Path) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def restore_backup(
    backup: Path,
    to: Path,
    username: str,
    password: str,
    *,
    force: bool = False,
    progress: Progress | None = None,
    store: StateStore | None = None,
) -> RestoreInfo:
    """Restore ``backup`` into the new file ``to`` after checking it; audited in the copy."""
    backup = Path(backup).expanduser().resolve()
    to = Path(to).expanduser().resolve()
    if not backup.is_file():
        raise BackupError(f"There is no backup file {backup}.", f"Det finns ingen fil {backup}.")
    if to == backup:
        raise BackupError(
            "Restore into a new file, not onto the backup itself.",
            "Återställ till en ny fil, inte ovanpå själva säkerhetskopian.",
        )
    if to.exists() and not force:
        raise _exists(to)
    if not to.parent.is_dir():
        raise BackupError(
            f"The folder {to.parent} does not exist.", f"Mappen {to.parent} finns inte."
        )
    manifest = read_manifest(backup)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=to.parent, prefix=".", suffix=".restore.tmp")
    except OSError as exc:
        raise _file_error(exc, to) from None
    os.close(fd)
    tmp = Path(tmp_name)
    db: Database | None = None
    try:
        _copy_checked(backup, tmp, manifest, progress)
        os.chmod(tmp, 0o600)
        _check_copy(tmp, manifest)
        db = Database.open(f"sqlite:///{tmp}", allow_old_schema=True)
        if db.current_revision() != head_revision():
            from alembic import command

            with db.engine.begin() as conn:
                command.upgrade(alembic_config(conn), "head")
        ctx = accounts.sign_in(db, username, password)
        with ctx.db.sessions() as session:
            verified = audit.verify(session, ctx.keys.audit_key, ctx.keys.audit_history)
        if not verified.ok:
            raise _refused_backup(
                f"its audit trail does not verify ({verified.problem}).",
                f"dess logg går inte att verifiera ({verified.problem}).",
            )
        if not hmac.compare_digest(manifest.signature, sign_manifest(manifest, ctx.keys.audit_key)):
            raise _refused_backup(
                "its manifest was not made by this database (the signature does not match).",
                "manifestet är inte gjort av den här databasen (signaturen stämmer inte).",
            )
        with ctx.transaction() as session:
            ctx.audit(
                session,
                RESTORE,
                object_type="database",
                object_id=manifest.database_id,
                detail=f"from sha256 {manifest.sha256[:16]} seq {manifest.audit_seq}",
            )
        rollback = check_rollback(ctx, store or StateStore())
        db.dispose()
        db = None
        _self_contained(tmp)
        _place(tmp, to, force)
    except OSError as exc:
        if db is not None:
            db.dispose()
        _remove_with_sidecars(tmp)
        raise _file_error(exc, to) from None
    except (sqlite3.Error, SAOperationalError) as exc:
        if db is not None:
            db.dispose()
        _remove_with_sidecars(tmp)
        raise _sqlite_write_error(exc, to) from None
    except BaseException:
        if db is not None:
            db.dispose()
        _remove_with_sidecars(tmp)
        raise
    return RestoreInfo(
        to,
        manifest.database_id,
        verified.entries + 1,
        manifest.audit_seq,
        manifest.created_at,
        rollback,
    )


# --- reminder ------------------------------------------------------------------------------


def last_backup(db_path: Path | str, store: StateStore | None = None) -> BackupRecord | None:
    """The newest backup this installation made of the database file ``db_path``."""
    wanted = str(Path(db_path).expanduser().resolve())
    records = [r for r in (store or StateStore()).backups() if r.db_path == wanted]
    return max(records, key=lambda r: r.at) if records else None


def backup_due(
    db_path: Path | str,
    now: datetime,
    every_days: int = 7,
    store: StateStore | None = None,
) -> bool:
    """Whether the app should remind about a backup: none yet, or the newest is too old."""
    newest = last_backup(db_path, store)
    return newest is None or now - newest.at >= timedelta(days=every_days)
