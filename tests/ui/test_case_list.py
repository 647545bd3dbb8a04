"""The case list: lazy pages, search, filters, sorting, masking, and the new-case dialog."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt

from assessment_app.records import cases, followups
from ui.cases.list_page import CaseListPage
from ui.cases.model import PAGE_SIZE
from ui.cases.new_case import NewCaseDialog

VALID_PNR = "19900101-0017"


def _page(qtbot, services):
    page = CaseListPage(services)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def _names(page):
    model = page.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_pages_are_fetched_and_decrypted_only_when_shown(qtbot, services, worker):
    for n in range(PAGE_SIZE * 2 + 30):
        cases.create_case(worker, name=f"Person Nummer{n}")
    page = _page(qtbot, services)
    model = page.model
    assert model.rowCount() >= PAGE_SIZE  # the first page at once, the count follows
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE * 2 + 30)
    assert page.count_label.text() == f"{PAGE_SIZE * 2 + 30} ärenden"
    assert model.pages_fetched == 1
    assert model.name_pages_decrypted == 1
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.name_pages_decrypted >= 2)
    assert model.pages_fetched <= 2
    last = model.index(model.rowCount() - 1, 1).data()
    assert last.startswith("Person Nummer")


def test_search_by_name_and_personnummer(qtbot, services, worker):
    cases.create_case(worker, name="Kalle Karlsson", personnummer=VALID_PNR)
    cases.create_case(worker, name="Lisa Larsson")
    page = _page(qtbot, services)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "karlsson")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert _names(page) == ["Kalle Karlsson"]
    page.search.clear()
    qtbot.keyClicks(page.search, "199001010017")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert _names(page) == ["Kalle Karlsson"]
    page.search.clear()
    qtbot.keyClicks(page.search, "199001010018")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() == 0
    assert page.search_message.isVisible()
    assert "giltigt personnummer" in page.search_message.text()


def test_protected_identity_is_masked(qtbot, services, worker):
    cases.create_case(worker, name="Hemlig Person", protection_level="skyddad_folkbokforing")
    page = _page(qtbot, services)
    assert _names(page) == ["Skyddad identitet"]


def test_header_click_sorts_through_the_core(qtbot, services, worker):
    today = date.today()
    cases.create_case(worker, name="Ny Person", opened_on=today)
    cases.create_case(worker, name="Gammal Person", opened_on=today - timedelta(days=300))
    page = _page(qtbot, services)
    header = page.table.horizontalHeader()
    where = QPoint(
        header.sectionViewportPosition(4) + header.sectionSize(4) // 2, header.height() // 2
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.model.query.sort == "opened_on"
    first_order = page.model.query.descending
    expected = ["Ny Person", "Gammal Person"] if first_order else ["Gammal Person", "Ny Person"]
    assert _names(page) == expected
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.model.query.descending is not first_order
    assert _names(page) == expected[::-1]


def test_follow_up_and_status_filters(qtbot, services, worker):
    late = cases.create_case(worker, name="Sen Uppfoljning")
    cases.create_case(worker, name="Ingen Uppfoljning")
    followups.schedule(worker, late.id, date.today() - timedelta(days=3))
    closed = cases.create_case(worker, name="Avslutad Person")
    info = cases.open_case(worker, case_id=closed.id)
    cases.close_case(worker, closed.id, info.version, "klar")
    page = _page(qtbot, services)
    assert sorted(_names(page)) == ["Ingen Uppfoljning", "Sen Uppfoljning"]
    page.follow_up.setCurrentIndex(page.follow_up.findData("overdue"))
    assert _names(page) == ["Sen Uppfoljning"]
    assert "försenad" in page.model.index(0, 5).data()
    page.follow_up.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert _names(page) == ["Avslutad Person"]


def test_new_case_dialog_validates_personnummer_inline(qtbot, worker):
    dialog = NewCaseDialog(worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Nils Nilsson")
    qtbot.keyClicks(dialog.personnummer, "19900101-0018")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.pnr_message.isVisible()
    assert "kontrollsiffran stämmer inte" in dialog.pnr_message.text()
    assert dialog.created is None
    assert cases.count_cases(worker, cases.CaseQuery()) == 0

    dialog.personnummer.clear()
    qtbot.keyClicks(dialog.personnummer, "199001010017")
    qtbot.keyClicks(dialog.city, "Brunna")
    dialog.protection.setCurrentIndex(dialog.protection.findData("sekretessmarkering"))
    assert dialog.protection_note.isVisible()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None
    info = cases.open_case(worker, case_id=dialog.created.id)
    assert info.individual.name == "Nils Nilsson"
    assert info.individual.personnummer == "199001010017"
    assert info.individual.contact.city == "Brunna"
    assert info.individual.protection_level == "sekretessmarkering"
