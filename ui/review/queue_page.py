"""The supervisor's review queue: plans waiting for review, overdue follow-ups, urgent flags,
requests to close a case (where the unit makes closing a supervisor's decision; opened to
decide in the case view), consents that end (within the unit's warning days, or in the
last 14 days) in the unit, and safety plans (skyddsplaner) submitted for review, reviewed
beside the list (:mod:`ui.review.safety_review`). Case references only: a name is shown once a
case or a plan is opened (the core audits that); the safety plans show none.

Opened with ``ReviewQueuePage(services, parent)``; nothing is read until :meth:`refresh`, which
reads the queue (``ws.review.queue``, audited), the waiting safety plans
(``ws.safety.waiting_for_review``; a supervisor's only: other roles do not see the tab) and the
area titles in the background. A decision on a safety plan refreshes the queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.safety import WaitingSafetyPlan
from assessment_app.server.review import ApprovedPlan, EndingConsent, ReviewQueue, WaitingPlan
from ui.cases import labels
from ui.messages import error_message
from ui.review.safety_review import SafetyReviewPanel
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class QueueData:
    queue: ReviewQueue
    area_titles: dict[str, str]  # area id -> title (and the consent section's id)
    template_error: BaseException | None = None  # no titles: the banner says why
    safety_plans: list[WaitingSafetyPlan] = field(default_factory=list)


def _table(parent: QWidget, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[tuple[object, Sequence[str]]]) -> None:
    table.setRowCount(len(rows))
    for number, (payload, values) in enumerate(rows):
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setData(ROW_ROLE, payload)
            table.setItem(number, column, item)
    table.resizeColumnsToContents()
    if rows:
        table.selectRow(0)


class ReviewQueuePage(QWidget):
    review_plan = Signal(object)  # WaitingPlan or ApprovedPlan
    open_case = Signal(str)  # case id

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.queue: ReviewQueue | None = None
        self.loading = False
        self.today: date | None = None  # None: today (tests pass a date)
        heading = QLabel(self.tr("<h2>Granskning</h2>"), self)
        self.summary = QLabel(self)
        self.banner = Banner(self, "error")
        self.tabs = QTabWidget(self)
        self.waiting = _table(
            self, [self.tr("Ärende"), self.tr("Version"), self.tr("Inskickad"), self.tr("Av")]
        )
        self.overdue = _table(
            self,
            [
                self.tr("Ärende"),
                self.tr("Skulle följas upp"),
                self.tr("Dagar sen"),
                self.tr("Handläggare"),
            ],
        )
        self.urgent = _table(
            self,
            [
                self.tr("Ärende"),
                self.tr("Sedan"),
                self.tr("Område"),
                self.tr("Vad"),
                self.tr("Status"),
            ],
        )
        self.approved = _table(
            self,
            [self.tr("Ärende"), self.tr("Version"), self.tr("Godkänd"), self.tr("Av")],
        )
        self.ending = _table(
            self,
            [self.tr("Ärende"), self.tr("Mottagare"), self.tr("Sista dag"), self.tr("Status")],
        )
        self.close_requests = _table(self, [self.tr("Ärende"), self.tr("Begärt"), self.tr("Av")])
        self.is_supervisor = services.ctx.role == "supervisor"
        self.safety_plans: list[WaitingSafetyPlan] = []
        self.safety_page = QWidget(self)
        self.safety = _table(
            self.safety_page,
            [
                self.tr("Ärende"),
                self.tr("Version"),
                self.tr("Inskickad"),
                self.tr("Av"),
                self.tr("Ses över senast"),
            ],
        )
        self.safety_review = SafetyReviewPanel(services, self.safety_page)
        self.open_safety_button = QPushButton(self.tr("Vi&sa skyddsplanen"), self.safety_page)
        self.open_safety_button.clicked.connect(self._open_selected_safety)
        self.safety.doubleClicked.connect(self._open_selected_safety)
        self.safety_review.decided.connect(lambda _decision: self.refresh())
        safety_left = QWidget(self.safety_page)
        self.safety_left = safety_left
        left_layout = QVBoxLayout(safety_left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.safety, 1)
        left_row = QHBoxLayout()
        left_row.addStretch(1)
        left_row.addWidget(self.open_safety_button)
        left_layout.addLayout(left_row)
        safety_split = QSplitter(self.safety_page)
        safety_split.addWidget(safety_left)
        safety_split.addWidget(self.safety_review)
        safety_split.setStretchFactor(0, 2)
        safety_split.setStretchFactor(1, 3)
        safety_layout = QVBoxLayout(self.safety_page)
        safety_layout.addWidget(safety_split)
        self.tabs.addTab(self.waiting, "")
        self.tabs.addTab(self.overdue, "")
        self.tabs.addTab(self.urgent, "")
        self.tabs.addTab(self.approved, "")
        self.tabs.addTab(self.ending, "")
        self.tabs.addTab(self.close_requests, "")
        self.tabs.addTab(self.safety_page, "")
        self.safety_tab_index = self.tabs.indexOf(self.safety_page)
        self.tabs.setTabVisible(self.safety_tab_index, self.is_supervisor)
        self.review_button = QPushButton(self.tr("&Granska planen …"), self)
        self.open_case_button = QPushButton(self.tr("&Öppna ärendet"), self)
        self.refresh_button = QPushButton(self.tr("&Uppdatera"), self)
        self.review_button.clicked.connect(self._review_selected)
        self.open_case_button.clicked.connect(self._open_selected_case)
        self.refresh_button.clicked.connect(self.refresh)
        self.waiting.doubleClicked.connect(self._review_selected)
        self.approved.doubleClicked.connect(self._review_selected)
        self.overdue.doubleClicked.connect(self._open_selected_case)
        self.urgent.doubleClicked.connect(self._open_selected_case)
        self.ending.doubleClicked.connect(self._open_selected_case)
        self.close_requests.doubleClicked.connect(self._open_selected_case)
        self.tabs.currentChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_case_button)
        buttons.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._set_titles(None)
        self._fit_safety_list()

    def _fit_safety_list(self) -> None:
        """The safety list's pane is at least as wide as its columns, so that no heading ("Ses
        över senast") is cut off when the review panel beside it takes the rest."""
        table = self.safety
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        needed = sum(
            max(table.columnWidth(c), header.sectionSizeHint(c)) for c in range(table.columnCount())
        )
        needed += 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        self.safety_left.setMinimumWidth(needed)

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        self.refresh_button.setEnabled(False)
        ws, today, consent = self.services.ws, self.today, self.tr("Samtycke")
        supervisor = self.is_supervisor

        def fetch() -> QueueData:
            queue = ws.review.queue(today)
            waiting_safety = ws.safety.waiting_for_review() if supervisor else []
            try:
                template = ws.template()
                titles = ws.area_titles(template)
            except Exception as error:  # the queue still shows; the banner says why
                return QueueData(queue, {}, error, waiting_safety)
            titles[template.consent.id] = consent
            return QueueData(queue, titles, None, waiting_safety)

        run_task(fetch, self._loaded, self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, data: QueueData) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.banner.clear()
        queue = self.queue = data.queue
        _fill(
            self.waiting,
            [
                (
                    w,
                    [
                        w.case_ref,
                        str(w.plan_version),
                        local_time(w.submitted_at),
                        w.submitted_by or "",
                    ],
                )
                for w in queue.waiting
            ],
        )
        _fill(
            self.overdue,
            [
                (
                    f.case_id,
                    [
                        f.case_ref,
                        f.due_on.isoformat(),
                        str(f.days_overdue),
                        f.assigned_username or "",
                    ],
                )
                for f in queue.overdue
            ],
        )
        titles = data.area_titles
        language = self.services.language
        _fill(
            self.urgent,
            [
                (
                    u.case_id,
                    [
                        u.case_ref,
                        local_time(u.raised_at),
                        titles.get(u.area_id, u.area_id),
                        u.message(language),
                        self.tr("ESKALERAD") if u.escalated else self.tr("Öppen"),
                    ],
                )
                for u in queue.urgent
            ],
        )
        _fill(
            self.approved,
            [
                (
                    a,
                    [
                        a.case_ref,
                        str(a.plan_version),
                        local_time(a.approved_at),
                        a.approved_by or "",
                    ],
                )
                for a in queue.approved
            ],
        )
        _fill(
            self.ending,
            [
                (
                    e.case_id,
                    [
                        e.case_ref,
                        labels.recipient_kind(e.recipient_kind),
                        e.valid_until.isoformat(),
                        self._ending_text(e),
                    ],
                )
                for e in queue.ending_consents
            ],
        )
        _fill(
            self.close_requests,
            [
                (c.case_id, [c.case_ref, local_time(c.requested_at), c.requested_by or ""])
                for c in queue.close_requests
            ],
        )
        self.safety_plans = data.safety_plans
        _fill(
            self.safety,
            [
                (
                    s,
                    [
                        s.case_ref,
                        str(s.plan_version),
                        local_time(s.submitted_at) if s.submitted_at else "",
                        s.submitted_by or "",
                        s.review_due_on.isoformat(),
                    ],
                )
                for s in self.safety_plans
            ],
        )
        self._fit_safety_list()
        for row, e in enumerate(queue.ending_consents):
            if not e.ended:
                continue
            for column in range(self.ending.columnCount()):
                self.ending.item(row, column).setForeground(QBrush(QColor("#9b1c1c")))
        self._set_titles(queue)
        self._update_buttons()
        if data.template_error is not None:
            self.banner.show_message(error_message(data.template_error), "error")

    def _ending_text(self, e: EndingConsent) -> str:
        if e.days_left < -1:
            return self.tr("Upphörde för {n} dagar sedan").format(n=-e.days_left)
        if e.days_left == -1:
            return self.tr("Upphörde i går")
        if e.days_left == 0:
            return self.tr("Sista dagen i dag")
        if e.days_left == 1:
            return self.tr("Upphör i morgon")
        return self.tr("Upphör om {n} dagar").format(n=e.days_left)

    def _set_titles(self, queue: ReviewQueue | None) -> None:
        counts = (len(queue.waiting), len(queue.overdue), len(queue.urgent)) if queue else (0, 0, 0)
        self.tabs.setTabText(0, self.tr("Väntar på granskning ({n})").format(n=counts[0]))
        self.tabs.setTabText(1, self.tr("Försenade uppföljningar ({n})").format(n=counts[1]))
        self.tabs.setTabText(2, self.tr("Akuta flaggor ({n})").format(n=counts[2]))
        approved = len(queue.approved) if queue else 0
        self.tabs.setTabText(3, self.tr("Godkända, att skriva ut ({n})").format(n=approved))
        ending = len(queue.ending_consents) if queue else 0
        self.tabs.setTabText(4, self.tr("Samtycken som upphör ({n})").format(n=ending))
        closing = len(queue.close_requests) if queue else 0
        self.tabs.setTabText(5, self.tr("Begärda avslut ({n})").format(n=closing))
        safety = len(self.safety_plans) if queue else 0
        self.tabs.setTabText(self.safety_tab_index, self.tr("Skyddsplaner ({n})").format(n=safety))
        if queue is None:
            self.summary.setText(self.tr("Hämtar enhetens kö …"))
        elif queue.total == 0 and safety == 0:
            self.summary.setText(self.tr("Inget väntar på dig just nu."))
        else:
            self.summary.setText(
                self.tr("Ärendena visas med ärendenummer. Namnet visas när du öppnar ärendet.")
            )

    # --- acting on a row ----------------------------------------------------------------------
    def _selected(self, table: QTableWidget) -> object:
        items = table.selectedItems()
        return items[0].data(ROW_ROLE) if items else None

    def _update_buttons(self) -> None:
        current = self.tabs.currentWidget()
        self.review_button.setVisible(current is not self.safety_page)  # reviewed beside
        self.review_button.setEnabled(
            (current is self.waiting and self.waiting.rowCount() > 0)
            or (current is self.approved and self.approved.rowCount() > 0)
        )
        table = self.safety if current is self.safety_page else current
        self.open_case_button.setEnabled(isinstance(table, QTableWidget) and table.rowCount() > 0)
        self.open_safety_button.setEnabled(self.safety.rowCount() > 0)

    def _review_selected(self) -> None:
        """Open the selected plan: for a decision (waiting) or to print it (approved)."""
        table = self.approved if self.tabs.currentWidget() is self.approved else self.waiting
        selected = self._selected(table)
        if isinstance(selected, WaitingPlan | ApprovedPlan):
            self.review_plan.emit(selected)

    def _open_selected_safety(self) -> None:
        """Show the selected safety plan beside the list, to approve or return it."""
        selected = self._selected(self.safety)
        if isinstance(selected, WaitingSafetyPlan):
            self.safety_review.open(selected)

    def _open_selected_case(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.safety_page:
            current = self.safety
        if not isinstance(current, QTableWidget):
            return
        payload = self._selected(current)
        if isinstance(payload, WaitingPlan | ApprovedPlan | WaitingSafetyPlan):
            self.open_case.emit(payload.case_id)
        elif isinstance(payload, str):
            self.open_case.emit(payload)
