"""Statistics for supervisors (their unit) and administrators (any unit, or all): whole months,
computed in the background with a progress bar (``ws.stats.report``), shown as tables with
bar charts and the radar of mean ratings at intake and at the latest follow-up, and saved as
CSV, XLSX or PDF (``ws.stats.export``, audited).

Only anonymised counts reach this screen: cells from fewer people than the installation's
threshold show as "<N", and the report says which rule was applied.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessment_app.stats.model import Report, Section, Table
from ui.messages import current_language, error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.bars import BarChart
from ui.widgets.radar import RadarChart, Series


class Progress(QObject):
    """Carries progress from the worker thread to the UI thread (a queued signal)."""

    changed = Signal(int, int)


def _month_edit(parent: QWidget, value: QDate, name: str) -> QDateEdit:
    edit = QDateEdit(value, parent)
    edit.setDisplayFormat("yyyy-MM")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit


class TableView(QTableWidget):
    """One table of the report, read-only, as tall as its rows (the page scrolls)."""

    def __init__(self, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(len(table.rows), len(table.columns), parent)
        self.setHorizontalHeaderLabels(list(table.columns))
        self.setVerticalHeaderLabels([r.label for r in table.rows])
        self.setAccessibleName(table.title)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                item = QTableWidgetItem(cell.text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.is_total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if cell.suppressed:
                    item.setToolTip(self.tr("Dolt: bygger på för få personer"))
                self.setItem(r, c, item)
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + 4
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height)


class StatsPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.report: Report | None = None
        self.is_admin = services.ctx.role == "administrator"
        today = QDate.currentDate()
        start = QDate(today.year(), 1, 1) if today.month() > 1 else QDate(today.year() - 1, 1, 1)
        self.date_from = _month_edit(self, start, self.tr("Från och med månad"))
        self.date_to = _month_edit(self, today, self.tr("Till och med månad"))
        self.unit = QComboBox(self)
        self.unit.setAccessibleName(self.tr("Enhet"))
        self.compute_button = QPushButton(self.tr("&Ta fram statistik"), self)
        self.compute_button.clicked.connect(self.compute)
        self.export_button = QPushButton(self.tr("&Spara som …"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_export)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Beräkning av statistiken"))
        self.progress.hide()
        self._progress = Progress(self)
        self._progress.changed.connect(self._progressed)
        self.banner = Banner(self, "error")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #444;")
        self.tabs = QTabWidget(self)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Från:"), self))
        controls.addWidget(self.date_from)
        controls.addWidget(QLabel(self.tr("Till:"), self))
        controls.addWidget(self.date_to)
        controls.addWidget(QLabel(self.tr("Enhet:"), self))
        controls.addWidget(self.unit, 1)
        controls.addWidget(self.compute_button)
        controls.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Statistik</h2>"), self)
        layout.addWidget(title)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.banner)
        layout.addWidget(self.heading)
        layout.addWidget(self.rule)
        layout.addWidget(self.tabs, 1)
        self._load_units()

    # --- units ----------------------------------------------------------------------------
    def _load_units(self) -> None:
        stats = self.services.ws.stats
        run_task(stats.units, self._units_loaded, self._failed, owner=self)

    def _units_loaded(self, names: list[str]) -> None:
        self.unit.clear()
        if self.is_admin:
            self.unit.addItem(self.tr("Alla enheter"), None)
        for name in names:
            self.unit.addItem(name, name)
        self.unit.setEnabled(self.is_admin)

    # --- computing -------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]

    def compute(self) -> None:
        stats, progress = self.services.ws.stats, self._progress
        date_from, date_to = self.period()
        unit = self.unit.currentData() if self.is_admin else None
        language = current_language()
        self._busy(True)
        run_task(
            lambda: stats.report(
                date_from, date_to, unit, language=language, progress=progress.changed.emit
            ),
            self._computed,
            self._failed,
            owner=self,
        )

    def _busy(self, busy: bool) -> None:
        self.compute_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.report is not None)
        self.progress.setVisible(busy)
        if busy:
            self.banner.show_message("")
            self.progress.setRange(0, 0)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.banner.show_message(error_message(error), "error")

    def _computed(self, report: Report) -> None:
        self.report = report
        self._busy(False)
        self.show_report(report)

    def show_report(self, report: Report) -> None:
        self.heading.setText(f"<b>{report.unit}</b> · {report.period}")
        self.rule.setText(report.rule)
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        for section in report.sections:
            self.tabs.addTab(self._section(report, section), section.title)

    def _section(self, report: Report, section: Section) -> QWidget:
        inner = QWidget()
        column = QVBoxLayout(inner)
        suppressed = f"<{report.min_cell}"
        for table in section.tables:
            title = QLabel(f"<b>{table.title}</b>", inner)
            title.setWordWrap(True)
            column.addWidget(title)
            column.addWidget(TableView(table, inner))
            if table.note:
                note = QLabel(table.note, inner)
                note.setWordWrap(True)
                note.setStyleSheet("color: #555;")
                column.addWidget(note)
            rows = table.chart_rows()
            if table.chart and rows:
                chart = BarChart(inner)
                chart.setAccessibleName(table.title)
                chart.set_data(rows, table.chart_labels, suppressed, table.chart_totals())
                column.addWidget(chart)
            line = QFrame(inner)
            line.setFrameShape(QFrame.Shape.HLine)
            column.addWidget(line)
        if section.key == "change" and report.radar is not None and len(report.radar.titles) >= 3:
            r = report.radar
            column.addWidget(QLabel(f"<b>{r.rater_label}</b>", inner))
            radar = RadarChart(inner)
            radar.setMinimumHeight(420)
            axes = [(str(i), t) for i, t in enumerate(r.titles)]
            radar.set_data(
                axes,
                [
                    Series(r.intake_label, {str(i): v for i, v in enumerate(r.intake)}),  # type: ignore[dict-item]
                    Series(r.follow_up_label, {str(i): v for i, v in enumerate(r.follow_up)}),  # type: ignore[dict-item]
                ],
            )
            column.addWidget(radar)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    # --- saving ----------------------------------------------------------------------------
    def choose_export(self) -> None:
        if self.report is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"statistik-{self.report.month_from}-{self.report.month_to}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Spara statistiken"),
            str(Path(folder) / name),
            self.tr("PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        report, stats = self.report, self.services.ws.stats
        if report is None:
            return
        self.export_button.setEnabled(False)

        def saved(out: Path) -> None:
            self.export_button.setEnabled(True)
            self.banner.show_message(
                self.tr("Statistiken är sparad i {path}").format(path=str(out)), "info"
            )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.banner.show_message(error_message(error), "error")

        run_task(lambda: stats.export(report, path), saved, failed, owner=self)
