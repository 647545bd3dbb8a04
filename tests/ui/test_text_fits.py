"""Every message and key shows whole, at the default size and at 200 % (issue 12, point 6):
the personnummer error in "Nytt ärende" and the recovery key on the first run's last page.

200 % is the app font at twice its point size (what a person with a larger system font gets;
QT_SCALE_FACTOR=2 scales pixels and fonts together, so it cannot cut more than the default
does). The checks measure with the widgets' own font metrics, and render PNGs to look at
(ASSESSMENT_TEST_SHOTS names a folder to keep them).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from tests.ui.conftest import wait_tasks
from ui.cases.new_case import NewCaseDialog
from ui.startup.first_run import FirstRunDialog


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ASSESSMENT_TEST_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    bottom_right = widget.mapTo(window, widget.rect().bottomRight())
    area = window.rect()
    return area.contains(top_left) and area.contains(bottom_right)


def assert_label_whole(label: QLabel, window: QWidget) -> None:
    assert label.isVisible()
    assert label.wordWrap()
    needed = label.heightForWidth(label.width())
    assert label.height() >= needed, (label.height(), needed, label.text())
    assert _inside(label, window), (label.geometry(), window.size())


def assert_line_whole(field: QLineEdit, window: QWidget) -> None:
    """The whole text fits in the field's text area and is scrolled to its start."""
    metrics = field.fontMetrics()
    margins = field.textMargins()
    # QLineEdit draws inside its frame with a 2-pixel inner margin on each side
    room = field.contentsRect().width() - margins.left() - margins.right() - 4
    assert metrics.horizontalAdvance(field.text()) <= room, (field.text(), room)
    assert field.cursorPosition() == 0
    assert _inside(field, window), (
        field.geometry(),
        field.minimumWidth(),
        window.size(),
        window.minimumSizeHint(),
        window.screen().size(),
    )


def test_personnummer_error_shows_whole(qtbot, services, font_scale, tmp_path):
    dialog = NewCaseDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "Kalle Karlsson")
    qtbot.keyClicks(dialog.personnummer, "19811228-9875")  # wrong check digit
    qtbot.keyClick(dialog.personnummer, Qt.Key.Key_Return)  # "Skapa" checks it too
    qtbot.waitUntil(lambda: dialog.pnr_message.isVisible())
    qtbot.wait(50)  # the dialog grows on the next turn of the event loop
    assert "kontrollsiffran" in dialog.pnr_message.text() or "giltigt" in dialog.pnr_message.text()
    assert_label_whole(dialog.pnr_message, dialog)
    dialog.grab().save(str(_shots(tmp_path) / f"nytt-arende-fel-{font_scale * 100}.png"))
    # and the banner's message after "Skapa"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert_label_whole(dialog.pnr_message, dialog)


def test_recovery_key_shows_whole(qtbot, db_url, font_scale, tmp_path):
    dialog = FirstRunDialog(db_url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.unit, "Vuxenenheten")
    qtbot.keyClicks(dialog.username, "chef")
    qtbot.keyClicks(dialog.password, "ett-bra-losenord")
    qtbot.keyClicks(dialog.repeat, "ett-bra-losenord")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20_000)
    wait_tasks(qtbot)
    qtbot.wait(50)
    key = dialog.key_field.text()
    first_group = key.split("-")[0]
    assert key == dialog.recovery_key and len(first_group) >= 4
    assert_line_whole(dialog.key_field, dialog)
    # the key's font follows the app's: at 200 % it is twice as large
    assert dialog.key_field.font().pointSizeF() >= QApplication.font().pointSizeF()
    dialog.grab().save(str(_shots(tmp_path) / f"aterstallningsnyckel-{font_scale * 100}.png"))
    qtbot.keyClick(dialog.saved_check, Qt.Key.Key_Space)
    dialog.accept()
