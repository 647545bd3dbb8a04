"""The one policy for working while the database server is away.

- An autosave or a save that cannot reach the server keeps the work encrypted on this computer
  (:class:`~assessment_app.server.local_drafts.LocalDraftStore`) and returns
  :class:`~assessment_app.workspace.results.KeptLocally`; from then on the workspace is
  *offline* and keeps further work locally at once, without waiting for the server each time.
- :meth:`OfflinePolicy.sync` (run by the front end now and then while offline) asks the server;
  when it answers, each kept draft goes into the database's draft table. If the server holds a
  newer draft of the same record, the kept one is stored beside it as a conflict copy
  (``<kind>~local``) and offered when the record is opened: never dropped, never applied
  silently. A file is deleted only after the database committed it.
- A local database file has no such fallback: there, a failed save is a plain error.

One format (:class:`~assessment_app.records.drafts.DraftPayload`) for drafts in both places.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from assessment_app.db.connection import is_reachable, unavailable
from assessment_app.db.models import Meta
from assessment_app.db.types import utcnow
from assessment_app.errors import (
    AppError,
    ServerBusyError,
    ServerUnavailableError,
    StaleConnectionError,
)
from assessment_app.records import drafts
from assessment_app.records.drafts import CONFLICT_SUFFIX, DraftPayload
from assessment_app.server.local_drafts import LocalDraft, LocalDraftStore
from assessment_app.workspace.results import KeptLocally, NotKept, Saved
from assessment_app.workspace.workspace import may_retry, use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class SyncResult:
    pushed: list[tuple[str, str | None]] = field(default_factory=list)
    conflicts: list[tuple[str, str | None]] = field(default_factory=list)  # kept as <kind>~local
    damaged: list[Path] = field(default_factory=list)
    remaining: int = 0  # still only on this computer (the server is still away)

    @property
    def done(self) -> bool:
        return self.remaining == 0


@use_cases
class OfflinePolicy:
    def __init__(self, ws: Workspace, store: LocalDraftStore | None = None) -> None:
        self.ws = ws
        self._store = store
        self._prepared = store is not None or ws.db.is_sqlite
        self._lock = threading.Lock()  # one sync at a time for this workspace
        self.offline = False

    # --- the store --------------------------------------------------------------------------
    def prepare(self, root: Path | None = None) -> LocalDraftStore | None:
        """Set up the local store of a server database (reads the database's id once, so call
        it at sign-in while the server answers). A local file needs none."""
        if self._prepared:
            return self._store
        with self.ws.read() as uow:
            db_id = uow.session.execute(
                select(Meta.value).where(Meta.key == "database_id")
            ).scalar()
        if not db_id:
            raise AppError("The database has no id.", "Databasen saknar id.")
        ctx = self.ws.ctx
        self._store = LocalDraftStore(db_id, ctx.user_id, lambda: ctx.keys.keyring, root)
        self._prepared = True
        return self._store

    @property
    def store(self) -> LocalDraftStore | None:
        return self._store

    @property
    def enabled(self) -> bool:
        return self._store is not None

    def pending(self, kind: str, object_id: str) -> LocalDraft | None:
        """Work on this record still only on this computer."""
        if self._store is None:
            return None
        try:
            return self._store.load(kind, object_id)
        except (AppError, OSError, KeyError, TypeError, ValueError):
            log.warning("a local draft cannot be opened; left as it is")
            return None

    def drop(self, kind: str, object_id: str) -> None:
        if self._store is not None:
            self._store.delete(kind, object_id)

    def has_pending(self) -> bool:
        if self._store is None:
            return False
        found, _damaged = self._store.list()
        return bool(found)

    # --- keeping ----------------------------------------------------------------------------
    def keep(
        self,
        kind: str,
        object_id: str,
        case_id: str | None,
        payload: DraftPayload,
        reason: ServerUnavailableError | ServerBusyError,
    ) -> KeptLocally | NotKept:
        if self._store is None:
            return NotKept(reason)
        saved = self._store.save(kind, object_id, payload.to_json(), case_id=case_id)
        self.offline = True
        return KeptLocally(reason, saved.saved_at)

    def save_draft(
        self, kind: str, object_id: str, case_id: str | None, payload: DraftPayload
    ) -> Saved[datetime] | KeptLocally | NotKept:
        """The autosave: to the database, or, while the server is away, to this computer."""
        if self.offline and self._store is not None:
            return self.keep(kind, object_id, case_id, payload, unavailable(self.ws.db))
        try:
            now = utcnow()
            with self.ws.write() as uow:
                drafts.save_draft(uow, kind, object_id, payload, case_id=case_id, saved_at=now)
            return Saved(now)
        except (ServerUnavailableError, ServerBusyError) as error:
            if isinstance(error, StaleConnectionError):
                if may_retry():
                    raise  # run once more (see use_cases)
                error = unavailable(self.ws.db)  # lost again: say what that means
            return self.keep(kind, object_id, case_id, payload, error)

    def discard(self, kinds: list[str], object_id: str) -> None:
        """Throw away this user's drafts of a record, here and on the server."""
        for kind in kinds:
            self.drop(kind, object_id)
        with self.ws.write() as uow:
            drafts.discard_draft(uow, kinds, object_id)

    # --- back online ------------------------------------------------------------------------
    def reachable(self) -> bool:
        return is_reachable(self.ws.db)

    def sync(self) -> SyncResult:
        """Push the kept drafts to the server if it answers; never drop one silently."""
        with self._lock:
            result = self._sync()
        if result.done:
            self.offline = False
        return result

    def _sync(self) -> SyncResult:
        if self._store is None:
            return SyncResult()
        local, damaged = self._store.list()
        result = SyncResult(damaged=damaged)
        if local and not self.reachable():
            result.remaining = len(local)
            return result
        for i, draft in enumerate(local):
            payload = DraftPayload.from_json(draft.payload)
            try:
                newer_there = self._push(draft, payload)
            except (ServerUnavailableError, ServerBusyError):
                result.remaining = len(local) - i
                return result
            (result.conflicts if newer_there else result.pushed).append(
                (draft.kind, draft.object_id)
            )
            self._store.delete(draft.kind, draft.object_id)
        return result

    def _push(self, draft: LocalDraft, payload: DraftPayload) -> bool:
        """One kept draft into the draft table; True when the server held a newer one."""
        for attempt in (1, 2):
            try:
                with self.ws.write() as uow:
                    server = drafts.load_draft(uow, draft.kind, draft.object_id)
                    newer_there = server is not None and server.updated_at > draft.saved_at
                    kind = draft.kind + CONFLICT_SUFFIX if newer_there else draft.kind
                    drafts.save_draft(
                        uow,
                        kind,
                        draft.object_id,
                        payload,
                        case_id=draft.case_id,
                        saved_at=draft.saved_at,
                    )
                return newer_there
            except StaleConnectionError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")
