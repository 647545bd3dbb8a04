"""What is on screen, as JSON, for the scripted tour (``make tour``, tests/tour/run_tour.py).

Off unless ``ASSESSMENT_TOUR_STATE`` names a file (ui/app.py). Then, a few times a second, the
app writes to it: the active window, the pages shown, every error (an error banner or a critical
message box), and the visible controls of the active window with their labels and places on the
screen, so the tour can click and type as a person does and know it reached the screen it
meant. It holds only what the screen shows; the tour runs on a throwaway database.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QWidget,
)

ENV = "ASSESSMENT_TOUR_STATE"
CONTROLS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _box(widget: QWidget) -> dict[str, int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return {"x": top_left.x(), "y": top_left.y(), "w": widget.width(), "h": widget.height()}


def _seen(widget: QWidget) -> dict[str, Any]:
    """Whether any of the widget is in view (not scrolled away), and the middle of what is."""
    seen = widget.visibleRegion().boundingRect()
    if seen.isEmpty():
        return {"in_view": False}
    middle = widget.mapToGlobal(seen.center())
    return {"in_view": True, "cx": middle.x(), "cy": middle.y()}


def _text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return _plain(widget.text())
    if isinstance(widget, QLineEdit):
        return widget.text() if widget.echoMode() == QLineEdit.EchoMode.Normal else ""
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return widget.toPlainText()[:200]
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return ""


def _group(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox):
            return _plain(parent.title())
        parent = parent.parentWidget()
    return ""


def _qt_kind(widget: QWidget) -> str:
    """The Qt class a widget is (a QRadioButton for the app's word-wrapping radio button), as
    the tour names controls."""
    for cls in type(widget).__mro__:
        if cls.__module__.startswith("PySide6"):
            return cls.__name__
    return type(widget).__name__


def _table(view: QAbstractItemView) -> dict[str, Any]:
    """The first rows of a list or table as text, each with its place (to click it)."""
    model = view.model()
    rows = []
    for row in range(min(model.rowCount(QModelIndex()), 40)):
        first = model.index(row, 0)
        rect = view.visualRect(first)
        corner = view.viewport().mapToGlobal(rect.topLeft())
        cells = []
        for col in range(8):
            index = model.index(row, col)
            if not index.isValid():
                break
            cells.append(str(index.data() or ""))
        rows.append({"cells": cells, "x": corner.x(), "y": corner.y(), "w": 40, "h": rect.height()})
    return {"name": view.accessibleName(), "kind": _qt_kind(view), "rows": rows}


def snapshot() -> dict[str, Any]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    active = app.activeModalWidget() or app.activeWindow()
    windows = [w for w in app.topLevelWidgets() if w.isVisible()]
    labels: dict[int, str] = {}
    for window in windows:
        for label in window.findChildren(QLabel):
            buddy = label.buddy()
            if buddy is not None and label.isVisible():
                labels[id(buddy)] = _plain(label.text()).rstrip(":")
    state: dict[str, Any] = {
        "active": None,
        "windows": [
            {"class": type(w).__name__, "title": w.windowTitle(), **_box(w)} for w in windows
        ],
        "screens": [],
        "errors": [],
        "banners": [],
        "boxes": [],
        "controls": [],
        "tables": [],
        "focus": None,
    }
    for window in windows:
        for stack in window.findChildren(QStackedWidget):
            current = stack.currentWidget()
            if stack.isVisible() and current is not None:
                state["screens"].append(type(current).__name__)
        for frame in window.findChildren(QWidget, "banner"):
            label = getattr(frame, "label", None)
            if frame.isVisible() and label is not None:
                kind = getattr(frame, "kind", "")
                state["banners"].append({"kind": kind, "text": label.text()})
                if kind == "error":
                    state["errors"].append(label.text())
        if isinstance(window, QMessageBox):
            state["boxes"].append(
                {"title": window.windowTitle(), "text": window.text(), "icon": int(window.icon())}
            )
            if window.icon() == QMessageBox.Icon.Critical:
                state["errors"].append(window.text())
    if active is not None:
        state["active"] = {"class": type(active).__name__, "title": active.windowTitle()}
        for widget in active.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if isinstance(widget, QTabBar):
                for i in range(widget.count()):
                    rect = widget.tabRect(i)
                    corner = widget.mapToGlobal(rect.topLeft())
                    state["controls"].append(
                        {
                            "kind": "tab",
                            "text": _plain(widget.tabText(i)),
                            "enabled": widget.isTabEnabled(i),
                            "x": corner.x(),
                            "y": corner.y(),
                            "w": rect.width(),
                            "h": rect.height(),
                        }
                    )
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                state["tables"].append(_table(widget))
            elif isinstance(widget, CONTROLS) and widget.isEnabled():
                state["controls"].append(
                    {
                        "kind": _qt_kind(widget),
                        "text": _text(widget),
                        "label": labels.get(id(widget)) or widget.accessibleName(),
                        "placeholder": getattr(widget, "placeholderText", lambda: "")(),
                        "group": _group(widget),
                        "name": widget.objectName(),
                        "checked": isinstance(widget, QAbstractButton) and widget.isChecked(),
                        "echo": widget.echoMode().name if isinstance(widget, QLineEdit) else "",
                        "enabled": True,
                        **_seen(widget),
                        **_box(widget),
                    }
                )
    focus = app.focusWidget()
    if focus is not None:
        state["focus"] = {
            "class": type(focus).__name__,
            "label": labels.get(id(focus)) or focus.accessibleName(),
            "text": _text(focus),
        }
    return state


class TourHook(QObject):
    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.write)
        self.timer.start()

    def write(self) -> None:
        text = json.dumps(snapshot(), ensure_ascii=False)
        part = self.path.with_suffix(".part")
        part.write_text(text, encoding="utf-8")
        os.replace(part, self.path)


def install_if_asked(app: QApplication) -> TourHook | None:
    target = os.environ.get(ENV)
    if not target:
        return None
    return TourHook(Path(target), app)
