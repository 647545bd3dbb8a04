"""The retention screen: the list as of a date with each case's decision and reason; nothing
deleted until the administrator types the number of cases; deletion with progress, then only
the audit entries remain."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select, update

from assessment_app import accounts
from assessment_app.db.models import AuditEvent, Case
from assessment_app.workspace import Workspace
from tests.lifecycle.helpers import pnr_with_day
from tests.ui.conftest import ADMIN, wait_tasks
from ui.admin.admin_page import AdminPage
from ui.services import Services, StaticTemplates


@pytest.fixture
def ws(worker):
    """The caseworker's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(worker)


def new_case(ws, name, personnummer):
    return ws.cases.create(name=name, personnummer=personnummer, opened_on=date(2019, 3, 1))


def close(ws, case_id, closed_on=date(2020, 6, 1)):
    ws.cases.close(case_id, ws.cases.open(case_id).version, "Målen uppnådda", closed_on)


def set_last_entry(ctx, case_id, when):
    """Move a case's retention clock into the past (test set-up only, past every rule)."""
    with ctx.db.engine.begin() as conn:
        conn.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(last_entry_at=datetime(when.year, when.month, when.day, 12, tzinfo=UTC))
        )


def count(ctx, model):
    return _query(ctx, select(func.count()).select_from(model))[0][0]


@pytest.fixture
def old_cases(ws, worker):
    """Two closed cases past the period (one kept: born on the 15th), one recent case."""
    due = new_case(ws, "Gammal Gallras", pnr_with_day(3))
    kept = new_case(ws, "Gammal Bevaras", pnr_with_day(15))
    recent = new_case(ws, "Ny Person", pnr_with_day(4))
    for row in (due, kept):
        close(ws, row.id)
        set_last_entry(worker, row.id, date(2019, 6, 1))
    return due, kept, recent


@pytest.fixture
def admin_page(qtbot, database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    page = AdminPage(Services(database, admin, settings, StaticTemplates(template)))
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.show()
    page.tabs.setCurrentWidget(page.retention)
    yield page.retention  # the admin page stays referenced while the test runs


def _list(qtbot, page, as_of):
    page.as_of.setDate(QDate(as_of.year, as_of.month, as_of.day))
    qtbot.mouseClick(page.list_button, Qt.MouseButton.LeftButton)
    assert page.busy and not page.list_button.isEnabled()
    wait_tasks(qtbot)
    assert not page.busy


def _cell(page, row, column):
    return page.model.data(page.model.index(row, column))


def test_list_confirm_and_delete(qtbot, admin_page, old_cases, worker):
    page = admin_page
    due, kept, recent = old_cases
    _list(qtbot, page, date(2025, 1, 1))
    assert page.model.rowCount() == 2
    refs = {_cell(page, r, 0): r for r in range(2)}
    assert set(refs) == {due.case_ref, kept.case_ref}
    row = refs[due.case_ref]
    assert _cell(page, row, 1) == "Avslutat" and _cell(page, row, 2) == "2020-06-01"
    assert _cell(page, row, 3) == "2019-06-01" and _cell(page, row, 4) == "gallras"
    assert _cell(page, refs[kept.case_ref], 4) == "bevaras"
    assert "födelsedag" in _cell(page, refs[kept.case_ref], 5)
    assert "1 gallras, 1 bevaras, 0 väntar" in page.summary.text()
    assert "5 år" in page.rule.text()
    shown = " ".join(str(_cell(page, r, c)) for r in range(2) for c in range(6))
    assert "Gammal" not in shown  # nothing about the person
    page.window().grab().save("/tmp/uicheck/retention.png")

    # cancelling deletes nothing; the button needs the exact number typed
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    dialog = page.confirmation
    assert dialog is not None and dialog.isVisible() and not dialog.delete_button.isEnabled()
    dialog.grab().save("/tmp/uicheck/retention-confirm.png")
    qtbot.keyClicks(dialog.typed, "2")
    assert not dialog.delete_button.isEnabled()
    dialog.reject()
    assert count(worker, Case) == 3

    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    dialog = page.confirmation
    qtbot.keyClicks(dialog.typed, "1")
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert not page.busy
    assert page.result is not None and page.result.deleted == [due.case_ref]
    assert "Gallrade ärenden: 1." in page.banner.text()
    assert page.progress.maximum() == 1 and page.progress.value() == 1  # progress was reported
    remaining = {r for (r,) in _query(worker, select(Case.case_ref))}
    assert remaining == {kept.case_ref, recent.case_ref}
    deletions = _query(
        worker, select(AuditEvent.object_id).where(AuditEvent.action == "retention.delete")
    )
    assert [d for (d,) in deletions] == [due.id]


def _query(ctx, statement):
    with ctx.db.engine.connect() as conn:
        return conn.execute(statement).all()


def test_nothing_due_and_no_future_dates(qtbot, admin_page, ws):
    page = admin_page
    new_case(ws, "Ny Person", pnr_with_day(4))
    _list(qtbot, page, date.today())
    assert page.model.rowCount() == 0 and not page.delete_button.isEnabled()
    assert "Inga ärenden" in page.banner.text()
    assert page.as_of.maximumDate() == QDate.currentDate()
