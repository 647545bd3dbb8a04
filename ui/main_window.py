"""The main window: navigation between the case list, a case, the interview and the plan
editor; the supervisor's review queue and access-log review; the administrator's screens;
meeting mode; the idle lock; the banners for the server, backups and rollbacks; signing out."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from assessment_app.server.review import ApprovedPlan, WaitingPlan
from ui.admin.admin_page import AdminPage
from ui.admin.lifecycle_checks import LifecycleChecks
from ui.admin.providers_page import ProvidersPage
from ui.admin.users_page import UsersPage
from ui.case_view.case_page import CasePage
from ui.cases import labels
from ui.cases.list_page import CaseListPage
from ui.cases.new_case import NewCaseDialog
from ui.idle import IdleWatcher
from ui.interview.interview_page import InterviewPage
from ui.lock import CoveredWindows, LockScreen
from ui.log_review.page import AccessLogPage
from ui.messages import error_message
from ui.plan.editor import PlanEditorPage
from ui.preferences.server_health import ServerWatch
from ui.reminders.page import RemindersPage
from ui.review.badges import DecisionBadgeAction
from ui.review.plan_review import PlanReviewPage
from ui.review.queue_page import ReviewQueuePage
from ui.services import Services
from ui.stats.page import StatsPage
from ui.tasks import monitor, run_task
from ui.widgets.banner import Banner

if TYPE_CHECKING:
    from assessment_app.credentials import CredentialStore
    from assessment_app.lifecycle.state import StateStore
    from assessment_app.workspace.interview import InterviewOpened
    from assessment_app.workspace.plans import PlanEditorData

log = logging.getLogger(__name__)

URGENT_POLL_MS = 60_000


class MainWindow(QMainWindow):
    signed_out = Signal()  # the user signed out: show the sign-in again
    quit_requested = Signal()  # the window was closed: the app ends

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        credentials: CredentialStore | None = None,
        drafts_root: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ctx = services.ctx
        self.ws = services.ws
        self._credentials = credentials  # None: the OS keyring, when the settings need it
        self.meeting_mode = False
        self.locked = False
        self._signed_out = False
        self._before_lock: QWidget | None = None
        self.covered = CoveredWindows(self)
        self.setWindowTitle(self.tr("Kartläggning och handlingsplan"))
        self.resize(1200, 800)

        self.stack = QStackedWidget(self)
        self.banner = Banner(self, "error")
        self.server_banner = Banner(self, "warning")  # the server is gone / back
        self.rollback_banner = Banner(self, "warning")  # the database went backwards
        self.backup_banner = Banner(self, "warning")  # the backup reminder and its outcome
        self.slow_banner = Banner(self, "info")  # a call to the database takes long
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        for banner in (
            self.server_banner,
            self.slow_banner,
            self.rollback_banner,
            self.backup_banner,
        ):
            layout.addWidget(banner)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.can_see_cases = self.ctx.role in ("caseworker", "supervisor")
        self.is_supervisor = self.ctx.role == "supervisor"
        self.case_list: CaseListPage | None = None
        self.users_page: UsersPage | None = None
        self.admin_page: AdminPage | None = None
        self.review_page: ReviewQueuePage | None = None
        self.plan_review: PlanReviewPage | None = None
        self.log_page: AccessLogPage | None = None
        self.providers_page: ProvidersPage | None = None
        self.stats_page: StatsPage | None = None
        if self.can_see_cases:
            self.case_list = CaseListPage(services, self)
            self.case_list.open_case.connect(self.show_case)
            self.case_list.new_case_requested.connect(self.new_case)
            self.case_list.open_draft.connect(self.open_draft)
            self.stack.addWidget(self.case_list)
        self.reminders_page: RemindersPage | None = None
        self.tray: QSystemTrayIcon | None = None
        if self.can_see_cases:
            self.reminders_page = RemindersPage(services, self)
            self.reminders_page.open_item.connect(self.open_reminder)
            self.reminders_page.notify_due.connect(self.notify_reminders)
            self.stack.addWidget(self.reminders_page)
        else:
            self.admin_page = AdminPage(services, self)
            self.users_page = self.admin_page.users
            self.stack.addWidget(self.admin_page)
        self.meeting_placeholder = QLabel(
            self.tr("<h2>Mötesläge</h2><p>Ärendelistan är dold under mötet.</p>"), self
        )
        self.stack.addWidget(self.meeting_placeholder)
        self.lock_screen = LockScreen(services, self)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.cancelled.connect(self._unlock_cancelled)
        self.lock_screen.sign_out_requested.connect(self.sign_out)
        self.stack.addWidget(self.lock_screen)
        self.case_page: CasePage | None = None
        self.work_page: QWidget | None = None  # interview or plan editor
        self._leaving = False
        self._session_ended = False
        self._note_after_leaving = ""  # said on the next page shown after leaving a plan
        monitor().slow.connect(self._slow_changed)
        self.urgent_open = 0
        self.urgent_timer = QTimer(self)
        self.urgent_timer.setInterval(URGENT_POLL_MS)
        self.urgent_timer.timeout.connect(self.refresh_urgent_badge)

        self._build_actions()
        self.statusBar().showMessage(
            self.tr("Inloggad som {user} ({role})").format(
                user=self.ctx.username, role=labels.role(self.ctx.role)
            )
        )
        self.idle = IdleWatcher(services.settings.idle_lock_minutes, self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.lifecycle = LifecycleChecks(
            self.services, self.rollback_banner, self.backup_banner, self
        )
        self.server_watch: ServerWatch | None = None
        if not services.db.is_sqlite:
            self.server_watch = ServerWatch(
                self.ws, self.server_banner, self, drafts_root=drafts_root
            )
        self.settings_dialog: QWidget | None = None
        self.about_dialog: QWidget | None = None
        self.contact_dialog: QWidget | None = None
        self.password_dialog: QWidget | None = None

    def _build_actions(self) -> None:
        self.toolbar = self.addToolBar(self.tr("Verktyg"))
        self.toolbar.setMovable(False)
        self.list_action = QAction(self.tr("Ärende&listan"), self)
        self.list_action.triggered.connect(self.show_list)
        self.reminders_action = QAction(self.tr("&Att göra"), self)  # Visa: G is Granskning
        self.reminders_action.setToolTip(
            self.tr("Det som är försenat och det som ska göras den här veckan")
        )
        self.reminders_action.triggered.connect(self.show_reminders)
        self.new_case_action = QAction(self.tr("&Nytt ärende …"), self)
        self.new_case_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_case_action.triggered.connect(self.new_case)
        self.meeting_action = QAction(self.tr("&Mötesläge"), self)
        self.meeting_action.setCheckable(True)
        self.meeting_action.setShortcut(QKeySequence("Ctrl+M"))
        self.meeting_action.setToolTip(
            self.tr("Döljer ärendelistan och andra personers namn medan den enskilde ser skärmen")
        )
        self.meeting_action.triggered.connect(self._meeting_toggled)
        self.lock_action = QAction(self.tr("&Lås skärmen"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.lock_action.triggered.connect(lambda: self.lock("idle"))
        self.sign_out_action = QAction(self.tr("Logga &ut"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.review_action = QAction(self.tr("&Granskning"), self)
        self.review_action.setToolTip(
            self.tr("Planer som väntar på granskning, försenade uppföljningar och akuta flaggor")
        )
        self.review_action.triggered.connect(self.show_review_queue)
        self.log_action = QAction(self.tr("Logg&uppföljning"), self)
        self.log_action.triggered.connect(self.show_access_log)
        self.stats_action = QAction(self.tr("S&tatistik"), self)
        self.stats_action.setToolTip(self.tr("Avidentifierad statistik för enheten"))
        self.stats_action.triggered.connect(self.show_stats)
        self.providers_action = QAction(self.tr("Utförar&register"), self)  # T is Statistik
        self.providers_action.triggered.connect(self.show_providers)
        self.decisions_action = QAction(self.tr("&Beslut"), self)
        self.decisions = DecisionBadgeAction(self.services, self.decisions_action, self)
        self.decisions.open_case.connect(self._open_case_from_badge)
        self.backup_action = QAction(self.tr("&Säkerhetskopiera databasen …"), self)
        self.backup_action.triggered.connect(lambda: self.lifecycle.backup_now())
        self.settings_action = QAction(self.tr("&Inställningar …"), self)
        self.settings_action.triggered.connect(self.open_settings)
        self.contact_action = QAction(self.tr("Mina &kontaktuppgifter …"), self)
        self.contact_action.setToolTip(
            self.tr("Telefon och e-post som skrivs ut på handlingsplanerna")
        )
        self.contact_action.triggered.connect(self.open_contact_details)
        self.password_action = QAction(self.tr("&Byt lösenord …"), self)
        self.password_action.triggered.connect(self.open_change_password)
        self.about_action = QAction(self.tr("&Om Kartläggning …"), self)
        self.about_action.triggered.connect(self.show_about)
        file_menu = self.menuBar().addMenu(self.tr("&Arkiv"))
        view_menu = self.menuBar().addMenu(self.tr("&Visa"))
        help_menu = self.menuBar().addMenu(self.tr("&Hjälp"))
        self.help_menu = help_menu
        for action in (
            self.new_case_action,
            self.backup_action,
            self.settings_action,
            self.contact_action,
            self.password_action,
            self.lock_action,
            self.sign_out_action,
        ):
            file_menu.addAction(action)
        for action in (
            self.list_action,
            self.reminders_action,
            self.review_action,
            self.log_action,
            self.stats_action,
            self.providers_action,
            self.meeting_action,
        ):
            view_menu.addAction(action)
        help_menu.addAction(self.about_action)
        for action in (
            self.list_action,
            self.reminders_action,
            self.new_case_action,
            self.review_action,
            self.log_action,
            self.decisions_action,
            self.backup_action,
            self.meeting_action,
            self.lock_action,
            self.sign_out_action,
        ):
            self.toolbar.addAction(action)
        for action in (
            self.list_action,
            self.reminders_action,
            self.new_case_action,
            self.meeting_action,
        ):
            action.setVisible(self.can_see_cases)
        self.review_action.setVisible(self.is_supervisor)
        self.log_action.setVisible(self.is_supervisor)
        self.stats_action.setVisible(self.is_supervisor)  # administrators: a tab of theirs
        self.decisions_action.setVisible(self.ctx.role == "caseworker")
        self.backup_action.setVisible(
            self.ctx.role == "administrator" and self.services.db.is_sqlite
        )
        # Administrators have the register as a tab; another role only if the installation
        # lets it manage providers (asked in the background).
        self.providers_action.setVisible(False)
        if self.ctx.role != "administrator":
            run_task(
                self.ws.admin.may_manage_providers,
                self.providers_action.setVisible,
                lambda _error: None,
                owner=self,
            )

    # --- navigation ---------------------------------------------------------------------
    def _show(self, widget: QWidget) -> None:
        if self.stack.indexOf(widget) < 0:
            self.stack.addWidget(widget)
        if self.locked and widget is not self.lock_screen:
            # work that ends while the desk is locked (a save, a case opening) never shows
            # over the lock screen: its page is what the unlock shows
            self._before_lock = widget
            return
        self.stack.setCurrentWidget(widget)
        note, self._note_after_leaving = self._note_after_leaving, ""
        self.banner.show_message(note, "warning" if note else None)

    def _replace_work_page(self, page: QWidget | None) -> None:
        if self.work_page is not None:
            if self._before_lock is self.work_page:
                self._before_lock = None  # the unlock shows the case list instead
            self.stack.removeWidget(self.work_page)
            self.work_page.deleteLater()
        self.work_page = page

    def refresh_urgent_badge(self) -> None:
        """The supervisor's count of open urgent flags in the unit, on the Granskning action."""
        ws = self.ws
        run_task(ws.review.open_urgent_count, self._urgent_counted, lambda _e: None, owner=self)

    def _urgent_counted(self, count: int) -> None:
        self.urgent_open = count
        text = self.tr("&Granskning")
        if count:
            text = self.tr("&Granskning ({n} akuta)").format(n=count)
        self.review_action.setText(text)

    def _slow_changed(self, slow: bool) -> None:
        if slow:
            self.slow_banner.show_message(
                self.tr(
                    "Väntar på databasen … Det tar längre tid än vanligt. Du kan fortsätta; det "
                    "du skriver finns kvar."
                ),
                "info",
            )
        else:
            self.slow_banner.show_message("")

    def show_list(self) -> None:
        if self.meeting_mode or self.case_list is None:
            return

        def go() -> None:
            assert self.case_list is not None
            self.case_list.refresh()
            self._show(self.case_list)

        self._leave_work_page(go)

    def show_case(self, case_id: str) -> None:
        self._leave_work_page(lambda: self._open_case(case_id))

    def _open_case(self, case_id: str, then: Callable[[], None] | None = None) -> None:
        ws = self.ws

        def opened(info: object) -> None:
            page = CasePage(self.services, case_id, self, case=info)
            page.set_meeting_mode(self.meeting_mode)
            page.open_assessment.connect(self.open_interview)
            page.open_plan.connect(self.open_plan)
            if self.case_page is not None:
                self.stack.removeWidget(self.case_page)
                self.case_page.deleteLater()
            self.case_page = page
            self._show(page)
            if then is not None:
                then()

        run_task(lambda: ws.cases.open(case_id), opened, self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")

    def open_interview(self, assessment_id: str) -> None:
        ws = self.ws
        run_task(
            lambda: ws.interviews.open(assessment_id),
            self._interview_opened,
            self._failed,
            owner=self,
        )

    def _interview_opened(self, opened: InterviewOpened, moved: object = None) -> None:
        page = InterviewPage(self.services, opened, self)
        page.closed.connect(self._work_closed)
        page.server_unavailable.connect(self.server_unavailable)
        page.moved.connect(self._interview_moved)
        self._replace_work_page(page)
        self._show(page)
        if moved is not None:
            page.show_moved(moved)  # type: ignore[arg-type]

    def _interview_moved(self, assessment_id: str, mapping: object) -> None:
        """A follow-up moved to the newest version of the questions: open it again on it."""
        ws = self.ws
        run_task(
            lambda: ws.interviews.open(assessment_id),
            lambda opened: self._interview_opened(opened, mapping),
            self._failed,
            owner=self,
        )

    def open_plan(self, plan_id: str) -> None:
        ws = self.ws
        run_task(lambda: ws.plans.open_editor(plan_id), self._plan_opened, self._failed, owner=self)

    def _plan_opened(self, data: PlanEditorData) -> None:
        page = PlanEditorPage(self.services, data, self)
        page.closed.connect(self._work_closed)
        page.left.connect(self._work_closed)
        page.server_unavailable.connect(self.server_unavailable)
        self._replace_work_page(page)
        self._show(page)

    def open_draft(self, kind: str, case_id: str, object_id: str) -> None:
        """Open the interview or plan that has unsaved work (the page offers the draft)."""

        def then() -> None:
            if self.case_page is None or self.case_page.case_id != case_id:
                return
            if kind == "plan":
                self.open_plan(object_id)
            else:
                self.open_interview(object_id)

        self._leave_work_page(lambda: self._open_case(case_id, then))

    def _work_closed(self, case_id: str) -> None:
        page = self.work_page
        self._note_after_leaving = getattr(page, "leave_note", "")  # said on the case page
        self._replace_work_page(None)
        if self.case_page is not None and self.case_page.case_id == case_id:
            self.case_page.reload_all()
            self._show(self.case_page)
        else:
            self._open_case(case_id)

    def _leave_work_page(self, then: Callable[[], None]) -> None:
        """Leaving an interview or a plan keeps what was typed as a draft (offered next time),
        then goes on. Only if even the draft cannot be stored does the page stay, with the
        reason, so nothing typed is lost."""
        page = self.work_page
        if not isinstance(page, (InterviewPage, PlanEditorPage)):
            self._replace_work_page(None)
            then()
            return
        if self._leaving:
            return
        self._leaving = True

        def flushed(ok: bool) -> None:
            self._leaving = False
            if not ok and page.session.dirty:
                self._show(page)
                self.banner.show_message(
                    self.tr(
                        "Det du skrivit kunde inte sparas som utkast, så sidan är kvar. "
                        "Försök igen om en stund."
                    ),
                    "error",
                )
                return
            # Unsaved plan changes went into a draft: say so, and what the plan still needs.
            note = page.leaving_note() if isinstance(page, PlanEditorPage) else ""
            if self.work_page is page:
                self._replace_work_page(None)
            self._note_after_leaving = note
            then()

        page.flush_draft(flushed)

    # --- supervisor: review queue, plan review, access log -----------------------------------
    def show_review_queue(self) -> None:
        if self.meeting_mode or not self.is_supervisor:
            return

        def go() -> None:
            if self.review_page is None:
                self.review_page = ReviewQueuePage(self.services, self)
                self.review_page.review_plan.connect(self.review_plan)
                self.review_page.open_case.connect(self.show_case)
            self.review_page.refresh()
            self.refresh_urgent_badge()
            self._show(self.review_page)

        self._leave_work_page(go)

    def review_plan(self, waiting: WaitingPlan | ApprovedPlan) -> None:
        """Open a plan from the queue read-only: to decide on it, or to print an approved one
        (opening its case is audited)."""
        if self.meeting_mode:
            return
        page = PlanReviewPage(self.services, waiting.plan_id, self, show_name=True)
        page.load_failed.connect(lambda text: self.banner.show_message(text, "error"))
        page.closed.connect(self.show_review_queue)
        page.decided.connect(lambda _d: self.review_page.refresh() if self.review_page else None)
        if self.plan_review is not None:
            self.stack.removeWidget(self.plan_review)
            self.plan_review.deleteLater()
        self.plan_review = page
        self._show(page)

    def show_access_log(self) -> None:
        if self.meeting_mode or not self.is_supervisor:
            return

        def go() -> None:
            if self.log_page is None:
                self.log_page = AccessLogPage(self.services, self)
                self.log_page.search()  # the first page; the core audits the opened review
            self._show(self.log_page)

        self._leave_work_page(go)

    def show_stats(self) -> None:
        """The unit's anonymised statistics (computed only when asked for)."""
        if self.meeting_mode or not self.is_supervisor:
            return

        def go() -> None:
            if self.stats_page is None:
                self.stats_page = StatsPage(self.services, self)
            self._show(self.stats_page)

        self._leave_work_page(go)

    def show_providers(self) -> None:
        """The provider register, for a role the installation lets manage it."""
        if self.meeting_mode or not self.providers_action.isVisible():
            return

        def go() -> None:
            if self.providers_page is None:
                self.providers_page = ProvidersPage(self.services, self)
            else:
                self.providers_page.reload()
            self._show(self.providers_page)

        self._leave_work_page(go)

    def _open_case_from_badge(self, case_id: str) -> None:
        if not self.meeting_mode:
            self.show_case(case_id)

    def _unit_pages(self) -> tuple[QWidget | None, ...]:
        """Pages that list or show other cases than the one on screen."""
        return (self.review_page, self.plan_review, self.log_page)

    # --- after sign-in: checks, badges, the server ---------------------------------------------
    def after_sign_in(self, state: StateStore | None = None) -> None:
        """Start what runs in the background once the window is up: the rollback check, the
        backup reminder, the decision badge and (on a server) the health check."""
        self.lifecycle.state = state
        self.lifecycle.run()
        if self.ctx.role == "caseworker":
            self.decisions.refresh()
        if self.is_supervisor:
            self.refresh_urgent_badge()
            self.urgent_timer.start()
        if self.reminders_page is not None:
            # a worker's own cases; a supervisor's unit (the page starts on it)
            self.reminders_page.loaded.connect(self._reminders_at_sign_in)
            self.reminders_page.refresh()
            self.reminders_page.start_watching()  # every 15 minutes and after midnight
        if self.server_watch is not None:
            self.server_watch.start()  # prepares the local draft store, syncs what it holds
            self.server_watch.prepared.connect(self._show_drafts)
        else:
            self._show_drafts()

    # --- reminders (Att göra) -------------------------------------------------------------
    def _reminders_at_sign_in(self) -> None:
        """The first list after sign-in: shown at once when something is due (the desktop
        notification, when chosen, comes from the page's ``notify_due``)."""
        page = self.reminders_page
        if page is None:
            return
        page.loaded.disconnect(self._reminders_at_sign_in)
        if page.listed is None or not page.listed.items or self.meeting_mode:
            return
        if self.stack.currentWidget() is self.case_list:
            self._show(page)

    def notify_reminders(self, late: int, due: int) -> None:
        """A desktop notification (system tray) of what became overdue or due: counts only;
        never in meeting mode, only where the desktop has a tray."""
        page = self.reminders_page
        if (
            page is None
            or self.meeting_mode
            or self.locked
            or not QSystemTrayIcon.isSystemTrayAvailable()
        ):
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            self.tray.setToolTip(self.tr("Att göra"))
            self.tray.messageClicked.connect(self.show_reminders)
            self.tray.show()
        self.tray.showMessage(self.tr("Att göra"), page.notification_text(late, due))

    def show_reminders(self) -> None:
        # a click on the tray's message while locked or in a meeting opens nothing
        if self.meeting_mode or self.locked or self.reminders_page is None:
            return
        page = self.reminders_page
        self._leave_work_page(lambda: (self._show(page), page.refresh()))

    def open_reminder(self, item: object) -> None:
        """Open a reminder's place: the case's follow-ups, plans, consents or safety plan."""
        from assessment_app.records.reminders import Reminder

        if not isinstance(item, Reminder) or self.meeting_mode or self.locked:
            return

        def select_tab() -> None:
            page = self.case_page
            if page is None:
                return
            tab = {"plan": page.plans, "consent": page.consents, "safety": page.safety}.get(
                item.target, page.followups
            )
            # the row the reminder names (the safety tab shows one plan: nothing to select)
            select = getattr(tab, "select", None)
            if callable(select):
                select(item.target_id)
            page.tabs.setCurrentWidget(tab)

        self._leave_work_page(lambda: self._open_case(item.case_id, then=select_tab))

    def _show_drafts(self) -> None:
        if self.case_list is not None:
            self.case_list.show_drafts()

    @Slot()
    def server_unavailable(self) -> None:
        """For any screen whose core call raised ServerUnavailableError: show the banner now
        and probe the server at once (the banner goes when it is back)."""
        if self.server_watch is not None:
            self.server_watch.server_unavailable()

    # --- settings and about ---------------------------------------------------------------------
    @property
    def credentials(self) -> CredentialStore:
        if self._credentials is None:
            from assessment_app.credentials import CredentialStore

            self._credentials = CredentialStore()
        return self._credentials

    def open_settings(self) -> None:
        from ui.preferences.dialog import SettingsDialog
        from ui.preferences.store import Preferences

        dialog = SettingsDialog(
            Preferences.of(self.services.settings), self.credentials, self, signed_in=True
        )
        dialog.saved.connect(self._settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def _settings_saved(self, _database_changed: bool) -> None:
        self.idle.set_timeout_ms(self.services.settings.idle_lock_minutes * 60_000)

    def open_contact_details(self) -> None:
        from ui.contacts.dialog import ContactDetailsDialog

        dialog = ContactDetailsDialog(self.services, self)
        dialog.finished.connect(dialog.deleteLater)
        self.contact_dialog = dialog
        dialog.open()

    def open_change_password(self) -> None:
        from ui.account.password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.services, self)
        dialog.changed.connect(
            lambda: self.statusBar().showMessage(self.tr("Lösenordet är bytt."), 10_000)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.password_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        from ui.about import AboutDialog

        dialog = AboutDialog(self.services.db.display_name, self)
        dialog.finished.connect(dialog.deleteLater)
        self.about_dialog = dialog
        dialog.open()

    def new_case(self) -> None:
        if self.meeting_mode or not self.can_see_cases:
            return
        dialog = NewCaseDialog(self.services, self)
        dialog.accepted.connect(lambda: self._case_created(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): the screen lock may hide it and show it again

    def _case_created(self, dialog: NewCaseDialog) -> None:
        if dialog.created is not None and not self.meeting_mode:
            case_id = dialog.created.id
            if not dialog.created.attached:
                self.show_case(case_id)
                return
            # One person, one record: the case joined the person already known by the
            # personnummer, whose name and contact details were kept.
            note = self.tr(
                "Personen fanns redan i registret (samma personnummer). Det nya ärendet är "
                "kopplat till personens befintliga uppgifter; kontrollera namn och "
                "kontaktuppgifter."
            )
            self._leave_work_page(
                lambda: self._open_case(case_id, lambda: self.banner.show_message(note, "info"))
            )

    # --- meeting mode -------------------------------------------------------------------
    def _meeting_toggled(self, checked: bool) -> None:
        if checked:
            self.set_meeting_mode(True)
        else:
            self.meeting_action.setChecked(True)  # leaving needs the password
            self.lock("meeting")

    def set_meeting_mode(self, on: bool) -> None:
        """Hide the case list, the other cases and the worker's navigation while the
        individual is at the screen."""
        self.meeting_mode = on
        self.meeting_action.setChecked(on)
        for action in (
            self.list_action,
            self.reminders_action,
            self.new_case_action,
            self.review_action,
            self.log_action,
            self.providers_action,
            self.decisions_action,
        ):
            action.setEnabled(not on)
        self.setWindowTitle(
            self.tr("Kartläggning och handlingsplan – mötesläge")
            if on
            else self.tr("Kartläggning och handlingsplan")
        )
        if self.case_page is not None:
            self.case_page.set_meeting_mode(on)
        if self.reminders_page is not None:
            self.reminders_page.quiet = on  # no desktop notification while the individual looks
        current = self.stack.currentWidget()
        if on and (
            current is self.case_list
            or current is self.reminders_page
            or current in self._unit_pages()
        ):
            self._show(self.meeting_placeholder)
        elif not on and self.stack.currentWidget() is self.meeting_placeholder:
            self.show_list()

    # --- locking ------------------------------------------------------------------------
    def lock(self, purpose: str = "idle") -> None:
        if self.locked:
            return
        self._flush_drafts()  # stored in the background; nothing typed leaves memory
        self.locked = True
        self.idle.pause()
        self.urgent_timer.stop()  # nothing is read or told on a locked desk
        if self.reminders_page is not None:
            self.reminders_page.stop_watching()
        self.covered.hide()
        self._before_lock = self.stack.currentWidget()
        self.toolbar.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.lock_screen.prepare(purpose)
        self._show(self.lock_screen)

    def _unlocked(self) -> None:
        if self._session_ended:  # signed out from the lock screen while the check ran
            return
        purpose = self.lock_screen.purpose
        self._end_lock()
        if purpose == "meeting":
            self.set_meeting_mode(False)

    def _unlock_cancelled(self) -> None:
        if self.lock_screen.purpose == "meeting" and not self._session_ended:
            self._end_lock()

    def _end_lock(self) -> None:
        self.locked = False
        self.toolbar.setEnabled(True)
        self.menuBar().setEnabled(True)
        before, self._before_lock = self._before_lock, None
        if before is not None and self.stack.indexOf(before) < 0:
            before = None  # removed while locked
        self._show(before or self.case_list or self.meeting_placeholder)
        self.covered.restore()
        self.idle.resume()
        if self.is_supervisor:
            self.refresh_urgent_badge()
            self.urgent_timer.start()
        if self.reminders_page is not None:
            self.reminders_page.start_watching()
            self.reminders_page.refresh()  # what became due while locked is told now

    # --- leaving ------------------------------------------------------------------------
    def _flush_drafts(self, then: Callable[[bool], None] | None = None) -> None:
        page = self.work_page
        if isinstance(page, (InterviewPage, PlanEditorPage)):
            page.flush_draft(then)
        elif then is not None:
            then(True)

    def _stop_watching(self) -> None:
        self.idle.stop()
        self.urgent_timer.stop()
        if self.reminders_page is not None:
            self.reminders_page.stop_watching()
        if self.tray is not None:  # the tray icon leaves with the session
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None
        if self.server_watch is not None:
            self.server_watch.stop()

    def sign_out(self) -> None:
        if self._leaving:
            return
        self._leaving = True
        self._flush_drafts(lambda _ok: self._signed_out_now(quit_after=False))

    def _signed_out_now(self, *, quit_after: bool) -> None:
        self._session_ended = True  # an unlock that ends after this changes nothing
        self._leaving = False
        self.covered.close()
        self._stop_watching()
        ws = self.ws

        def done(_result: object = None) -> None:
            self._signed_out = True
            self.close()
            if quit_after:
                self.quit_requested.emit()
            else:
                self.signed_out.emit()

        def failed(error: BaseException) -> None:  # the session ends anyway
            log.warning("sign-out audit failed: %s", type(error).__name__)
            done()

        run_task(ws.admin.sign_out, done, failed, owner=self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._signed_out:
            super().closeEvent(event)
            return
        event.ignore()  # drafts are stored first, in the background; then the window closes
        if self._leaving:
            return
        self._leaving = True
        self._flush_drafts(lambda _ok: self._signed_out_now(quit_after=True))
