"""Assessments (with the radar chart over time), plans and follow-ups of one case.

Each tab reads its data in the background when it is shown (``reload``), and every button
that starts or changes something runs in the background with the button disabled meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records import followups, plans
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.server import progress
from assessment_app.server.progress import FollowUpChanges
from ui.cases import labels
from ui.followup.actions import start_follow_up
from ui.followup.comparison import FollowUpComparison
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.loader import Loader
from ui.widgets.radar import RadarChart, Series


@dataclass(frozen=True)
class AssessmentsData:
    items: list[AssessmentInfo]
    axes: list[tuple[str, str]]  # (area id, title) of the newest template
    template_error: BaseException | None = None  # the radar cannot be drawn


@dataclass(frozen=True)
class FollowUpsData:
    items: list[followups.FollowUpInfo]
    changes: FollowUpChanges


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


def select_row_of(table: QTableWidget, ids: list[str], target_id: str | None) -> bool:
    """Select and show the row whose item has ``target_id`` (a reminder's target)."""
    if target_id is None or target_id not in ids:
        return False
    row = ids.index(target_id)
    table.selectRow(row)
    table.setCurrentCell(row, 0)
    table.scrollToItem(table.item(row, 0))
    return True


def _selected_row(table: QTableWidget) -> int | None:
    rows = {i.row() for i in table.selectedIndexes()}
    return rows.pop() if len(rows) == 1 else None


class AssessmentsTab(QWidget):
    open_assessment = Signal(str)

    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.items: list[AssessmentInfo] = []
        self.starting = False
        ws = services.ws

        def fetch() -> AssessmentsData:
            items = ws.cases.assessments(case_id)
            try:
                template = ws.template()
                titles = ws.area_titles(template)
            except Exception as error:  # the list still shows; the banner says why no radar
                return AssessmentsData(items, [], error)
            return AssessmentsData(items, [(a.id, titles[a.id]) for a in template.areas])

        self.loader = Loader(self, fetch, self._loaded, self._failed)
        self.table = _table(
            self,
            [self.tr("Typ"), self.tr("Datum"), self.tr("Status"), self.tr("Områden med behov")],
        )
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.radar = RadarChart(self)
        self.new_button = QPushButton(self.tr("Ny &kartläggning"), self)
        self.follow_up_button = QPushButton(self.tr("Ny &uppföljande skattning"), self)
        self.open_button = QPushButton(self.tr("Ö&ppna"), self)
        self.new_button.clicked.connect(lambda: self.start("initial"))
        self.follow_up_button.clicked.connect(lambda: self.start("follow_up"))
        self.open_button.clicked.connect(self.open_selected)
        self.banner = Banner(self, "error")
        buttons = QHBoxLayout()
        for b in (self.new_button, self.follow_up_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.banner)
        left_layout.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.radar)
        splitter.setSizes([420, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    @property
    def loaded_once(self) -> bool:
        return self.loader.loaded_once

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def reload(self) -> None:
        """Read the assessments again in the background."""
        self.loader.reload()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, data: AssessmentsData) -> None:
        self.items = data.items
        rows = []
        for a in self.items:
            need = [
                k for k, v in a.ratings.items() if max(v.get("worker") or 0, v.get("own") or 0) >= 2
            ]
            rows.append(
                [
                    labels.assessment_kind(a.kind),
                    a.conducted_on.isoformat(),
                    labels.assessment_status(a.status),
                    str(len(need)),
                ]
            )
        _fill(self.table, rows)
        series = []
        for a in self.items:
            if not a.ratings:
                continue
            values = {aid: r.get("worker") for aid, r in a.ratings.items()}
            series.append(Series(f"{labels.assessment_kind(a.kind)} {a.conducted_on}", values))
        self.radar.set_data(data.axes, series[-4:] if data.axes else [])
        if data.template_error is not None:
            self.banner.show_message(error_message(data.template_error), "error")
        else:
            self.banner.clear()

    def start(self, kind: str) -> None:
        """A new assessment (or follow-up assessment) on the newest template."""
        if self.starting:
            return
        self.starting = True
        self._set_start_enabled(False)
        ws, case_id = self.services.ws, self.case_id
        run_task(
            lambda: ws.interviews.start(case_id, kind),
            self._started,
            self._start_failed,
            owner=self,
        )

    def _set_start_enabled(self, enabled: bool) -> None:
        self.new_button.setEnabled(enabled)
        self.follow_up_button.setEnabled(enabled)

    def _started(self, info: AssessmentInfo) -> None:
        self.starting = False
        self._set_start_enabled(True)
        self.open_assessment.emit(info.id)

    def _start_failed(self, error: BaseException) -> None:
        self.starting = False
        self._set_start_enabled(True)
        self.banner.show_message(error_message(error), "error")

    def open_selected(self) -> None:
        row = _selected_row(self.table)
        if row is None and self.items:
            row = len(self.items) - 1
        if row is not None:
            self.open_assessment.emit(self.items[row].id)


class PlansTab(QWidget):
    open_plan = Signal(str)

    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.items: list[plans.PlanInfo] = []
        self.creating = False
        self.to_select: str | None = None  # a plan to select once the list is read
        ws = services.ws
        self.loader = Loader(self, lambda: ws.cases.plans(case_id), self._loaded, self._failed)
        self.table = _table(
            self,
            [
                self.tr("Version"),
                self.tr("Status"),
                self.tr("Mål"),
                self.tr("Insatser"),
                self.tr("Uppföljning"),
            ],
        )
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.new_button = QPushButton(self.tr("Ny &handlingsplan"), self)
        self.open_button = QPushButton(self.tr("Ö&ppna"), self)
        self.new_button.clicked.connect(self.create_plan)
        self.open_button.clicked.connect(self.open_selected)
        self.banner = Banner(self, "error")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)

    @property
    def loaded_once(self) -> bool:
        return self.loader.loaded_once

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def reload(self) -> None:
        """Read the plans again in the background."""
        self.loader.reload()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, items: list[plans.PlanInfo]) -> None:
        self.items = items
        self.banner.clear()
        _fill(
            self.table,
            [
                [
                    str(p.plan_version),
                    labels.review_state(p.review_state),
                    str(len(p.goals)),
                    str(len(p.actions)),
                    p.follow_up_on.isoformat() if p.follow_up_on else "",
                ]
                for p in self.items
            ],
        )
        select_row_of(self.table, [p.id for p in self.items], self.to_select)
        self.to_select = None

    def select(self, plan_id: str) -> None:
        """Select the plan's row (a reminder names it): now, or when the list is read."""
        if self.loading or not select_row_of(self.table, [p.id for p in self.items], plan_id):
            self.to_select = plan_id

    def create_plan(self) -> None:
        """A new plan, with goals prefilled for the areas the latest assessment rated with a
        need (or urgent); the core does it in one transaction."""
        if self.creating:
            return
        self.creating = True
        self.new_button.setEnabled(False)
        ws, case_id = self.services.ws, self.case_id
        run_task(lambda: ws.plans.create(case_id), self._created, self._create_failed, owner=self)

    def _created(self, plan: plans.PlanInfo) -> None:
        self.creating = False
        self.new_button.setEnabled(True)
        self.reload()
        self.open_plan.emit(plan.id)

    def _create_failed(self, error: BaseException) -> None:
        self.creating = False
        self.new_button.setEnabled(True)
        self.banner.show_message(error_message(error), "error")

    def open_selected(self) -> None:
        row = _selected_row(self.table)
        if row is None and self.items:
            row = len(self.items) - 1
        if row is not None:
            self.open_plan.emit(self.items[row].id)


class FollowUpsTab(QWidget):
    """Scheduled follow-ups, starting a follow-up assessment, and the comparison over time."""

    open_assessment = Signal(str)

    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.items: list[followups.FollowUpInfo] = []
        self.busy = False  # a follow-up is being started, planned or marked done
        self.to_select: str | None = None  # a follow-up to select once the list is read
        ws = services.ws

        def fetch() -> FollowUpsData:
            items = ws.cases.follow_ups(case_id)
            return FollowUpsData(items, progress.follow_up_changes(ws.cases.assessments(case_id)))

        self.loader = Loader(self, fetch, self._loaded, self._failed)
        self.table = _table(
            self, [self.tr("Datum"), self.tr("Status"), self.tr("Uppföljande kartläggning")]
        )
        self.table.setMaximumHeight(130)
        self.comparison = FollowUpComparison(services, case_id, self)
        self.new_follow_up_button = QPushButton(self.tr("Ny upp&följning"), self)
        self.new_follow_up_button.setToolTip(
            self.tr(
                "Gör en uppföljande kartläggning med den senaste frågemallen. När den är "
                "slutförd markeras nästa planerade uppföljning som genomförd."
            )
        )
        self.new_follow_up_button.clicked.connect(self.start_follow_up)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        due = date.today() + timedelta(days=90)
        self.date.setDate(QDate(due.year, due.month, due.day))
        date_label = QLabel(self.tr("Ny uppföljning &den:"), self)
        date_label.setBuddy(self.date)
        self.schedule_button = QPushButton(self.tr("&Planera"), self)
        self.done_button = QPushButton(self.tr("Markera som &genomförd"), self)
        self.schedule_button.clicked.connect(self.schedule)
        self.done_button.clicked.connect(self.mark_done)
        self.banner = Banner(self, "error")
        buttons = QHBoxLayout()
        buttons.addWidget(date_label)
        buttons.addWidget(self.date)
        buttons.addWidget(self.schedule_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.new_follow_up_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.comparison, 1)

    @property
    def loaded_once(self) -> bool:
        return self.loader.loaded_once

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def reload(self) -> None:
        """Read the follow-ups and the assessments to compare again, in the background."""
        self.loader.reload()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")
        self.comparison.show_error(error)

    def _loaded(self, data: FollowUpsData) -> None:
        self.items = data.items
        self.banner.clear()
        today = date.today()
        rows = []
        for f in self.items:
            if f.done_on:
                state = self.tr("Genomförd {date}").format(date=f.done_on.isoformat())
            elif f.due_on < today:
                state = self.tr("Försenad")
            else:
                state = self.tr("Planerad")
            linked = self.tr("Ja") if f.assessment_id else ""
            rows.append([f.due_on.isoformat(), state, linked])
        _fill(self.table, rows)
        select_row_of(self.table, [f.id for f in self.items], self.to_select)
        self.to_select = None
        self.comparison.show_changes(data.changes)

    def select(self, follow_up_id: str) -> None:
        """Select the follow-up's row (a reminder names it): now, or when the list is read."""
        if self.loading or not select_row_of(self.table, [f.id for f in self.items], follow_up_id):
            self.to_select = follow_up_id

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.new_follow_up_button, self.schedule_button, self.done_button):
            button.setEnabled(not busy)

    def _action_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_message(error_message(error), "error")

    def _action_done(self, _result: object) -> None:
        self._set_busy(False)
        self.reload()

    def start_follow_up(self) -> None:
        if self.busy:
            return
        self._set_busy(True)
        ws, case_id = self.services.ws, self.case_id

        def started(info: AssessmentInfo) -> None:
            self._set_busy(False)
            self.open_assessment.emit(info.id)

        run_task(lambda: start_follow_up(ws, case_id), started, self._action_failed, owner=self)

    def schedule(self) -> None:
        if self.busy:
            return
        d = self.date.date()
        due, ws, case_id = date(d.year(), d.month(), d.day()), self.services.ws, self.case_id
        self._set_busy(True)
        run_task(
            lambda: ws.cases.schedule_follow_up(case_id, due),
            self._action_done,
            self._action_failed,
            owner=self,
        )

    def mark_done(self) -> None:
        if self.busy:
            return
        row = _selected_row(self.table)
        if row is None:
            self.banner.show_message(self.tr("Välj uppföljningen i listan först."), "info")
            return
        item, ws = self.items[row], self.services.ws
        self._set_busy(True)
        run_task(
            lambda: ws.cases.mark_follow_up_done(item.id, item.version),
            self._action_done,
            self._action_failed,
            owner=self,
        )
