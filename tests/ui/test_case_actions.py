"""The case's life from the case view: editing the individual (and the stale-save message),
closing with a reason and reopening; a protected identity's address stays hidden until the
worker asks to see it (and that is audited)."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from assessment_app.records.cases import CaseQuery, Contact
from assessment_app.workspace import Workspace
from tests.ui.conftest import wait_tasks
from ui.case_view.case_page import CasePage

SECRET_ADDRESS = "Hemliga vagen 7"


@pytest.fixture
def ws(services):
    """The same user's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(services.ctx, templates=services.templates)


@pytest.fixture
def case_id(ws):
    row = ws.cases.create(
        name="Lisa Larsson",
        personnummer="19850612-1238",
        contact=Contact(address="Storgatan 1", postal_code="196 30", city="Kungsangen"),
    )
    return row.id


@pytest.fixture
def protected_id(ws):
    row = ws.cases.create(
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
    wait_tasks(qtbot)
    return page


def _actions(ws, case_id):
    return [(e.action, e.object_type, e.detail) for e in ws.cases.history(case_id)]


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def test_the_page_is_built_first_and_fills_from_the_background(qtbot, services, case_id):
    page = CasePage(services, case_id)
    qtbot.addWidget(page)
    assert page.case is None and page.name.text() == "Hämtar ärendet …"
    assert not page.tabs.isEnabled()
    with qtbot.waitSignal(page.loaded) as loaded:
        page.show()
    assert loaded.args[0].id == case_id and page.case is not None
    assert page.name.text() == "Lisa Larsson" and page.tabs.isEnabled()


def test_a_case_given_by_the_caller_is_shown_at_once(qtbot, services, ws, case_id):
    info = ws.cases.open(case_id)
    page = CasePage(services, case_id, case=info)
    qtbot.addWidget(page)
    assert page.name.text() == "Lisa Larsson" and "Storgatan 1" in " ".join(
        w.text() for w in page.findChildren(QLabel)
    )


def test_a_case_that_cannot_be_opened_says_so(qtbot, services):
    page = CasePage(services, "no-such-case")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.load_failed) as failed:
        page.show()
    assert failed.args[0] and page.banner.isVisible() and page.banner.text() == failed.args[0]
    assert page.case is None and not page.tabs.isEnabled()


def test_edit_the_individual(qtbot, services, ws, case_id):
    page = _page(qtbot, services, case_id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Lisa Berg")
    qtbot.keyClicks(dialog.fields["phone"], "08-123 45")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()  # a double click saves once
    wait_tasks(qtbot)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed (and deleted)
    person = ws.cases.open(case_id).individual
    assert person.name == "Lisa Berg"
    assert person.contact.phone == "08-123 45"
    assert person.contact.address == "Storgatan 1"  # untouched fields stay
    assert person.personnummer == "198506121238"
    assert page.name.text() == "Lisa Berg"
    assert "sparade" in page.case_banner.text()
    assert ("record.update", "individual", "name,contact") in _actions(ws, case_id)
    assert ws.cases.page(CaseQuery(text="Berg")).rows[0].id == case_id  # re-indexed


def test_stale_edit_of_the_individual_is_refused_with_a_message(qtbot, services, ws, case_id):
    page = _page(qtbot, services, case_id)
    dialog = page.edit_individual()
    qtbot.waitUntil(dialog.isVisible)
    loaded = ws.cases.open(case_id).individual
    ws.cases.update_individual(case_id, loaded.version, name="Annan Andring")  # elsewhere
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Min Andring")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()  # what was typed is still there
    assert "Personuppgifterna sparades inte" in dialog.banner.text()
    assert "ändrades av anna" in dialog.banner.text()
    assert dialog.name.text() == "Min Andring" and dialog.save_button.isEnabled()
    assert ws.cases.open(case_id).individual.name == "Annan Andring"


def test_close_with_a_reason_and_reopen(qtbot, services, ws, case_id):
    page = _page(qtbot, services, case_id)
    assert page.close_case_button.isVisible() and not page.reopen_button.isVisible()
    qtbot.mouseClick(page.close_case_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    _click(qtbot, dialog.close_button)
    assert "Skriv varför" in dialog.banner.text()  # a reason is needed
    assert ws.cases.open(case_id).status == "open"
    qtbot.keyClicks(dialog.reason, "Malen ar uppnadda")
    _click(qtbot, dialog.close_button)

    case = ws.cases.open(case_id)
    assert (case.status, case.close_reason, case.closed_on) == (
        "closed",
        "Malen ar uppnadda",
        date.today(),
    )
    assert page.reopen_button.isVisible() and not page.close_case_button.isVisible()
    assert "Avslutat" in page.summary.text()
    assert ("case.update", "case", "closed") in _actions(ws, case_id)

    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert not page.reopen_button.isEnabled()  # a double click reopens once
    wait_tasks(qtbot)
    case = ws.cases.open(case_id)
    assert case.status == "open" and case.closed_on is None
    assert ("case.update", "case", "reopened") in _actions(ws, case_id)
    assert page.close_case_button.isVisible() and page.close_case_button.isEnabled()
    assert "öppnat igen" in page.case_banner.text()


def test_protected_address_stays_hidden(qtbot, services, ws, protected_id):
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
    _click(qtbot, dialog.save_button)
    person = ws.cases.open(protected_id).individual
    assert person.contact.address == SECRET_ADDRESS  # kept, though never shown
    assert person.contact.phone == "070-12345670"
    assert person.protection_level == "skyddad_folkbokforing"

    dialog = page.edit_individual()
    qtbot.waitUntil(dialog.isVisible)
    _click(qtbot, dialog.reveal_button)
    assert dialog.fields["address"].isVisible()
    assert dialog.fields["address"].text() == SECRET_ADDRESS
    assert ("case.open", "case", "address") in _actions(ws, protected_id)  # audited


def test_revealing_the_address_on_the_person_tab_is_audited(qtbot, services, ws, protected_id):
    page = _page(qtbot, services, protected_id)
    before = _actions(ws, protected_id).count(("case.open", "case", "address"))
    reveal = next(b for b in page.details.findChildren(QPushButton) if "Visa adressen" in b.text())
    _click(qtbot, reveal)
    visible = [w.text() for w in page.details.findChildren(QLabel) if w.isVisible()]
    assert any(SECRET_ADDRESS in text for text in visible)
    assert _actions(ws, protected_id).count(("case.open", "case", "address")) == before + 1


def test_consents_are_given_changed_and_withdrawn(qtbot, services, ws, case_id, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = _page(qtbot, services, case_id)
    page.tabs.setCurrentWidget(page.consents)
    tab = page.consents
    assert not tab.give_button.isEnabled()  # until the providers and areas are in
    wait_tasks(qtbot)
    assert tab.give_button.isEnabled() and tab.table.rowCount() == 0
    qtbot.mouseClick(tab.give_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert [b.text() for b in dialog.area_boxes.values()] == ["Boende", "Droger", "Motivation"]
    dialog.recipient.setCurrentIndex(dialog.recipient.findData("police"))
    dialog.area_boxes["housing"].setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled()  # a double click gives one consent
    wait_tasks(qtbot)
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "Boende"

    tab.table.selectRow(0)
    tab.edit_scope()
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.area_boxes["housing"].isChecked() and not dialog.recipient.isEnabled()
    dialog.area_boxes["substances"].setChecked(True)
    _click(qtbot, dialog.ok_button)
    assert tab.table.item(0, 1).text() == "Boende, Droger"

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    tab.table.selectRow(0)
    _click(qtbot, tab.withdraw_button)
    assert tab.table.item(0, 3).text() == date.today().isoformat()
    tab.table.selectRow(0)
    assert not tab.withdraw_button.isEnabled()
    [consent] = ws.cases.consents(case_id).consents
    assert consent.withdrawn_on == date.today() and tuple(consent.scope_areas) == (
        "housing",
        "substances",
    )


def test_assessments_and_plans_are_started_from_their_tabs(qtbot, services, ws, case_id):
    page = _page(qtbot, services, case_id)
    page.tabs.setCurrentWidget(page.assessments)
    wait_tasks(qtbot)
    assert page.assessments.table.rowCount() == 0
    with qtbot.waitSignal(page.open_assessment) as started:
        qtbot.mouseClick(page.assessments.new_button, Qt.MouseButton.LeftButton)
        assert not page.assessments.new_button.isEnabled()  # one assessment per click
    info = ws.interviews.get(started.args[0])
    assert (info.kind, info.case_id) == ("initial", case_id)
    page.reload_all()
    wait_tasks(qtbot)
    assert page.assessments.table.rowCount() == 1
    assert [a for a, _title in page.assessments.radar.axes] == [
        "housing",
        "substances",
        "motivation",
    ]

    page.tabs.setCurrentWidget(page.plans)
    wait_tasks(qtbot)
    with qtbot.waitSignal(page.open_plan) as created:
        qtbot.mouseClick(page.plans.new_button, Qt.MouseButton.LeftButton)
        assert not page.plans.new_button.isEnabled()  # one plan per click
    wait_tasks(qtbot)
    assert [p.id for p in ws.cases.plans(case_id)] == [created.args[0]]
    assert page.plans.table.rowCount() == 1 and page.plans.new_button.isEnabled()


def test_a_template_that_cannot_be_read_is_said_not_hidden(
    qtbot, services, ws, case_id, monkeypatch
):
    from assessment_app.errors import TemplateError

    ws.interviews.start(case_id)

    def broken(*_args, **_kwargs):
        raise TemplateError("broken template", "Frågemallen går inte att läsa.")

    monkeypatch.setattr(services.templates, "latest", broken)
    page = _page(qtbot, services, case_id)
    page.tabs.setCurrentWidget(page.assessments)
    wait_tasks(qtbot)
    assert page.assessments.table.rowCount() == 1  # the list still shows
    assert "Frågemallen går inte att läsa" in page.assessments.banner.text()
    page.tabs.setCurrentWidget(page.consents)
    wait_tasks(qtbot)
    assert "Frågemallen går inte att läsa" in page.consents.banner.text()
    assert not page.consents.give_button.isEnabled()


def test_a_damaged_personnummer_and_contact_are_shown_as_damaged(qtbot, services, ws, case_id):
    """Issue 17, point 2: on the screen too a damaged value is marked, never empty."""
    from sqlalchemy import select, update

    from assessment_app.damage import DAMAGED
    from assessment_app.db.models import Case, Individual

    with ws.db.session() as session:
        ind_id = session.execute(select(Case.individual_id).where(Case.id == case_id)).scalar()
        ind = session.get(Individual, ind_id)
        values = {}
        for column in ("pnr_enc", "contact_enc"):
            bad = bytearray(getattr(ind, column))
            bad[len(bad) // 2] ^= 0x01
            values[column] = bytes(bad)
        session.execute(update(Individual).where(Individual.id == ind_id).values(values))
    page = _page(qtbot, services, case_id)
    texts = [w.text() for w in page.findChildren(QLabel)]
    assert texts.count(DAMAGED) >= 2  # the personnummer and the contact details
    assert DAMAGED in page.summary.text()
