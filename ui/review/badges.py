"""The caseworker's decision badge: "Beslut (2)" in the toolbar when a supervisor has approved
or returned one of their plans since they last looked, and the list of those decisions.

Showing the list marks exactly the decisions it shows as seen (a decision made while it was
open still counts next time).

``DecisionBadgeAction(services, action, parent)``; :meth:`DecisionBadgeAction.refresh` reads
the badges in the background (``ws.review.badges``), and marking them seen runs there too."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.server.review import DecisionBadge
from ui.review.plan_review import decision_label
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time


class DecisionsDialog(QDialog):
    open_case = Signal(str)  # case id

    def __init__(self, badges: list[DecisionBadge], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badges = badges
        self.setWindowTitle(self.tr("Nya beslut om dina planer"))
        self.resize(760, 360)
        intro = QLabel(
            self.tr("Dubbelklicka på ett beslut för att öppna ärendet."),
            self,
        )
        self.table = QTableWidget(len(badges), 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Ärende"),
                self.tr("Version"),
                self.tr("Beslut"),
                self.tr("Av, när"),
                self.tr("Kommentar"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, b in enumerate(badges):
            values = [
                b.case_ref,
                str(b.plan_version),
                decision_label(b.decision),
                f"{b.decided_by or ''}, {local_time(b.decided_at)}",
                b.comment,
            ]
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _open(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.badges):
            self.open_case.emit(self.badges[row].case_id)
            self.accept()


class DecisionBadgeAction(QObject):
    """Keeps the toolbar action's count and opens the list."""

    open_case = Signal(str)

    def __init__(self, services: Services, action: QAction, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.action = action
        self.parent_widget = parent
        self.badges: list[DecisionBadge] = []
        self.loading = False
        self.dialog: DecisionsDialog | None = None
        action.triggered.connect(self.show_decisions)
        self._set_count()

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        ws = self.services.ws
        run_task(ws.review.badges, self._loaded, self._failed, owner=self)

    def _loaded(self, badges: list[DecisionBadge]) -> None:
        self.loading = False
        self.badges = badges
        self._set_count()

    def _failed(self, _error: BaseException) -> None:
        self.loading = False  # the count stays as it was; the next refresh tries again

    def _set_count(self) -> None:
        n = len(self.badges)
        self.action.setText(self.tr("&Beslut ({n})").format(n=n) if n else self.tr("&Beslut"))
        self.action.setToolTip(
            self.tr("{n} nya beslut om dina planer").format(n=n)
            if n
            else self.tr("Inga nya beslut om dina planer")
        )
        font = self.action.font()
        font.setBold(bool(n))
        self.action.setFont(font)

    def show_decisions(self) -> None:
        shown = list(self.badges)
        dialog = DecisionsDialog(shown, self.parent_widget)
        dialog.open_case.connect(self.open_case)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        if shown:
            ws = self.services.ws

            def seen(_result: object) -> None:
                self.badges = [b for b in self.badges if b not in shown]
                self._set_count()

            # on failure they stay unseen and are shown again next time
            run_task(lambda: ws.review.mark_seen(shown), seen, lambda _e: None, owner=self)
