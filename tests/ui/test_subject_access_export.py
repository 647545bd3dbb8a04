"""Registerutdrag from the case view: PDF and JSON through the save dialog, written in the
background, private to the owner, audited; the core's message when it cannot be written."""

from __future__ import annotations

import io
import json
import stat

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from assessment_app.records.cases import Contact
from assessment_app.records.plans import Goal, PlanContent, PlanEdit
from assessment_app.workspace import Workspace
from tests.ui.conftest import wait_tasks
from ui.case_view.case_page import CasePage


@pytest.fixture
def ws(services):
    """The same user's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(services.ctx, templates=services.templates)


@pytest.fixture
def case(ws):
    row = ws.cases.create(
        name="Erik Ek",
        personnummer="19850612-1238",
        contact=Contact(address="Storgatan 1", city="Kungsangen"),
    )
    ws.cases.give_consent(row.id, "police", ["housing"])
    plan = ws.plans.create(row.id)
    ws.plans.save(PlanEdit(plan, PlanContent([Goal("housing", "Eget boende")], [])))
    return row


def _page(qtbot, services, case_id):
    page = CasePage(services, case_id)
    qtbot.addWidget(page)
    page.show()
    wait_tasks(qtbot)
    return page


def _choose(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


def _exports(ws, case_id):
    return [e.detail for e in ws.cases.history(case_id) if e.action == "export"]


def _private(path):
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def test_subject_access_as_pdf(qtbot, services, ws, case, tmp_path, monkeypatch):
    page = _page(qtbot, services, case.id)
    box = page.subject_access
    _choose(monkeypatch, tmp_path / "utdrag")  # no suffix: .pdf is added
    qtbot.mouseClick(box.pdf_button, Qt.MouseButton.LeftButton)
    assert not box.pdf_button.isEnabled() and not box.json_button.isEnabled()
    qtbot.waitUntil(lambda: box.last_path is not None, timeout=20_000)
    out = tmp_path / "utdrag.pdf"
    assert box.last_path == out and _private(out)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Registerutdrag" in text
    assert "Erik Ek" in text and case.case_ref in text
    assert "Eget boende" in text  # the plan is in it
    assert "sparades som utdrag.pdf" in box.banner.text()
    assert "subject-access pdf" in _exports(ws, case.id)


def test_subject_access_as_json(qtbot, services, ws, case, tmp_path, monkeypatch):
    page = _page(qtbot, services, case.id)
    box = page.subject_access
    _choose(monkeypatch, tmp_path / "utdrag.json")
    qtbot.mouseClick(box.json_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.last_path is not None, timeout=20_000)
    out = tmp_path / "utdrag.json"
    assert _private(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "assessment-app/subject-access/1"
    assert data["individual"]["name"] == "Erik Ek"
    assert [c["case_ref"] for c in data["cases"]] == [case.case_ref]
    assert data["cases"][0]["plans"][0]["goals"] == [{"area_id": "housing", "text": "Eget boende"}]
    assert "subject-access" in _exports(ws, case.id)
    assert list(tmp_path.glob(".*.tmp")) == []  # nothing half-written left behind


def test_cannot_write_shows_the_core_message(qtbot, services, case, tmp_path, monkeypatch):
    page = _page(qtbot, services, case.id)
    box = page.subject_access
    _choose(monkeypatch, tmp_path / "finns-inte" / "utdrag.json")
    qtbot.mouseClick(box.json_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.busy, timeout=20_000)
    assert "”utdrag.json”: mappen finns inte" in box.banner.text()
    assert box.json_button.isEnabled()
    assert not (tmp_path / "finns-inte").exists()


def test_cancelled_dialog_writes_nothing(qtbot, services, ws, case, tmp_path, monkeypatch):
    page = _page(qtbot, services, case.id)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    qtbot.mouseClick(page.subject_access.pdf_button, Qt.MouseButton.LeftButton)
    assert not page.subject_access.busy
    assert _exports(ws, case.id) == []
