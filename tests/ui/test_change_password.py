"""Changing one's own password in the app (issue 12, point 8): from the Arkiv menu, and forced
before the main window after a sign-in with a temporary password."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from assessment_app import accounts
from assessment_app.errors import WrongPasswordError
from tests.ui.conftest import ADMIN, WORKER, wait_tasks
from ui.account.password_dialog import ChangePasswordDialog
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.services import StaticTemplates

TEMP = ("nina", "temporary-pw-1")
OWN = "ninas-own-password"


@pytest.fixture
def temporary_user(database):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *TEMP, "caseworker", unit="Vuxenenheten", temporary=True)
    return TEMP


def _shots(tmp_path: Path) -> Path:
    """Where pictures go: a folder to look at (ASSESSMENT_TEST_SHOTS) or the test's own."""
    folder = Path(os.environ.get("ASSESSMENT_TEST_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _type(qtbot, dialog: ChangePasswordDialog, old: str, new: str, repeat: str | None = None):
    for field in (dialog.old, dialog.new, dialog.repeat):
        field.clear()
    qtbot.keyClicks(dialog.old, old)
    qtbot.keyClicks(dialog.new, new)
    qtbot.keyClicks(dialog.repeat, new if repeat is None else repeat)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def _sign_in(qtbot, controller, username, password):
    dialog = controller.sign_in
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.username.setText(username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_menu_dialog_changes_the_password(qtbot, services, database, tmp_path):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.password_action in file_menu.actions()
    assert window.password_action.text().replace("&", "") == "Byt lösenord …"
    window.password_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ChangePasswordDialog))
    dialog = QApplication.activeModalWidget()
    assert dialog.cancel_button.text().replace("&", "") == "Avbryt"

    _type(qtbot, dialog, WORKER[1], "short")
    assert "minst 10 tecken" in dialog.banner.text() and dialog.isVisible()
    _type(qtbot, dialog, WORKER[1], "a-new-password-1", "a-new-password-2")
    assert "inte likadana" in dialog.banner.text() and dialog.repeat.text() == ""
    _type(qtbot, dialog, "not-my-password", "a-new-password-1")
    assert dialog.banner.text() == "Det nuvarande lösenordet är fel; lösenordet har inte ändrats."
    assert dialog.old.text() == "" and dialog.new.text() == "a-new-password-1"  # nothing else lost
    assert dialog.isVisible()
    dialog.grab().save(str(_shots(tmp_path) / "byt-losenord-fel.png"))

    _type(qtbot, dialog, WORKER[1], "a-new-password-1")
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert "Lösenordet är bytt" in window.statusBar().currentMessage()
    with pytest.raises(WrongPasswordError):
        accounts.sign_in(database, *WORKER)
    assert accounts.sign_in(database, WORKER[0], "a-new-password-1").username == "anna"


def test_temporary_password_is_changed_before_the_main_window(
    qtbot, db_url, database, temporary_user, settings, template, tmp_path
):
    controller = AppController(db_url, settings, StaticTemplates(template))
    controller.start()
    _sign_in(qtbot, controller, *TEMP)
    qtbot.waitUntil(
        lambda: controller.password_dialog is not None and controller.password_dialog.isVisible()
    )
    dialog = controller.password_dialog
    assert controller.window is None  # nothing of the records before the change
    assert "tillfälligt lösenord" in dialog.intro.text()
    assert dialog.cancel_button.text().replace("&", "") == "Logga ut"
    dialog.grab().save(str(_shots(tmp_path) / "byt-tillfalligt-losenord.png"))

    _type(qtbot, dialog, TEMP[1], TEMP[1])
    assert "skilja sig" in dialog.banner.text()
    _type(qtbot, dialog, TEMP[1], OWN)
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    window = controller.window
    assert window.ctx.username == "nina" and not window.ctx.must_change_password
    wait_tasks(qtbot)
    assert not accounts.sign_in(database, "nina", OWN).must_change_password
    window.sign_out_action.trigger()
    wait_tasks(qtbot)


def test_giving_up_the_forced_change_signs_out(
    qtbot, db_url, database, temporary_user, settings, template
):
    controller = AppController(db_url, settings, StaticTemplates(template))
    controller.start()
    first = controller.sign_in
    _sign_in(qtbot, controller, *TEMP)
    qtbot.waitUntil(
        lambda: controller.password_dialog is not None and controller.password_dialog.isVisible()
    )
    qtbot.mouseClick(controller.password_dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    qtbot.waitUntil(
        lambda: (
            controller.sign_in is not None
            and controller.sign_in is not first
            and controller.sign_in.isVisible()
        )
    )
    assert controller.window is None
    assert controller.sign_in.username.text() == "nina"
    assert accounts.sign_in(database, *TEMP).must_change_password  # still temporary
    controller.sign_in.reject()
