"""Reading a screen's data in the background, one read at a time.

``Loader(owner, fetch, show, failed)``: :meth:`Loader.reload` runs ``fetch`` through
:func:`ui.tasks.run_task` and hands the result to ``show`` (or the error to ``failed``) on the
UI thread, not at all once ``owner`` is deleted. Asked again while a read is on its way, it
reads once more when that one is in, and only the newest answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject

from ui.tasks import run_task

T = TypeVar("T")


class Loader(Generic[T]):
    def __init__(
        self,
        owner: QObject,
        fetch: Callable[[], T],
        show: Callable[[T], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self.owner = owner
        self.fetch = fetch
        self.show = show
        self.failed = failed
        self.loading = False
        self.loaded_once = False
        self._again = False

    def reload(self) -> None:
        if self.loading:
            self._again = True
            return
        self.loading = True
        self._again = False
        run_task(self.fetch, self._arrived, self._refused, owner=self.owner)

    def _arrived(self, value: Any) -> None:
        self.loading = False
        if self._again:
            self.reload()
            return
        self.loaded_once = True
        self.show(value)

    def _refused(self, error: BaseException) -> None:
        self.loading = False
        if self._again:
            self.reload()
            return
        self.failed(error)
