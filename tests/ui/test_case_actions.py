"""The case's life from the case view: editing the individual (and the stale-save message),
closing with a reason and reopening; a protected identity's address stays hidden."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from assessment_app.records import cases
from assessment_app.records.cases import Contact
from ui.case_view.case_page import CasePage

SECRET_ADDRESS = "Hemliga vagen 7"


@pytest.fixture
def case_id(worker):
    row = cases.create_case(
        worker,
        name="Lisa Larsson",
        personnummer="19850612-1238",
        contact=Contact(address="Storgatan 1", postal_code="196 30", city="Kungsangen"),
    )
    return row.id


@pytest.fixture
def protected_id(worker):
    row = cases.create_case(
        worker,
        name="Dold Person",
        protection_level="skyddad_folkbokforing",
        contact=Contact(address=SECRET_ADDRESS, city="Hemlig ort", phone="070-1234567"),
    )
    return row.id


def _page(qtbot, services, case_id):
    page = CasePage(services, case_id)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


def _actions(worker, case_id):
    return [(e.action, e.object_type, e.detail) for e in cases.history(worker, case_id)]


def test_edit_the_individual(qtbot, services, worker, case_id):
    page = _page(qtbot, services, case_id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Lisa Berg")
    qtbot.keyClicks(dialog.fields["phone"], "08-123 45")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    person = cases.open_case(worker, case_id=case_id).individual
    assert person.name == "Lisa Berg"
    assert person.contact.phone == "08-123 45"
    assert person.contact.address == "Storgatan 1"  # untouched fields stay
    assert person.personnummer == "198506121238"
    assert page.name.text() == "Lisa Berg"
    assert "sparade" in page.case_banner.text()
    assert ("record.update", "individual", "name,contact") in _actions(worker, case_id)
    assert cases.list_cases(worker, cases.CaseQuery(text="Berg"))[0].id == case_id  # re-indexed


def test_stale_edit_of_the_individual_is_refused_with_a_message(qtbot, services, worker, case_id):
    page = _page(qtbot, services, case_id)
    dialog = page.edit_individual()
    qtbot.waitUntil(dialog.isVisible)
    loaded = cases.open_case(worker, case_id=case_id).individual
    cases.update_individual(worker, case_id, loaded.version, name="Annan Andring")  # elsewhere
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Min Andring")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # what was typed is still there
    assert "Personuppgifterna sparades inte" in dialog.banner.text()
    assert "ändrades av anna" in dialog.banner.text()
    assert dialog.name.text() == "Min Andring"
    assert cases.open_case(worker, case_id=case_id).individual.name == "Annan Andring"


def test_close_with_a_reason_and_reopen(qtbot, services, worker, case_id):
    page = _page(qtbot, services, case_id)
    assert page.close_case_button.isVisible() and not page.reopen_button.isVisible()
    qtbot.mouseClick(page.close_case_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert "Skriv varför" in dialog.banner.text()  # a reason is needed
    assert cases.open_case(worker, case_id=case_id).status == "open"
    qtbot.keyClicks(dialog.reason, "Malen ar uppnadda")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    case = cases.open_case(worker, case_id=case_id)
    assert (case.status, case.close_reason, case.closed_on) == (
        "closed",
        "Malen ar uppnadda",
        date.today(),
    )
    assert page.reopen_button.isVisible() and not page.close_case_button.isVisible()
    assert "Avslutat" in page.summary.text()
    assert ("case.update", "case", "closed") in _actions(worker, case_id)

    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    case = cases.open_case(worker, case_id=case_id)
    assert case.status == "open" and case.closed_on is None
    assert ("case.update", "case", "reopened") in _actions(worker, case_id)
    assert page.close_case_button.isVisible()


def test_protected_address_stays_hidden(qtbot, services, worker, protected_id):
    page = _page(qtbot, services, protected_id)
    assert "SKYDDADE PERSONUPPGIFTER" in page.protected_banner.text()
    visible = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
    assert not any(SECRET_ADDRESS in text for text in visible)
    assert "Adressen visas inte här" in page.subject_access.summary.text()

    dialog = page.edit_individual()
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.fields["address"].isVisible()
    shown = [w.text() for w in dialog.findChildren(QLineEdit) if w.isVisible()]
    assert SECRET_ADDRESS not in shown
    qtbot.keyClicks(dialog.fields["phone"], "0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    person = cases.open_case(worker, case_id=protected_id).individual
    assert person.contact.address == SECRET_ADDRESS  # kept, though never shown
    assert person.contact.phone == "070-12345670"
    assert person.protection_level == "skyddad_folkbokforing"

    dialog = page.edit_individual()
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert dialog.fields["address"].isVisible()
    assert dialog.fields["address"].text() == SECRET_ADDRESS
