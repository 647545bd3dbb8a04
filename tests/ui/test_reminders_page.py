"""The "Att göra" screen (issue 15, reminders): shown at sign-in when something is due, per
case, each row opening its place; the unit for a supervisor; the .ics button; the desktop
notification setting."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon

from assessment_app import accounts
from assessment_app.records import plans
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.records.reminders import today_in_sweden
from tests.ui.conftest import ADMIN, wait_tasks
from ui.main_window import MainWindow
from ui.services import Services, StaticTemplates

NAME, PNR = "Kalle Karlsson", "19811228-9874"


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ASSESSMENT_TEST_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _dates(services: Services) -> dict[str, str]:
    ws = services.ws
    today = today_in_sweden()
    row = ws.cases.create(name=NAME, personnummer=PNR)
    ws.cases.schedule_follow_up(row.id, today - timedelta(days=3))
    plan = ws.plans.create(row.id)
    goal = plans.Goal("housing", "Eget boende")
    saved = ws.plans.save(
        PlanEdit(plan, PlanContent([goal], [plans.Action("Söka", "individual", due_on=today)]))
    )
    assert saved is not None
    consent = ws.cases.give_consent(
        row.id, "police", ["housing"], given_on=today - timedelta(days=10), valid_until=today
    )
    empty = ws.cases.create(name="Utan Datum")
    return {"case": row.id, "ref": row.case_ref, "plan": plan.id, "consent": consent.id,
            "empty": empty.case_ref}  # fmt: skip


def _window(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.after_sign_in()
    wait_tasks(qtbot)
    return window


def _rows(page) -> list[tuple[str, list[str]]]:
    tree = page.tree
    out = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out.append((top.text(0), [top.child(j).text(1) for j in range(top.childCount())]))
    return out


def top_text(page) -> str:
    return page.tree.topLevelItem(0).text(2)


def test_shown_at_sign_in_and_each_row_opens_its_place(qtbot, services, tmp_path):
    ids = _dates(services)
    window = _window(qtbot, services)
    page = window.reminders_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    assert _rows(page) == [
        (ids["ref"], ["Uppföljning", "Insats ska vara klar", "Samtycke upphör"])
    ]  # the case without dates is not listed; no name anywhere
    assert page.summary.text().startswith("Försenat: 1. Att göra till och med söndag")
    assert page.summary.text().endswith(": 2.") and top_text(page) == "Försenat: 1"
    top = page.tree.topLevelItem(0)
    assert top.child(0).text(2) == "Försenad" and top.child(1).text(2) == "I dag"
    assert NAME not in page.summary.text() and all(
        NAME not in top.child(j).text(c) for j in range(3) for c in range(3)
    )
    page.grab().save(str(_shots(tmp_path) / "att-gora.png"))

    # the consent row, by keys: it opens the case on the consents tab
    page.tree.setFocus()
    page.tree.setCurrentItem(top.child(2))
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    qtbot.waitUntil(
        lambda: window.case_page is not None and window.stack.currentWidget() is window.case_page
    )
    assert window.case_page.tabs.currentWidget() is window.case_page.consents
    # back to the list, the plan row opens the plans tab
    window.reminders_action.trigger()
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page and page.tree.topLevelItemCount())
    item = page.tree.topLevelItem(0).child(1)
    rect = page.tree.visualItemRect(item)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: window.case_page.tabs.currentWidget() is window.case_page.plans)
    window.reminders_action.trigger()
    wait_tasks(qtbot)
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: window.case_page.tabs.currentWidget() is window.case_page.followups)


def test_nothing_due_keeps_the_case_list(qtbot, services):
    services.ws.cases.create(name="Utan Datum")
    window = _window(qtbot, services)
    assert window.stack.currentWidget() is window.case_list
    window.reminders_action.trigger()
    wait_tasks(qtbot)
    page = window.reminders_page
    assert window.stack.currentWidget() is page
    assert page.summary.text() == "Inget är försenat och inget ska göras den här veckan."


def test_meeting_mode_hides_the_list(qtbot, services):
    _dates(services)
    window = _window(qtbot, services)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reminders_page)
    window.meeting_action.trigger()
    assert window.stack.currentWidget() is window.meeting_placeholder
    assert not window.reminders_action.isEnabled()


def test_supervisor_sees_the_unit(qtbot, database, settings, template, services):
    ids = _dates(services)  # anna's case
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, "chef", "chef-password-1", "supervisor", unit="Vuxenenheten")
    chef = Services(
        database, accounts.sign_in(database, "chef", "chef-password-1"), settings,
        StaticTemplates(template),
    )  # fmt: skip
    window = _window(qtbot, chef)
    page = window.reminders_page
    assert page.scope.isVisibleTo(page) and window.stack.currentWidget() is window.case_list
    assert _rows(page) == []  # none of their own
    page.scope.setCurrentIndex(page.scope.findData("unit"))
    wait_tasks(qtbot)
    assert [ref for ref, _ in _rows(page)] == [ids["ref"]]


def test_export_button_writes_the_calendar_file(qtbot, services, tmp_path):
    ids = _dates(services)
    window = _window(qtbot, services)
    page = window.reminders_page
    out = tmp_path / "mina-datum.ics"
    page.export(out)
    wait_tasks(qtbot)
    text = out.read_bytes().decode("utf-8")
    assert text.count("BEGIN:VEVENT") == 3 and ids["ref"] in text
    for secret in (NAME, "Kalle", PNR, "811228", "Eget boende", "anna"):
        assert secret.lower() not in text.lower()
    assert "3 datum är sparade i mina-datum.ics" in page.banner.text()
    assert page.export_button.text().replace("&", "").startswith("Exportera till kalender")


def test_notifications_are_off_by_default_and_need_a_tray(qtbot, services, settings):
    window = _window(qtbot, services)
    page = window.reminders_page
    assert not settings.desktop_notifications and not page.notify.isChecked()
    assert page.notify.isEnabled() == QSystemTrayIcon.isSystemTrayAvailable()
    if page.notify.isEnabled():
        page.notify.setChecked(True)
        assert settings.desktop_notifications
