""" "Mina kontaktuppgifter": the worker's work phone and e-mail, printed on the plans of their
cases, and the unit's phone, e-mail and visiting address (an administrator changes them here;
everyone else sees what is printed).

Opened from the main window's Arkiv menu. Reading and saving run in the background; nothing is
stored until "Spara", and a refused value (a phone number with letters) is said in the banner.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.contacts import UnitContact, WorkerContact
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner


class ContactDetailsDialog(QDialog):
    """``saved`` once what was changed is stored."""

    saved = Signal()
    loaded = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ws = services.ws
        self.is_admin = services.ctx.role == "administrator"
        self.units: list[UnitContact] = []
        self.unit: UnitContact | None = None
        self.mine = WorkerContact()
        self.setWindowTitle(self.tr("Mina kontaktuppgifter"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Det här skrivs ut på handlingsplanerna i dina ärenden, så att den enskilde och "
                "utförarna kan nå dig. Lämna tomt det som inte ska stå med."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.banner = Banner(self, "info")

        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(self.tr("till exempel 08-123 456 78"))
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("till exempel fornamn.efternamn@kommun.se"))
        mine_box = QGroupBox(self.tr("Mina uppgifter i arbetet"), self)
        mine_form = QFormLayout(mine_box)
        mine_form.addRow(self.tr("&Telefon:"), self.phone)
        mine_form.addRow(self.tr("&E-post:"), self.email)

        self.unit_box = QGroupBox(self.tr("Enhetens kontaktuppgifter"), self)
        self.unit_choice = QComboBox(self.unit_box)
        self.unit_choice.setAccessibleName(self.tr("Enhet"))
        self.unit_choice.currentIndexChanged.connect(self._unit_chosen)
        self.unit_phone = QLineEdit(self.unit_box)
        self.unit_email = QLineEdit(self.unit_box)
        self.unit_address = QLineEdit(self.unit_box)
        self.unit_address.setPlaceholderText(self.tr("till exempel Kungsgatan 5, Kungsängen"))
        self.unit_summary = QLabel(self.unit_box)  # what others see: the unit, as printed
        self.unit_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_hint = QLabel(self.unit_box)
        self.unit_hint.setWordWrap(True)
        self.unit_hint.setStyleSheet("color: #555;")
        unit_form = QFormLayout(self.unit_box)
        if self.is_admin:
            unit_form.addRow(self.tr("E&nhet:"), self.unit_choice)
            unit_form.addRow(self.tr("Te&lefon:"), self.unit_phone)
            unit_form.addRow(self.tr("E-&post:"), self.unit_email)
            unit_form.addRow(self.tr("&Besöksadress:"), self.unit_address)
            self.unit_summary.hide()
            self.unit_hint.setText(
                self.tr("Skrivs ut på den enskildes plan. Gäller alla på enheten.")
            )
        else:
            unit_form.addRow(self.unit_summary)
            for widget in (self.unit_choice, self.unit_phone, self.unit_email, self.unit_address):
                widget.hide()
            self.unit_hint.setText(
                self.tr("Skrivs ut på den enskildes plan. Ändras av en administratör.")
            )
        unit_form.addRow(self.unit_hint)

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
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(mine_box)
        layout.addWidget(self.unit_box)
        layout.addLayout(buttons)
        self.setEnabled(False)  # until the details are in
        ws, admin = self.ws, self.is_admin

        def load() -> tuple[WorkerContact, list[UnitContact], UnitContact | None]:
            mine = ws.admin.my_contact()
            units = ws.admin.unit_contacts() if admin else []
            return mine, units, ws.admin.unit_contact()

        run_task(load, self._loaded, self._failed, owner=self)

    # --- showing ------------------------------------------------------------------------
    def _loaded(self, data: tuple[WorkerContact, list[UnitContact], UnitContact | None]) -> None:
        self.mine, self.units, own = data
        self.phone.setText(self.mine.phone)
        self.email.setText(self.mine.email)
        if self.is_admin:
            self.unit_choice.blockSignals(True)
            for unit in self.units:
                self.unit_choice.addItem(unit.name, unit.unit_id)
            self.unit_choice.blockSignals(False)
            index = self.unit_choice.findData(own.unit_id) if own is not None else 0
            self.unit_choice.setCurrentIndex(max(0, index))
            self._unit_chosen()
            self.unit_box.setVisible(bool(self.units))
        else:
            self._show_unit(own)
            self.unit_box.setVisible(own is not None)
        self.setEnabled(True)
        self.phone.setFocus()
        self.loaded.emit()

    def _unit_chosen(self, *_args: object) -> None:
        unit_id = self.unit_choice.currentData()
        self._show_unit(next((u for u in self.units if u.unit_id == unit_id), None))

    def _show_unit(self, unit: UnitContact | None) -> None:
        self.unit = unit
        self.unit_summary.setText(self._summary(unit))
        self.unit_phone.setText(unit.phone if unit else "")
        self.unit_email.setText(unit.email if unit else "")
        self.unit_address.setText(unit.visiting_address if unit else "")

    def _summary(self, unit: UnitContact | None) -> str:
        if unit is None:
            return ""
        lines = [f"<b>{html.escape(unit.name)}</b>"]
        for label, value in (
            (self.tr("Telefon"), unit.phone),
            (self.tr("E-post"), unit.email),
            (self.tr("Besöksadress"), unit.visiting_address),
        ):
            if value:
                lines.append(f"{html.escape(label)}: {html.escape(value)}")
        if len(lines) == 1:
            lines.append(f"<i>{html.escape(self.tr('Inga kontaktuppgifter för enheten än.'))}</i>")
        return "<br/>".join(lines)

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.banner.show_message(error_message(error), "error")

    # --- saving -------------------------------------------------------------------------
    def save(self) -> None:
        ws = self.ws
        phone, email = self.phone.text(), self.email.text()
        unit = self.unit if self.is_admin else None
        unit_values = (self.unit_phone.text(), self.unit_email.text(), self.unit_address.text())

        def store() -> None:
            ws.admin.set_my_contact(phone=phone, email=email)
            if unit is not None:
                ws.admin.set_unit_contact(
                    unit.unit_id,
                    phone=unit_values[0],
                    email=unit_values[1],
                    visiting_address=unit_values[2],
                )

        self.setEnabled(False)
        self.banner.clear()
        run_task(store, self._stored, self._failed, owner=self)

    def _stored(self, _result: object) -> None:
        self.setEnabled(True)
        self.saved.emit()
        self.accept()
