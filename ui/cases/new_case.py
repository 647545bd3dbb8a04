"""The "Nytt ärende" dialog: the person, a validated personnummer, contact and protection.

Opened with ``NewCaseDialog(services, parent)``; "Skapa ärendet" creates the case in the
background (``ws.cases.create``) and the dialog is accepted when it is stored, with the new
row in ``created``.
"""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from assessment_app import personnummer as pnr
from assessment_app.errors import InvalidPersonnummerError
from assessment_app.records import cases
from assessment_app.records.cases import CaseRow, Contact
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner


class NewCaseDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.created: CaseRow | None = None
        self.saving = False
        self.setWindowTitle(self.tr("Nytt ärende"))
        self.setProperty("restore_after_lock", True)  # hidden, not closed, by the screen lock
        self.setMinimumWidth(520)
        self.name = QLineEdit(self)
        self.personnummer = QLineEdit(self)
        self.personnummer.setPlaceholderText(self.tr("ÅÅÅÅMMDD-NNNN (lämna tomt om det saknas)"))
        self.pnr_message = QLabel(self)
        self.pnr_message.setWordWrap(True)
        self.pnr_message.setStyleSheet("color: #9b1c1c;")
        self.pnr_message.hide()
        self.address = QLineEdit(self)
        self.postal_code = QLineEdit(self)
        self.city = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.protection = QComboBox(self)
        for code in cases.PROTECTION_LEVELS:
            self.protection.addItem(labels.protection_level(code), code)
        self.protection_note = QLabel(
            self.tr(
                "Skyddade personuppgifter: namnet döljs i listor, adressen skrivs aldrig ut och "
                "varje öppning loggas."
            ),
            self,
        )
        self.protection_note.setWordWrap(True)
        self.protection_note.setStyleSheet("color: #7a1010;")
        self.protection_note.hide()
        self.referral = QComboBox(self)
        sources: tuple[str | None, ...] = (None, *cases.REFERRAL_SOURCES)
        for source in sources:
            self.referral.addItem(labels.referral_source(source), source)
        form = QFormLayout()
        form.addRow(self.tr("&Namn:"), self.name)
        form.addRow(self.tr("&Personnummer:"), self.personnummer)
        form.addRow("", self.pnr_message)
        form.addRow(self.tr("&Adress:"), self.address)
        form.addRow(self.tr("P&ostnummer:"), self.postal_code)
        form.addRow(self.tr("Or&t:"), self.city)
        form.addRow(self.tr("&Telefon:"), self.phone)
        form.addRow(self.tr("&E-post:"), self.email)
        form.addRow(self.tr("&Skyddsnivå:"), self.protection)
        form.addRow("", self.protection_note)
        form.addRow(self.tr("&Kontaktväg:"), self.referral)
        self.banner = Banner(self, "error")
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            self.tr("&Skapa ärendet"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.personnummer.editingFinished.connect(self.check_personnummer)
        self.personnummer.textEdited.connect(lambda _text: self.pnr_message.hide())
        self.protection.currentIndexChanged.connect(
            lambda _i: self.protection_note.setVisible(self.protection.currentData() != "none")
        )

    def check_personnummer(self) -> bool:
        text = self.personnummer.text().strip()
        if not text:
            self.pnr_message.hide()
            return True
        try:
            normalised = pnr.normalise(text, date.today())
        except InvalidPersonnummerError as error:
            self.pnr_message.setText(error_message(error))
            self.pnr_message.show()
            QTimer.singleShot(0, self.fit_contents)
            return False
        self.personnummer.setText(pnr.display(normalised))
        self.pnr_message.hide()
        return True

    def fit_contents(self) -> None:
        """Grow the dialog so a message that appeared shows whole (wrapped labels need more
        height than the dialog had when it opened, more still with a large font)."""
        if not shiboken6.isValid(self):
            return
        layout = self.layout()
        layout.activate()
        width = max(self.width(), self.minimumSizeHint().width())
        height = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if self.height() < height or self.width() < width:
            self.resize(width, max(self.height(), height))

    def submit(self) -> None:
        if self.saving:
            return
        if not self.name.text().strip():
            self.banner.show_message(self.tr("Skriv personens namn."), "error")
            QTimer.singleShot(0, self.fit_contents)
            self.name.setFocus()
            return
        if not self.check_personnummer():
            self.personnummer.setFocus()
            return
        contact = Contact(
            address=self.address.text().strip(),
            postal_code=self.postal_code.text().strip(),
            city=self.city.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
        )
        ws = self.services.ws
        name, number = self.name.text(), self.personnummer.text() or None
        level, source = self.protection.currentData(), self.referral.currentData()
        self.saving = True
        self.create_button.setEnabled(False)
        self.banner.clear()
        run_task(
            lambda: ws.cases.create(
                name=name,
                personnummer=number,
                contact=contact,
                protection_level=level,
                referral_source=source,
            ),
            self._created,
            self._failed,
            owner=self,
        )

    def _created(self, row: CaseRow) -> None:
        self.saving = False
        self.create_button.setEnabled(True)
        self.created = row
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.create_button.setEnabled(True)
        self.banner.show_message(error_message(error), "error")
        QTimer.singleShot(0, self.fit_contents)
