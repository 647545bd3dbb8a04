"""The one way to run work off the UI thread: ``run_task(fn, on_success, on_failure)``.

The function runs on a QThreadPool worker. Its result (or exception) travels back through a
queued signal to a relay object that lives on the UI thread, so callbacks may touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_running: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the UI thread; receives the worker's outcome and calls the callbacks."""

    finished = Signal(bool, object)

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.finished.connect(self._deliver)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        _running.discard(self)
        try:
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
) -> None:
    """Run ``fn`` in the background; call ``on_success(result)`` or ``on_failure(error)``
    later on the UI thread. Callbacks must not assume the widget that started the task still
    exists; check ``shiboken6.isValid`` or keep the callback on a long-lived object."""
    relay = _Relay(on_success, on_failure)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Job(fn, relay))


def busy() -> bool:
    """True while any task started here has not delivered its result yet."""
    return bool(_running)
