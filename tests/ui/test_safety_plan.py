"""The safety plan on the case screen: created and filled in with keys and clicks, a date that
does not read is said and nothing lost, saved and submitted, approved by the supervisor (who
cannot approve what they submitted), a new version, a step copied into the action plan, the
person's copy saved as PDF; and the tab opens first when the threat area is urgent."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem

from assessment_app import accounts
from assessment_app.records.cases import Contact
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import IN_CI
from tests.ui.conftest import ADMIN, wait_tasks
from ui.case_view.case_page import CasePage
from ui.services import Services, StaticTemplates

CHEF = ("chef", "chef-password-1")
SHOTS = Path("/tmp/uicheck")


@pytest.fixture
def chef_services(database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    return Services(
        database, accounts.sign_in(database, *CHEF), settings, StaticTemplates(template)
    )


@pytest.fixture
def anna(services):
    """The caseworker's workspace without the UI-thread guard, to set up data in a test body."""
    return Workspace(services.ctx, templates=services.templates)


def _page(qtbot, services, case_id: str) -> CasePage:
    page = CasePage(services, case_id)
    qtbot.addWidget(page)
    page.resize(1180, 900)
    page.show()
    wait_tasks(qtbot)
    return page


def _cell(table, row: int, column: int, text: str) -> None:
    table.table.setItem(row, column, QTableWidgetItem(text))


def test_fill_in_save_submit_and_print(qtbot, services, chef_services, anna, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    row = anna.cases.create(
        name="Skydd Person", contact=Contact(address="Gömdavägen 3", city="Norrby")
    )
    anna.plans.create(row.id)
    page = _page(qtbot, services, row.id)
    page.tabs.setCurrentWidget(page.safety)
    wait_tasks(qtbot)
    tab = page.safety
    assert tab.create_button.isVisible() and not tab.form_host.isVisible()
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert tab.form_host.isVisible() and tab.save_button.isVisible()
    assert "112" in [tab.call_now.table.item(r, 1).text() for r in range(2)]

    qtbot.keyClicks(tab.who, "Gamla kumpaner")
    tab.kind_boxes["threats"].setChecked(True)
    tab.risk.setCurrentIndex(tab.risk.findData("high"))
    qtbot.keyClicks(tab.risk_reason, "Hot senaste veckan")
    qtbot.keyClicks(tab.code_word, "Kanelbulle")
    qtbot.keyClicks(tab.reach_how, "Vi ringer alltid med dolt nummer.")
    r = tab.places.add_row()
    tab.places.table.cellWidget(r, 0).setCurrentIndex(2)  # meeting place
    _cell(tab.places, r, 1, "Stadsbiblioteket")
    tab.places.table.item(r, 3).setCheckState(Qt.CheckState.Checked)
    r = tab.places.add_row()
    _cell(tab.places, r, 1, "Mormors stuga")  # not for the person's copy
    r = tab.steps.add_row()
    _cell(tab.steps, r, 1, "Ansöka om skyddade personuppgifter")
    _cell(tab.steps, r, 4, "nästa vecka")  # does not read
    assert tab.steps.table.item(r, 6).checkState() == Qt.CheckState.Unchecked  # not by default
    tab.steps.table.item(r, 6).setCheckState(Qt.CheckState.Checked)
    tab.review_due.set_value(date.today() + timedelta(days=30))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "går inte att läsa" in tab.banner.text()
    assert tab.who.text() == "Gamla kumpaner"  # nothing lost
    due = (date.today() + timedelta(days=7)).isoformat()
    _cell(tab.steps, r, 4, due)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "sparades" in tab.banner.text(), tab.banner.text()
    stored = anna.safety.current(row.id)
    assert stored is not None and stored.content.code_word == "Kanelbulle"
    assert [p.name for p in stored.content.places] == ["Stadsbiblioteket", "Mormors stuga"]
    assert stored.content.places[0].for_individual and not stored.content.places[1].for_individual
    assert stored.content.steps[0].due_on == date.fromisoformat(due)
    assert stored.content.steps[0].for_individual  # the step's "På personens kopia" box
    tab.scroll.verticalScrollBar().setValue(0)
    page.grab().save(str(SHOTS / "safety-editor.png"))
    tab.scroll.verticalScrollBar().setValue(tab.scroll.verticalScrollBar().maximum())
    page.grab().save(str(SHOTS / "safety-editor-bottom.png"))

    # a step becomes an action in the action plan
    tab.steps.table.setCurrentCell(0, 1)
    qtbot.mouseClick(tab.to_plan_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "handlingsplanen" in tab.banner.text()
    assert anna.plans.get(anna.cases.plans(row.id)[0].id).actions[-1].what.startswith("Ansöka")

    # the person's copy, read back: no address, no code word, no place not chosen
    out = tmp_path / "min-plan.pdf"
    tab.export("individual", out)
    wait_tasks(qtbot)
    assert out.exists() and "Sparades" in tab.banner.text()
    if shutil.which("pdftotext") is None and IN_CI:
        pytest.fail("CI requires pdftotext (poppler-utils)")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Stadsbiblioteket" in text and "112" in text
        assert "Ansöka om skyddade personuppgifter" in text  # the chosen step
        for absent in ("Gömdavägen", "Norrby", "Kanelbulle", "Mormors stuga", "Skydd Person"):
            assert absent not in text
    # the police copy needs its consent item
    assert not tab.print_police_button.isEnabled()

    qtbot.mouseClick(tab.submit_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert anna.safety.current(row.id).review_state == "submitted"  # type: ignore[union-attr]
    assert not tab.save_button.isVisible() and tab.who.isReadOnly()

    # the supervisor approves
    chef_page = _page(qtbot, chef_services, row.id)
    chef_page.tabs.setCurrentWidget(chef_page.safety)
    wait_tasks(qtbot)
    chef_tab = chef_page.safety
    assert chef_tab.approve_button.isVisible() and chef_tab.approve_button.isEnabled()
    qtbot.mouseClick(chef_tab.approve_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert anna.safety.current(row.id).review_state == "approved"  # type: ignore[union-attr]
    assert "godkänd av chef" in chef_tab.history.text()
    chef_page.grab().save(str(SHOTS / "safety-approved.png"))

    # a new version, then the old one is shown read-only from the version list
    page.safety.reload()
    wait_tasks(qtbot)
    qtbot.mouseClick(tab.new_version_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert tab.shown is not None and tab.shown.plan_version == 2 and tab.save_button.isVisible()
    assert tab.version_box.isVisible() and tab.version_box.count() == 2
    tab.version_box.setCurrentIndex(1)
    assert tab.shown.plan_version == 1 and tab.who.isReadOnly()
    assert not tab.save_button.isVisible()
    assert isinstance(tab.places.table.cellWidget(0, 0), QComboBox)
    assert not tab.places.table.cellWidget(0, 0).isEnabled()


def test_the_safety_plan_opens_first_when_the_threat_is_urgent(qtbot, services, anna):
    row = anna.cases.create(name="Hotad Person")
    calm = _page(qtbot, services, row.id)
    assert calm.tabs.currentWidget() is calm.person_tab
    real = Workspace(services.ctx)  # the bundled interview, with its threat area
    assessment = real.interviews.start(row.id)
    answers = {"safety_threatened": True, "safety_protection_tonight": True}
    real.interviews.save(AssessmentEdit.of(assessment, answers, {}))
    page = _page(qtbot, services, row.id)
    assert page.tabs.currentWidget() is page.safety
    wait_tasks(qtbot)
    assert "Akut i hotområdet" in page.safety.urgent_banner.text()
    # no plan yet: the red line keeps its own height and "Skapa skyddsplan" is near the top
    tab = page.safety
    assert tab.create_button.isVisible() and not tab.scroll.isVisible()
    banner = tab.urgent_banner
    assert banner.height() <= banner.sizeHint().height() + 10, banner.height()
    assert tab.create_button.mapTo(tab, tab.create_button.rect().topLeft()).y() < 150
    page.grab().save(str(SHOTS / "safety-urgent.png"))


def test_the_police_consent_item_in_the_consent_dialog(qtbot, services, anna):
    from ui.case_view.consents_tab import ConsentDialog

    row = anna.cases.create(name="Samtycke Person")
    dialog = ConsentDialog(services, row.id, {"housing": "Boende"}, [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.recipient.setCurrentIndex(dialog.recipient.findData("healthcare"))
    assert not dialog.safety_plan.isEnabled()
    dialog.recipient.setCurrentIndex(dialog.recipient.findData("police"))
    assert dialog.safety_plan.isEnabled()
    dialog.safety_plan.setChecked(True)
    dialog.area_boxes["housing"].setChecked(True)
    qtbot.keyClicks(dialog.recipient_name, "Inspektor Berg")
    dialog.grab().save(str(SHOTS / "safety-consent-dialog.png"))
    dialog.submit()
    wait_tasks(qtbot)
    (consent,) = anna.cases.consents(row.id).consents
    assert consent.recipient_kind == "police" and consent.includes_safety_plan
    assert anna.safety.open_editor(row.id).police_consent


def test_the_tab_does_not_offer_approval_to_the_supervisor_who_edited_it(
    qtbot, services, chef_services, anna
):
    from dataclasses import replace

    from assessment_app.records import safety

    row = anna.cases.create(name="Skydd Person")
    plan = anna.safety.create(row.id)
    chef_ws = Workspace(chef_services.ctx, templates=chef_services.templates)
    content = replace(
        safety.new_content(),
        risk_level="raised",
        risk_reason="Hot i somras",
        review_due_on=date.today() + timedelta(days=14),
    )
    plan = chef_ws.safety.save(plan.id, plan.version, content)  # the supervisor edits the draft
    anna.safety.submit(plan.id, plan.version)  # the worker submits it
    chef_page = _page(qtbot, chef_services, row.id)
    chef_page.tabs.setCurrentWidget(chef_page.safety)
    wait_tasks(qtbot)
    tab = chef_page.safety
    assert tab.approve_button.isVisible() and not tab.approve_button.isEnabled()
    assert "ändrat" in tab.approve_button.toolTip()
    assert tab.return_button.isEnabled()  # returning stays open, as for the action plan


def test_the_steps_table_shows_its_rows_and_whole_kinds(qtbot, services, anna):
    """The steps table grows with its rows (no scroll bar of its own for eight steps), the kind
    column holds its longest label, and the plan-action button says why it is disabled."""
    from dataclasses import replace

    from assessment_app.records import safety

    row = anna.cases.create(name="Skydd Person")  # no action plan
    plan = anna.safety.create(row.id)
    steps = [
        safety.Step("protected_address", f"Åtgärd nummer {n}", "social_services") for n in range(8)
    ]
    anna.safety.save(plan.id, plan.version, replace(plan.content, steps=steps))
    page = _page(qtbot, services, row.id)
    page.tabs.setCurrentWidget(page.safety)
    wait_tasks(qtbot)
    tab = page.safety
    table = tab.steps.table
    assert table.rowCount() == 8
    rows = sum(table.rowHeight(r) for r in range(8))
    assert table.height() >= table.horizontalHeader().height() + rows
    assert not table.verticalScrollBar().isVisible()
    kind = table.cellWidget(0, 0)
    assert kind.currentText() == "Skyddade personuppgifter"
    assert table.columnWidth(0) >= kind.sizeHint().width()
    assert not tab.to_plan_button.isEnabled()
    assert "ingen handlingsplan" in tab.to_plan_button.toolTip()
    SHOTS.mkdir(exist_ok=True)
    qtbot.wait(50)  # let the layouts settle, as on screen
    buttons = tab.steps.add_button.mapTo(tab.steps, tab.steps.add_button.rect().topLeft())
    assert buttons.y() >= table.geometry().bottom()  # the buttons sit below the rows
    tab.scroll.ensureWidgetVisible(tab.steps)
    page.grab().save(str(SHOTS / "safety-steps.png"))


def test_the_screen_and_the_copies_name_places_the_same(qtbot):
    """One term for each kind of place: the tab's list says what the printed copies say
    ("Plats att undvika", not "Osäker plats")."""
    from assessment_app.safety_export import PLACE_SV
    from ui.case_view.safety_tab import place_kinds

    assert place_kinds() == PLACE_SV
