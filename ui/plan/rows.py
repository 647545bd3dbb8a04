"""Editors for one goal and one action of a plan.

Tab goes through a row in reading order (what, who, by when, status, how it is followed up,
the outcome) and never lands on a remove button: those take a click, or the editor's keyboard
shortcut (:data:`REMOVE_SHORTCUT`), and the editor can undo a removal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

REMOVE_SHORTCUT = "Ctrl+Shift+Del"
FINISHED = ("done", "cancelled")  # at these the outcome is asked for


def _remove_button(text: str, tooltip: str, parent: QWidget) -> QPushButton:
    """A remove button out of the Tab order (one Tab too many must not delete anything)."""
    button = QPushButton(text, parent)
    button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    button.setAutoDefault(False)
    button.setToolTip(tooltip)
    button.setAccessibleDescription(tooltip)
    return button


class ActionRow(QFrame):
    remove_requested = Signal(object)
    changed = Signal()

    def __init__(
        self, action: Action, providers: list[ProviderInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.action_id = action.id
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
        self.provider.addItem(self.tr("Välj utförare …"), None)
        for p in providers:  # an inactive provider only where it is already assigned
            if p.active or p.id == action.provider_id:
                self.provider.addItem(p.name, p.id)
        if action.provider_id:
            self.provider.setCurrentIndex(max(0, self.provider.findData(action.provider_id)))
        self.name = QLineEdit(action.responsible_name, self)
        self.name.setPlaceholderText(self.tr("Vem (namn eller myndighet)"))
        self.name.setAccessibleName(self.tr("Vem som ansvarar"))
        self.due = OptionalDateEdit(self, self.tr("Klart senast"))
        self.due.set_value(action.due_on)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for code in plans.ACTION_STATUSES:
            self.status.addItem(labels.action_status(code), code)
        self.status.setCurrentIndex(self.status.findData(action.status))
        self.follow_up = QLineEdit(action.follow_up, self)
        self.follow_up.setPlaceholderText(self.tr("till exempel: Vi går igenom det på nästa möte"))
        self.follow_up.setAccessibleName(self.tr("Så följer vi upp"))
        self.outcome = QLineEdit(action.outcome, self)
        self.outcome.setPlaceholderText(self.tr("Vad blev det? Skrivs vid uppföljningen"))
        self.outcome.setAccessibleName(self.tr("Resultat"))
        self.outcome_label = QLabel(self.tr("Resultat:"), self)
        self.outcome_button = QPushButton(self.tr("Resultat …"), self)
        self.outcome_button.setAutoDefault(False)
        self.outcome_button.setToolTip(self.tr("Skriv vad insatsen ledde till"))
        self.outcome_button.clicked.connect(self.show_outcome)
        self._outcome_asked = bool(action.outcome.strip())
        self.remove_button = _remove_button(
            self.tr("Ta bort insatsen"),
            self.tr("Tar bort insatsen (kan ångras). Med tangentbordet: {keys}").format(
                keys=REMOVE_SHORTCUT.replace("Shift", "Skift")
            ),
            self,
        )
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Insats:"), self))
        top.addWidget(self.what, 1)
        top.addWidget(self.remove_button)
        middle = QHBoxLayout()
        middle.addWidget(QLabel(self.tr("Ansvarig:"), self))
        middle.addWidget(self.responsible)
        middle.addWidget(self.provider, 1)
        middle.addWidget(self.name, 1)
        middle.addWidget(self.due)
        middle.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Så följer vi upp:"), self))
        bottom.addWidget(self.follow_up, 1)
        bottom.addWidget(self.outcome_label)
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(self.outcome_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addLayout(bottom)
        self.responsible.currentIndexChanged.connect(self._responsible_changed)
        self.status.currentIndexChanged.connect(self._status_changed)
        for signal in (
            self.what.textChanged,
            self.name.textChanged,
            self.due.changed,
            self.status.currentIndexChanged,
            self.provider.currentIndexChanged,
            self.responsible.currentIndexChanged,
            self.follow_up.textChanged,
            self.outcome.textChanged,
        ):
            signal.connect(self.changed)
        self._responsible_changed()
        self._status_changed()

    def _responsible_changed(self, *_args: object) -> None:
        is_provider = self.responsible.currentData() == "provider"
        self.provider.setVisible(is_provider)
        self.name.setVisible(not is_provider)

    def _status_changed(self, *_args: object) -> None:
        """The outcome field shows when the action is done or cancelled, or when asked for
        (or already written); otherwise a small "Resultat …" button stands in its place."""
        shown = self._outcome_asked or self.status.currentData() in FINISHED
        for widget in (self.outcome_label, self.outcome):
            widget.setVisible(shown)
        self.outcome_button.setVisible(not shown)

    def show_outcome(self) -> None:
        self._outcome_asked = True
        self._status_changed()
        self.outcome.setFocus()

    def focus_chain(self) -> list[QWidget]:
        """The row's fields in reading order; the remove button is not among them."""
        return [
            self.what,
            self.responsible,
            self.provider,
            self.name,
            self.due.check,
            self.due.edit,
            self.status,
            self.follow_up,
            self.outcome,
            self.outcome_button,
        ]

    def value(self, goal_id: str) -> Action:
        kind = self.responsible.currentData()
        provider_id = self.provider.currentData() if kind == "provider" else None
        name = (
            (self.provider.currentText() if provider_id else "")
            if kind == "provider"
            else self.name.text().strip()
        )
        return Action(
            what=self.what.text().strip(),
            responsible_kind=kind,
            goal_id=goal_id,
            responsible_name=name,
            provider_id=provider_id,
            due_on=self.due.value(),
            status=self.status.currentData(),
            follow_up=self.follow_up.text().strip(),
            outcome=self.outcome.text().strip(),
            id=self.action_id,
        )


class GoalBox(QGroupBox):
    remove_requested = Signal(object)
    remove_action_requested = Signal(object, object)  # (goal box, action row)
    changed = Signal()
    structure_changed = Signal()  # a row came or went: the editor puts the Tab order right

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
        self.area_title = area_title
        self.providers = providers
        self.text = QLineEdit(goal.text, self)
        self.text.setPlaceholderText(self.tr("Målet med personens egna ord"))
        self.text.setAccessibleName(self.tr("Mål för {area}").format(area=area_title))
        self.text.textChanged.connect(self.changed)
        self.rows: list[ActionRow] = []
        self.rows_layout = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Lägg till &insats"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_action().what.setFocus())
        self.remove_button = _remove_button(
            self.tr("Ta bort målet"),
            self.tr(
                "Tar bort målet och dess insatser (kan ångras). Med tangentbordet i målets "
                "textruta: {keys}"
            ).format(keys=REMOVE_SHORTCUT.replace("Shift", "Skift")),
            self,
        )
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Mål:"), self))
        head.addWidget(self.text, 1)
        head.addWidget(self.remove_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.rows_layout)
        layout.addLayout(buttons)
        for action in actions:
            self.add_action(action)

    def add_action(self, action: Action | None = None, index: int | None = None) -> ActionRow:
        row = ActionRow(
            action or Action(what="", responsible_kind="individual"), self.providers, self
        )
        row.remove_requested.connect(lambda r: self.remove_action_requested.emit(self, r))
        row.changed.connect(self.changed)
        at = len(self.rows) if index is None else max(0, min(index, len(self.rows)))
        self.rows.insert(at, row)
        self.rows_layout.insertWidget(at, row)
        if not self.isEnabled() or not self.text.isEnabled():
            row.setEnabled(False)
        self.changed.emit()
        self.structure_changed.emit()
        return row

    def take_row(self, row: ActionRow) -> int:
        """Take a row away (the editor keeps what it held, to undo); returns where it was."""
        index = self.rows.index(row)
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.changed.emit()
        self.structure_changed.emit()
        return index

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.text]
        for row in self.rows:
            chain += row.focus_chain()
        return [*chain, self.add_button]

    def goal(self) -> Goal:
        return Goal(self.area_id, self.text.text().strip(), self.goal_id)

    def action_values(self) -> list[Action]:
        return [row.value(self.goal_id) for row in self.rows]

    def set_read_only(self, read_only: bool) -> None:
        for child in self.findChildren(QWidget):
            child.setEnabled(not read_only)
        if not read_only:
            for row in self.rows:  # the date fields enable their edit with their box
                row.due.edit.setEnabled(row.due.check.isChecked())
