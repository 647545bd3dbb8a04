"""Encrypted drafts on this computer, for when the database server cannot be reached.

One file per draft slot in ``data_dir()/drafts/<database_id>/``. A file is sealed with the
session's current data key (AES-256-GCM through ``ctx.keys.keyring``) with associated data that
binds it to the user and the slot, so a file copied to another slot or another user's folder
fails to open. File names are hashes of the slot: they say nothing about the case. Writes are
atomic (temp file, fsync, rename) and the folder and files are private to the user. No
plaintext is ever written.

The policy of when to keep work here and how it goes back to the server lives in the
use-case layer (:class:`assessment_app.workspace.offline.OfflinePolicy`); this is the store.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from assessment_app.config import data_dir
from assessment_app.context import Context
from assessment_app.crypto.aead import KeyRing
from assessment_app.db.models import Meta
from assessment_app.db.types import utcnow
from assessment_app.errors import AppError, IntegrityError

log = logging.getLogger(__name__)

SUFFIX = ".draft"
CONFLICT_SUFFIX = "~local"  # the same suffix as records.drafts.CONFLICT_SUFFIX
MAX_KIND = 32 - len(CONFLICT_SUFFIX)
TABLE = "local_drafts"


@dataclass(frozen=True)
class LocalDraft:
    kind: str
    object_id: str | None
    case_id: str | None
    payload: dict[str, Any]
    saved_at: datetime


def database_id(ctx: Context) -> str:
    """The database's own id (from ``meta``): read it while the server is reachable."""
    with ctx.db.read_session() as session:
        value = session.execute(select(Meta.value).where(Meta.key == "database_id")).scalar()
    if not value:
        raise AppError("The database has no id.", "Databasen saknar id.")
    return value


class LocalDraftStore:
    """The encrypted draft files of one user for one database.

    Make it at sign-in with :meth:`for_context` (that reads the database id from the server);
    afterwards it works without the server.
    """

    def __init__(
        self, db_id: str, user_id: str, keyring: Callable[[], KeyRing], root: Path | None = None
    ) -> None:
        if not db_id.isalnum() or not user_id.isalnum():
            raise ValueError("database and user ids are hex")
        self.user_id = user_id
        self._keyring = keyring
        self.folder = (root or data_dir() / "drafts") / db_id / user_id

    @classmethod
    def for_context(cls, ctx: Context, root: Path | None = None) -> LocalDraftStore:
        # A callable, so a key reload in the Context (rotation) is seen here too.
        return cls(database_id(ctx), ctx.user_id, lambda: ctx.keys.keyring, root)

    # --- files ----------------------------------------------------------------------------------
    def _slot(self, kind: str, object_id: str | None) -> str:
        digest = hashlib.sha256(f"{self.user_id}\x1f{kind}\x1f{object_id or ''}".encode())
        return digest.hexdigest()[:40]

    def _path(self, slot: str) -> Path:
        return self.folder / f"{slot}{SUFFIX}"

    def _ensure_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)

    def save(
        self,
        kind: str,
        object_id: str | None,
        payload: dict[str, Any],
        *,
        case_id: str | None = None,
        saved_at: datetime | None = None,
    ) -> LocalDraft:
        if not kind or len(kind) > MAX_KIND:
            raise ValueError(f"draft kind must have 1-{MAX_KIND} characters")
        draft = LocalDraft(kind, object_id, case_id, payload, saved_at or utcnow())
        slot = self._slot(kind, object_id)
        envelope = {
            "kind": kind,
            "object_id": object_id,
            "case_id": case_id,
            "payload": payload,
            "saved_at": draft.saved_at.isoformat(),
        }
        blob = self._keyring().seal_json(TABLE, self.user_id, slot, envelope)
        self._ensure_folder()
        target = self._path(slot)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise AppError(
                f"Cannot keep the draft on this computer: {exc.strerror}.",
                f"Kan inte spara utkastet på den här datorn: {exc.strerror}.",
            ) from None
        return draft

    def _read(self, path: Path) -> LocalDraft:
        slot = path.name[: -len(SUFFIX)]
        value = self._keyring().open_json(TABLE, self.user_id, slot, path.read_bytes())
        if not isinstance(value, dict) or self._slot(value["kind"], value["object_id"]) != slot:
            raise IntegrityError(TABLE, self.user_id, slot)
        return LocalDraft(
            str(value["kind"]),
            value["object_id"],
            value["case_id"],
            dict(value["payload"]),
            datetime.fromisoformat(value["saved_at"]),
        )

    def load(self, kind: str, object_id: str | None) -> LocalDraft | None:
        path = self._path(self._slot(kind, object_id))
        return self._read(path) if path.exists() else None

    def list(self) -> tuple[list[LocalDraft], list[Path]]:
        """Readable drafts (oldest first) and the files that could not be opened (left alone)."""
        found: list[LocalDraft] = []
        damaged: list[Path] = []
        if not self.folder.exists():
            return found, damaged
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            try:
                found.append(self._read(path))
            except (IntegrityError, OSError, KeyError, TypeError, ValueError):
                log.warning("local draft %s cannot be opened; left as it is", path.name)
                damaged.append(path)
        return sorted(found, key=lambda d: d.saved_at), damaged

    def delete(self, kind: str, object_id: str | None) -> None:
        self._path(self._slot(kind, object_id)).unlink(missing_ok=True)
