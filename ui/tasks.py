"""The one way to run work off the UI thread: ``run_task(fn, on_success, on_failure)``.

Every call from a screen into the core goes through here, so the window keeps painting while
the database (or a server) is slow or gone. Calls run on the *core lane*, one at a time and in
the order they were asked for (an autosave never overtakes the save after it); work that does
not touch the database, such as a probe of the server, can run on the free lane beside it.

The function's result (or exception) travels back through a queued signal to a relay object on
the UI thread, so callbacks may touch widgets. Pass ``owner`` (the widget that asked) and the
callbacks are skipped once it has been deleted.

:func:`monitor` tells the window when a call has been running for a while (``slow``), so it can
say that it is waiting for the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

SLOW_MS = 2500
CORE = "core"
FREE = "free"

_running: set[_Relay] = set()
_pools: dict[str, QThreadPool] = {}


def _pool(lane: str) -> QThreadPool:
    if lane == FREE:
        return QThreadPool.globalInstance()
    pool = _pools.get(lane)
    if pool is None or not shiboken6.isValid(pool):
        # Owned by the application, so Qt ends its thread with the application (a pool left
        # to Python's shutdown would outlive it).
        pool = _pools[lane] = QThreadPool(QCoreApplication.instance())
        pool.setMaxThreadCount(1)  # one at a time, in order
    return pool


class TaskMonitor(QObject):
    """Says when core work has been running longer than :data:`SLOW_MS` (and when it ends)."""

    slow = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SLOW_MS)
        self._timer.timeout.connect(self._slow)
        self.is_slow = False

    def started(self) -> None:
        if not self._timer.isActive() and not self.is_slow:
            self._timer.start()

    def finished(self) -> None:
        if any(r.lane == CORE for r in _running):
            if self.is_slow:
                return
            self._timer.start()  # the next call gets its own time
            return
        self._timer.stop()
        if self.is_slow:
            self.is_slow = False
            self.slow.emit(False)

    def _slow(self) -> None:
        if any(r.lane == CORE for r in _running):
            self.is_slow = True
            self.slow.emit(True)


_monitor: TaskMonitor | None = None


def monitor() -> TaskMonitor:
    global _monitor
    if _monitor is None or not shiboken6.isValid(_monitor):
        _monitor = TaskMonitor()
        app = QCoreApplication.instance()
        if app is not None:
            _monitor.setParent(app)
    return _monitor


class _Relay(QObject):
    """Lives on the UI thread; receives the worker's outcome and calls the callbacks."""

    finished = Signal(bool, object)

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        owner: QObject | None,
        lane: str,
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self._owner = owner
        self.lane = lane
        self.finished.connect(self._deliver)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        _running.discard(self)
        if self.lane == CORE:
            monitor().finished()
        try:
            if self._owner is not None and not shiboken6.isValid(self._owner):
                return  # the screen that asked is gone
            if ok:
                if self._on_success is not None:
                    self._on_success(value)
            elif self._on_failure is not None:
                assert isinstance(value, BaseException)
                self._on_failure(value)
            else:
                log.error("background task failed", exc_info=value)  # type: ignore[arg-type]
        finally:
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # handed to the failure callback on the UI thread
            self._relay.finished.emit(False, error)
        else:
            self._relay.finished.emit(True, result)


def run_task(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
    lane: str = CORE,
) -> None:
    """Run ``fn`` in the background; call ``on_success(result)`` or ``on_failure(error)``
    later on the UI thread (not at all if ``owner`` was deleted meanwhile)."""
    relay = _Relay(on_success, on_failure, owner, lane)
    _running.add(relay)
    if lane == CORE:
        monitor().started()
    _pool(lane).start(_Job(fn, relay))


def busy() -> bool:
    """True while any task started here has not delivered its result yet."""
    return bool(_running)


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every lane is idle (for shutting down; never on a screen's path)."""
    ok = True
    pools = [p for p in _pools.values() if shiboken6.isValid(p)]
    for pool in (*pools, QThreadPool.globalInstance()):
        ok = pool.waitForDone(timeout_ms) and ok
    return ok
