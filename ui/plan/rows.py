"""Editors for one goal and one action of a plan."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records import plans
from assessment_app.records.plans import Action, Goal
from assessment_app.records.providers import ProviderInfo
from ui.cases import labels
from ui.widgets.date_field import OptionalDateEdit


class ActionRow(QFrame):
    remove_requested = Signal(object)
    changed = Signal()

    def __init__(
        self, action: Action, providers: list[ProviderInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.action_id = action.id
        self.follow_up = action.follow_up
        self.outcome = action.outcome
        self.setObjectName("action")
        self.setStyleSheet("QFrame#action { border-top: 1px solid #d0d5db; }")
        self.what = QLineEdit(action.what, self)
        self.what.setPlaceholderText(self.tr("Vad ska göras?"))
        self.what.setAccessibleName(self.tr("Insats"))
        self.responsible = QComboBox(self)
        self.responsible.setAccessibleName(self.tr("Ansvarig"))
        for code in plans.RESPONSIBLE_KINDS:
            self.responsible.addItem(labels.responsible_kind(code), code)
        self.responsible.setCurrentIndex(self.responsible.findData(action.responsible_kind))
        self.provider = QComboBox(self)
        self.provider.setAccessibleName(self.tr("Utförare"))
        for p in providers:  # an inactive provider only where it is already assigned
            if p.active or p.id == action.provider_id:
                self.provider.addItem(p.name, p.id)
        if action.provider_id:
            self.provider.setCurrentIndex(max(0, self.provider.findData(action.provider_id)))
        self.name = QLineEdit(action.responsible_name, self)
        self.name.setPlaceholderText(self.tr("Vem (namn eller myndighet)"))
        self.due = OptionalDateEdit(self, self.tr("Klart senast"))
        self.due.set_value(action.due_on)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for code in plans.ACTION_STATUSES:
            self.status.addItem(labels.action_status(code), code)
        self.status.setCurrentIndex(self.status.findData(action.status))
        remove = QPushButton(self.tr("Ta bort insatsen"), self)
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Insats:"), self))
        top.addWidget(self.what, 1)
        top.addWidget(remove)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Ansvarig:"), self))
        bottom.addWidget(self.responsible)
        bottom.addWidget(self.provider, 1)
        bottom.addWidget(self.name, 1)
        bottom.addWidget(self.due)
        bottom.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.responsible.currentIndexChanged.connect(self._responsible_changed)
        for signal in (
            self.what.textChanged,
            self.name.textChanged,
            self.due.changed,
            self.status.currentIndexChanged,
            self.provider.currentIndexChanged,
            self.responsible.currentIndexChanged,
        ):
            signal.connect(self.changed)
        self._responsible_changed()

    def _responsible_changed(self, *_args: object) -> None:
        is_provider = self.responsible.currentData() == "provider"
        self.provider.setVisible(is_provider)
        self.name.setVisible(not is_provider)

    def value(self, goal_id: str) -> Action:
        kind = self.responsible.currentData()
        provider_id = self.provider.currentData() if kind == "provider" else None
        name = self.provider.currentText() if kind == "provider" else self.name.text().strip()
        return Action(
            what=self.what.text().strip(),
            responsible_kind=kind,
            goal_id=goal_id,
            responsible_name=name,
            provider_id=provider_id,
            due_on=self.due.value(),
            status=self.status.currentData(),
            follow_up=self.follow_up,
            outcome=self.outcome,
            id=self.action_id,
        )


class GoalBox(QGroupBox):
    remove_requested = Signal(object)
    changed = Signal()

    def __init__(
        self,
        goal: Goal,
        area_title: str,
        actions: list[Action],
        providers: list[ProviderInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(area_title, parent)
        self.goal_id = goal.id
        self.area_id = goal.area_id
        self.providers = providers
        self.text = QLineEdit(goal.text, self)
        self.text.setPlaceholderText(self.tr("Målet med personens egna ord"))
        self.text.setAccessibleName(self.tr("Mål för {area}").format(area=area_title))
        self.text.textChanged.connect(self.changed)
        self.rows: list[ActionRow] = []
        self.rows_layout = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Lägg till &insats"), self)
        self.add_button.clicked.connect(lambda: self.add_action().what.setFocus())
        remove = QPushButton(self.tr("Ta bort målet"), self)
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Mål:"), self))
        head.addWidget(self.text, 1)
        head.addWidget(remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.rows_layout)
        layout.addLayout(buttons)
        for action in actions:
            self.add_action(action)

    def add_action(self, action: Action | None = None) -> ActionRow:
        row = ActionRow(
            action or Action(what="", responsible_kind="individual"), self.providers, self
        )
        row.remove_requested.connect(self._remove)
        row.changed.connect(self.changed)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self.changed.emit()
        return row

    def _remove(self, row: ActionRow) -> None:
        self.rows.remove(row)
        row.deleteLater()
        self.changed.emit()

    def goal(self) -> Goal:
        return Goal(self.area_id, self.text.text().strip(), self.goal_id)

    def action_values(self) -> list[Action]:
        return [row.value(self.goal_id) for row in self.rows]

    def set_read_only(self, read_only: bool) -> None:
        for child in self.findChildren(QWidget):
            child.setEnabled(not read_only)
