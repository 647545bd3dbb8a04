"""One case: header with the individual (warning banner when protected) and tabs.

How it is opened (for the main window)::

    page = CasePage(services, case_id, parent)              # fetches the case itself
    page = CasePage(services, case_id, parent, case=info)   # a CaseInfo fetched by the caller

- Without ``case`` the page is built at once, says "Hämtar ärendet …" and opens the case in
  the background (``ws.cases.open``, audited). With ``case`` (the caller ran
  ``services.ws.cases.open(case_id)`` through ``run_task``) it is filled at once.
- ``loaded(CaseInfo)`` is emitted each time the case has been read (the first time, and after
  every change made here); ``load_failed(str)`` with the message when the case could not be
  opened (the page shows the message too; the caller may go back to the list instead).
- ``case_id`` is always set; ``case`` is ``None`` until the case has been read.
- ``open_assessment(str)`` and ``open_plan(str)`` ask the window to open an interview or plan.
- ``reload_all()`` reads the tabs again (after an interview or plan was closed);
  ``reload_case()`` reads the case again. Both run in the background.

The tabs read their data in the background when they are shown (each time they are shown).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessment_app import personnummer as pnr
from assessment_app.damage import DAMAGED
from assessment_app.records.cases import CaseInfo
from ui.case_view.case_actions import CloseCaseDialog, EditIndividualDialog
from ui.case_view.consents_tab import ConsentsTab
from ui.case_view.history_tab import HistoryTab
from ui.case_view.records_tabs import AssessmentsTab, FollowUpsTab, PlansTab
from ui.case_view.safety_tab import SafetyTab
from ui.case_view.subject_access import SubjectAccessBox
from ui.case_view.urgent import UrgentPanel
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner


class CasePage(QWidget):
    open_assessment = Signal(str)
    open_plan = Signal(str)
    loaded = Signal(object)  # CaseInfo: the case has been read (again)
    load_failed = Signal(str)  # the message: the case could not be opened

    def __init__(
        self,
        services: Services,
        case_id: str,
        parent: QWidget | None = None,
        *,
        case: CaseInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.case: CaseInfo | None = case
        self.loading = False
        self.meeting_mode = False
        self.threat_checked = False  # the safety plan opens first when the threat is urgent
        self.name = QLabel(self)
        self.name.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.summary = QLabel(self)
        self.summary.setStyleSheet("color: #444;")
        self.protected_banner = Banner(self, "protected")
        self.banner = Banner(self, "error")  # the case could not be opened
        self.urgent = UrgentPanel(services, case_id, self)
        self.person_tab = QWidget(self)
        self.details = QWidget(self.person_tab)
        self.details_form = QFormLayout(self.details)
        self.edit_button = QPushButton(self.tr("Ä&ndra personuppgifter …"), self.person_tab)
        self.close_case_button = QPushButton(self.tr("A&vsluta ärendet …"), self.person_tab)
        self.reopen_button = QPushButton(self.tr("Öppna ärendet i&gen"), self.person_tab)
        self.edit_button.clicked.connect(self.edit_individual)
        self.close_case_button.clicked.connect(self.close_case)
        self.reopen_button.clicked.connect(self.reopen_case)
        self.approve_close_button = QPushButton(self.tr("&Godkänn avslut"), self.person_tab)
        self.refuse_close_button = QPushButton(self.tr("Av&slå avslut …"), self.person_tab)
        self.approve_close_button.clicked.connect(lambda: self.decide_close(True))
        self.refuse_close_button.clicked.connect(lambda: self.decide_close(False))
        self.case_banner = Banner(self.person_tab, "info")
        self.subject_access = SubjectAccessBox(services, case, self.person_tab)
        self.dialog: QDialog | None = None
        actions = QHBoxLayout()
        for button in (
            self.edit_button,
            self.close_case_button,
            self.reopen_button,
            self.approve_close_button,
            self.refuse_close_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        person_layout = QVBoxLayout(self.person_tab)
        person_layout.addWidget(self.details)
        person_layout.addWidget(self.case_banner)
        person_layout.addLayout(actions)
        person_layout.addWidget(self.subject_access)
        person_layout.addStretch(1)
        self.tabs = QTabWidget(self)
        self.consents = ConsentsTab(services, case_id, self)
        self.assessments = AssessmentsTab(services, case_id, self)
        self.plans = PlansTab(services, case_id, self)
        self.followups = FollowUpsTab(services, case_id, self)
        self.history = HistoryTab(services, case_id, self)
        self.safety = SafetyTab(services, case_id, self)
        self.tabs.addTab(self.person_tab, self.tr("&Personen"))
        self.tabs.addTab(self.consents, self.tr("&Samtycken"))
        self.tabs.addTab(self.assessments, self.tr("&Kartläggningar"))
        self.tabs.addTab(self.plans, self.tr("&Handlingsplaner"))
        self.tabs.addTab(self.followups, self.tr("&Uppföljningar"))
        self.tabs.addTab(self.safety, self.tr("Sk&yddsplan"))
        self.tabs.addTab(self.history, self.tr("H&istorik"))
        self.assessments.open_assessment.connect(self.open_assessment)
        self.plans.open_plan.connect(self.open_plan)
        self.followups.open_assessment.connect(self.open_assessment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.protected_banner)
        layout.addWidget(self.name)
        layout.addWidget(self.summary)
        layout.addWidget(self.urgent)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.reload_current())
        if case is None:
            self.name.setText(self.tr("Hämtar ärendet …"))
            self.tabs.setEnabled(False)
            self._read_case(None, first=True)
        else:
            self.show_case()

    @property
    def data_tabs(self) -> tuple[QWidget, ...]:
        return (
            self.consents,
            self.assessments,
            self.plans,
            self.followups,
            self.safety,
            self.history,
        )

    # --- reading the case ---------------------------------------------------------------
    def _read_case(self, message: str | None, *, first: bool = False) -> None:
        """Open the case in the background (the core audits the opening); then show it and,
        after a change, ``message``."""
        self.loading = True
        ws, case_id = self.services.ws, self.case_id
        run_task(
            lambda: ws.cases.open(case_id),
            lambda case: self._case_read(case, message),
            lambda error: self._case_not_read(error, first),
            owner=self,
        )

    def _case_read(self, case: CaseInfo, message: str | None) -> None:
        self.loading = False
        self.case = case
        self.banner.clear()
        self.tabs.setEnabled(True)
        self.show_case()
        if message and case.status != "close_requested":  # a request says so in show_case
            self.case_banner.show_message(message, "success")

    def _case_not_read(self, error: BaseException, first: bool) -> None:
        self.loading = False
        text = error_message(error)
        if first or self.case is None:
            self.name.setText("")
            self.banner.show_message(text, "error")
            self.load_failed.emit(text)
        else:
            self.case_banner.show_message(text, "error")
        self._set_actions_enabled(self.case is not None)

    def reload_case(self) -> None:
        """Read the case again after a change (the core audits the reading)."""
        self._read_case(None)

    def show_case(self) -> None:
        case = self.case
        if case is None:
            return
        self.urgent.reload()
        if not self.threat_checked:
            self.threat_checked = True
            self._open_safety_first()
        person = case.individual
        self.name.setText(person.name)
        number = (
            DAMAGED
            if "personnummer" in person.damaged
            else pnr.display(person.personnummer)
            if person.personnummer
            else self.tr("personnummer saknas")
        )
        self.summary.setText(
            self.tr("{ref} · {number} · {status} · handläggare {who}").format(
                ref=case.case_ref,
                number=number,
                status=labels.case_status(case.status),
                who=case.assigned_username or "–",
            )
        )
        if person.protected:
            self.protected_banner.show_message(
                self.tr(
                    "SKYDDADE PERSONUPPGIFTER ({level}). Lämna inte ut uppgifter om personen, "
                    "skriv aldrig ut adressen och tala inte om var personen bor. Varje öppning av "
                    "ärendet loggas."
                ).format(level=labels.protection_level(person.protection_level))
            )
        else:
            self.protected_banner.show_message("")
        self._fill_details(case)
        closed = case.status == "closed"
        requested = case.status == "close_requested"
        self.close_case_button.setVisible(case.status == "open")
        self.reopen_button.setVisible(closed)
        supervisor = self.services.ctx.role == "supervisor"
        self.approve_close_button.setVisible(requested and supervisor)
        self.refuse_close_button.setVisible(requested and supervisor)
        if requested:
            self.case_banner.show_message(
                self.tr("Avslut är begärt ({reason}) och väntar på arbetsledarens beslut.").format(
                    reason=case.close_reason or "–"
                ),
                "info",
            )
        self._set_actions_enabled(True)
        self.subject_access.set_case(case)
        self.reload_current()
        self.loaded.emit(case)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (
            self.edit_button,
            self.close_case_button,
            self.reopen_button,
            self.approve_close_button,
            self.refuse_close_button,
        ):
            button.setEnabled(enabled)

    def decide_close(self, approve: bool) -> None:
        """The supervisor's decision on a request to close the case (refusing asks why)."""
        if self.case is None:
            return
        if approve:
            self._decide_close(True, "")
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Avslå avslut"))
        dialog.setLabelText(self.tr("Varför ska ärendet inte avslutas?"))
        dialog.setProperty("restore_after_lock", True)
        dialog.textValueSelected.connect(lambda text: self._decide_close(False, text))
        self._open_dialog(dialog)

    def _decide_close(self, approve: bool, comment: str) -> None:
        if self.case is None:
            return
        self._set_actions_enabled(False)
        ws, case_id, version = self.services.ws, self.case.id, self.case.version

        def failed(error: BaseException) -> None:
            self._set_actions_enabled(True)
            self.case_banner.show_message(error_message(error), "error")

        message = self.tr("Ärendet är avslutat.") if approve else self.tr("Ärendet är öppet igen.")
        run_task(
            lambda: ws.cases.decide_close(case_id, version, approve=approve, comment=comment),
            lambda _r: self._changed(message),
            failed,
            owner=self,
        )

    def _fill_details(self, case: CaseInfo) -> None:
        form = self.details_form
        while form.rowCount():
            form.removeRow(0)
        person, contact = case.individual, case.individual.contact
        form.addRow(self.tr("Namn:"), QLabel(person.name))
        form.addRow(
            self.tr("Personnummer:"),
            QLabel(
                DAMAGED
                if "personnummer" in person.damaged
                else pnr.display(person.personnummer)
                if person.personnummer
                else "–"
            ),
        )
        if "contact" in person.damaged:  # never shown as if there were none
            form.addRow(self.tr("Kontaktuppgifter:"), QLabel(DAMAGED))
        form.addRow(
            self.tr("Skyddsnivå:"), QLabel(labels.protection_level(person.protection_level))
        )
        address = ", ".join(
            p for p in (contact.address, f"{contact.postal_code} {contact.city}".strip()) if p
        )
        if self.meeting_mode and address:
            form.addRow(self.tr("Adress:"), QLabel(self.tr("Dold under mötet")))
        elif person.protected and address:
            row = QWidget(self.details)
            hidden = QLabel(self.tr("Dold (skyddade personuppgifter)"), row)
            reveal = QPushButton(self.tr("&Visa adressen"), row)
            reveal.clicked.connect(lambda: self._reveal_address(hidden, reveal, address))
            box = QHBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(hidden)
            box.addWidget(reveal)
            box.addStretch(1)
            form.addRow(self.tr("Adress:"), row)
        else:
            form.addRow(self.tr("Adress:"), QLabel(address or "–"))
        form.addRow(self.tr("Telefon:"), QLabel(contact.phone or "–"))
        form.addRow(self.tr("E-post:"), QLabel(contact.email or "–"))
        form.addRow(self.tr("Kontaktväg:"), QLabel(labels.referral_source(case.referral_source)))
        form.addRow(self.tr("Öppnat:"), QLabel(case.opened_on.isoformat()))
        if case.status == "closed":
            closed = QLabel(
                self.tr("{date} – {reason}").format(
                    date=case.closed_on.isoformat() if case.closed_on else "–",
                    reason=case.close_reason or "–",
                )
            )
            closed.setWordWrap(True)
            form.addRow(self.tr("Avslutat:"), closed)
        form.addRow(self.tr("Enhet:"), QLabel(case.unit or "–"))

    def set_meeting_mode(self, on: bool) -> None:
        """While the individual sees the screen: no history of who opened the case, and no
        address (which someone looking over a shoulder could remember)."""
        self.meeting_mode = on
        index = self.tabs.indexOf(self.history)
        if on and self.tabs.currentWidget() is self.history:
            self.tabs.setCurrentWidget(self.person_tab)
        self.tabs.setTabVisible(index, not on)
        if self.case is not None:
            self._fill_details(self.case)

    def _reveal_address(self, hidden: QLabel, reveal: QPushButton, address: str) -> None:
        """Showing a protected person's address is audited first (``ws.cases.reveal_address``)."""
        reveal.setEnabled(False)
        ws, case_id = self.services.ws, self.case_id

        def shown(_result: object) -> None:
            if shiboken6.isValid(hidden) and shiboken6.isValid(reveal):
                hidden.setText(address)
                reveal.hide()

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(reveal):
                reveal.setEnabled(True)
            self.case_banner.show_message(error_message(error), "error")

        run_task(lambda: ws.cases.reveal_address(case_id), shown, failed, owner=self)

    # --- the tabs -----------------------------------------------------------------------
    def _open_safety_first(self) -> None:
        """An open urgent flag in the threat area: the safety plan is the tab shown first."""
        ws, case_id = self.services.ws, self.case_id

        def shown(urgent: bool) -> None:
            if urgent and shiboken6.isValid(self.safety):
                self.tabs.setCurrentWidget(self.safety)

        run_task(lambda: ws.safety.threat_urgent(case_id), shown, lambda _e: None, owner=self)

    def reload_current(self) -> None:
        """Read the tab on screen again (in the background); nothing before the case is in."""
        if self.case is None:
            return
        widget = self.tabs.currentWidget()
        if widget in self.data_tabs:
            widget.reload()  # type: ignore[attr-defined]

    def reload_all(self) -> None:
        """Read every tab again that has been shown (the others read when they are shown)."""
        if self.case is None:
            return
        self.urgent.reload()
        current = self.tabs.currentWidget()
        for tab in self.data_tabs:
            if tab is current or tab.loaded_once:  # type: ignore[attr-defined]
                tab.reload()  # type: ignore[attr-defined]

    # --- the case's life ----------------------------------------------------------------
    def _open_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()  # not exec(): the screen lock may hide it and show it again

    def edit_individual(self) -> EditIndividualDialog | None:
        if self.case is None:
            return None
        dialog = EditIndividualDialog(self.services, self.case, self)
        dialog.saved.connect(lambda _info: self._changed(self.tr("Personuppgifterna är sparade.")))
        self._open_dialog(dialog)
        return dialog

    def close_case(self) -> CloseCaseDialog | None:
        if self.case is None:
            return None
        dialog = CloseCaseDialog(self.services, self.case, self)
        dialog.closed_case.connect(lambda: self._changed(self.tr("Ärendet är avslutat.")))
        # (where the unit asks for a supervisor's decision, the case shows the request)
        self._open_dialog(dialog)
        return dialog

    def reopen_case(self) -> None:
        if self.case is None or not self.reopen_button.isEnabled():
            return
        self.reopen_button.setEnabled(False)
        ws, case_id, version = self.services.ws, self.case.id, self.case.version

        def failed(error: BaseException) -> None:
            self.reopen_button.setEnabled(True)
            self.case_banner.show_message(error_message(error), "error")

        run_task(
            lambda: ws.cases.reopen(case_id, version),
            lambda _r: self._changed(self.tr("Ärendet är öppnat igen.")),
            failed,
            owner=self,
        )

    def _changed(self, message: str) -> None:
        self._set_actions_enabled(False)  # until the case is read again
        self._read_case(message)
