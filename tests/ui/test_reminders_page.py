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
from tests.ui.conftest import ADMIN, WORKER, wait_tasks
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
    # not reminders: a follow-up done, a consent to another recipient without a last day
    ws.cases.schedule_follow_up(row.id, today - timedelta(days=40))
    done = next(f for f in ws.cases.follow_ups(row.id) if f.due_on == today - timedelta(days=40))
    ws.cases.mark_follow_up_done(done.id, done.version, done_on=today - timedelta(days=40))
    ws.cases.give_consent(row.id, "other", ["housing"], recipient_name="Hyresvärden",
                          given_on=today - timedelta(days=10))  # fmt: skip
    follow_up = next(f for f in ws.cases.follow_ups(row.id) if f.done_on is None)
    empty = ws.cases.create(name="Utan Datum")
    return {"case": row.id, "ref": row.case_ref, "plan": plan.id, "consent": consent.id,
            "empty": empty.case_ref, "follow_up": follow_up.id}  # fmt: skip


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

    # the consent row, by keys: it opens the case on the consents tab, on that consent
    page.tree.setFocus()
    page.tree.setCurrentItem(top.child(2))
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    qtbot.waitUntil(
        lambda: window.case_page is not None and window.stack.currentWidget() is window.case_page
    )
    assert window.case_page.tabs.currentWidget() is window.case_page.consents
    consents_tab = window.case_page.consents
    qtbot.waitUntil(lambda: consents_tab.loaded_once)
    assert len(consents_tab.items) == 2  # the reminder's consent is not the only row
    assert consents_tab.selected() is not None and consents_tab.selected().id == ids["consent"]
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
    plans_tab = window.case_page.plans
    qtbot.waitUntil(lambda: plans_tab.loaded_once)
    rows = {i.row() for i in plans_tab.table.selectedIndexes()}
    assert [plans_tab.items[r].id for r in rows] == [ids["plan"]]
    window.reminders_action.trigger()
    wait_tasks(qtbot)
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: window.case_page.tabs.currentWidget() is window.case_page.followups)
    followups_tab = window.case_page.followups
    qtbot.waitUntil(lambda: followups_tab.loaded_once)
    assert len(followups_tab.items) == 2
    rows = {i.row() for i in followups_tab.table.selectedIndexes()}
    assert [followups_tab.items[r].id for r in rows] == [ids["follow_up"]]


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


def _chef(database, settings, template) -> Services:
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, "chef", "chef-password-1", "supervisor", unit="Vuxenenheten")
    return Services(
        database, accounts.sign_in(database, "chef", "chef-password-1"), settings,
        StaticTemplates(template),
    )  # fmt: skip


def test_supervisor_sees_the_unit_at_sign_in(qtbot, database, settings, template, services,
                                             tmp_path):  # fmt: skip
    """ "At sign-in … for the worker and, for a supervisor, the unit": the check at sign-in
    and the page's first view are the unit, with whose case each is."""
    ids = _dates(services)  # anna's case
    window = _window(qtbot, _chef(database, settings, template))
    page = window.reminders_page
    assert page.scope.isVisibleTo(page) and page.scope.currentData() == "unit"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)  # shown: the unit has dates
    assert [ref for ref, _ in _rows(page)] == [ids["ref"]]
    assert not page.tree.isColumnHidden(3)
    assert page.tree.headerItem().text(3) == "Handläggare"
    worker = page.tree.topLevelItem(0).text(3)
    assert worker and worker != NAME  # the worker's name or user name, never the client's
    assert worker == page.listed.workers[services.ctx.user_id]
    page.grab().save(str(_shots(tmp_path) / "att-gora-arbetsledare.png"))
    page.scope.setCurrentIndex(page.scope.findData("mine"))
    wait_tasks(qtbot)
    assert _rows(page) == [] and page.tree.isColumnHidden(3)  # none of their own


def test_a_consent_shows_from_thirty_days_before(qtbot, services, tmp_path):
    ws = services.ws
    today = today_in_sweden()
    row = ws.cases.create(name=NAME, personnummer=PNR)
    ends = today + timedelta(days=20)  # after this week, within the 30 days
    ws.cases.give_consent(row.id, "police", ["housing"], given_on=today, valid_until=ends)
    window = _window(qtbot, services)
    page = window.reminders_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    child = page.tree.topLevelItem(0).child(0)
    assert [child.text(c) for c in range(3)] == [ends.isoformat(), "Samtycke upphör", "Kommande"]
    assert page.tree.isColumnHidden(3)  # one's own list: no worker column
    assert page.summary.text().endswith("Samtycken som upphör inom 30 dagar: 1.")
    assert page.summary.text().startswith("Försenat: 0. Att göra till och med söndag")
    page.grab().save(str(_shots(tmp_path) / "att-gora-kommande.png"))


def test_desktop_notifications_tell_only_what_is_new(qtbot, services):
    """The page reads the list again every 15 minutes and after midnight; a notification
    (counts only) comes for what became due or overdue since the last one; ticking the box
    takes effect at once."""
    ids = _dates(services)
    window = _window(qtbot, services)
    page = window.reminders_page
    assert page.timer.isActive() and page.timer.interval() == 15 * 60 * 1000
    assert page.midnight.isActive() and page.midnight.remainingTime() <= 24 * 3600 * 1000
    told: list[tuple[int, int]] = []
    page.notify_due.connect(lambda late, due: told.append((late, due)))
    page.refresh()
    wait_tasks(qtbot)
    assert told == []  # off by default: nothing
    page.notify.setChecked(True)  # at once: 1 overdue, 2 due (the action, the consent)
    assert told == [(1, 2)]
    page.timer.timeout.emit()  # the 15-minute refresh: nothing new, no repeat
    wait_tasks(qtbot)
    assert told == [(1, 2)]
    services.ws.cases.schedule_follow_up(ids["case"], today_in_sweden())
    page.timer.timeout.emit()
    wait_tasks(qtbot)
    assert told == [(1, 2), (0, 1)]
    text = page.notification_text(0, 1)
    assert "1" in text and NAME not in text and ids["ref"] not in text
    if QSystemTrayIcon.isSystemTrayAvailable():  # the real tray, where the platform has one
        assert window.tray is not None and window.tray.isVisible()
    else:
        assert window.tray is None  # never a tray where there is none
    # meeting mode: nothing is told; what is new waits for the refresh after it
    services.ws.cases.schedule_follow_up(ids["case"], today_in_sweden())
    window.meeting_action.trigger()
    page.timer.timeout.emit()
    wait_tasks(qtbot)
    assert told == [(1, 2), (0, 1)]
    window.set_meeting_mode(False)  # (the password dialog is the lock screen's test)
    page.timer.timeout.emit()
    wait_tasks(qtbot)
    assert told == [(1, 2), (0, 1), (0, 1)]
    page.notify.setChecked(False)
    services.ws.cases.schedule_follow_up(ids["case"], today_in_sweden())
    page.refresh()
    wait_tasks(qtbot)
    assert told == [(1, 2), (0, 1), (0, 1)]  # unticked: nothing
    window.sign_out()
    assert not page.timer.isActive() and not page.midnight.isActive()


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


def test_a_locked_desk_reads_and_tells_nothing_and_opens_nothing(qtbot, services):
    """While the window is locked no refresh runs, a list still on its way is told to nobody,
    and a click on the tray's message (or on a row) does not pass the lock screen; after the
    unlock the watching starts again and what became due is told."""
    ids = _dates(services)
    window = _window(qtbot, services)
    page = window.reminders_page
    told: list[tuple[int, int]] = []
    page.notify_due.connect(lambda late, due: told.append((late, due)))
    page.refresh()
    wait_tasks(qtbot)
    page.notify.setChecked(True)
    assert told == [(1, 2)]
    services.ws.cases.schedule_follow_up(ids["case"], today_in_sweden())
    page.refresh()  # on its way when the desk is locked
    window.lock_action.trigger()
    wait_tasks(qtbot)
    assert window.locked and window.stack.currentWidget() is window.lock_screen
    assert not page.timer.isActive() and not page.midnight.isActive()
    assert told == [(1, 2)]  # the new follow-up is not told on a locked desk
    window.show_reminders()  # what the tray's messageClicked calls
    row = next(item for item in page.listed.items if item.case_ref == ids["ref"])
    window.open_reminder(row)
    wait_tasks(qtbot)
    assert window.stack.currentWidget() is window.lock_screen and window.case_page is None
    qtbot.keyClicks(window.lock_screen.password, WORKER[1])
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: not window.locked)
    wait_tasks(qtbot)
    assert page.timer.isActive() and page.midnight.isActive()
    assert told == [(1, 2), (0, 1)]  # told after the unlock
