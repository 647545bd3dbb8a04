"""Watching the database server from the main window.

Every ~15 seconds, and at once when a screen reports a lost server (``server_unavailable``),
a cheap probe runs in the background (``ws.offline.reachable``, on the free lane so it never
waits behind a hung call). While the server is away a banner says so and that what is typed is
kept encrypted on this computer; when it is back the banner goes, the encrypted local drafts are
pushed to the server (``ws.offline.sync``) and the outcome is reported.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from assessment_app.server.local_drafts import LocalDraftStore
from assessment_app.workspace import Workspace
from assessment_app.workspace.offline import SyncResult
from ui.messages import error_message
from ui.tasks import FREE, run_task
from ui.widgets.banner import Banner

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 15_000


class ServerWatch(QObject):
    reachability_changed = Signal(bool)  # True: the server is back; False: it is gone
    prepared = Signal()  # the local draft store is ready (or there is none to make)
    synced = Signal(object)  # SyncResult after the server came back

    def __init__(
        self,
        ws: Workspace,
        banner: Banner,
        parent: QObject | None = None,
        *,
        interval_ms: int = CHECK_INTERVAL_MS,
        drafts_root: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.banner = banner
        self.drafts_root = drafts_root
        self.reachable = True
        self.checking = False
        self.syncing = False
        self.store: LocalDraftStore | None = None
        self.last_sync: SyncResult | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Begin watching; also prepares the local draft store while the server is there."""
        self._prepare_store()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _prepare_store(self) -> None:
        offline, root = self.ws.offline, self.drafts_root

        def made(store: LocalDraftStore | None) -> None:
            self.store = store
            if store is not None and offline.has_pending():
                self.sync()  # kept on this computer in an earlier session
            self.prepared.emit()

        def not_made(error: BaseException) -> None:
            log.info("local draft store not ready yet: %s", type(error).__name__)
            self.prepared.emit()

        run_task(lambda: offline.prepare(root), made, not_made, owner=self)

    # --- probing -----------------------------------------------------------------------------
    @Slot()
    def server_unavailable(self) -> None:
        """A screen's core call raised ServerUnavailableError: show it now, probe at once."""
        self._set_reachable(False)
        self.check()

    @Slot()
    def check(self) -> None:
        if self.checking:
            return
        self.checking = True
        run_task(self.ws.offline.reachable, self._probed, self._probe_failed, owner=self, lane=FREE)

    def _probe_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.checking = False
            log.warning("server probe failed: %s", type(error).__name__)

    def _probed(self, ok: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self.checking = False
        self._set_reachable(bool(ok))

    def _set_reachable(self, ok: bool) -> None:
        if ok == self.reachable:
            return
        self.reachable = ok
        self.banner.clear()
        if not ok:
            self.banner.show_message(
                self.tr("Servern går inte att nå. Det du skriver sparas krypterat på datorn."),
                "warning",
            )
        else:
            self.banner.show_message(
                self.tr("Servern går att nå igen. Sparar utkasten från datorn …"), "info"
            )
            self.sync()
        self.reachability_changed.emit(ok)

    # --- pushing the local drafts ------------------------------------------------------------
    def sync(self) -> None:
        if self.syncing:
            return
        if self.store is None:
            self._prepare_store()
            self._report(SyncResult())
            return
        self.syncing = True
        run_task(self.ws.offline.sync, self._synced, self._failed, owner=self)

    def _synced(self, result: SyncResult) -> None:
        if not shiboken6.isValid(self):
            return
        self.syncing = False
        self.last_sync = result
        self._report(result)
        self.synced.emit(result)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.syncing = False
        self.banner.show_message(error_message(error), "error")

    def _report(self, result: SyncResult) -> None:
        if not self.reachable:
            return  # gone again meanwhile: the warning stays
        parts = [self.tr("Servern går att nå igen.")]
        if result.pushed:
            parts.append(
                self.tr("{n} utkast från datorn sparades på servern.").format(n=len(result.pushed))
            )
        if result.conflicts:
            parts.append(
                self.tr(
                    "{n} utkast fanns redan i en nyare version på servern; ditt sparades "
                    "bredvid, så inget har gått förlorat."
                ).format(n=len(result.conflicts))
            )
        if result.remaining:
            parts.append(
                self.tr("{n} utkast finns kvar på datorn och sparas när servern svarar.").format(
                    n=result.remaining
                )
            )
        if result.damaged:
            parts.append(
                self.tr("{n} utkast på datorn gick inte att öppna och har lämnats orörda.").format(
                    n=len(result.damaged)
                )
            )
        kind = "warning" if result.remaining or result.damaged or result.conflicts else "success"
        self.banner.clear()
        self.banner.show_message(" ".join(parts), kind)
        close = self.banner.add_button(self.tr("OK"))
        close.clicked.connect(self.banner.clear)
