"""The one autosave-and-offline controller of the editing screens (interview, plan editor).

- Autosave: a few seconds after the last change, and at once when a field is left, the page's
  edit is saved as an encrypted draft through the workspace, in the background. Typing is never
  slowed down by it: the page only hands over a snapshot of its edit.
- Saving: :meth:`EditSession.save` sends the edit through the workspace and reports the plain
  result (saved, kept on this computer, conflict, error) as a signal.
- Offline: while the workspace keeps work on this computer, a timer asks the server now and
  then (:meth:`~assessment_app.workspace.offline.OfflinePolicy.sync`); when the kept drafts are
  back on the server, ``back_online`` tells the page, which saves for real if it was waiting.

The policy itself (when work is kept locally, how it is synced) is the workspace's; this only
schedules it and turns results into signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from assessment_app.workspace import Conflict, KeptLocally, NotKept, Saved, Workspace
from ui.tasks import run_task

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 3000
RETRY_MS = 15_000


class EditSession(QObject):
    autosaved = Signal(object)  # datetime of the draft on the server
    kept_locally = Signal(object)  # KeptLocally (also for autosaves)
    saved = Signal(object)  # the Saved value
    conflict = Signal(object)  # Conflict
    failed = Signal(object)  # an exception, or NotKept
    back_online = Signal()  # the kept work is on the server again

    def __init__(
        self,
        ws: Workspace,
        snapshot: Callable[[], Any],
        autosave: Callable[[Any], Any],
        save: Callable[[Any], Any],
        parent: QObject | None = None,
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        retry_ms: int = RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self._snapshot = snapshot
        self._autosave = autosave
        self._save = save
        self.dirty = False
        self.in_flight = 0
        self.saving = False
        self.pending_local = False  # work kept on this computer, not yet in the record
        self.last_error: BaseException | None = None
        self._after: list[Callable[[bool], None]] = []
        self._joined: list[Callable[[object], None]] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        self.retry = QTimer(self)
        self.retry.setInterval(retry_ms)
        self.retry.timeout.connect(self.try_sync)
        self._syncing = False

    # --- changes and drafts -----------------------------------------------------------------
    def touch(self) -> None:
        """Something changed: save a draft a little later (the wait restarts)."""
        self.dirty = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.retry.stop()

    def mark_clean(self) -> None:
        """What the page shows is what is stored (after loading or saving)."""
        self.dirty = False
        self.timer.stop()

    def flush(self, then: Callable[[bool], None] | None = None) -> None:
        """Save the draft now if anything changed; ``then(ok)`` when it is stored (or failed)."""
        self.timer.stop()
        if then is not None:
            self._after.append(then)
        if not self.dirty:
            if self.in_flight == 0:
                self._done(True)
            return
        self.dirty = False
        edit = self._snapshot()
        self.in_flight += 1
        run_task(
            lambda: self._autosave(edit),
            self._autosave_result,
            self._autosave_failed,
            owner=self,
        )

    def _autosave_result(self, result: object) -> None:
        self.in_flight -= 1
        if isinstance(result, Saved):
            at = result.value if isinstance(result.value, datetime) else None
            self.autosaved.emit(at)
            ok = True
        elif isinstance(result, KeptLocally):
            self._went_offline()
            self.kept_locally.emit(result)
            ok = True
        else:
            self.dirty = True  # not stored: try again at the next change
            self.failed.emit(result)
            ok = False
        if self.in_flight == 0:
            self._done(ok and not self.dirty)

    def _autosave_failed(self, error: BaseException) -> None:
        self.in_flight -= 1
        self.dirty = True
        self.last_error = error
        log.warning("autosave failed: %s", type(error).__name__)
        self.failed.emit(error)
        if self.in_flight == 0:
            self._done(False)

    def _done(self, ok: bool) -> None:
        waiting, self._after = self._after, []
        for callback in waiting:
            callback(ok)

    # --- saving -----------------------------------------------------------------------------
    def save(
        self,
        on_result: Callable[[object], None] | None = None,
        *,
        using: Callable[[Any], Any] | None = None,
    ) -> bool:
        """Save into the record in the background (with ``using`` instead of the usual save
        use case, e.g. to complete). If a save is already on its way, ``on_result`` hears its
        result instead and False is returned."""
        if self.saving:
            if on_result is not None:
                self._joined.append(on_result)
            return False
        self.saving = True
        self.timer.stop()
        edit = self._snapshot()
        was_dirty, self.dirty = self.dirty, False

        def done(result: object) -> None:
            self.saving = False
            joined, self._joined = self._joined, []
            if isinstance(result, Saved):
                self.pending_local = False
            elif isinstance(result, KeptLocally):
                self.pending_local = True
                self._went_offline()
                self.kept_locally.emit(result)
            elif isinstance(result, Conflict):
                self.dirty = was_dirty or self.dirty
                self.conflict.emit(result)
            elif isinstance(result, NotKept):
                self.dirty = True
                self.failed.emit(result)
            if isinstance(result, Saved):
                self.saved.emit(result.value)
            for callback in [on_result, *joined]:
                if callback is not None:
                    callback(result)

        def failed(error: BaseException) -> None:
            self.saving = False
            joined, self._joined = self._joined, []
            self.dirty = True
            self.last_error = error
            self.failed.emit(error)
            for callback in [on_result, *joined]:
                if callback is not None:
                    callback(error)

        save = using or self._save
        run_task(lambda: save(edit), done, failed, owner=self)
        return True

    # --- offline ----------------------------------------------------------------------------
    def _went_offline(self) -> None:
        if not self.retry.isActive():
            self.retry.start()

    def try_sync(self) -> None:
        """Ask the server (in the background); when it answers, the kept work goes back."""
        if self._syncing:
            return
        self._syncing = True
        offline = self.ws.offline
        run_task(offline.sync, self._synced, self._sync_failed, owner=self)

    def _synced(self, result: object) -> None:
        self._syncing = False
        if getattr(result, "done", False):
            self.retry.stop()
            self.back_online.emit()

    def _sync_failed(self, error: BaseException) -> None:
        self._syncing = False
        log.info("server still unavailable: %s", type(error).__name__)
