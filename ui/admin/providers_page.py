"""The provider register (utförarregistret): the procured providers that actions and consents
can name, with what each is procured for, the contract period and whether it is still in use.

The list is a model/view table read in the background; choosing a row puts it in the form to
be changed (the version read is kept, so a change someone else saved meanwhile is refused and
named); *Ny utförare* empties the form to add one. Retiring and reactivating ask first. A
retired provider stays on old plans and consents; an ended contract shows as such.

``ProvidersPage(services, parent)`` is a tab of the administrator's screen, and a page of its
own for the roles the installation lets manage providers (``provider_managers``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessment_app.errors import AppError, StaleEditError
from assessment_app.records import providers
from assessment_app.records.providers import ProviderFields, ProviderInfo
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.date_field import OptionalDateEdit
from ui.widgets.loader import Loader
from ui.widgets.table_model import Index, RowListModel

STATUS_COLOURS = {
    providers.EXPIRED: "#7a4b00",
    providers.UPCOMING: "#1d4f91",
    providers.RETIRED: "#666666",
}
PROVIDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ProvidersModel(RowListModel[ProviderInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("Namn"),
            self.tr("Org.nr"),
            self.tr("Upphandlad för"),
            self.tr("Avtalsperiod"),
            self.tr("Status"),
        ]
        self.today = date.today()

    def set_rows(self, rows: list[ProviderInfo]) -> None:
        self.today = date.today()
        super().set_rows(rows)

    def status_text(self, p: ProviderInfo) -> str:
        status = p.status(self.today)
        if status == providers.RETIRED:
            if p.retired_on is None:
                return self.tr("Avslutad")
            return self.tr("Avslutad {day}").format(day=p.retired_on.isoformat())
        if status == providers.EXPIRED:
            return self.tr("Avtalet har löpt ut")
        if status == providers.UPCOMING:
            return self.tr("Avtalet har inte börjat")
        return self.tr("Aktiv")

    def period_text(self, p: ProviderInfo) -> str:
        if p.contract_from is None and p.contract_to is None:
            return "–"
        start = p.contract_from.isoformat() if p.contract_from else "…"
        end = p.contract_to.isoformat() if p.contract_to else "…"
        return f"{start} – {end}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        column = index.column()
        if role == PROVIDER_ID_ROLE:
            return p.id
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = STATUS_COLOURS.get(p.status(self.today))
            if colour and (column == 4 or p.status(self.today) == providers.RETIRED):
                return QBrush(QColor(colour))
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and p.retired_reason:
            return self.tr("Skäl: {reason}").format(reason=p.retired_reason)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            p.name,
            p.org_number or "–",
            p.procured_for or "–",
            self.period_text(p),
            self.status_text(p),
        ][column]


class RetireDialog(QDialog):
    """Asks before a provider is retired: from which day, and (optionally) why."""

    def __init__(self, provider: ProviderInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Avsluta utföraren"))
        self.setMinimumWidth(460)
        text = QLabel(
            self.tr(
                "<p><b>Avsluta {name}?</b></p><p>Utföraren finns kvar på gamla planer och "
                "samtycken, med sitt namn, och insatser som redan har utföraren behåller den. "
                "Den erbjuds inte längre för nya insatser eller nya samtycken. Det går att "
                "återaktivera utföraren senare.</p>"
            ).format(name=provider.name),
            self,
        )
        text.setWordWrap(True)
        self.on = QDateEdit(self)
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setDate(QDate.currentDate())
        self.on.setMaximumDate(QDate.currentDate())  # a later end is the contract's end date
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("till exempel: avtalet sades upp"))
        form = QFormLayout()
        form.addRow(self.tr("Avslutad &från:"), self.on)
        form.addRow(self.tr("&Skäl (valfritt):"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.retire_button = buttons.addButton(
            self.tr("&Avsluta utföraren"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def day(self) -> date:
        d = self.on.date()
        return date(d.year(), d.month(), d.day())


class ProvidersPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.busy = False
        self.editing: ProviderInfo | None = None  # the provider in the form, None: a new one
        self.confirmation: QWidget | None = None
        self.all_rows: list[ProviderInfo] = []
        self._restore: ProviderFields | None = None  # typed text to keep over a reload
        admin = services.ws.admin
        self.loader = Loader(
            self, lambda: admin.providers(include_inactive=True), self._loaded, self._failed
        )
        heading = QLabel(
            self.tr(
                "<h2>Utförare</h2><p>Upphandlade utförare som insatser och samtycken kan "
                "gälla. En avslutad utförare finns kvar på gamla planer och samtycken men "
                "erbjuds inte för nya.</p>"
            ),
            self,
        )
        heading.setWordWrap(True)
        self.model = ProvidersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Utförare"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # what it is procured for
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.show_retired = QCheckBox(self.tr("Visa avsluta&de"), self)
        self.show_retired.setChecked(True)
        self.show_retired.toggled.connect(self._filter)
        self.status = QLabel(self)
        self.new_button = QPushButton(self.tr("&Ny utförare"), self)
        self.new_button.clicked.connect(self.start_new)
        self.retire_button = QPushButton(self.tr("A&vsluta …"), self)
        self.retire_button.clicked.connect(self.ask_retire)
        self.reactivate_button = QPushButton(self.tr("Åte&raktivera …"), self)
        self.reactivate_button.clicked.connect(self.ask_reactivate)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.retire_button)
        actions.addWidget(self.reactivate_button)
        actions.addStretch(1)
        actions.addWidget(self.show_retired)

        self.name = QLineEdit(self)
        self.org_number = QLineEdit(self)
        self.org_number.setPlaceholderText("NNNNNN-NNNN")
        self.contact_person = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.procured_for = QLineEdit(self)
        self.procured_for.setPlaceholderText(self.tr("till exempel: boendestöd, mentorskap"))
        self.contract_from = OptionalDateEdit(self, self.tr("angivet"))
        self.contract_to = OptionalDateEdit(self, self.tr("angivet"))
        self.contract_from.setAccessibleName(self.tr("Avtalet gäller från"))
        self.contract_to.setAccessibleName(self.tr("Avtalet gäller till"))
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Ångra"), self)
        self.cancel_button.clicked.connect(self._refill)
        self.text_fields = (
            self.name,
            self.org_number,
            self.contact_person,
            self.phone,
            self.email,
            self.procured_for,
        )
        for field in self.text_fields:
            field.returnPressed.connect(self.save)
        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        form.addRow(self.tr("Na&mn:"), self.name)
        form.addRow(self.tr("&Organisationsnummer:"), self.org_number)
        form.addRow(self.tr("&Kontaktperson:"), self.contact_person)
        form.addRow(self.tr("Tele&fon:"), self.phone)
        form.addRow(self.tr("&E-post:"), self.email)
        form.addRow(self.tr("&Upphandlad för:"), self.procured_for)
        form.addRow(self.tr("Avtalet gäller fr&ån:"), self.contract_from)
        form.addRow(self.tr("Avtalet gäller t&ill:"), self.contract_to)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.form_note = QLabel(
            self.tr("Kontaktpersonens namn, telefon och e-post sparas krypterat."), self
        )
        self.form_note.setWordWrap(True)
        self.form_note.setStyleSheet("color: #555;")
        form.addRow("", self.form_note)
        self.banner = Banner(self, "error")

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.status)
        left.addLayout(actions)
        self.form_box.setMaximumWidth(460)
        right = QVBoxLayout()
        right.addWidget(self.form_box)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.start_new()
        self.reload()

    # --- the list -----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self.loader.loading

    def reload(self) -> None:
        self.status.setText(self.tr("Hämtar …"))
        self.status.show()
        self.loader.reload()

    def _failed(self, error: BaseException) -> None:
        self.status.hide()
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, rows: list[ProviderInfo]) -> None:
        self.status.hide()
        self.all_rows = rows
        self._filter()
        if self._restore is not None:  # a refused save: what was typed stays on screen
            self._fill(self._restore)
            self._restore = None
        if not rows:
            self.status.setText(
                self.tr("Registret är tomt. Lägg till den första utföraren i formuläret.")
            )
            self.status.show()

    def _filter(self) -> None:
        keep = self.editing.id if self.editing else None
        rows = self.all_rows
        if not self.show_retired.isChecked():
            rows = [p for p in rows if p.active]
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(list(rows))
        self.table.selectionModel().blockSignals(False)
        if keep is not None:
            fresh = next((p for p in self.model.rows if p.id == keep), None)
            if fresh is not None:
                self._select(fresh.id)
                self._edit(fresh)
            else:
                self.start_new()
        self._update_buttons()

    def _select(self, provider_id: str) -> None:
        for row, p in enumerate(self.model.rows):
            if p.id == provider_id:
                self.table.selectionModel().blockSignals(True)
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.selectionModel().blockSignals(False)
                return

    def select(self, name: str) -> None:
        """Choose the provider named ``name`` (as a click on its row does)."""
        for row, p in enumerate(self.model.rows):
            if p.name == name:
                self.table.selectRow(row)
                return

    def selected(self) -> ProviderInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected()
        if chosen is None:
            self.start_new()
        else:
            self._edit(chosen)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = None if self.busy else self.selected()
        self.retire_button.setEnabled(chosen is not None and chosen.active)
        self.reactivate_button.setEnabled(chosen is not None and not chosen.active)
        self.save_button.setEnabled(not self.busy)
        self.new_button.setEnabled(not self.busy)

    # --- the form -----------------------------------------------------------------------------
    def start_new(self) -> None:
        """An empty form: saving adds a provider."""
        self.editing = None
        if self.table.selectionModel().hasSelection():
            self.table.selectionModel().blockSignals(True)
            self.table.clearSelection()
            self.table.selectionModel().blockSignals(False)
        self._fill(ProviderFields(""))
        self.form_box.setTitle(self.tr("Ny utförare"))
        self.save_button.setText(self.tr("&Lägg till utföraren"))
        self._update_buttons()

    def _edit(self, p: ProviderInfo) -> None:
        self.editing = p
        self._fill(p.fields)
        self.form_box.setTitle(self.tr("Ändra {name}").format(name=p.name))
        self.save_button.setText(self.tr("&Spara ändringarna"))

    def _refill(self) -> None:
        """Undo what was typed: the form as it was loaded."""
        self._fill(self.editing.fields if self.editing else ProviderFields(""))
        self.banner.clear()

    def _fill(self, f: ProviderFields) -> None:
        self.name.setText(f.name)
        self.org_number.setText(f.org_number)
        self.contact_person.setText(f.contact_person)
        self.phone.setText(f.phone)
        self.email.setText(f.email)
        self.procured_for.setText(f.procured_for)
        self.contract_from.set_value(f.contract_from)
        self.contract_to.set_value(f.contract_to)

    def typed(self) -> ProviderFields:
        return ProviderFields(
            name=self.name.text(),
            org_number=self.org_number.text(),
            contact_person=self.contact_person.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            procured_for=self.procured_for.text(),
            contract_from=self.contract_from.value(),
            contract_to=self.contract_to.value(),
        )

    def save(self) -> None:
        if self.busy:
            return
        try:  # the same checks the core makes, at once and without the database
            fields = providers.clean_fields(self.typed())
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        admin, editing = self.services.ws.admin, self.editing
        if editing is None:
            self._run(
                lambda: admin.add_provider(
                    fields.name,
                    org_number=fields.org_number,
                    contact_person=fields.contact_person,
                    phone=fields.phone,
                    email=fields.email,
                    procured_for=fields.procured_for,
                    contract_from=fields.contract_from,
                    contract_to=fields.contract_to,
                ),
                self.tr("{name} är tillagd i registret."),
            )
        else:
            self._run(
                lambda: admin.edit_provider(editing.id, editing.version, fields),
                self.tr("Ändringarna för {name} är sparade."),
            )

    # --- retiring and reactivating ------------------------------------------------------------
    def ask_retire(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.active or self.busy:
            return
        dialog = RetireDialog(chosen, self)
        admin = self.services.ws.admin

        def answered() -> None:
            day, reason = dialog.day(), dialog.reason.text()
            self._run(
                lambda: admin.retire_provider(chosen.id, chosen.version, on=day, reason=reason),
                self.tr("{name} är avslutad och erbjuds inte för nya insatser och samtycken."),
            )

        dialog.accepted.connect(answered)
        dialog.finished.connect(dialog.deleteLater)
        self.confirmation = dialog
        dialog.open()

    def ask_reactivate(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.active or self.busy:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Återaktivera utföraren"))
        box.setText(self.tr("Återaktivera {name}?").format(name=chosen.name))
        box.setInformativeText(
            self.tr("Utföraren erbjuds igen för nya insatser och nya samtycken.")
        )
        yes = box.addButton(self.tr("Återaktivera"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Avbryt"), QMessageBox.ButtonRole.RejectRole)
        admin = self.services.ws.admin

        def answered() -> None:
            if box.clickedButton() is yes:
                self._run(
                    lambda: admin.reactivate_provider(chosen.id, chosen.version),
                    self.tr("{name} är aktiv igen."),
                )

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()

    # --- running a change ---------------------------------------------------------------------
    def _run(self, action: Callable[[], ProviderInfo], done: str) -> None:
        """Save in the background; say what happened, show the saved provider in the form."""
        if self.busy:
            return
        self.busy = True
        self._update_buttons()

        def succeeded(saved: ProviderInfo) -> None:
            self.busy = False
            self.banner.show_message(done.format(name=saved.name), "success")
            self.editing = saved
            self._edit(saved)
            self.reload()
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self.busy = False
            text = error_message(error)
            if isinstance(error, StaleEditError):
                # Read the saved version; the form keeps what was typed. Saving again writes
                # it over the other change, Ångra shows the saved version.
                self._restore = self.typed()
                text += " " + self.tr(
                    "Formuläret visar det du skrev: spara igen för att ersätta den andra "
                    "ändringen, eller välj Ångra för att se det som är sparat."
                )
                self.reload()
            self.banner.show_message(text, "error")
            self._update_buttons()

        run_task(action, succeeded, failed, owner=self)
