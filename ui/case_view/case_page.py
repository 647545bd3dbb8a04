"""One case: header with the individual (warning banner when protected) and tabs."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessment_app import personnummer as pnr
from assessment_app.errors import AppError
from assessment_app.records import cases
from assessment_app.records.cases import CaseInfo
from ui.case_view.case_actions import CloseCaseDialog, EditIndividualDialog
from ui.case_view.consents_tab import ConsentsTab
from ui.case_view.history_tab import HistoryTab
from ui.case_view.records_tabs import AssessmentsTab, FollowUpsTab, PlansTab
from ui.case_view.subject_access import SubjectAccessBox
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.widgets.banner import Banner


class CasePage(QWidget):
    open_assessment = Signal(str)
    open_plan = Signal(str)

    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case: CaseInfo = cases.open_case(services.ctx, case_id=case_id)  # audited
        try:
            template = services.templates.latest()
            self.area_titles = {a.id: a.title.text(services.language) for a in template.areas}
        except Exception:
            self.area_titles = {}
        self.name = QLabel(self)
        self.name.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.summary = QLabel(self)
        self.summary.setStyleSheet("color: #444;")
        self.protected_banner = Banner(self, "protected")
        self.person_tab = QWidget(self)
        self.details = QWidget(self.person_tab)
        self.details_form = QFormLayout(self.details)
        self.edit_button = QPushButton(self.tr("Ä&ndra personuppgifter …"), self.person_tab)
        self.close_case_button = QPushButton(self.tr("A&vsluta ärendet …"), self.person_tab)
        self.reopen_button = QPushButton(self.tr("Öppna ärendet i&gen"), self.person_tab)
        self.edit_button.clicked.connect(self.edit_individual)
        self.close_case_button.clicked.connect(self.close_case)
        self.reopen_button.clicked.connect(self.reopen_case)
        self.case_banner = Banner(self.person_tab, "info")
        self.subject_access = SubjectAccessBox(services.ctx, self.case, self.person_tab)
        self.dialog: QDialog | None = None
        actions = QHBoxLayout()
        for button in (self.edit_button, self.close_case_button, self.reopen_button):
            actions.addWidget(button)
        actions.addStretch(1)
        person_layout = QVBoxLayout(self.person_tab)
        person_layout.addWidget(self.details)
        person_layout.addWidget(self.case_banner)
        person_layout.addLayout(actions)
        person_layout.addWidget(self.subject_access)
        person_layout.addStretch(1)
        self.tabs = QTabWidget(self)
        self.consents = ConsentsTab(services, case_id, self.area_titles, self)
        self.assessments = AssessmentsTab(services, case_id, self)
        self.plans = PlansTab(services, case_id, self)
        self.followups = FollowUpsTab(services, case_id, self)
        self.history = HistoryTab(services, self)
        self.tabs.addTab(self.person_tab, self.tr("&Personen"))
        self.tabs.addTab(self.consents, self.tr("&Samtycken"))
        self.tabs.addTab(self.assessments, self.tr("&Kartläggningar"))
        self.tabs.addTab(self.plans, self.tr("&Handlingsplaner"))
        self.tabs.addTab(self.followups, self.tr("&Uppföljningar"))
        self.tabs.addTab(self.history, self.tr("H&istorik"))
        self.assessments.open_assessment.connect(self.open_assessment)
        self.plans.open_plan.connect(self.open_plan)
        self.followups.open_assessment.connect(self.open_assessment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.protected_banner)
        layout.addWidget(self.name)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.reload_current())
        self.show_case()

    def show_case(self) -> None:
        case, person = self.case, self.case.individual
        self.name.setText(person.name)
        number = (
            pnr.display(person.personnummer)
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
        self._fill_details()
        closed = case.status == "closed"
        self.close_case_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)
        self.subject_access.set_case(case)
        self.history.reload(case)

    def _fill_details(self) -> None:
        form = self.details_form
        while form.rowCount():
            form.removeRow(0)
        person, contact = self.case.individual, self.case.individual.contact
        form.addRow(self.tr("Namn:"), QLabel(person.name))
        form.addRow(
            self.tr("Personnummer:"),
            QLabel(pnr.display(person.personnummer) if person.personnummer else "–"),
        )
        form.addRow(
            self.tr("Skyddsnivå:"), QLabel(labels.protection_level(person.protection_level))
        )
        address = ", ".join(
            p for p in (contact.address, f"{contact.postal_code} {contact.city}".strip()) if p
        )
        if person.protected and address:
            row = QWidget(self.details)
            hidden = QLabel(self.tr("Dold (skyddade personuppgifter)"), row)
            reveal = QPushButton(self.tr("&Visa adressen"), row)

            def show_address() -> None:
                hidden.setText(address)
                reveal.hide()

            reveal.clicked.connect(show_address)
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
        form.addRow(
            self.tr("Kontaktväg:"), QLabel(labels.referral_source(self.case.referral_source))
        )
        form.addRow(self.tr("Öppnat:"), QLabel(self.case.opened_on.isoformat()))
        if self.case.status == "closed":
            closed = QLabel(
                self.tr("{date} – {reason}").format(
                    date=self.case.closed_on.isoformat() if self.case.closed_on else "–",
                    reason=self.case.close_reason or "–",
                )
            )
            closed.setWordWrap(True)
            form.addRow(self.tr("Avslutat:"), closed)
        form.addRow(self.tr("Enhet:"), QLabel(self.case.unit or "–"))

    def reload_current(self) -> None:
        widget = self.tabs.currentWidget()
        if widget is self.history:
            self.history.reload(self.case)
        elif hasattr(widget, "reload"):
            widget.reload()

    def reload_all(self) -> None:
        for tab in (self.consents, self.assessments, self.plans, self.followups):
            tab.reload()
        self.history.reload(self.case)

    # --- the case's life ----------------------------------------------------------------
    def _open_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()  # not exec(): the screen lock may hide it and show it again

    def reload_case(self) -> None:
        """Read the case again after a change (the core audits the reading)."""
        self.case = cases.open_case(self.services.ctx, case_id=self.case.id)
        self.show_case()

    def edit_individual(self) -> EditIndividualDialog:
        dialog = EditIndividualDialog(self.services.ctx, self.case, self)
        dialog.saved.connect(lambda _info: self._changed(self.tr("Personuppgifterna är sparade.")))
        self._open_dialog(dialog)
        return dialog

    def close_case(self) -> CloseCaseDialog:
        dialog = CloseCaseDialog(self.services.ctx, self.case, self)
        dialog.closed_case.connect(lambda: self._changed(self.tr("Ärendet är avslutat.")))
        self._open_dialog(dialog)
        return dialog

    def reopen_case(self) -> None:
        try:
            cases.reopen_case(self.services.ctx, self.case.id, self.case.version)
        except AppError as error:
            self.case_banner.show_message(error_message(error), "error")
            return
        self._changed(self.tr("Ärendet är öppnat igen."))

    def _changed(self, message: str) -> None:
        try:
            self.reload_case()
        except AppError as error:
            self.case_banner.show_message(error_message(error), "error")
            return
        self.case_banner.show_message(message, "success")
