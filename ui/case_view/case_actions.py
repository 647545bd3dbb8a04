"""Changing a case's person and its life: editing the individual's details (with the stale-save
message when someone else saved first), closing a case with a reason, and reopening it. The
core checks versions and audits every change; these dialogs only collect and show, and save
in the background (``ws.cases.update_individual`` / ``ws.cases.close``) with the save button
disabled until the answer is in."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessment_app import personnummer as pnr
from assessment_app.errors import StaleEditError
from assessment_app.records import cases
from assessment_app.records.cases import CaseInfo, Contact, IndividualInfo
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner

ADDRESS_FIELDS = ("address", "postal_code", "city")


class EditIndividualDialog(QDialog):
    """The individual's name, personnummer, contact details and protection level. For a
    protected identity the address stays hidden until the worker asks to see it."""

    saved = Signal(object)  # IndividualInfo

    def __init__(self, services: Services, case: CaseInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case = case
        self.saving = False
        person = case.individual
        self.setWindowTitle(self.tr("Ändra personuppgifter – {ref}").format(ref=case.case_ref))
        self.banner = Banner(self, "error")
        self.name = QLineEdit(person.name, self)
        self.personnummer = QLineEdit(
            pnr.display(person.personnummer) if person.personnummer else "", self
        )
        self.personnummer.setPlaceholderText(self.tr("ÅÅÅÅMMDD-NNNN, tomt om det saknas"))
        self.protection = QComboBox(self)
        for code in cases.PROTECTION_LEVELS:
            self.protection.addItem(labels.protection_level(code), code)
        self.protection.setCurrentIndex(self.protection.findData(person.protection_level))
        contact = person.contact
        self.fields: dict[str, QLineEdit] = {}
        for key in (*ADDRESS_FIELDS, "phone", "email"):
            self.fields[key] = QLineEdit(getattr(contact, key), self)
        form = QFormLayout()
        form.addRow(self.tr("&Namn:"), self.name)
        form.addRow(self.tr("&Personnummer:"), self.personnummer)
        form.addRow(self.tr("S&kyddsnivå:"), self.protection)
        self.address_hidden = QLabel(self.tr("Dold (skyddade personuppgifter)"), self)
        self.reveal_button = QPushButton(self.tr("&Visa och ändra adressen"), self)
        self.reveal_button.clicked.connect(self.reveal_address)
        hidden_row = QHBoxLayout()
        hidden_row.addWidget(self.address_hidden)
        hidden_row.addWidget(self.reveal_button)
        hidden_row.addStretch(1)
        form.addRow(self.tr("Adress:"), hidden_row)
        self.address_rows = [
            (self.tr("&Gatuadress:"), self.fields["address"]),
            (self.tr("P&ostnummer:"), self.fields["postal_code"]),
            (self.tr("O&rt:"), self.fields["city"]),
        ]
        self.address_labels: list[QLabel] = []
        for text, line in self.address_rows:
            label = QLabel(text, self)
            label.setBuddy(line)
            self.address_labels.append(label)
            form.addRow(label, line)
        form.addRow(self.tr("&Telefon:"), self.fields["phone"])
        form.addRow(self.tr("&E-post:"), self.fields["email"])
        self._set_address_visible(not person.protected)
        self.save_button = QPushButton(self.tr("&Spara"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("&Avbryt"), self)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def _set_address_visible(self, visible: bool) -> None:
        for label, (_text, line) in zip(self.address_labels, self.address_rows, strict=True):
            label.setVisible(visible)
            line.setVisible(visible)
        self.address_hidden.setVisible(not visible)
        self.reveal_button.setVisible(not visible)

    def reveal_address(self) -> None:
        """Showing a protected person's address is audited first."""
        if not self.reveal_button.isEnabled():
            return
        self.reveal_button.setEnabled(False)
        ws, case_id = self.services.ws, self.case.id

        def failed(error: BaseException) -> None:
            self.reveal_button.setEnabled(True)
            self.banner.show_message(error_message(error), "error")

        run_task(
            lambda: ws.cases.reveal_address(case_id),
            lambda _r: self._set_address_visible(True),
            failed,
            owner=self,
        )

    def contact(self) -> Contact:
        return Contact(**{k: line.text().strip() for k, line in self.fields.items()})

    def save(self) -> None:
        if self.saving:
            return
        person = self.case.individual
        name = self.name.text().strip()
        number = self.personnummer.text().strip()
        old_number = pnr.display(person.personnummer) if person.personnummer else ""
        level = str(self.protection.currentData())
        contact = self.contact()
        ws, case_id, version = self.services.ws, self.case.id, person.version
        self.saving = True
        self.save_button.setEnabled(False)
        self.banner.clear()
        run_task(
            lambda: ws.cases.update_individual(
                case_id,
                version,
                name=name if name != person.name else None,
                personnummer=number if number and number != old_number else None,
                clear_personnummer=not number and bool(person.personnummer),
                contact=contact if contact != person.contact else None,
                protection_level=level if level != person.protection_level else None,
            ),
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, info: IndividualInfo) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.saved.emit(info)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, StaleEditError):
            self.banner.show_message(
                self.tr(
                    "Personuppgifterna sparades inte: {detail} Stäng rutan och öppna ärendet "
                    "igen för att se den andra ändringen; det du skrivit här finns kvar tills du "
                    "stänger."
                ).format(detail=error_message(error)),
                "error",
            )
            return
        self.banner.show_message(error_message(error), "error")


class CloseCaseDialog(QDialog):
    """Closing a case records the date and the reason; a closed case can be reopened."""

    closed_case = Signal()

    def __init__(self, services: Services, case: CaseInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case = case
        self.saving = False
        self.setWindowTitle(self.tr("Avsluta ärendet {ref}").format(ref=case.case_ref))
        self.banner = Banner(self, "error")
        intro = QLabel(
            self.tr(
                "Ärendet avslutas med datum och skäl. Det kan öppnas igen senare. Uppgifterna "
                "sparas tills de gallras enligt kommunens beslut."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            self.tr("Till exempel: målen i planen är uppnådda, eller personen har flyttat")
        )
        self.reason.setFixedHeight(90)
        self.closed_on = QDateEdit(self)
        self.closed_on.setCalendarPopup(True)
        self.closed_on.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.closed_on.setDate(QDate(today.year, today.month, today.day))
        form = QFormLayout()
        form.addRow(self.tr("&Skäl:"), self.reason)
        form.addRow(self.tr("&Datum:"), self.closed_on)
        self.close_button = QPushButton(self.tr("Avsluta ä&rendet"), self)
        self.cancel_button = QPushButton(self.tr("&Avbryt"), self)
        self.close_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def save(self) -> None:
        if self.saving:
            return
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.banner.show_message(self.tr("Skriv varför ärendet avslutas."), "error")
            self.reason.setFocus()
            return
        d = self.closed_on.date()
        closed_on = date(d.year(), d.month(), d.day())
        ws, case_id, version = self.services.ws, self.case.id, self.case.version
        self.saving = True
        self.close_button.setEnabled(False)
        self.banner.clear()
        run_task(
            lambda: ws.cases.close(case_id, version, reason, closed_on),
            self._closed,
            self._failed,
            owner=self,
        )

    def _closed(self, _result: object) -> None:
        self.saving = False
        self.close_button.setEnabled(True)
        self.closed_case.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.close_button.setEnabled(True)
        self.banner.show_message(error_message(error), "error")
