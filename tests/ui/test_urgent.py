"""Urgent flags on the case screen: open ones at the top with "Registrera åtgärd …", the dialog
records what was done (by keys and clicks), and the handled flag stays as history."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assessment_app.workspace.interview import AssessmentEdit
from tests.ui.conftest import wait_tasks
from ui.case_view.case_page import CasePage


def _urgent_case(services):
    ws = services.ws
    row = ws.cases.create(name="Akut Person")
    a = ws.interviews.start(row.id)
    answers = {"housing_now": "homeless", "housing_tonight": False}  # nowhere to sleep tonight
    ws.interviews.save(AssessmentEdit.of(a, answers, {}))
    return row


def test_open_flag_is_shown_and_handled_from_the_case(qtbot, services):
    row = _urgent_case(services)
    page = CasePage(services, row.id)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    wait_tasks(qtbot)
    panel = page.urgent
    assert panel.isVisible()
    assert "behöver hanteras" in panel.banner.text()
    (flag,) = [f for f in panel.flags if f.open]
    assert "Ingen plats att sova i natt" in flag.message("sv")
    page.grab().save("/tmp/uicheck/urgent-open.png")

    dialog = panel.handle(flag)
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing chosen yet
    wait_tasks(qtbot)
    assert dialog.isVisible() and "Ange vad som har gjorts" in dialog.banner.text()
    box = dialog.boxes["emergency_housing"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.note, "Akutboende ordnat via socialjouren")
    with qtbot.waitSignal(dialog.handled):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert not panel.banner.isVisible()
    assert "Akut eller skyddat boende ordnat" in panel.history.text()
    (stored,) = services.ws.cases.urgent_flags(row.id)
    assert not stored.open and stored.note == "Akutboende ordnat via socialjouren"
    page.grab().save("/tmp/uicheck/urgent-handled.png")


def test_a_case_without_urgent_flags_shows_no_panel(qtbot, services):
    row = services.ws.cases.create(name="Lugn Person")
    page = CasePage(services, row.id)
    qtbot.addWidget(page)
    page.show()
    wait_tasks(qtbot)
    assert not page.urgent.isVisible()
