"""Working on while the database server is away: encrypted drafts on this computer, a signal
for the main window's banner, and a periodic retry that syncs the drafts when the server is
back so the page can save for real.

The store and the sync are the core's (:mod:`assessment_app.server.local_drafts`); this only
schedules them. The reachability probe and the sync run through ``run_task``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from assessment_app.context import Context
from assessment_app.errors import AppError, ServerUnavailableError
from assessment_app.records import drafts
from assessment_app.server import health
from assessment_app.server.local_drafts import LocalDraftStore, SyncResult, sync_local_drafts
from ui.autosave import Autosaver
from ui.tasks import run_task

log = logging.getLogger(__name__)

RETRY_MS = 15_000
CONFLICT_SUFFIX = "~local"


def default_store(ctx: Context) -> LocalDraftStore | None:
    """The signed-in user's local draft folder for this database (needs the server once, for
    the database id). None when it cannot be set up: saving then works as before, online."""
    try:
        return LocalDraftStore.for_context(ctx)
    except AppError as error:
        log.warning("no local draft store: %s", error.message_en)
        return None


def sync_pending(ctx: Context, store: LocalDraftStore | None) -> SyncResult | None:
    """Push drafts kept on this computer to the server (for example from an earlier session)."""
    if store is None:
        return None
    found, _damaged = store.list()
    if not found:
        return None
    return sync_local_drafts(ctx, store)


class LocalWork(QObject):
    """One page's fallback: keep work locally, say so, and try the server again now and then."""

    unavailable = Signal()  # the server cannot be reached; the main window shows its banner
    available = Signal()  # the server answered again and the local drafts are synced

    def __init__(
        self,
        ctx: Context,
        store: LocalDraftStore | None,
        parent: QObject | None = None,
        retry_ms: int = RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = store
        self.offline = False
        self.checking = False
        self.last_sync: SyncResult | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(retry_ms)
        self.timer.timeout.connect(self.retry)

    @property
    def enabled(self) -> bool:
        return self.store is not None

    def keep(self, kind: str, object_id: str, payload: dict[str, Any], case_id: str | None) -> None:
        """Store the work encrypted on this computer (raises AppError if even that fails)."""
        assert self.store is not None
        self.store.save(kind, object_id, payload, case_id=case_id)
        self.went_offline()

    def went_offline(self) -> None:
        if not self.offline:
            self.offline = True
            self.unavailable.emit()
        if not self.timer.isActive():
            self.timer.start()

    def retry(self) -> None:
        """Ask the server (in the background); when it answers, sync and tell the page."""
        if self.checking or not self.offline:
            return
        self.checking = True
        ctx, store = self.ctx, self.store

        def probe_and_sync() -> SyncResult | None:
            if not health.is_reachable(ctx.db):
                return None
            return sync_local_drafts(ctx, store) if store is not None else SyncResult()

        run_task(probe_and_sync, self._probed, self._probe_failed)

    def _probed(self, result: SyncResult | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.checking = False
        if result is None or result.remaining:
            return  # still away: the timer tries again
        self.last_sync = result
        self.offline = False
        self.timer.stop()
        self.available.emit()

    def _probe_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.checking = False
        log.info("server still unavailable: %s", type(error).__name__)

    def stop(self) -> None:
        self.timer.stop()


class FallbackAutosaver(Autosaver):
    """The debounced autosave, which keeps the draft on this computer while the server is
    away (and when a save finds it gone) instead of failing."""

    saved_locally = Signal()

    def __init__(
        self,
        local: LocalWork,
        ctx: Context,
        kind: str,
        object_id: str,
        case_id: str | None,
        payload: Callable[[], dict[str, Any]],
        local_payload: Callable[[], dict[str, Any]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(ctx, kind, object_id, case_id, payload, parent)
        self.local = local
        self._local_payload = local_payload or payload

    def flush(self) -> bool:
        self.timer.stop()
        if not self.dirty:
            return True
        if not self.local.offline:
            try:
                drafts.save_draft(
                    self.ctx, self.kind, self.object_id, self._payload(), case_id=self.case_id
                )
            except ServerUnavailableError:
                pass  # kept locally below
            except Exception as error:  # reported in the page; the next change tries again
                log.warning("autosave failed: %s", type(error).__name__)
                self.failed.emit(error)
                return False
            else:
                self.dirty = False
                self.saved.emit()
                return True
        if not self.local.enabled:
            self.failed.emit(health.unavailable(self.ctx.db))
            return False
        try:
            self.local.keep(self.kind, self.object_id, self._local_payload(), self.case_id)
        except AppError as error:
            self.failed.emit(error)
            return False
        self.dirty = False
        self.saved_locally.emit()
        return True
