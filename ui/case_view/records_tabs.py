"""Assessments (with the radar chart over time), plans and follow-ups of one case."""

from __future__ import annotations

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

from assessment_app.errors import AppError
from assessment_app.records import assessments, followups, plans
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.templates.engine import evaluate
from assessment_app.templates.ratings import AreaRating
from ui.cases import labels
from ui.followup.actions import start_follow_up
from ui.followup.comparison import FollowUpComparison
from ui.messages import error_message
from ui.services import Services
from ui.widgets.banner import Banner
from ui.widgets.radar import RadarChart, Series


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
        self.reload()

    def reload(self) -> None:
        self.items = assessments.list_assessments(self.services.ctx, self.case_id)
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
        self._update_radar()

    def _update_radar(self) -> None:
        try:
            template = self.services.templates.latest()
        except Exception:
            self.radar.set_data([], [])
            return
        axes = [(a.id, a.title.text(self.services.language)) for a in template.areas]
        series = []
        for a in self.items:
            if not a.ratings:
                continue
            values = {aid: r.get("worker") for aid, r in a.ratings.items()}
            series.append(Series(f"{labels.assessment_kind(a.kind)} {a.conducted_on}", values))
        self.radar.set_data(axes, series[-4:])

    def start(self, kind: str) -> None:
        try:
            template = self.services.templates.latest()
            info = assessments.start_assessment(
                self.services.ctx, self.case_id, template.id, template.version, kind=kind
            )
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.open_assessment.emit(info.id)

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
        self.reload()

    def reload(self) -> None:
        self.items = plans.list_plans(self.services.ctx, self.case_id)
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

    def create_plan(self) -> None:
        """A new plan, with goals prefilled for the areas the latest assessment rated with a
        need (or urgent)."""
        ctx = self.services.ctx
        try:
            done = assessments.list_assessments(ctx, self.case_id)
            latest = done[-1] if done else None
            goals: list[plans.Goal] = []
            if latest is not None:
                template = self.services.templates.get(latest.template_id, latest.template_version)
                ratings = {
                    k: AreaRating(
                        own=v.get("own"),
                        worker=v.get("worker"),
                        reason=v.get("reason", ""),
                        flags=set(v.get("flags", ())),
                    )
                    for k, v in latest.ratings.items()
                }
                result = evaluate(template, latest.answers, ratings)
                need = [aid for aid in template.area_ids() if result.area_summaries[aid].needs_help]
                titles = {a.id: a.title.text(self.services.language) for a in template.areas}
                goals = plans.goals_from_needs(need, titles)
            plan = plans.create_plan(
                ctx, self.case_id, assessment_id=latest.id if latest else None, goals=goals
            )
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.reload()
        self.open_plan.emit(plan.id)

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
        self.reload()

    def reload(self) -> None:
        self.items = followups.list_for_case(self.services.ctx, self.case_id)
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
        self.comparison.reload()

    def start_follow_up(self) -> None:
        try:
            info = start_follow_up(self.services.ctx, self.services.templates, self.case_id)
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.open_assessment.emit(info.id)

    def schedule(self) -> None:
        d = self.date.date()
        try:
            followups.schedule(self.services.ctx, self.case_id, date(d.year(), d.month(), d.day()))
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.reload()

    def mark_done(self) -> None:
        row = _selected_row(self.table)
        if row is None:
            self.banner.show_message(self.tr("Välj uppföljningen i listan först."), "info")
            return
        item = self.items[row]
        try:
            followups.mark_done(self.services.ctx, item.id, item.version)
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.reload()
