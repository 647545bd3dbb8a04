"""Consents to share information: give (per recipient and areas), edit scope, withdraw.

The tab reads the consents, the active providers and the template's area titles in the
background when it is shown (``reload``); every change is saved in the background too."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records import consents
from assessment_app.records.consents import ConsentInfo
from assessment_app.records.providers import ProviderInfo
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.loader import Loader


@dataclass(frozen=True)
class ConsentsData:
    consents: list[ConsentInfo]
    providers: list[ProviderInfo]  # active ones, to give a new consent to
    area_titles: dict[str, str]


class ConsentDialog(QDialog):
    """Give a consent, or (with ``existing``) change which areas it covers."""

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
        self.setProperty("restore_after_lock", True)  # hidden, not closed, by the screen lock
        self.setWindowTitle(
            self.tr("Ändra samtyckets omfattning") if existing else self.tr("Nytt samtycke")
        )
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
        form = QFormLayout()
        form.addRow(self.tr("&Mottagare:"), self.recipient)
        form.addRow(self.tr("&Utförare:"), self.provider)
        form.addRow(self.tr("&Namn på mottagaren:"), self.recipient_name)
        form.addRow(self.tr("A&nteckning:"), self.note)
        form.addRow(self.tr("Områden som får delas:"), grid)
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
        if existing is not None:
            for widget in (self.recipient, self.provider, self.recipient_name, self.note):
                widget.setEnabled(False)
            self.recipient.setCurrentIndex(self.recipient.findData(existing.recipient_kind))
            self.recipient_name.setText(existing.recipient_name)
            for area_id in existing.scope_areas:
                if area_id in self.area_boxes:
                    self.area_boxes[area_id].setChecked(True)
        self._recipient_changed()

    def _recipient_changed(self) -> None:
        is_provider = self.recipient.currentData() == "provider"
        self.provider.setEnabled(is_provider and self.existing is None)

    def selected_areas(self) -> list[str]:
        return [a for a, box in self.area_boxes.items() if box.isChecked()]

    def submit(self) -> None:
        if self.saving:
            return
        ws, areas = self.services.ws, self.selected_areas()
        existing = self.existing
        if existing is not None:

            def work() -> object:
                return ws.cases.update_consent_scope(existing.id, existing.version, areas)

        else:
            kind, case_id = self.recipient.currentData(), self.case_id
            provider_id = self.provider.currentData() if kind == "provider" else None
            name, note = self.recipient_name.text().strip(), self.note.text().strip()

            def work() -> object:
                return ws.cases.give_consent(
                    case_id,
                    kind,
                    areas,
                    provider_id=provider_id,
                    recipient_name=name,
                    note=note,
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
        self.busy = False  # a withdrawal is being saved
        ws = services.ws

        def fetch() -> ConsentsData:
            view = ws.cases.consents(case_id)
            return ConsentsData(view.consents, view.providers, ws.area_titles())

        self.loader = Loader(self, fetch, self._loaded, self._failed)
        self.dialog: ConsentDialog | None = None
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Mottagare"), self.tr("Områden"), self.tr("Givet"), self.tr("Återkallat")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            1, self.table.horizontalHeader().ResizeMode.Stretch
        )
        self.table.verticalHeader().hide()
        self.give_button = QPushButton(self.tr("&Nytt samtycke …"), self)
        self.scope_button = QPushButton(self.tr("Ändra &omfattning …"), self)
        self.withdraw_button = QPushButton(self.tr("&Återkalla"), self)
        self.give_button.clicked.connect(self.give)
        self.scope_button.clicked.connect(self.edit_scope)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.banner = Banner(self, "error")
        buttons = QHBoxLayout()
        buttons.addWidget(self.give_button)
        buttons.addWidget(self.scope_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
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
        self.give_button.setEnabled(True)
        self.table.setRowCount(len(self.items))
        for row, c in enumerate(self.items):
            who = labels.recipient_kind(c.recipient_kind)
            if c.recipient_name:
                who += f" – {c.recipient_name}"
            areas = ", ".join(self.area_titles.get(a, a) for a in c.scope_areas)
            values = [
                who,
                areas,
                c.given_on.isoformat(),
                c.withdrawn_on.isoformat() if c.withdrawn_on else "",
            ]
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self._selection_changed()

    def selected(self) -> ConsentInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.items[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        current = self.selected()
        active = current is not None and current.withdrawn_on is None and not self.busy
        self.scope_button.setEnabled(active)
        self.withdraw_button.setEnabled(active)

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
        if current is not None:
            self._open_dialog(current)

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
