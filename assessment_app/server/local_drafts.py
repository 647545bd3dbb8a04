"""Encrypted drafts on this computer, for when the database server cannot be reached.

One file per draft slot in ``data_dir()/drafts/<database_id>/``. A file is sealed with the
session's current data key (AES-256-GCM through ``ctx.keys.keyring``) with associated data that
binds it to the user and the slot, so a file copied to another slot or another user's folder
fails to open. File names are hashes of the slot: they say nothing about the case. Writes are
atomic (temp file, fsync, rename) and the folder and files are private to the user. No
plaintext is ever written.

When the server is back, :func:`sync_local_drafts` pushes each file into the database's draft
table. The newer of the two wins by timestamp; if the server's draft is newer, the local one is
kept as well, in a conflict slot (``<kind>~local``), and reported. A file is deleted only after
the database has committed it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from assessment_app.config import data_dir
from assessment_app.context import Context
from assessment_app.crypto.aead import KeyRing
from assessment_app.db.models import Meta
from assessment_app.db.types import utcnow
from assessment_app.errors import AppError, IntegrityError, ServerUnavailableError, StaleEditError
from assessment_app.records import drafts, plans
from assessment_app.server import health

log = logging.getLogger(__name__)

SUFFIX = ".draft"
CONFLICT_SUFFIX = "~local"
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
    with ctx.transaction() as session:
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


# --- sync ---------------------------------------------------------------------------------------


@dataclass
class SyncResult:
    pushed: list[tuple[str, str | None]] = field(default_factory=list)
    conflicts: list[tuple[str, str | None]] = field(default_factory=list)  # kept in <kind>~local
    damaged: list[Path] = field(default_factory=list)
    remaining: int = 0  # still only on this computer (the server went away again)


_SYNC_LOCKS: dict[str, threading.Lock] = {}
_SYNC_LOCKS_GUARD = threading.Lock()


def _sync_lock(store: LocalDraftStore) -> threading.Lock:
    key = str(store.folder.resolve())
    with _SYNC_LOCKS_GUARD:
        return _SYNC_LOCKS.setdefault(key, threading.Lock())


def sync_local_drafts(ctx: Context, store: LocalDraftStore) -> SyncResult:
    """Push the local drafts to the database; never drop one silently.

    Syncs of the same folder run one at a time: two at once (the window's health watch and an
    editor retrying) would otherwise push one file twice and store a false conflict copy.
    """
    with _sync_lock(store):
        return _sync(ctx, store)


def _sync(ctx: Context, store: LocalDraftStore) -> SyncResult:
    local, damaged = store.list()
    result = SyncResult(damaged=damaged)
    for i, draft in enumerate(local):
        try:
            with health.server_errors(ctx.db):
                server = drafts.load_draft(ctx, draft.kind, draft.object_id)
                if server is not None and server.updated_at > draft.saved_at:
                    drafts.save_draft(
                        ctx,
                        draft.kind + CONFLICT_SUFFIX,
                        draft.object_id,
                        _with_time(draft),
                        case_id=draft.case_id,
                    )
                    result.conflicts.append((draft.kind, draft.object_id))
                else:
                    drafts.save_draft(
                        ctx, draft.kind, draft.object_id, _with_time(draft), case_id=draft.case_id
                    )
                    result.pushed.append((draft.kind, draft.object_id))
        except ServerUnavailableError:
            result.remaining = len(local) - i
            return result
        store.delete(draft.kind, draft.object_id)
    return result


def _with_time(draft: LocalDraft) -> dict[str, Any]:
    return {**draft.payload, "_local_saved_at": draft.saved_at.astimezone(UTC).isoformat()}


# --- saving a plan with a local fallback --------------------------------------------------------

PLAN_DRAFT_KIND = "plan"


def plan_payload(
    expected_version: int,
    goals: list[plans.Goal],
    actions: list[plans.Action],
    follow_up_on: date | None,
    next_meeting: str,
    note: str,
) -> dict[str, Any]:
    """A plan edit as a draft payload (what the screen holds)."""
    return {
        "expected_version": expected_version,
        "goals": [{"id": g.id, "area_id": g.area_id, "text": g.text} for g in goals],
        "actions": [
            {
                **{k: v for k, v in a.__dict__.items() if k != "due_on"},
                "due_on": a.due_on.isoformat() if a.due_on else None,
            }
            for a in actions
        ],
        "follow_up_on": follow_up_on.isoformat() if follow_up_on else None,
        "next_meeting": next_meeting,
        "note": note,
    }


def plan_from_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for :func:`plans.save_plan` (besides ctx and plan id) from a payload."""
    actions = []
    for a in payload["actions"]:
        fields = dict(a)
        fields["due_on"] = date.fromisoformat(a["due_on"]) if a.get("due_on") else None
        actions.append(plans.Action(**fields))
    fu = payload.get("follow_up_on")
    return {
        "expected_version": int(payload["expected_version"]),
        "goals": [plans.Goal(g["area_id"], g["text"], g["id"]) for g in payload["goals"]],
        "actions": actions,
        "follow_up_on": date.fromisoformat(fu) if fu else None,
        "next_meeting": str(payload.get("next_meeting", "")),
        "note": str(payload.get("note", "")),
    }


@dataclass(frozen=True)
class SaveOutcome:
    saved: plans.PlanInfo | None  # the stored plan, or None when kept locally
    kept_locally: bool
    error: ServerUnavailableError | None = None


def save_plan_or_keep(
    ctx: Context,
    store: LocalDraftStore,
    plan_id: str,
    expected_version: int,
    *,
    goals: list[plans.Goal],
    actions: list[plans.Action],
    follow_up_on: date | None,
    next_meeting: str = "",
    note: str = "",
    case_id: str | None = None,
) -> SaveOutcome:
    """Save the plan; if the server is gone, keep the edit in the local store instead.

    A :class:`StaleEditError` is not swallowed: that is a conflict for the conflict dialog.
    """
    try:
        with health.server_errors(ctx.db):
            info = plans.save_plan(
                ctx,
                plan_id,
                expected_version,
                goals=goals,
                actions=actions,
                follow_up_on=follow_up_on,
                next_meeting=next_meeting,
                note=note,
            )
    except StaleEditError:
        raise
    except ServerUnavailableError as error:
        payload = plan_payload(expected_version, goals, actions, follow_up_on, next_meeting, note)
        store.save(PLAN_DRAFT_KIND, plan_id, payload, case_id=case_id)
        return SaveOutcome(None, True, error)
    store.delete(PLAN_DRAFT_KIND, plan_id)
    return SaveOutcome(info, False)
