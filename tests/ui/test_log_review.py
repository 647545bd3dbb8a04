"""Access-log review: filters by user, case, dates and action; paging; the CSV export through
the core; opening the review is audited; no names anywhere."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from assessment_app import accounts
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, wait_tasks
from ui.log_review import page as page_module
from ui.log_review.page import AccessLogPage
from ui.services import Services, StaticTemplates

CHEF = ("chef", "chef-password-1")


@pytest.fixture
def chef_services(database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    chef = accounts.sign_in(database, *CHEF)
    return Services(database, chef, settings, StaticTemplates(template))


@pytest.fixture
def anna(worker):
    """The caseworker's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(worker)


@pytest.fixture
def boss(chef_services):
    return Workspace(chef_services.ctx)


def _page(qtbot, services):
    page = AccessLogPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    wait_tasks(qtbot)
    assert page.model.rowCount() == 0  # nothing is read before the first search
    return page


def _search(qtbot, page):
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert page.loading and not page.search_button.isEnabled()
    wait_tasks(qtbot)
    assert not page.loading


def _log_reviews(ws):
    return ws.review.access_log(action="log.review", limit=1000).total


def test_filters_and_opening_is_audited(qtbot, chef_services, anna, boss):
    first = anna.cases.create(name="Kalle Karlsson")
    second = anna.cases.create(name="Lisa Larsson")
    anna.cases.open(first.id)
    boss.cases.open(second.id)
    before = _log_reviews(boss)
    page = _page(qtbot, chef_services)
    _search(qtbot, page)
    assert _log_reviews(boss) == before + 2  # this search + the count above
    assert page.total > 0 and page.model.rowCount() == min(page.total, page_module.PAGE_SIZE)

    qtbot.keyClicks(page.case_filter, first.case_ref)
    page.action_filter.setCurrentIndex(page.action_filter.findData("case.open"))
    _search(qtbot, page)
    entries = page.model.rows
    assert entries and all(e.case_ref == first.case_ref for e in entries)
    assert {e.action for e in entries} == {"case.open"} and {e.username for e in entries} == {
        "anna"
    }
    assert page.model.data(page.model.index(0, 2)) == "Ärende öppnat"

    page.case_filter.clear()
    qtbot.keyClicks(page.user_filter, "chef")
    _search(qtbot, page)
    assert {e.username for e in page.model.rows} == {"chef"}
    assert second.case_ref in {e.case_ref for e in page.model.rows}

    shown = " ".join(
        str(page.model.data(page.model.index(r, c)))
        for r in range(page.model.rowCount())
        for c in range(page.model.columnCount())
    )
    assert "Kalle" not in shown and "Lisa" not in shown
    page.grab().save("/tmp/uicheck/log-review.png")

    # dates: nothing tomorrow; a reversed range is refused inline
    page.set_dates(date.today() + timedelta(days=1), None)
    _search(qtbot, page)
    assert page.model.rowCount() == 0 and "Inga händelser" in page.position.text()
    page.set_dates(date.today(), date.today() - timedelta(days=3))
    page.search()
    assert "efter till-datumet" in page.banner.text()

    # an unknown case reference: the core's message
    page.clear_filters()
    wait_tasks(qtbot)
    qtbot.keyClicks(page.case_filter, "AV-1999-9999")
    _search(qtbot, page)
    assert page.banner.isVisible() and page.banner.kind == "error"


def test_paging(qtbot, chef_services, anna, monkeypatch):
    monkeypatch.setattr(page_module, "PAGE_SIZE", 5)
    for n in range(4):
        anna.cases.create(name=f"Person {n}")
    page = _page(qtbot, chef_services)
    _search(qtbot, page)
    total = page.total
    assert total > 10
    assert page.model.rowCount() == 5 and page.position.text() == f"Visar 1–5 av {total}"
    assert not page.previous_button.isEnabled() and page.next_button.isEnabled()
    first_seq = page.model.rows[0].seq
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert page.offset == 5 and page.model.rows[0].seq < first_seq
    assert page.previous_button.isEnabled()
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    # back on the first page (the core records that as another look at the log)
    assert page.offset == 0 and first_seq in {e.seq for e in page.model.rows}


def test_export_writes_csv_through_the_core(
    qtbot, chef_services, anna, boss, tmp_path, monkeypatch
):
    row = anna.cases.create(name="Kalle Karlsson")
    anna.cases.open(row.id)
    page = _page(qtbot, chef_services)
    qtbot.keyClicks(page.case_filter, row.case_ref)
    _search(qtbot, page)
    out = tmp_path / "logg"
    monkeypatch.setattr(
        page_module.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.exporting and not page.export_button.isEnabled()
    wait_tasks(qtbot)
    assert not page.exporting
    written = tmp_path / "logg.csv"
    assert page.last_export == (written, page.total)
    text = written.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Tidpunkt;Användare;Händelse")
    assert row.case_ref in text and "Kalle" not in text
    assert "exporterades till logg.csv" in page.banner.text()
    assert boss.review.access_log(action="log.export", limit=10).total == 1

    # a folder that does not exist: the core's message, shown inline
    page.export_to(tmp_path / "saknas" / "logg.csv")
    wait_tasks(qtbot)
    assert page.banner.kind == "error" and "”logg.csv”: mappen finns inte" in page.banner.text()
