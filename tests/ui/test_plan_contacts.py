"""The contact details printed on the plans: "Mina kontaktuppgifter" from the Arkiv menu, and
the unit's details, which an administrator sets in the same dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, wait_tasks
from ui.contacts.dialog import ContactDetailsDialog
from ui.main_window import MainWindow
from ui.services import Services, StaticTemplates


def _window(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(qtbot, window) -> ContactDetailsDialog:
    assert window.contact_action in window.menuBar().actions()[0].menu().actions()  # Arkiv
    window.contact_action.trigger()
    dialog = window.contact_dialog
    assert isinstance(dialog, ContactDetailsDialog)
    wait_tasks(qtbot)
    assert dialog.isEnabled()
    return dialog


def test_a_worker_sets_their_phone_and_email_and_sees_the_units(qtbot, services, database):
    admin = accounts.sign_in(database, *ADMIN)
    admin_ws = Workspace(admin)
    (unit,) = admin_ws.admin.unit_contacts()
    admin_ws.admin.set_unit_contact(
        unit.unit_id, phone="08-581 690 00", visiting_address="Torget 1"
    )
    window = _window(qtbot, services)
    dialog = _open(qtbot, window)
    assert dialog.windowTitle() == "Mina kontaktuppgifter"
    shown = dialog.unit_summary.text()  # what prints, to read; an administrator changes it
    assert "Vuxenenheten" in shown and "08-581 690 00" in shown and "Torget 1" in shown
    assert "E-post" not in shown  # not given: no bare label
    assert dialog.unit_phone.isHidden() and dialog.unit_choice.isHidden()

    qtbot.keyClicks(dialog.phone, "ring mig")  # not a phone number: said, nothing stored
    qtbot.keyClicks(dialog.email, "anna.andersson@kommun.se")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert dialog.isVisible() and "telefonnumret" in dialog.banner.text()
    assert services.ws.admin.my_contact().email == ""
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "08-123 456 78")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    mine = services.ws.admin.my_contact()
    assert (mine.phone, mine.email) == ("08-123 456 78", "anna.andersson@kommun.se")
    assert admin_ws.admin.unit_contact(unit.unit_id) == unit.__class__(
        unit.unit_id, "Vuxenenheten", "08-581 690 00", "", "Torget 1", unit.version + 1
    )  # the worker's save left the unit alone

    again = _open(qtbot, window)  # shows what is stored
    assert again.phone.text() == "08-123 456 78"


def test_an_administrator_sets_a_units_contact_details(qtbot, database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    services = Services(database, admin, settings, StaticTemplates(template))
    window = _window(qtbot, services)
    dialog = _open(qtbot, window)
    assert not dialog.unit_choice.isHidden() and dialog.unit_choice.currentText() == "Vuxenenheten"
    assert not dialog.unit_phone.isHidden() and dialog.unit_summary.isHidden()
    qtbot.keyClicks(dialog.unit_phone, "08-581 690 00")
    qtbot.keyClicks(dialog.unit_email, "vuxenenheten@kommun.se")
    qtbot.keyClicks(dialog.unit_address, "Kungsgatan 5, Kungsangen")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    stored = services.ws.admin.unit_contact()
    assert stored is not None
    assert (stored.phone, stored.email, stored.visiting_address) == (
        "08-581 690 00",
        "vuxenenheten@kommun.se",
        "Kungsgatan 5, Kungsangen",
    )
