"""Debounced autosave: a few seconds after the last change, and at once when a field is
left. What is saved is an encrypted draft (records.drafts), never the record itself."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from assessment_app.context import Context
from assessment_app.records import drafts

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 3000


class Autosaver(QObject):
    saved = Signal()
    failed = Signal(object)

    def __init__(
        self,
        ctx: Context,
        kind: str,
        object_id: str,
        case_id: str | None,
        payload: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
        delay_ms: int = AUTOSAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.object_id = object_id
        self.case_id = case_id
        self._payload = payload
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def touch(self) -> None:
        """Something changed: save a little later (restarts the wait)."""
        self.dirty = True
        self.timer.start()

    def flush(self) -> bool:
        """Save the draft now if anything changed. Small and quick, so it runs right here:
        the person must be able to trust that what they typed is stored."""
        self.timer.stop()
        if not self.dirty:
            return True
        try:
            drafts.save_draft(
                self.ctx, self.kind, self.object_id, self._payload(), case_id=self.case_id
            )
        except Exception as error:  # reported in the page; the next change tries again
            log.warning("autosave failed: %s", type(error).__name__)
            self.failed.emit(error)
            return False
        self.dirty = False
        self.saved.emit()
        return True

    def discard(self) -> None:
        self.timer.stop()
        self.dirty = False
        drafts.discard_draft(self.ctx, self.kind, self.object_id)
