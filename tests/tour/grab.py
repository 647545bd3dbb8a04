"""The X server's picture of the windows on screen, cropped to them (the tour's pictures).

Qt reads the root window of the display the tour drives (``QScreen.grabWindow(0)``); the driver
makes no window of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage

MARGIN = 0  # the root window around the windows is black under Xvfb


def grab(path: Path, windows: list[dict[str, Any]]) -> None:
    app = QGuiApplication.instance() or QGuiApplication(["tour-grab"])
    screen = app.primaryScreen()  # type: ignore[attr-defined]
    whole = screen.grabWindow(0)
    area = QRect()
    for w in windows:
        area = area.united(QRect(w["x"], w["y"], w["w"], w["h"]))
    if area.isEmpty():
        area = whole.rect()
    area = area.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).intersected(whole.rect())
    # 256 colours without dithering: a screen of widgets looks the same at a quarter the size
    picture = (
        whole.copy(area)
        .toImage()
        .convertToFormat(
            QImage.Format.Format_Indexed8,
            Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
        )
    )
    if not picture.save(str(path), "PNG", 0):  # 0: the smallest file
        raise OSError(f"could not save {path}")
