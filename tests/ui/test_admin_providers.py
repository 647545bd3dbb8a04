"""The provider register screen, driven by the keyboard as a person would: adding a provider
(fields checked, the organisation number normalised), changing one (a change saved elsewhere
meanwhile is refused and what was typed stays), retiring and reactivating after a question,
ended contracts shown as such; and a supervisor reaching it from the menu when the
installation allows."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from assessment_app import accounts
from assessment_app.records.providers import ProviderFields
from assessment_app.workspace import Workspace
from tests.ui.conftest import ADMIN, wait_tasks
from ui.admin.admin_page import AdminPage
from ui.admin.providers_page import ProvidersPage
from ui.main_window import MainWindow
from ui.services import Services, StaticTemplates


@pytest.fixture
def admin(database):
    return accounts.sign_in(database, *ADMIN)


@pytest.fixture
def register(admin):
    """The administrator's register without the UI-thread guard, for set-up and checks."""
    return Workspace(admin).admin


@pytest.fixture
def page(qtbot, database, admin, settings, template):
    admin_page = AdminPage(Services(database, admin, settings, StaticTemplates(template)))
    qtbot.addWidget(admin_page)
    admin_page.resize(1200, 760)
    admin_page.tabs.setCurrentWidget(admin_page.providers)
    with qtbot.waitActive(admin_page):  # the keyboard goes to the active window
        admin_page.show()
        admin_page.activateWindow()
    wait_tasks(qtbot)
    yield admin_page.providers  # the admin page stays alive while the test runs


def _focused(qtbot):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return QApplication.focusWidget()


def _type(qtbot, text: str) -> None:
    """Type into the widget that has the keyboard focus."""
    qtbot.keyClicks(_focused(qtbot), text)


def _key(qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(_focused(qtbot), key)


def _cells(page: ProvidersPage) -> dict[str, list[str]]:
    model = page.model
    return {
        model.rows[r].name: [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }


def test_add_a_provider_with_the_keyboard(qtbot, page, register):
    assert page.form_box.title() == "Ny utförare"
    assert "Registret är tomt" in page.status.text()
    page.name.setFocus()
    _type(qtbot, "Vagen Ut Stod AB")
    for text in ("5599000014", "Karin Lind", "08-555 010 10", "karin@example.se"):
        _key(qtbot, Qt.Key.Key_Tab)
        _type(qtbot, text)
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "boendestod, mentorskap")
    _key(qtbot, Qt.Key.Key_Tab)  # the contract's start: tick, then the date
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "20260101")
    page.procured_for.setFocus()
    _key(qtbot, Qt.Key.Key_Return)  # Enter saves
    assert not page.save_button.isEnabled()  # once, while it is saved
    wait_tasks(qtbot)
    assert "Vagen Ut Stod AB är tillagd" in page.banner.label.text()
    [saved] = register.providers()
    assert saved.fields == ProviderFields(
        "Vagen Ut Stod AB",
        "559900-0014",
        "Karin Lind",
        "08-555 010 10",
        "karin@example.se",
        "boendestod, mentorskap",
        date(2026, 1, 1),
        None,
    )
    row = _cells(page)["Vagen Ut Stod AB"]
    assert row[1:] == ["559900-0014", "boendestod, mentorskap", "2026-01-01 – …", "Aktiv"]
    assert page.form_box.title() == "Ändra Vagen Ut Stod AB"  # the saved one, to go on with
    assert page.selected() is not None and page.selected().id == saved.id


def test_mistakes_are_named_and_nothing_is_saved(qtbot, page, register):
    for field, text, says in (
        (page.org_number, "5599000015", "inget giltigt organisationsnummer"),
        (page.org_number, "811228-9874", "personnummer"),
        (page.email, "karin.example.se", "e-postadress"),
    ):
        page.start_new()
        page.name.setFocus()
        _type(qtbot, "Nystart")
        field.setFocus()
        _type(qtbot, text)
        _key(qtbot, Qt.Key.Key_Return)
        wait_tasks(qtbot)
        assert says in page.banner.label.text()
        assert page.name.text() == "Nystart" and field.text() == text  # kept to correct
    page.start_new()
    page.contract_from.set_value(date(2026, 5, 1))
    page.contract_to.set_value(date(2026, 4, 1))
    page.name.setFocus()
    _type(qtbot, "Nystart")
    _key(qtbot, Qt.Key.Key_Return)
    assert "sluta innan det börjar" in page.banner.label.text()
    register.add_provider("Nystart AB")
    page.reload()
    wait_tasks(qtbot)
    page.start_new()
    page.name.setFocus()
    _type(qtbot, "nystart ab")
    _key(qtbot, Qt.Key.Key_Return)
    wait_tasks(qtbot)  # the core finds the clash
    assert "finns redan" in page.banner.label.text()
    assert [p.name for p in register.providers(include_inactive=True)] == ["Nystart AB"]


def test_edit_and_a_change_saved_meanwhile(qtbot, page, register):
    added = register.add_provider("Vägen Ut AB", phone="08-1", contract_to=date(2025, 6, 30))
    page.reload()
    wait_tasks(qtbot)
    assert _cells(page)["Vägen Ut AB"][4] == "Avtalet har löpt ut"
    page.select("Vägen Ut AB")
    assert page.form_box.title() == "Ändra Vägen Ut AB" and page.phone.text() == "08-1"
    page.phone.setFocus()
    page.phone.selectAll()
    _type(qtbot, "08-555 010 10")
    _key(qtbot, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    assert "Ändringarna för Vägen Ut AB är sparade" in page.banner.label.text()
    now = register.provider(provider_id=added.id)
    assert now.phone == "08-555 010 10" and now.version == added.version + 1
    # Someone else changes it while it is in the form here.
    register.edit_provider(now.id, now.version, ProviderFields("Vägen Ut AB", email="a@b.se"))
    page.procured_for.setFocus()
    _type(qtbot, "boendestod")
    _key(qtbot, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    text = page.banner.label.text()
    assert "ändrades av admin" in text and "Formuläret visar det du skrev" in text
    assert page.procured_for.text() == "boendestod"  # what was typed stays
    assert register.provider(provider_id=added.id).procured_for == ""  # nothing overwritten
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)  # Ångra: the saved one
    assert page.email.text() == "a@b.se" and page.procured_for.text() == ""


def test_retire_and_reactivate_ask_first(qtbot, page, register):
    register.add_provider("Nystart Mentorskap")
    page.reload()
    wait_tasks(qtbot)
    page.select("Nystart Mentorskap")
    assert page.retire_button.isEnabled() and not page.reactivate_button.isEnabled()
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    dialog = page.confirmation
    assert (
        dialog is not None
        and "Avsluta Nystart Mentorskap?" in dialog.findChild(type(page.status)).text()
    )
    dialog.reject()  # Avbryt: nothing happens
    wait_tasks(qtbot)
    assert register.providers()[0].active
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    dialog = page.confirmation
    qtbot.keyClicks(dialog.reason, "Avtalet sades upp")
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    [retired] = register.providers(include_inactive=True)
    assert not retired.active and retired.retired_on == date.today()
    assert retired.retired_reason == "Avtalet sades upp"
    assert _cells(page)["Nystart Mentorskap"][4] == f"Avslutad {date.today().isoformat()}"
    assert "erbjuds inte" in page.banner.label.text()
    assert page.reactivate_button.isEnabled() and not page.retire_button.isEnabled()
    page.show_retired.setChecked(False)  # hidden, then shown again
    assert "Nystart Mentorskap" not in _cells(page)
    page.show_retired.setChecked(True)
    page.select("Nystart Mentorskap")
    qtbot.mouseClick(page.reactivate_button, Qt.MouseButton.LeftButton)
    box = page.confirmation
    assert isinstance(box, QMessageBox) and "Återaktivera Nystart Mentorskap?" in box.text()
    [yes] = [b for b in box.buttons() if b.text() == "Återaktivera"]
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert register.providers()[0].active
    assert _cells(page)["Nystart Mentorskap"][4] == "Aktiv"


def _supervisor(database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, "chef", "chef-password-1", "supervisor", unit="Vuxenenheten")
    chef = accounts.sign_in(database, "chef", "chef-password-1")
    return Services(database, chef, settings, StaticTemplates(template))


def test_a_supervisor_reaches_it_from_the_menu_only_when_allowed(
    qtbot, database, settings, template, tmp_path, monkeypatch
):
    services = _supervisor(database, settings, template)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    wait_tasks(qtbot)
    assert not window.providers_action.isVisible()  # the default: administrators only
    window.show_providers()
    assert window.providers_page is None
    window.close()

    allowed = tmp_path / "settings.json"
    allowed.write_text(json.dumps({"provider_managers": ["supervisor"]}), encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(allowed))
    window = MainWindow(services)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    wait_tasks(qtbot)
    assert window.providers_action.isVisible()
    view_menu = window.menuBar().actions()[1].menu()
    assert window.providers_action in view_menu.actions()
    window.providers_action.trigger()
    wait_tasks(qtbot)
    page = window.providers_page
    assert page is not None and window.stack.currentWidget() is page
    page.name.setFocus()
    _type(qtbot, "Tryggt Boende Norr")
    _key(qtbot, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    assert "Tryggt Boende Norr är tillagd" in page.banner.label.text()
    assert "Tryggt Boende Norr" in _cells(page)
    window.resize(1200, 760)
    window.grab().save(str(tmp_path / "supervisor-providers.png"))


def test_a_retired_provider_is_kept_where_assigned_and_not_offered_anew(qtbot, services, register):
    """The plan editor offers a retired provider only on the action that already has it; the
    consent dialog does not offer it at all."""
    from assessment_app.records import plans
    from assessment_app.records.plans import PlanContent, PlanEdit
    from ui.case_view.consents_tab import ConsentDialog
    from ui.plan.editor import PlanEditorPage

    vagen = register.add_provider("Vagen Ut AB")
    register.add_provider("Nystart AB")
    ws = services.ws
    row = ws.cases.create(name="Kalle Karlsson")
    plan = ws.plans.create(row.id)
    goal = plans.Goal("housing", "Ett eget boende")
    action = plans.Action("Boendestöd", "provider", goal_id=goal.id, provider_id=vagen.id)
    ws.plans.save(PlanEdit(plan, PlanContent([goal], [action])))
    register.retire_provider(vagen.id, vagen.version)

    editor = PlanEditorPage(services, ws.plans.open_editor(plan.id))
    qtbot.addWidget(editor)
    editor.show()
    wait_tasks(qtbot)
    box = editor.boxes[0]

    def offered(action_row):  # type: ignore[no-untyped-def]
        combo = action_row.provider
        return [combo.itemText(i) for i in range(combo.count()) if combo.itemData(i) is not None]

    assigned = box.rows[0]
    assert offered(assigned) == ["Nystart AB", "Vagen Ut AB"]
    assert assigned.provider.currentData() == vagen.id  # it keeps its provider
    assert offered(box.add_action()) == ["Nystart AB"]

    view = ws.cases.consents(row.id)
    dialog = ConsentDialog(services, row.id, ws.area_titles(), view.providers)
    qtbot.addWidget(dialog)
    assert [dialog.provider.itemText(i) for i in range(dialog.provider.count())] == ["Nystart AB"]
