"""Retention (gallring) for administrators: the cases past the retention period as of a date,
with the core's decision and reason for each, and deletion only after an explicit
confirmation: the administrator types the number of cases that will be deleted.

The list holds case references, dates and reason codes, nothing about the person. Listing
and deleting run in the background with progress (``ws.admin.plan_retention`` /
``apply_retention``); deleting can be stopped between cases.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QDate,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessment_app.lifecycle.retention import (
    DECISION_TEXTS,
    REASON_TEXTS,
    RetentionItem,
    RetentionPlan,
    RetentionResult,
)
from ui.cases import labels
from ui.messages import current_language, error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.table_model import Index, RowListModel


def _text(texts: dict[str, tuple[str, str]], code: str) -> str:
    sv, en = texts.get(code, (code, code))
    return en if current_language() == "en" else sv


class Progress(QObject):
    """Carries progress from the worker thread to the UI thread (a queued signal)."""

    changed = Signal(int, int)


class RetentionModel(RowListModel[RetentionItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("Ärende"),
            self.tr("Status"),
            self.tr("Avslutat"),
            self.tr("Sista anteckning"),
            self.tr("Beslut"),
            self.tr("Skäl"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4:
            colour = {"delete": "#9b1c1c", "keep": "#1e6b34", "hold": "#7a4b00"}[item.decision]
            return QBrush(QColor(colour))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            item.case_ref,
            labels.case_status(item.status),
            item.closed_on.isoformat() if item.closed_on else "–",
            item.last_entry_on.isoformat(),
            _text(DECISION_TEXTS, item.decision),
            _text(REASON_TEXTS, item.reason),
        ][index.column()]


class ConfirmDeletionDialog(QDialog):
    """Deleting needs the number of cases typed in: a deliberate act, not one more click."""

    def __init__(self, plan: RetentionPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = len(plan.due)
        self.setWindowTitle(self.tr("Bekräfta gallring"))
        self.setMinimumWidth(480)
        text = QLabel(
            self.tr(
                "<p><b>Antal ärenden som gallras: {n}</b>, enligt beslut per {as_of}. "
                "Allt om ärendena tas bort: uppgifter om personen, kartläggningar, planer, "
                "samtycken, uppföljningar och utkast. Kvar blir bara en loggpost per ärende "
                "med ärendets id, datum och beslut.</p><p>Det går inte att ångra.</p>"
                "<p>Skriv antalet ärenden ({n}) för att bekräfta:</p>"
            ).format(n=self.count, as_of=plan.as_of.isoformat()),
            self,
        )
        text.setWordWrap(True)
        self.typed = QLineEdit(self)
        self.typed.setAccessibleName(self.tr("Antal ärenden som gallras"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.delete_button = buttons.addButton(
            self.tr("&Gallra nu ({n})").format(n=self.count),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.delete_button.setEnabled(False)
        self.typed.textChanged.connect(
            lambda text: self.delete_button.setEnabled(text.strip() == str(self.count))
        )
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.typed)
        layout.addWidget(buttons)

    def _confirm(self) -> None:
        if self.typed.text().strip() == str(self.count):
            self.accept()


class RetentionPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.plan: RetentionPlan | None = None
        self.result: RetentionResult | None = None
        self.busy = False
        self.confirmation: ConfirmDeletionDialog | None = None
        self._stop = threading.Event()
        heading = QLabel(
            self.tr(
                "<h2>Gallring</h2><p>Ärenden vars sista anteckning är äldre än "
                "gallringsfristen. Listan visar ärendenummer, datum och beslut, inget om "
                "personen. Inget tas bort förrän du bekräftar.</p>"
            ),
            self,
        )
        heading.setWordWrap(True)
        self.as_of = QDateEdit(self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setDate(QDate.currentDate())
        self.as_of.setMaximumDate(QDate.currentDate())  # deletion is never run for the future
        self.as_of.setAccessibleName(self.tr("Per datum"))
        as_of_label = QLabel(self.tr("&Per datum:"), self)
        as_of_label.setBuddy(self.as_of)
        self.list_button = QPushButton(self.tr("&Visa ärenden som ska gallras"), self)
        self.list_button.clicked.connect(self.list_cases)
        self.rule = QLabel(self)
        self.rule.setStyleSheet("color: #555;")
        self.model = RetentionModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.banner = Banner(self, "info")
        self.delete_button = QPushButton(self.tr("&Gallra …"), self)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.ask_confirmation)
        self.stop_button = QPushButton(self.tr("&Avbryt gallringen"), self)
        self.stop_button.hide()
        self.stop_button.clicked.connect(self._stop.set)
        self._progress = Progress(self)
        self._progress.changed.connect(self._progressed)
        top = QHBoxLayout()
        top.addWidget(as_of_label)
        top.addWidget(self.as_of)
        top.addWidget(self.list_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.stop_button)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.banner)
        layout.addLayout(bottom)

    def as_of_date(self) -> date:
        d = self.as_of.date()
        return date(d.year(), d.month(), d.day())

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.list_button.setEnabled(not busy)
        self.as_of.setEnabled(not busy)
        self.delete_button.setEnabled(not busy and self.plan is not None and bool(self.plan.due))
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # until the first step reports its total

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    # --- listing ------------------------------------------------------------------------------
    def list_cases(self) -> None:
        if self.busy:
            return
        self._set_busy(True)
        self.banner.show_message(self.tr("Går igenom ärendena …"), "info")
        admin, as_of, progress = self.services.ws.admin, self.as_of_date(), self._progress
        run_task(
            lambda: admin.plan_retention(as_of, progress=progress.changed.emit),
            self._listed,
            self._failed,
            owner=self,
        )

    def _listed(self, plan: RetentionPlan) -> None:
        self.plan = plan
        self.model.set_rows(list(plan.items))
        self.table.resizeColumnsToContents()
        days = ", ".join(str(d) for d in plan.settings.keep_birth_days) or self.tr("inga")
        self.rule.setText(
            self.tr(
                "Regel: {years} år efter sista anteckningen (sista anteckning före {cutoff}). "
                "Bevaras: personer födda dag {days} i månaden."
            ).format(years=plan.settings.years, cutoff=plan.cutoff.isoformat(), days=days)
        )
        self.summary.setText(
            self.tr(
                "{due} gallras, {kept} bevaras, {held} väntar, {review} öppna ärenden behöver "
                "ett beslut om att avslutas (gallras inte)."
            ).format(
                due=len(plan.due),
                kept=len(plan.kept),
                held=len(plan.held),
                review=len(plan.review),
            )
        )
        self._set_busy(False)
        if plan.items:
            self.banner.clear()
        else:
            self.banner.show_message(
                self.tr("Inga ärenden är äldre än gallringsfristen per {as_of}.").format(
                    as_of=plan.as_of.isoformat()
                ),
                "success",
            )

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.stop_button.hide()
        self.banner.show_message(error_message(error), "error")

    # --- deleting -----------------------------------------------------------------------------
    def ask_confirmation(self) -> None:
        if self.plan is None or not self.plan.due or self.busy:
            return
        dialog = ConfirmDeletionDialog(self.plan, self)
        plan = self.plan
        dialog.accepted.connect(lambda: self.apply(plan))
        dialog.finished.connect(dialog.deleteLater)
        self.confirmation = dialog
        dialog.open()

    def apply(self, plan: RetentionPlan) -> None:
        """Only called from the confirmation dialog's accept."""
        if self.busy:
            return
        self._stop.clear()
        self._set_busy(True)
        self.stop_button.show()
        self.banner.show_message(self.tr("Gallrar …"), "warning")
        admin, progress, stop = self.services.ws.admin, self._progress, self._stop
        run_task(
            lambda: admin.apply_retention(
                plan, progress=progress.changed.emit, should_stop=stop.is_set
            ),
            self._applied,
            self._failed,
            owner=self,
        )

    def _applied(self, result: RetentionResult) -> None:
        self.result = result
        self.stop_button.hide()
        self.plan = None
        self.model.set_rows([])
        self._set_busy(False)
        text = self.tr("Gallrade ärenden: {n}.").format(n=len(result.deleted))
        if result.skipped:
            text += " " + self.tr(
                "{n} hoppades över eftersom de hade ändrats sedan listan togs fram."
            ).format(n=len(result.skipped))
        if result.stopped:
            text += " " + self.tr("Gallringen avbröts; resten är kvar.")
        self.summary.setText(self.tr("Visa listan igen för att se vad som är kvar."))
        self.banner.show_message(text, "success")
