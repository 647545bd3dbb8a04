"""The case list: lazy pages, search, filters, sorting, masking, and the new-case dialog."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from assessment_app.records.cases import CaseQuery
from assessment_app.workspace import Workspace
from tests.ui.conftest import wait_tasks
from ui.cases.list_page import CaseListPage
from ui.cases.model import PAGE_SIZE
from ui.cases.new_case import NewCaseDialog

VALID_PNR = "19900101-0017"


@pytest.fixture
def ws(services):
    """The same user's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(services.ctx, templates=services.templates)


def _page(qtbot, services):
    page = CaseListPage(services)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    wait_tasks(qtbot)
    return page


def _search(qtbot, page, text):
    page.search.clear()
    qtbot.keyClicks(page.search, text)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    wait_tasks(qtbot)


def _names(page):
    model = page.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_pages_are_fetched_and_decrypted_only_when_shown(qtbot, services, ws):
    for n in range(PAGE_SIZE * 2 + 30):
        ws.cases.create(name=f"Person Nummer{n}")
    page = CaseListPage(services)  # built without reading anything
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0 and page.count_label.text() == "Räknar ärenden …"
    page.resize(1000, 500)
    page.show()
    wait_tasks(qtbot)
    model = page.model
    assert model.rowCount() == PAGE_SIZE * 2 + 30  # the total comes with the first page
    assert page.count_label.text() == f"{PAGE_SIZE * 2 + 30} ärenden"
    assert model.pages_fetched == 1
    assert model.name_pages_decrypted == 1
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.name_pages_decrypted >= 2)
    wait_tasks(qtbot)
    assert model.pages_fetched <= 2
    last = model.index(model.rowCount() - 1, 1).data()
    assert last.startswith("Person Nummer")


def test_search_by_name_and_personnummer(qtbot, services, ws):
    ws.cases.create(name="Kalle Karlsson", personnummer=VALID_PNR)
    ws.cases.create(name="Lisa Larsson")
    page = _page(qtbot, services)
    assert page.model.rowCount() == 2
    _search(qtbot, page, "karlsson")
    assert _names(page) == ["Kalle Karlsson"]
    _search(qtbot, page, "199001010017")
    assert _names(page) == ["Kalle Karlsson"]
    _search(qtbot, page, "199001010018")
    assert page.model.rowCount() == 0
    assert page.search_message.isVisible()
    assert "giltigt personnummer" in page.search_message.text()


def test_protected_identity_is_masked(qtbot, services, ws):
    ws.cases.create(name="Hemlig Person", protection_level="skyddad_folkbokforing")
    page = _page(qtbot, services)
    assert _names(page) == ["Skyddad identitet"]


def test_header_click_sorts_through_the_core(qtbot, services, ws):
    today = date.today()
    ws.cases.create(name="Ny Person", opened_on=today)
    ws.cases.create(name="Gammal Person", opened_on=today - timedelta(days=300))
    page = _page(qtbot, services)
    header = page.table.horizontalHeader()
    where = QPoint(
        header.sectionViewportPosition(4) + header.sectionSize(4) // 2, header.height() // 2
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    wait_tasks(qtbot)
    assert page.model.query.sort == "opened_on"
    first_order = page.model.query.descending
    expected = ["Ny Person", "Gammal Person"] if first_order else ["Gammal Person", "Ny Person"]
    assert _names(page) == expected
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    wait_tasks(qtbot)
    assert page.model.query.descending is not first_order
    assert _names(page) == expected[::-1]


def test_follow_up_and_status_filters(qtbot, services, ws):
    late = ws.cases.create(name="Sen Uppfoljning")
    ws.cases.create(name="Ingen Uppfoljning")
    ws.cases.schedule_follow_up(late.id, date.today() - timedelta(days=3))
    closed = ws.cases.create(name="Avslutad Person")
    ws.cases.close(closed.id, ws.cases.open(closed.id).version, "klar")
    page = _page(qtbot, services)
    assert sorted(_names(page)) == ["Ingen Uppfoljning", "Sen Uppfoljning"]
    page.follow_up.setCurrentIndex(page.follow_up.findData("overdue"))
    wait_tasks(qtbot)
    assert _names(page) == ["Sen Uppfoljning"]
    assert "försenad" in page.model.index(0, 5).data()
    page.follow_up.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("closed"))
    wait_tasks(qtbot)
    assert _names(page) == ["Avslutad Person"]


def test_a_page_that_cannot_be_read_shows_the_message(qtbot, services, monkeypatch):
    from assessment_app.errors import ServerUnavailableError

    def unreachable(*_args, **_kwargs):
        raise ServerUnavailableError("gone", "Det går inte att nå databasservern.")

    monkeypatch.setattr(type(services.ws.cases), "page", unreachable)
    page = _page(qtbot, services)
    assert page.model.rowCount() == 0
    assert page.banner.isVisible() and "databasservern" in page.banner.text()
    assert page.count_label.text() == "0 ärenden"


def test_unsaved_work_is_offered_from_the_list(qtbot, services, template, ws):
    from assessment_app.workspace.interview import AssessmentEdit

    row = ws.cases.create(name="Utkast Person")
    info = ws.interviews.start(row.id)
    ws.interviews.autosave(AssessmentEdit.of(info, {"agrees": True}, {}))
    page = _page(qtbot, services)
    page.show_drafts()
    wait_tasks(qtbot)
    assert "osparat arbete i en kartläggning" in page.drafts_banner.text()
    with qtbot.waitSignal(page.open_draft) as opened:
        qtbot.mouseClick(page.drafts_banner._buttons[0], Qt.MouseButton.LeftButton)
    assert opened.args == ["assessment", row.id, info.id]


def test_new_case_dialog_validates_personnummer_inline(qtbot, services, ws):
    dialog = NewCaseDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Nils Nilsson")
    qtbot.keyClicks(dialog.personnummer, "19900101-0018")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert dialog.pnr_message.isVisible()
    assert "kontrollsiffran stämmer inte" in dialog.pnr_message.text()
    assert dialog.created is None
    assert ws.cases.count(CaseQuery()) == 0

    dialog.personnummer.clear()
    qtbot.keyClicks(dialog.personnummer, "199001010017")
    qtbot.keyClicks(dialog.city, "Brunna")
    dialog.protection.setCurrentIndex(dialog.protection.findData("sekretessmarkering"))
    assert dialog.protection_note.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert not dialog.create_button.isEnabled()  # no second case from a double click
    assert dialog.created is not None
    info = ws.cases.open(dialog.created.id)
    assert info.individual.name == "Nils Nilsson"
    assert info.individual.personnummer == "199001010017"
    assert info.individual.contact.city == "Brunna"
    assert info.individual.protection_level == "sekretessmarkering"
