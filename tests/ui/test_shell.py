"""The app shell: the Help menu and About dialog, the window icon and desktop file name, the
caseworker's decision badge, and what meeting mode hides of the supervisor's screens."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from assessment_app import accounts
from assessment_app.records import plans
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, WORKER, wait_tasks
from ui.about import AboutDialog
from ui.app import DESKTOP_FILE_NAME, app_icon, make_application
from ui.main_window import MainWindow
from ui.services import Services

CHEF = ("chef", "chef-password-1")


def _window(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_help_menu_opens_the_about_dialog(qtbot, services):
    window = _window(qtbot, services)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Hjälp" in titles
    assert window.about_action in window.help_menu.actions()
    window.about_action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert services.db.sqlite_path.name in dialog.database  # where this session's data is
    dialog.grab().save("/tmp/uicheck/about.png")
    dialog.reject()


def test_application_icon_and_desktop_file_name(qtbot):
    app = make_application("sv")
    assert app.desktopFileName() == DESKTOP_FILE_NAME
    icon = app_icon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 32, 48, 256, 512} <= sizes
    assert not QApplication.windowIcon().isNull()


def _submitted_plan(ws, name="Kalle Karlsson"):
    row = ws.cases.create(name=name)
    with ws.write() as uow:
        plan = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Eget boende")])
    return row, ws.plans.submit(plan.id, plan.version)


def test_decision_badge_counts_lists_and_marks_seen(qtbot, services, database, worker):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    chef = Workspace(accounts.sign_in(database, *CHEF))
    mine = Workspace(worker)
    row1, p1 = _submitted_plan(mine, "Kalle Karlsson")
    row2, p2 = _submitted_plan(mine, "Lisa Larsson")
    chef.plans.decide(p1.id, p1.version, approve=True)
    chef.plans.decide(p2.id, p2.version, approve=False, comment="Lägg till ett datum")

    window = _window(qtbot, services)
    assert window.decisions_action.isVisible() and not window.review_action.isVisible()
    window.decisions.refresh()
    qtbot.waitUntil(lambda: not window.decisions.loading)
    assert window.decisions_action.text() == "&Beslut (2)"
    window.decisions_action.trigger()
    wait_tasks(qtbot)
    dialog = window.decisions.dialog
    assert dialog is not None and dialog.isVisible()
    texts = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert sorted(texts) == sorted([row1.case_ref, row2.case_ref])
    comments = [dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())]
    assert "Lägg till ett datum" in comments
    # the list shows case references only, never names
    shown = " ".join(
        dialog.table.item(r, c).text()
        for r in range(dialog.table.rowCount())
        for c in range(dialog.table.columnCount())
    )
    assert "Kalle" not in shown and "Lisa" not in shown
    dialog.grab().save("/tmp/uicheck/decisions.png")
    assert window.decisions_action.text() == "&Beslut"
    assert mine.review.badges() == []  # marked seen in the database
    # double-click opens the case
    dialog.table.setCurrentCell(0, 0)
    dialog._open()
    wait_tasks(qtbot)
    assert window.case_page is not None and window.case_page.case_id in (row1.id, row2.id)


def test_meeting_mode_hides_the_badge_and_supervisor_screens(qtbot, database, settings, template):
    from ui.services import StaticTemplates

    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    chef = accounts.sign_in(database, *CHEF)
    services = Services(database, chef, settings, StaticTemplates(template))
    window = _window(qtbot, services)
    assert window.review_action.isVisible() and window.log_action.isVisible()
    assert not window.decisions_action.isVisible()
    window.show_review_queue()
    qtbot.waitUntil(lambda: not window.review_page.loading)
    assert window.stack.currentWidget() is window.review_page
    window.meeting_action.trigger()
    assert window.stack.currentWidget() is window.meeting_placeholder
    assert not window.review_action.isEnabled() and not window.log_action.isEnabled()
    window.show_review_queue()
    window.show_access_log()
    assert window.stack.currentWidget() is window.meeting_placeholder


def test_caseworker_sees_no_supervisor_or_admin_actions(qtbot, services):
    window = _window(qtbot, services)
    assert not window.review_action.isVisible()
    assert not window.log_action.isVisible()
    assert not window.backup_action.isVisible()
    assert window.settings_action.isVisible()
    assert services.ctx.username == WORKER[0]
