"""Consents to share information: give (per recipient and areas, until a day or until
withdrawn, written or oral with a witness, with or without contact details, with a scanned
signed copy), change, withdraw.

The tab reads the consents, the active providers, the unit's warning days and the template's
area titles in the background when it is shown (``reload``); every change is saved in the
background too, and so is reading the chosen copy's file. A consent that ends within the
unit's warning days is marked, and so is one that has ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records import consents
from assessment_app.records.consents import ConsentDocumentInfo, ConsentInfo
from assessment_app.records.providers import ProviderInfo
from ui.case_view.records_tabs import select_row_of
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.date_field import OptionalDateEdit
from ui.widgets.loader import Loader

# Row colours for the states that need attention (text stays readable on both).
ENDING_BACKGROUND = QColor("#fff4d6")
ENDED_FOREGROUND = QColor("#6b6b6b")

COLUMNS = ("recipient", "areas", "given", "withdrawn", "until", "state", "copy")


@dataclass(frozen=True)
class ConsentsData:
    consents: list[ConsentInfo]
    providers: list[ProviderInfo]  # active ones, to give a new consent to
    area_titles: dict[str, str]
    warning_days: int = 30


def state_text(consent: ConsentInfo, state: str, today: date) -> str:
    """What the status column says about a consent on ``today``."""
    if state == consents.WITHDRAWN:
        return QCoreApplication.translate("consents", "Återkallat")
    if state == consents.RENEWED:
        return QCoreApplication.translate("consents", "Förnyat")
    if state == consents.NOT_YET:
        return QCoreApplication.translate("consents", "Gäller från {day}").format(
            day=consent.given_on.isoformat()
        )
    if state == consents.EXPIRED:
        assert consent.valid_until is not None
        return QCoreApplication.translate("consents", "Har upphört {day}").format(
            day=consent.valid_until.isoformat()
        )
    if state == consents.ENDING:
        assert consent.valid_until is not None
        days = (consent.valid_until - today).days
        if days == 0:
            return QCoreApplication.translate("consents", "Upphör i dag")
        if days == 1:
            return QCoreApplication.translate("consents", "Upphör i morgon")
        return QCoreApplication.translate("consents", "Upphör om {n} dagar").format(n=days)
    return QCoreApplication.translate("consents", "Gäller")


def copy_text(document: ConsentDocumentInfo | None) -> str:
    if document is None:
        return ""
    kind = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}.get(
        document.mime_type, document.mime_type
    )
    size = document.size / 1024
    amount = (
        f"{max(1, round(size))} kB" if size < 1024 else f"{size / 1024:.1f} MB".replace(".", ",")
    )
    return f"{kind}, {amount}"


def choose_copy_destination(
    parent: QWidget, consent: ConsentInfo, document: ConsentDocumentInfo
) -> Path | None:
    """Ask where to save the copy (the suffix follows the file type)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suffix = document.suffix
    suggested = Path(folder) / f"samtycke-{consent.given_on.isoformat()}{suffix}"
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("consents", "Spara den inskannade kopian"),
        str(suggested),
        QCoreApplication.translate("consents", "Inskannad kopia (*{suffix})").format(suffix=suffix),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class ConsentDialog(QDialog):
    """Give a consent, or (with ``existing``) change how long it holds, the areas, the
    contact-details item, how it was given, the note and the scanned copy."""

    def __init__(
        self,
        services: Services,
        case_id: str,
        area_titles: dict[str, str],
        providers: list[ProviderInfo],
        existing: ConsentInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.existing = existing
        self.saving = False
        self.copy_path: Path | None = None  # a file chosen here, read when saving
        self.setProperty("restore_after_lock", True)  # hidden, not closed, by the screen lock
        self.setWindowTitle(self.tr("Ändra samtycke") if existing else self.tr("Nytt samtycke"))
        self.recipient = QComboBox(self)
        for code in consents.RECIPIENT_KINDS:
            self.recipient.addItem(labels.recipient_kind(code), code)
        self.provider = QComboBox(self)
        for p in providers:
            self.provider.addItem(p.name, p.id)
        self.recipient_name = QLineEdit(self)
        self.recipient_name.setPlaceholderText(self.tr("till exempel handläggare eller enhet"))
        self.note = QLineEdit(self)
        self.area_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for n, (area_id, title) in enumerate(area_titles.items()):
            box = QCheckBox(title, self)
            self.area_boxes[area_id] = box
            grid.addWidget(box, n // 2, n % 2)
        self.contact = QCheckBox(
            self.tr("Även &kontaktuppgifter (adress, telefon, e-post) får lämnas ut"), self
        )
        # The safety plan's police copy is a consent item of its own (police only).
        self.safety_plan = QCheckBox(
            self.tr("Sk&yddsplanen får lämnas till polisens kontaktperson"), self
        )
        # How long it holds: unchecked means until withdrawn.
        self.valid_until = OptionalDateEdit(self, self.tr("&till och med"))
        self.until_hint = QLabel(self)
        self.until_hint.setObjectName("hint")
        # How it was given.
        self.written = QRadioButton(self.tr("&Skriftligt"), self)
        self.oral = QRadioButton(self.tr("Munt&ligt, med vittne"), self)
        self.how_group = QButtonGroup(self)
        self.how_group.addButton(self.written)
        self.how_group.addButton(self.oral)
        self.written.setChecked(True)
        self.witness_name = QLineEdit(self)
        self.witness_name.setPlaceholderText(self.tr("vittnets för- och efternamn"))
        self.witness_role = QLineEdit(self)
        self.witness_role.setPlaceholderText(self.tr("till exempel socialsekreterare"))
        # The scanned signed copy.
        self.copy_label = QLabel(self)
        self.attach_button = QPushButton(self.tr("Bifoga &inskannad kopia …"), self)
        self.save_copy_button = QPushButton(self.tr("Spara ko&pian …"), self)
        self.attach_button.clicked.connect(self.choose_copy)
        self.save_copy_button.clicked.connect(self.save_copy)

        how = QHBoxLayout()
        how.addWidget(self.written)
        how.addWidget(self.oral)
        how.addStretch(1)
        until = QVBoxLayout()
        until.addWidget(self.valid_until)
        until.addWidget(self.until_hint)
        self.copy_label.setWordWrap(True)
        copy_buttons = QHBoxLayout()
        copy_buttons.addWidget(self.attach_button)
        copy_buttons.addWidget(self.save_copy_button)
        copy_buttons.addStretch(1)
        copy = QVBoxLayout()
        copy.addWidget(self.copy_label)
        copy.addLayout(copy_buttons)
        form = QFormLayout()
        form.addRow(self.tr("&Mottagare:"), self.recipient)
        form.addRow(self.tr("&Utförare:"), self.provider)
        form.addRow(self.tr("&Namn på mottagaren:"), self.recipient_name)
        form.addRow(self.tr("Områden som får delas:"), grid)
        form.addRow(self.tr("Kontaktuppgifter:"), self.contact)
        form.addRow(self.tr("Skyddsplan:"), self.safety_plan)
        form.addRow(self.tr("Gäller:"), until)
        form.addRow(self.tr("Samtycket gavs:"), how)
        form.addRow(self.tr("&Vittnets namn:"), self.witness_name)
        form.addRow(self.tr("Vittnets &roll:"), self.witness_role)
        form.addRow(self.tr("Ant&eckning:"), self.note)
        form.addRow(self.tr("Inskannad kopia:"), copy)
        self.banner = Banner(self, "error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        self.oral.toggled.connect(self._how_changed)
        self.valid_until.changed.connect(self._until_changed)
        if existing is not None:
            for widget in (self.recipient, self.provider, self.recipient_name):
                widget.setEnabled(False)
            self.recipient.setCurrentIndex(self.recipient.findData(existing.recipient_kind))
            if existing.provider_id:
                self.provider.setCurrentIndex(self.provider.findData(existing.provider_id))
            self.recipient_name.setText(existing.recipient_name)
            self.note.setText(existing.note)
            for area_id in existing.scope_areas:
                if area_id in self.area_boxes:
                    self.area_boxes[area_id].setChecked(True)
            self.contact.setChecked(existing.includes_contact)
            self.safety_plan.setChecked(existing.includes_safety_plan)
            self.valid_until.set_value(existing.valid_until)
            (self.oral if existing.given_how == "oral" else self.written).setChecked(True)
            self.witness_name.setText(existing.witness_name)
            self.witness_role.setText(existing.witness_role)
        self._recipient_changed()
        self._how_changed()
        self._until_changed()
        self._show_copy()

    # --- the form -----------------------------------------------------------------------------
    def _recipient_changed(self) -> None:
        is_provider = self.recipient.currentData() == "provider"
        self.provider.setEnabled(is_provider and self.existing is None)
        is_police = self.recipient.currentData() == "police"
        self.safety_plan.setEnabled(is_police)
        if not is_police:
            self.safety_plan.setChecked(False)

    def _how_changed(self) -> None:
        oral = self.oral.isChecked()
        self.witness_name.setEnabled(oral)
        self.witness_role.setEnabled(oral)

    def _until_changed(self) -> None:
        if self.valid_until.value() is None:
            self.until_hint.setText(self.tr("Tills vidare: tills samtycket återkallas."))
        else:
            self.until_hint.setText(self.tr("Samtycket gäller till och med den dagen."))

    def _show_copy(self) -> None:
        document = self.existing.document if self.existing else None
        if self.copy_path is not None:
            text = self.tr("Bifogas när du sparar: {name}").format(name=self.copy_path.name)
        elif document is not None:
            text = self.tr("Bifogad: {what}").format(what=copy_text(document))
        else:
            text = self.tr("Ingen kopia bifogad.")
        self.copy_label.setText(text)
        self.save_copy_button.setEnabled(document is not None and self.copy_path is None)
        self.attach_button.setText(
            self.tr("Byt &inskannad kopia …")
            if document is not None or self.copy_path is not None
            else self.tr("Bifoga &inskannad kopia …")
        )

    def selected_areas(self) -> list[str]:
        return [a for a, box in self.area_boxes.items() if box.isChecked()]

    def given_how(self) -> str:
        return "oral" if self.oral.isChecked() else "written"

    # --- the copy -----------------------------------------------------------------------------
    def choose_copy(self) -> None:
        """Pick the file; it is read (and checked) in the background when the consent is saved."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Välj den inskannade kopian"),
            folder,
            self.tr("Inskannad kopia (*.pdf *.jpg *.jpeg *.png)"),
        )
        if name:
            self.copy_path = Path(name)
            self.banner.clear()
            self._show_copy()

    def save_copy(self) -> None:
        existing = self.existing
        if existing is None or existing.document is None or self.saving:
            return
        path = choose_copy_destination(self, existing, existing.document)
        if path is None:
            return
        self.saving = True
        self.save_copy_button.setEnabled(False)
        ws, consent_id = self.services.ws, existing.id

        def saved(_result: object) -> None:
            self.saving = False
            self._show_copy()
            self.banner.show_message(
                self.tr("Kopian sparades som {name}.").format(name=path.name), "success"
            )

        def failed(error: BaseException) -> None:
            self.saving = False
            self._show_copy()
            self.banner.show_message(error_message(error), "error")

        run_task(
            lambda: ws.cases.save_consent_document(consent_id, path), saved, failed, owner=self
        )

    # --- saving -------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.saving:
            return
        ws, areas = self.services.ws, self.selected_areas()
        existing, copy_path = self.existing, self.copy_path
        until, how = self.valid_until.value(), self.given_how()
        contact = self.contact.isChecked()
        safety_plan = self.safety_plan.isChecked()
        witness, role = self.witness_name.text().strip(), self.witness_role.text().strip()
        note = self.note.text().strip()
        if existing is not None:

            def work() -> object:
                return ws.cases.update_consent(
                    existing.id,
                    existing.version,
                    valid_until=until,
                    scope_areas=areas,
                    includes_contact=contact,
                    given_how=how,
                    witness_name=witness,
                    witness_role=role,
                    note=note,
                    document=copy_path,
                    includes_safety_plan=safety_plan,
                )

        else:
            kind, case_id = self.recipient.currentData(), self.case_id
            provider_id = self.provider.currentData() if kind == "provider" else None
            name = self.recipient_name.text().strip()

            def work() -> object:
                return ws.cases.give_consent(
                    case_id,
                    kind,
                    areas,
                    provider_id=provider_id,
                    recipient_name=name,
                    note=note,
                    valid_until=until,
                    given_how=how,
                    witness_name=witness,
                    witness_role=role,
                    includes_contact=contact,
                    document=copy_path,
                    includes_safety_plan=safety_plan,
                )

        self.saving = True
        self.ok_button.setEnabled(False)
        self.banner.clear()
        run_task(work, self._saved, self._failed, owner=self)

    def _saved(self, _result: object) -> None:
        self.saving = False
        self.ok_button.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.ok_button.setEnabled(True)
        self.banner.show_message(error_message(error), "error")


class ConsentsTab(QWidget):
    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.area_titles: dict[str, str] = {}
        self.providers: list[ProviderInfo] = []
        self.items: list[ConsentInfo] = []
        self.states: dict[str, str] = {}
        self.warning_days = 30
        self.today: date | None = None  # None: today (tests may pass a day)
        self.busy = False  # a withdrawal or a copy is being saved
        self.to_select: str | None = None  # a consent to select once the list is read
        ws = services.ws

        def fetch() -> ConsentsData:
            view = ws.cases.consents(case_id)
            return ConsentsData(view.consents, view.providers, ws.area_titles(), view.warning_days)

        self.loader = Loader(self, fetch, self._loaded, self._failed)
        self.dialog: ConsentDialog | None = None
        self.summary = Banner(self, "warning")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Mottagare"),
                self.tr("Områden"),
                self.tr("Givet"),
                self.tr("Återkallat"),
                self.tr("Gäller t.o.m."),
                self.tr("Status"),
                self.tr("Kopia"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            1, self.table.horizontalHeader().ResizeMode.Stretch
        )
        self.table.verticalHeader().hide()
        self.give_button = QPushButton(self.tr("&Nytt samtycke …"), self)
        self.scope_button = QPushButton(self.tr("Än&dra …"), self)
        self.withdraw_button = QPushButton(self.tr("&Återkalla"), self)
        self.save_copy_button = QPushButton(self.tr("Spara ko&pian …"), self)
        self.give_button.clicked.connect(self.give)
        self.scope_button.clicked.connect(self.edit_scope)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.save_copy_button.clicked.connect(self.save_copy)
        self.table.doubleClicked.connect(self.edit_scope)
        self.banner = Banner(self, "error")
        buttons = QHBoxLayout()
        buttons.addWidget(self.give_button)
        buttons.addWidget(self.scope_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.give_button.setEnabled(False)  # until the providers and areas are in
        self._selection_changed()

    @property
    def loaded_once(self) -> bool:
        return self.loader.loaded_once

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def reload(self) -> None:
        """Read the consents again in the background."""
        self.loader.reload()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, data: ConsentsData) -> None:
        self.banner.clear()
        self.area_titles = data.area_titles
        self.providers = data.providers
        self.items = data.consents
        self.warning_days = data.warning_days
        today = self.today or date.today()
        self.states = consents.states_on(self.items, today, self.warning_days)
        self.give_button.setEnabled(True)
        self.table.setRowCount(len(self.items))
        for row, c in enumerate(self.items):
            who = labels.recipient_kind(c.recipient_kind)
            if c.recipient_name:
                who += f" – {c.recipient_name}"
            areas = ", ".join(self.area_titles.get(a, a) for a in c.scope_areas)
            if c.includes_contact:
                areas += self.tr(" + kontaktuppgifter")
            if c.includes_safety_plan:
                areas += self.tr(" + skyddsplanen")
            state = self.states[c.id]
            values = [
                who,
                areas,
                c.given_on.isoformat() + (self.tr(" (muntligt)") if c.given_how == "oral" else ""),
                c.withdrawn_on.isoformat() if c.withdrawn_on else "",
                c.valid_until.isoformat() if c.valid_until else self.tr("tills vidare"),
                state_text(c, state, today),
                copy_text(c.document),
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                self._mark(item, state)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        for column in range(2, len(COLUMNS)):
            self.table.resizeColumnToContents(column)
        self._show_summary()
        select_row_of(self.table, [c.id for c in self.items], self.to_select)
        self.to_select = None
        self._selection_changed()

    def select(self, consent_id: str) -> None:
        """Select the consent's row (a reminder names it): now, or when the list is read."""
        if self.loading or not select_row_of(self.table, [c.id for c in self.items], consent_id):
            self.to_select = consent_id

    def _mark(self, item: QTableWidgetItem, state: str) -> None:
        if state == consents.ENDING:
            item.setBackground(QBrush(ENDING_BACKGROUND))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        elif state in (consents.EXPIRED, consents.WITHDRAWN, consents.RENEWED):
            item.setForeground(QBrush(ENDED_FOREGROUND))

    def _show_summary(self) -> None:
        ending = sum(1 for s in self.states.values() if s == consents.ENDING)
        expired = sum(1 for s in self.states.values() if s == consents.EXPIRED)
        parts = []
        if ending == 1:
            parts.append(
                self.tr("Ett samtycke upphör inom {days} dagar.").format(days=self.warning_days)
            )
        elif ending:
            parts.append(
                self.tr("{n} samtycken upphör inom {days} dagar.").format(
                    n=ending, days=self.warning_days
                )
            )
        if expired == 1:
            parts.append(
                self.tr("Ett samtycke har upphört: ett nytt behövs för att dela uppgifter.")
            )
        elif expired:
            parts.append(
                self.tr("{n} samtycken har upphört: nya behövs för att dela uppgifter.").format(
                    n=expired
                )
            )
        self.summary.show_message(" ".join(parts), "warning")

    def selected(self) -> ConsentInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.items[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        current = self.selected()
        active = current is not None and current.withdrawn_on is None and not self.busy
        self.scope_button.setEnabled(active)
        self.withdraw_button.setEnabled(active)
        self.save_copy_button.setEnabled(
            current is not None and current.document is not None and not self.busy
        )

    def _open_dialog(self, existing: ConsentInfo | None) -> ConsentDialog:
        """Opened without exec(), so the screen lock can hide it and show it again."""
        dialog = ConsentDialog(
            self.services, self.case_id, self.area_titles, self.providers, existing, self
        )
        dialog.accepted.connect(self.reload)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog
        return dialog

    def give(self) -> None:
        self._open_dialog(None)

    def edit_scope(self) -> None:
        current = self.selected()
        if current is not None and current.withdrawn_on is None:
            self._open_dialog(current)

    def save_copy(self) -> None:
        current = self.selected()
        if current is None or current.document is None or self.busy:
            return
        path = choose_copy_destination(self.window(), current, current.document)
        if path is None:
            return
        self.busy = True
        self._selection_changed()
        ws, consent_id = self.services.ws, current.id

        def saved(_result: object) -> None:
            self.busy = False
            self._selection_changed()
            self.banner.show_message(
                self.tr("Kopian sparades som {name}.").format(name=path.name), "success"
            )

        def failed(error: BaseException) -> None:
            self.busy = False
            self._selection_changed()
            self.banner.show_message(error_message(error), "error")

        run_task(
            lambda: ws.cases.save_consent_document(consent_id, path), saved, failed, owner=self
        )

    def withdraw(self) -> None:
        current = self.selected()
        if current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Återkalla samtycke"),
            self.tr(
                "Återkalla samtycket från och med i dag? Det går inte att ångra; ett nytt "
                "samtycke kan ges senare."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.busy = True
        self._selection_changed()
        ws, consent_id, version = self.services.ws, current.id, current.version

        def done(_result: object) -> None:
            self.busy = False
            self.reload()

        def failed(error: BaseException) -> None:
            self.busy = False
            self._selection_changed()
            self.banner.show_message(error_message(error), "error")

        run_task(lambda: ws.cases.withdraw_consent(consent_id, version), done, failed, owner=self)
