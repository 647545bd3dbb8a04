"""Consents to share information: give (per recipient and areas), edit scope, withdraw."""

from __future__ import annotations

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

from assessment_app.errors import AppError
from assessment_app.records import consents, providers
from assessment_app.records.consents import ConsentInfo
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.widgets.banner import Banner


class ConsentDialog(QDialog):
    """Give a consent, or (with ``existing``) change which areas it covers."""

    def __init__(
        self,
        services: Services,
        case_id: str,
        area_titles: dict[str, str],
        existing: ConsentInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.existing = existing
        self.setProperty("restore_after_lock", True)  # hidden, not closed, by the screen lock
        self.setWindowTitle(
            self.tr("Ändra samtyckets omfattning") if existing else self.tr("Nytt samtycke")
        )
        self.recipient = QComboBox(self)
        for code in consents.RECIPIENT_KINDS:
            self.recipient.addItem(labels.recipient_kind(code), code)
        self.provider = QComboBox(self)
        for p in providers.list_providers(services.ctx):
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
        ctx = self.services.ctx
        try:
            if self.existing is not None:
                consents.update_scope(
                    ctx, self.existing.id, self.existing.version, self.selected_areas()
                )
            else:
                kind = self.recipient.currentData()
                consents.give_consent(
                    ctx,
                    self.case_id,
                    kind,
                    self.selected_areas(),
                    provider_id=self.provider.currentData() if kind == "provider" else None,
                    recipient_name=self.recipient_name.text().strip(),
                    note=self.note.text().strip(),
                )
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.accept()


class ConsentsTab(QWidget):
    def __init__(
        self,
        services: Services,
        case_id: str,
        area_titles: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.area_titles = area_titles
        self.items: list[ConsentInfo] = []
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
        self.reload()

    def reload(self) -> None:
        self.items = consents.list_consents(self.services.ctx, self.case_id)
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
        active = current is not None and current.withdrawn_on is None
        self.scope_button.setEnabled(active)
        self.withdraw_button.setEnabled(active)

    def _open_dialog(self, existing: ConsentInfo | None) -> ConsentDialog:
        """Opened without exec(), so the screen lock can hide it and show it again."""
        dialog = ConsentDialog(self.services, self.case_id, self.area_titles, existing, self)
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
        try:
            consents.withdraw(self.services.ctx, current.id, current.version)
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.reload()
