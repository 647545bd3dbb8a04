"""A canvas that knows the total page count, for "Sida X av Y" in every footer.

Pages are held back instead of written: ``showPage`` keeps the finished page's state, and
``save`` replays every page once the total is known, stamps its number and writes it. The layout
runs once; only the small stamp is drawn in the second pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True, slots=True)
class PageStamp:
    """Where and how the page number is drawn: right-aligned at ``(right_x, y)``."""

    label: Callable[[int, int], str]
    font_name: str
    font_size: float
    right_x: float
    y: float
    color: Color


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    def __init__(self, *args: Any, stamp: PageStamp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._stamp = stamp
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, page_state in enumerate(self._held_pages, start=1):
            self.__dict__.update(page_state)
            self._draw_stamp(number, total)
            super().showPage()
        self._held_pages = []
        super().save()

    def _draw_stamp(self, number: int, total: int) -> None:
        stamp = self._stamp
        self.saveState()
        self.setFont(stamp.font_name, stamp.font_size)
        self.setFillColor(stamp.color)
        self.drawRightString(stamp.right_x, stamp.y, stamp.label(number, total))
        self.restoreState()
