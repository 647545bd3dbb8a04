"""Meeting mode, the idle lock, and a whole working session from first run to sign-in again."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select, update

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.db.models import AuditEvent, User
from assessment_app.db.types import utcnow
from assessment_app.records import plans
from assessment_app.records.cases import CaseQuery
from assessment_app.workspace import Workspace
from tests.ui.conftest import WORKER, wait_tasks
from ui.cases.new_case import NewCaseDialog
from ui.controller import AppController
from ui.interview.interview_page import InterviewPage
from ui.main_window import MainWindow
from ui.plan.editor import PlanEditorPage
from ui.services import StaticTemplates


def _window(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _unlock(qtbot, window, password):
    qtbot.keyClicks(window.lock_screen.password, password)
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: window.lock_screen.unlock_button.isEnabled() or not window.locked)


def _draft(services, kind, object_id):
    found = [
        d for d in services.ws.cases.my_drafts() if d.kind == kind and d.object_id == object_id
    ]
    return found[0] if found else None


def test_meeting_mode_hides_the_list_and_needs_the_password_to_leave(qtbot, services, worker):
    services.ws.cases.create(name="Annan Klient")
    row = services.ws.cases.create(name="Kalle Karlsson")
    window = _window(qtbot, services)
    window.show_case(row.id)
    wait_tasks(qtbot)
    window.meeting_action.trigger()
    assert window.meeting_mode
    assert not window.list_action.isEnabled() and not window.new_case_action.isEnabled()
    window.show_list()  # not reachable in meeting mode
    assert window.stack.currentWidget() is window.case_page
    assert window.case_page.name.text() == "Kalle Karlsson"

    logins = _audit(services.db, "login")
    window.meeting_action.trigger()  # try to leave: asks for the password
    assert window.stack.currentWidget() is window.lock_screen
    _unlock(qtbot, window, "wrong-password-1")
    assert window.meeting_mode and window.locked
    assert "Fel lösenord" in window.lock_screen.banner.text()
    _unlock(qtbot, window, WORKER[1])
    assert not window.meeting_mode and not window.locked
    assert window.stack.currentWidget() is window.case_page
    # the password was checked again, within the same session: no new login
    assert _audit(services.db, "login") == logins
    assert _audit(services.db, "unlock") == ["meeting"]
    assert _audit(services.db, "login.failed") == 1


def _audit(db, action):
    """Unlocks by purpose; other actions counted."""
    with db.session() as session:
        events = session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars()
        details = [e.detail for e in events]
    return details if action == "unlock" else len(details)


def test_a_locked_account_cannot_unlock_but_can_sign_out(qtbot, services, worker):
    window = _window(qtbot, services)
    window.lock_action.trigger()
    with services.db.session() as session:  # too many failures, here or at another desk
        session.execute(
            update(User)
            .where(User.username == WORKER[0])
            .values(locked_until=utcnow() + timedelta(minutes=10))
        )
    _unlock(qtbot, window, WORKER[1])
    assert window.locked
    assert "tillfälligt låst" in window.lock_screen.banner.text()
    qtbot.mouseClick(window.lock_screen.sign_out_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert window._signed_out


def test_meeting_mode_from_the_list_shows_no_names(qtbot, services, worker):
    services.ws.cases.create(name="Annan Klient")
    window = _window(qtbot, services)
    wait_tasks(qtbot)
    window.meeting_action.trigger()
    assert window.stack.currentWidget() is window.meeting_placeholder
    assert not window.case_list.isVisible()


def test_idle_lock_saves_the_draft_and_loses_nothing(qtbot, services, worker, template):
    row = services.ws.cases.create(name="Kalle Karlsson")
    info = services.ws.interviews.start(row.id)
    window = _window(qtbot, services)
    window.open_interview(info.id)
    wait_tasks(qtbot)
    page = window.work_page
    assert isinstance(page, InterviewPage)
    page.areas.setCurrentRow(3)
    edit = page.section_pages[3].blocks["why_now"].editor.edit
    qtbot.keyClicks(edit, "Halvfardig mening")
    window.idle.set_timeout_ms(30)  # the configured minutes, shortened for the test
    qtbot.waitUntil(lambda: window.locked)
    assert window.stack.currentWidget() is window.lock_screen
    assert not edit.isVisible()
    wait_tasks(qtbot)
    draft = _draft(services, "assessment", info.id)
    assert draft is not None
    assert draft.payload.content["answers"]["why_now"] == "Halvfardig mening"
    window.idle.set_timeout_ms(60_000)
    _unlock(qtbot, window, WORKER[1])
    assert window.stack.currentWidget() is page
    assert edit.text() == "Halvfardig mening"


def test_idle_minutes_come_from_settings(qtbot, services):
    services.settings.idle_lock_minutes = 3
    window = _window(qtbot, services)
    assert window.idle.timer.interval() == 3 * 60_000


def _new_case_dialog(qtbot, window) -> NewCaseDialog:
    window.new_case_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewCaseDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitExposed(dialog)
    return dialog


def _create_case(qtbot, window, name: str) -> None:
    dialog = _new_case_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.personnummer, "19900101-0017")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_page is not None and window.case_page.case is not None)
    wait_tasks(qtbot)


def _sign_in_through(qtbot, controller, username, password):
    dialog = controller.sign_in
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.username.setText(username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    return controller.window


def _choose_own_password(qtbot, controller, username, temporary, password):
    """Sign in with a temporary password: the change dialog comes before the main window."""
    dialog = controller.sign_in
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.username.setText(username)
    qtbot.keyClicks(dialog.password, temporary)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: controller.password_dialog is not None and controller.password_dialog.isVisible()
    )
    assert controller.window is None
    change = controller.password_dialog
    qtbot.keyClicks(change.old, temporary)
    qtbot.keyClicks(change.new, password)
    qtbot.keyClicks(change.repeat, password)
    qtbot.keyClick(change.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    return controller.window


def test_whole_session_first_run_to_sign_in_again(qtbot, db_url, settings, template):
    controller = AppController(db_url, settings, StaticTemplates(template))
    controller.start()
    wizard = controller.first_run
    qtbot.addWidget(wizard)
    qtbot.keyClicks(wizard.unit, "Vuxenenheten")
    qtbot.keyClicks(wizard.username, "admin")
    qtbot.keyClicks(wizard.password, "admin-password-1")
    qtbot.keyClicks(wizard.repeat, "admin-password-1")
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1)
    qtbot.keyClick(wizard.saved_check, Qt.Key.Key_Space)
    qtbot.mouseClick(wizard.continue_button, Qt.MouseButton.LeftButton)

    # the administrator adds a caseworker, then signs out
    window = _sign_in_through(qtbot, controller, "admin", "admin-password-1")
    users = window.users_page
    qtbot.keyClicks(users.username, WORKER[0])
    qtbot.keyClicks(users.unit, "Vuxenenheten")
    qtbot.keyClicks(users.password, "anna-temporary-1")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert "tillagd" in users.banner.text() and "tillfälligt" in users.banner.text()
    window.sign_out_action.trigger()
    wait_tasks(qtbot)

    # the caseworker picks their own password, creates a case, interviews, rates and plans
    window = _choose_own_password(qtbot, controller, WORKER[0], "anna-temporary-1", WORKER[1])
    _create_case(qtbot, window, "Kalle Karlsson")
    case_page = window.case_page
    assert case_page is not None and case_page.name.text() == "Kalle Karlsson"
    case_page.tabs.setCurrentWidget(case_page.assessments)
    wait_tasks(qtbot)
    qtbot.mouseClick(case_page.assessments.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.work_page, InterviewPage))
    interview = window.work_page
    assert isinstance(interview, InterviewPage)
    interview.areas.setCurrentRow(1)
    housing = interview.section_pages[1]
    homeless = next(b for v, b in housing.blocks["housing_now"].editor.buttons if v == "homeless")
    qtbot.mouseClick(homeless, Qt.MouseButton.LeftButton)
    housing.rating.worker.setCurrentIndex(housing.rating.worker.findData(4))
    qtbot.keyClicks(housing.rating.reason, "Sover ute")
    qtbot.mouseClick(interview.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.work_page is None)
    wait_tasks(qtbot)
    assert window.stack.currentWidget() is case_page

    case_page.tabs.setCurrentWidget(case_page.plans)
    wait_tasks(qtbot)
    qtbot.mouseClick(case_page.plans.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.work_page, PlanEditorPage))
    editor = window.work_page
    assert isinstance(editor, PlanEditorPage)
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Ett tryggt boende")
    qtbot.mouseClick(editor.boxes[0].add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.boxes[0].rows[0].what, "Ringa bostadsformedlingen")
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)  # saves, then closes
    qtbot.waitUntil(lambda: window.work_page is None)
    wait_tasks(qtbot)
    assert window.stack.currentWidget() is case_page
    window.sign_out_action.trigger()
    wait_tasks(qtbot)

    # signed in again: everything is there, in the screens and in the core
    window = _sign_in_through(qtbot, controller, *WORKER)
    page = window.case_list
    qtbot.keyClicks(page.search, "kalle")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.activated.emit(page.model.index(0, 0))
    qtbot.waitUntil(lambda: window.case_page is not None and window.case_page.case is not None)
    case_page = window.case_page
    case_page.tabs.setCurrentWidget(case_page.assessments)
    wait_tasks(qtbot)
    assert case_page.assessments.table.rowCount() == 1
    case_page.tabs.setCurrentWidget(case_page.plans)
    wait_tasks(qtbot)
    assert case_page.plans.table.rowCount() == 1

    db = Database.open(db_url)
    ws = Workspace(accounts.sign_in(db, *WORKER), templates=StaticTemplates(template))
    (row,) = ws.cases.page(CaseQuery()).rows
    (a,) = ws.cases.assessments(row.id)
    assert a.answers == {"housing_now": "homeless"}
    assert a.ratings["housing"]["worker"] == 4 and a.ratings["housing"]["reason"] == "Sover ute"
    (plan,) = ws.cases.plans(row.id)
    assert [(g.area_id, g.text) for g in plan.goals] == [("housing", "Ett tryggt boende")]
    assert [x.what for x in plan.actions] == ["Ringa bostadsformedlingen"]
    db.dispose()
    window.close()
    controller.database.dispose()


def test_lock_hides_an_open_dialog_and_brings_it_back_with_its_content(qtbot, services, worker):
    window = _window(qtbot, services)
    dialog = _new_case_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name, "Kalle Karlsson")
    qtbot.keyClicks(dialog.personnummer, "19900101-0017")

    window.idle.set_timeout_ms(30)  # the person walks away
    qtbot.waitUntil(lambda: window.locked)
    assert not dialog.isVisible()  # nothing on top of the lock screen
    assert QApplication.activeModalWidget() is None
    assert window.stack.currentWidget() is window.lock_screen
    window.idle.set_timeout_ms(60_000)

    _unlock(qtbot, window, WORKER[1])
    assert not window.locked
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.name.text() == "Kalle Karlsson"
    assert QApplication.activeModalWidget() is dialog
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_page is not None and window.case_page.case is not None)
    assert window.case_page.name.text() == "Kalle Karlsson"


def test_lock_cancels_an_open_question_safely(qtbot, services, worker):
    row = services.ws.cases.create(name="Kalle Karlsson")
    consent = services.ws.cases.give_consent(row.id, "police", ["housing"])
    window = _window(qtbot, services)
    window.show_case(row.id)
    wait_tasks(qtbot)
    tab = window.case_page.consents
    window.case_page.tabs.setCurrentWidget(tab)
    wait_tasks(qtbot)
    tab.table.selectRow(0)
    seen = []

    def walk_away() -> None:  # while "Återkalla samtycket?" waits for an answer
        seen.append(QApplication.activeModalWidget())
        window.lock("idle")

    QTimer.singleShot(0, walk_away)
    qtbot.mouseClick(tab.withdraw_button, Qt.MouseButton.LeftButton)
    assert isinstance(seen[0], QMessageBox)
    assert window.locked and QApplication.activeModalWidget() is None
    wait_tasks(qtbot)
    (stored,) = services.ws.cases.consents(row.id).consents
    assert stored.id == consent.id and stored.withdrawn_on is None  # cancelled, not withdrawn
    _unlock(qtbot, window, WORKER[1])
    assert window.stack.currentWidget() is window.case_page
    assert QApplication.activeModalWidget() is None  # the question does not come back


def test_lock_saves_the_plan_draft_and_the_list_offers_it_after_a_crash(qtbot, services, worker):
    row = services.ws.cases.create(name="Kalle Karlsson")
    with services.ws.write() as uow:
        plan = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Eget boende")])
    window = _window(qtbot, services)
    window.show_case(row.id)
    wait_tasks(qtbot)
    window.open_plan(plan.id)
    wait_tasks(qtbot)
    editor = window.work_page
    assert isinstance(editor, PlanEditorPage)
    qtbot.keyClicks(editor.meeting.place, "Fredag")
    window.lock_action.trigger()
    wait_tasks(qtbot)
    draft = _draft(services, "plan", plan.id)
    assert draft is not None and draft.payload.content["meeting_place"] == "Fredag"

    # the app dies while locked; next time the list offers the unsaved plan
    window.hide()  # no orderly close: a crash
    again = _window(qtbot, services)
    again.after_sign_in(None)
    wait_tasks(qtbot)
    banner = again.case_list.drafts_banner
    assert banner.isVisible() and "handlingsplan" in banner.text()
    qtbot.mouseClick(banner._buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(again.work_page, PlanEditorPage), timeout=10000)
    reopened = again.work_page
    assert isinstance(reopened, PlanEditorPage) and reopened.plan.id == plan.id
    assert reopened.draft_banner.isVisible()


def test_meeting_mode_hides_the_history_and_the_address(qtbot, services):
    from assessment_app.records.cases import Contact

    row = services.ws.cases.create(
        name="Kalle Karlsson", contact=Contact(address="Storgatan 1", city="Kungsängen")
    )
    window = _window(qtbot, services)
    window.show_case(row.id)
    wait_tasks(qtbot)
    page = window.case_page
    page.tabs.setCurrentWidget(page.history)
    wait_tasks(qtbot)

    def shown_text():
        return " ".join(w.text() for w in page.details.findChildren(type(page.name)))

    assert "Storgatan 1" in shown_text()
    window.meeting_action.trigger()
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.history))
    assert page.tabs.currentWidget() is page.person_tab
    assert "Storgatan 1" not in shown_text() and "Dold under mötet" in shown_text()
    window.meeting_action.trigger()  # leaving needs the password
    _unlock(qtbot, window, WORKER[1])
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.history))
    assert "Storgatan 1" in shown_text()


def test_a_new_case_for_a_known_person_says_it_joined_their_record(qtbot, services, worker):
    """Issue 17, point 1: the worker is told when the personnummer was already known."""
    window = _window(qtbot, services)
    _create_case(qtbot, window, "Forsta Gangen")
    first = window.case_page.case
    assert not window.banner.isVisible() or "fanns redan" not in window.banner.text()
    dialog = _new_case_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name, "Andra Gangen")
    qtbot.keyClicks(dialog.personnummer, "19900101-0017")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_page.case.id != first.id, timeout=20_000)
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert "fanns redan" in window.banner.text()
    second = window.case_page.case
    assert second.id != first.id and second.individual.id == first.individual.id
    assert second.individual.name == "Forsta Gangen"  # the person's record is kept


def test_work_that_ends_while_locked_waits_behind_the_lock(qtbot, services, worker):
    """A case that finishes opening after the desk was locked never shows over the lock
    screen; the unlock shows it. A sign-out from the lock screen while the password is being
    checked leaves the session ended: the unlock that arrives after it changes nothing."""
    row = services.ws.cases.create(name="Kalle Karlsson")
    window = _window(qtbot, services)
    window.show_case(row.id)  # on its way (a background task) ...
    window.lock_action.trigger()  # ... when the desk is locked
    wait_tasks(qtbot)
    assert window.case_page is not None  # it opened
    assert window.stack.currentWidget() is window.lock_screen  # behind the lock
    assert window.case_page.name.text() == "Kalle Karlsson"
    _unlock(qtbot, window, WORKER[1])
    assert not window.locked and window.stack.currentWidget() is window.case_page
    assert window.idle.timer.isActive()  # the idle lock watches again
    page = window.reminders_page
    assert page is not None and page.timer.isActive()

    window.lock_action.trigger()
    qtbot.keyClicks(window.lock_screen.password, WORKER[1])
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    window.sign_out()  # while the password is checked in the background
    wait_tasks(qtbot)
    assert window.locked and window.stack.currentWidget() is window.lock_screen
    assert not page.timer.isActive() and not page.midnight.isActive()
