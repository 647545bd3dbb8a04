"""The consents tab and dialog driven by keys: a last day (or until withdrawn), oral with a
witness, the contact-details item, a scanned copy attached and saved; consents that end soon
and those that have ended are marked; the supervisor's queue lists them by case reference."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDateEdit, QFileDialog

from assessment_app import accounts
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, wait_tasks
from ui.case_view.case_page import CasePage
from ui.case_view.consents_tab import ENDING_BACKGROUND, ConsentsTab
from ui.review.queue_page import ReviewQueuePage
from ui.services import Services, StaticTemplates

TODAY = date.today()


@pytest.fixture
def ws(services):
    """The same user's workspace without the UI-thread guard, for set-up in a test body."""
    return Workspace(services.ctx, templates=services.templates)


@pytest.fixture
def case_id(ws):
    return ws.cases.create(name="Lisa Larsson").id


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    """A small PNG, as a scanner would leave it."""
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    path = tmp_path / "Lisa Larsson underskrift.png"
    assert image.save(str(path), "PNG")
    return path


def _tab(qtbot, services, case_id) -> ConsentsTab:
    page = CasePage(services, case_id)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    wait_tasks(qtbot)
    page.tabs.setCurrentWidget(page.consents)
    wait_tasks(qtbot)
    assert page.consents.give_button.isEnabled()
    return page.consents


def _type_date(qtbot, edit: QDateEdit, day: date) -> None:
    """Type a date as a person does: year, month, day (each section moves on by itself)."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    edit.setSelectedSection(QDateEdit.Section.YearSection)
    qtbot.keyClicks(edit, f"{day.year:04d}{day.month:02d}{day.day:02d}")


def _closed(dialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _open_new(qtbot, tab: ConsentsTab):
    qtbot.keyClick(tab.give_button, Qt.Key.Key_Space)
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_an_oral_consent_with_an_end_date_contact_item_and_copy_by_keys(
    qtbot, services, ws, case_id, scan, monkeypatch, tmp_path
):
    tab = _tab(qtbot, services, case_id)
    dialog = _open_new(qtbot, tab)
    assert dialog.valid_until.value() is None  # until withdrawn unless a day is given
    assert "Tills vidare" in dialog.until_hint.text()
    assert not dialog.witness_name.isEnabled()  # written by default
    assert not dialog.save_copy_button.isEnabled()

    dialog.recipient.setFocus()
    qtbot.keyClicks(dialog.recipient, "K")  # Kriminalvården
    assert dialog.recipient.currentData() == "kriminalvarden"
    dialog.area_boxes["housing"].setFocus()
    qtbot.keyClick(dialog.area_boxes["housing"], Qt.Key.Key_Space)
    dialog.contact.setFocus()
    qtbot.keyClick(dialog.contact, Qt.Key.Key_Space)
    dialog.valid_until.check.setFocus()
    qtbot.keyClick(dialog.valid_until.check, Qt.Key.Key_Space)
    last = TODAY + timedelta(days=20)
    _type_date(qtbot, dialog.valid_until.edit, last)
    assert dialog.valid_until.value() == last
    assert "till och med" in dialog.until_hint.text()
    dialog.oral.setFocus()
    qtbot.keyClick(dialog.oral, Qt.Key.Key_Space)
    assert dialog.oral.isChecked() and dialog.witness_name.isEnabled()
    qtbot.keyClicks(dialog.witness_name, "Vera Vittne")
    qtbot.keyClicks(dialog.witness_role, "Socialsekreterare")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(scan), ""))
    qtbot.keyClick(dialog.attach_button, Qt.Key.Key_Space)
    assert scan.name in dialog.copy_label.text()
    assert "Byt" in dialog.attach_button.text()
    dialog.grab().save(str(tmp_path / "consent-dialog.png"))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.ok_button.isEnabled()  # saving; a second Enter gives no second consent
    wait_tasks(qtbot)

    [c] = ws.cases.consents(case_id).consents
    assert (c.recipient_kind, c.scope_areas, c.valid_until) == (
        "kriminalvarden",
        ("housing",),
        last,
    )
    assert (c.given_how, c.witness_name, c.witness_role) == (
        "oral",
        "Vera Vittne",
        "Socialsekreterare",
    )
    assert c.includes_contact
    assert c.document is not None and c.document.mime_type == "image/png"
    assert c.document.size == scan.stat().st_size
    # The tab marks it as ending (20 days, within the unit's 30).
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 4).text() == last.isoformat()
    assert tab.table.item(0, 5).text() == "Upphör om 20 dagar"
    assert tab.table.item(0, 6).text().startswith("PNG, ")
    assert "kontaktuppgifter" in tab.table.item(0, 1).text()
    assert "(muntligt)" in tab.table.item(0, 2).text()
    assert tab.table.item(0, 0).background().color() == ENDING_BACKGROUND
    assert tab.summary.isVisible() and "upphör inom 30 dagar" in tab.summary.label.text()

    # The copy is saved from the tab, atomically, owner-only, and audited.
    out = tmp_path / "ut" / "kopia"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    tab.table.selectRow(0)
    assert tab.save_copy_button.isEnabled()
    qtbot.keyClick(tab.save_copy_button, Qt.Key.Key_Space)
    wait_tasks(qtbot)
    saved = out.with_name("kopia.png")  # the suffix follows the file type
    assert saved.read_bytes() == scan.read_bytes()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "kopia.png" in tab.banner.label.text()
    history = [(e.action, e.detail) for e in ws.cases.history(case_id)]
    assert ("export", f"document {c.document.id}") in history

    # Opened again, the dialog shows what is stored, the copy too.
    tab.table.selectRow(0)
    tab.edit_scope()
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.oral.isChecked() and dialog.witness_name.text() == "Vera Vittne"
    assert dialog.contact.isChecked() and dialog.valid_until.value() == last
    assert dialog.copy_label.text().startswith("Bifogad: PNG")
    assert dialog.save_copy_button.isEnabled()
    dialog.grab().save(str(tmp_path / "consent-dialog-edit.png"))
    tab.grab().save(str(tmp_path / "consents-tab-copy.png"))
    dialog.reject()


def test_oral_without_a_witness_is_refused_in_the_dialog(qtbot, services, ws, case_id):
    tab = _tab(qtbot, services, case_id)
    dialog = _open_new(qtbot, tab)
    dialog.area_boxes["housing"].setChecked(True)
    dialog.oral.setFocus()
    qtbot.keyClick(dialog.oral, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert "vittne" in dialog.banner.label.text()
    assert ws.cases.consents(case_id).consents == []
    qtbot.keyClicks(dialog.witness_name, "Vera Vittne")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    assert _closed(dialog)
    [c] = ws.cases.consents(case_id).consents
    assert c.given_how == "oral" and c.witness_name == "Vera Vittne"


def test_a_wrong_file_is_refused_and_nothing_is_given(
    qtbot, services, ws, case_id, monkeypatch, tmp_path
):
    not_png = tmp_path / "samtycke.png"
    not_png.write_text("Jag samtycker", encoding="utf-8")
    tab = _tab(qtbot, services, case_id)
    dialog = _open_new(qtbot, tab)
    dialog.area_boxes["housing"].setChecked(True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(not_png), ""))
    qtbot.keyClick(dialog.attach_button, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    assert dialog.isVisible()
    assert "PDF-, JPEG- eller PNG-fil" in dialog.banner.label.text()
    assert ws.cases.consents(case_id).consents == []


def test_the_end_date_is_changed_and_ended_consents_are_marked(
    qtbot, services, ws, case_id, tmp_path
):
    soon = ws.cases.give_consent(
        case_id,
        "police",
        ["housing"],
        given_on=TODAY - timedelta(days=100),
        valid_until=TODAY + timedelta(days=3),
    )
    ws.cases.give_consent(
        case_id,
        "healthcare",
        ["substances"],
        given_on=TODAY - timedelta(days=90),
        valid_until=TODAY - timedelta(days=1),
        recipient_name="Vårdcentralen",
    )
    ws.cases.give_consent(case_id, "arbetsformedlingen", ["motivation"])
    tab = _tab(qtbot, services, case_id)
    states = [tab.table.item(r, 5).text() for r in range(3)]
    assert states == ["Upphör om 3 dagar", f"Har upphört {TODAY - timedelta(days=1)}", "Gäller"]
    assert tab.table.item(2, 4).text() == "tills vidare"
    assert tab.table.item(1, 0).foreground().color() != tab.table.item(2, 0).foreground().color()
    text = tab.summary.label.text()
    assert "Ett samtycke upphör inom 30 dagar" in text and "Ett samtycke har upphört" in text
    tab.grab().save(str(tmp_path / "consents-tab.png"))

    # Renewing by moving the last day: the dialog opens with what is stored.
    tab.table.selectRow(0)
    qtbot.keyClick(tab.scope_button, Qt.Key.Key_Space)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.recipient.isEnabled()
    assert dialog.valid_until.value() == TODAY + timedelta(days=3)
    assert dialog.area_boxes["housing"].isChecked()
    later = TODAY + timedelta(days=365)
    _type_date(qtbot, dialog.valid_until.edit, later)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    stored = {c.id: c for c in ws.cases.consents(case_id).consents}
    assert stored[soon.id].valid_until == later and stored[soon.id].version == soon.version + 1
    assert tab.table.item(0, 5).text() == "Gäller"
    assert "Ett samtycke har upphört" in tab.summary.label.text()
    assert "upphör inom" not in tab.summary.label.text()
    history = [(e.action, e.detail) for e in ws.cases.history(case_id)]
    assert ("record.update", "valid_until") in history

    # Until withdrawn again: uncheck the day.
    tab.table.selectRow(0)
    tab.edit_scope()
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.valid_until.check.setFocus()
    qtbot.keyClick(dialog.valid_until.check, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    assert {c.id: c for c in ws.cases.consents(case_id).consents}[soon.id].valid_until is None


# --- the supervisor's queue ---------------------------------------------------------------------

CHEF = ("chef", "chef-password-1")


@pytest.fixture
def chef_services(database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    return Services(
        database, accounts.sign_in(database, *CHEF), settings, StaticTemplates(template)
    )


def test_the_queue_lists_consents_that_end(qtbot, chef_services, ws, tmp_path):
    early = TODAY - timedelta(days=200)
    a = ws.cases.create(name="Kalle Karlsson")
    b = ws.cases.create(name="Otto Olsson")
    ws.cases.give_consent(
        a.id, "police", ["housing"], given_on=early, valid_until=TODAY + timedelta(days=12)
    )
    ws.cases.give_consent(
        b.id,
        "healthcare",
        ["housing"],
        given_on=early,
        valid_until=TODAY - timedelta(days=3),
        recipient_name="Psykiatrin Nord",
    )
    ws.cases.give_consent(
        b.id, "kriminalvarden", ["housing"], given_on=early, valid_until=TODAY + timedelta(days=90)
    )
    page = ReviewQueuePage(chef_services)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    wait_tasks(qtbot)
    assert page.tabs.tabText(4) == "Samtycken som upphör (2)"
    table = page.ending
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [
        [
            b.case_ref,
            "Hälso- och sjukvården",
            str(TODAY - timedelta(days=3)),
            "Upphörde för 3 dagar sedan",
        ],
        [a.case_ref, "Polisen", str(TODAY + timedelta(days=12)), "Upphör om 12 dagar"],
    ]
    every_cell = " ".join(" ".join(r) for r in rows)
    for name in ("Kalle", "Otto", "Psykiatrin"):
        assert name not in every_cell
    page.tabs.setCurrentWidget(table)
    page.grab().save(str(tmp_path / "queue-consents.png"))
    assert page.open_case_button.isEnabled()
    table.selectRow(1)
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.mouseClick(page.open_case_button, Qt.MouseButton.LeftButton)
    assert opened.args == [a.id]
