"""Administrator's user screen: units shown; disable and enable; remove (the confirmation says
the person can no longer unlock, and only "Ta bort" removes); a new password brings them back;
a user's work phone and e-mail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from assessment_app import accounts
from assessment_app.db.models import AuditEvent
from assessment_app.errors import AccountDisabledError, WrongPasswordError
from assessment_app.records.contacts import WorkerContact
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, WORKER, wait_tasks
from ui.admin.users_page import UsersPage
from ui.services import Services, StaticTemplates


@pytest.fixture
def admin(database):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, "bo", "bo-password-123", "caseworker", unit="Enhet Syd")
    return admin


@pytest.fixture
def ws(admin):
    """The administrator's workspace without the UI-thread guard, for checks in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(admin)


@pytest.fixture
def page(qtbot, database, admin, settings, template):
    page = UsersPage(Services(database, admin, settings, StaticTemplates(template)))
    qtbot.addWidget(page)
    page.resize(900, 700)
    assert page.table.rowCount() == 0 and page.status.text() == "Hämtar …"  # built first
    page.show()
    wait_tasks(qtbot)
    return page


def _row(page, username):
    return next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == username)


def _cell(page, username, column):
    return page.table.item(_row(page, username), column).text()


def _click(qtbot, button):
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def test_units_are_shown_and_own_account_cannot_be_disabled(qtbot, page):
    assert _cell(page, "anna", 3) == "Vuxenenheten" and _cell(page, "bo", 3) == "Enhet Syd"
    assert _cell(page, "anna", 5) == "Ja"
    assert {page.unit.itemText(i) for i in range(page.unit.count())} == {
        "Vuxenenheten",
        "Enhet Syd",
    }
    page.select(ADMIN[0])
    assert not page.disable_button.isEnabled() and not page.remove_button.isEnabled()


def test_disable_and_enable(qtbot, page, database):
    page.select("anna")
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    assert not page.disable_button.isEnabled() and not page.add_button.isEnabled()  # once
    wait_tasks(qtbot)
    assert _cell(page, "anna", 4) == "Nej" and "avstängd" in page.banner.text()
    with pytest.raises(AccountDisabledError):
        accounts.sign_in(database, *WORKER)
    assert page.selected_username() == "anna" and page.enable_button.isEnabled()
    _click(qtbot, page.enable_button)
    assert _cell(page, "anna", 4) == "Ja"
    assert accounts.sign_in(database, *WORKER).username == "anna"


def test_remove_explains_and_needs_confirmation_then_reset_brings_back(qtbot, page, database, ws):
    page.select("anna")
    _click(qtbot, page.remove_button)
    box = page.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "kan inte längre låsa upp databasen" in box.informativeText()
    box.grab().save("/tmp/uicheck/remove-user.png")
    cancel = next(b for b in box.buttons() if b.text() == "Avbryt")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert ws.admin.has_key("anna")  # cancelled: nothing happened

    page.select("anna")
    _click(qtbot, page.remove_button)
    box = page.confirmation
    remove = next(b for b in box.buttons() if b.text() == "Ta bort")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert not ws.admin.has_key("anna")
    assert _cell(page, "anna", 4) == "Nej" and _cell(page, "anna", 5) == "Nej – borttagen"
    with pytest.raises((AccountDisabledError, WrongPasswordError)):
        accounts.sign_in(database, *WORKER)

    # enabling is not enough: the screen says to set a new password
    page.select("anna")
    _click(qtbot, page.enable_button)
    assert "Nytt lösenord" in page.banner.text() and _cell(page, "anna", 4) == "Nej"

    _click(qtbot, page.reset_button)
    dialog = page.password_dialog
    qtbot.keyClicks(dialog.password, "nytt-losenord-1")
    qtbot.keyClicks(dialog.repeat, "annat-losenord-1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "inte likadana" in dialog.banner.text()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "nytt-losenord-1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert _cell(page, "anna", 4) == "Ja" and _cell(page, "anna", 5) == "Ja"
    assert accounts.sign_in(database, "anna", "nytt-losenord-1").username == "anna"
    page.grab().save("/tmp/uicheck/users.png")


def test_remove_can_also_replace_the_keys(qtbot, page, database, ws):
    """The remove question offers the key rotation; ticked, the keys are replaced and the
    administrator's own session goes on working with the new ones."""
    accounts.sign_in(database, "bo", "bo-password-123")  # a key pair for bo's wrap
    before = ws.ctx.keys.master_key
    page.select("anna")
    _click(qtbot, page.remove_button)
    box = page.confirmation
    assert page.rotate_check is not None and not page.rotate_check.isChecked()
    assert "Byt också nycklarna" in page.rotate_check.text()
    recovery = page.recovery_check  # a new recovery key: only with the rotation
    assert recovery is not None and not recovery.isEnabled() and not recovery.isChecked()
    page.rotate_check.setChecked(True)
    qtbot.waitUntil(box.isVisible)
    assert recovery.isEnabled() and recovery.isVisible() and not recovery.isChecked()
    assert recovery.width() >= recovery.sizeHint().width()
    # shown whole: a check box in a message box does not wrap
    assert page.rotate_check.width() >= page.rotate_check.sizeHint().width()
    assert "gammal säkerhetskopia" in box.informativeText()
    box.grab().save("/tmp/uicheck/remove-rotate.png")
    remove = next(b for b in box.buttons() if b.text() == "Ta bort")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "alla nycklar är utbytta" in page.banner.text(), page.banner.text()
    assert ws.ctx.keys.master_key != before and not ws.admin.key_rotation_running()
    assert ws.admin.verify_audit().ok
    assert accounts.sign_in(database, "bo", "bo-password-123").username == "bo"
    assert _cell(page, "anna", 5) == "Nej – borttagen"


def test_removing_an_administrator_with_the_keys_gives_a_new_recovery_key(
    qtbot, page, database, ws
):
    """For an administrator (who usually knows the recovery key) the second box is ticked:
    the rotation makes a new recovery key, shown once."""
    accounts.add_user(ws.ctx, "it2", "it-admin-pw-123", "administrator", unit="Enhet Syd")
    page.reload()
    wait_tasks(qtbot)
    page.select("it2")
    _click(qtbot, page.remove_button)
    box = page.confirmation
    qtbot.waitUntil(box.isVisible)
    assert page.recovery_check is not None and page.recovery_check.isChecked()
    assert not page.recovery_check.isEnabled()
    page.rotate_check.setChecked(True)
    remove = next(b for b in box.buttons() if b.text() == "Ta bort")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "alla nycklar är utbytta" in page.banner.text(), page.banner.text()
    shown = page.recovery_box.text()  # the new key, shown once: it opens the new master key
    accounts.reset_password_with_recovery(database, shown, "bo", "nytt-losenord-1")
    assert accounts.sign_in(database, "bo", "nytt-losenord-1").keys.master_key == (
        ws.ctx.keys.master_key
    )


def test_add_a_user(qtbot, page, database):
    qtbot.keyClicks(page.username, "cilla")
    qtbot.keyClicks(page.display_name, "Cilla Ceder")
    page.role.setCurrentIndex(page.role.findData("supervisor"))
    page.unit.setEditText("Enhet Syd")
    qtbot.keyClicks(page.password, "cilla-password-1")
    _click(qtbot, page.add_button)
    assert "Användaren cilla är tillagd." in page.banner.text()
    assert _cell(page, "cilla", 1) == "Cilla Ceder" and _cell(page, "cilla", 3) == "Enhet Syd"
    assert page.username.text() == "" and page.password.text() == ""
    assert accounts.sign_in(database, "cilla", "cilla-password-1").role == "supervisor"

    qtbot.keyClicks(page.username, "cilla")  # taken: the core's message, the form kept
    qtbot.keyClicks(page.password, "another-password-1")
    _click(qtbot, page.add_button)
    assert page.banner.kind == "error" and page.username.text() == "cilla"


def test_an_administrator_sets_a_users_work_phone_and_email(qtbot, page, ws, database):
    """ "Kontaktuppgifter …" reads what is stored, refuses a phone number with letters in the
    dialog, and saves through ws.admin (audited); the worker sees it as their own."""
    page.select("anna")
    _click(qtbot, page.contact_button)
    dialog = page.contact_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Kontaktuppgifter för anna"
    assert dialog.phone.text() == "" and dialog.email.text() == ""
    qtbot.keyClicks(dialog.phone, "ring mig")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "telefonnumret" in dialog.banner.text()
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "08-581 691 23")
    qtbot.keyClicks(dialog.email, "anna@kommun.se")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "Kontaktuppgifterna för anna är sparade." in page.banner.text()
    assert ws.admin.user_contact("anna") == WorkerContact("08-581 691 23", "anna@kommun.se")
    assert Workspace(accounts.sign_in(database, *WORKER)).admin.my_contact().phone == (
        "08-581 691 23"
    )
    with database.sessions() as session:
        events = session.execute(
            select(AuditEvent).where(AuditEvent.detail == "contact details")
        ).scalars()
        assert [e.object_type for e in events] == ["user"]
    # Opened again: what is stored, to change.
    _click(qtbot, page.contact_button)
    assert page.contact_dialog.email.text() == "anna@kommun.se"


def test_a_cut_off_key_rotation_is_offered_to_finish(qtbot, database, settings, template):
    from assessment_app import keys_admin

    admin = accounts.sign_in(database, *ADMIN)
    keys_admin._start(admin, "anna", False)  # as if killed after the first step
    again = accounts.sign_in(database, *ADMIN)  # the new master key from the sealed wrap
    page = UsersPage(Services(database, again, settings, StaticTemplates(template)))
    qtbot.addWidget(page)
    page.show()
    wait_tasks(qtbot)
    assert page.resume_button.isVisible() and "avbröts" in page.banner.text()
    _click(qtbot, page.resume_button)
    assert "Nyckelbytet är slutfört" in page.banner.text(), page.banner.text()
    assert not page.resume_button.isVisible()
    assert not Workspace(again).admin.key_rotation_running()
