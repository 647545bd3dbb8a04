"""Access-log review (logguppföljning): who opened which case when, in the supervisor's unit,
filtered by user, case, dates and action, a page at a time, with a CSV export for the
municipality's regular log checks. The core audits opening the review and the export.

The audit trail holds ids and action codes, never names: nor does this screen.

``AccessLogPage(services, parent)`` reads nothing until :meth:`search`; every page and the
export are read in the background (``ws.review.access_log`` / ``export_access_log``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessment_app.server.access_log import ACTION_LABELS, LogEntry, LogFilter, LogPage
from ui.messages import current_language, error_message
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner
from ui.widgets.date_field import OptionalDateEdit
from ui.widgets.table_model import Index, RowListModel

PAGE_SIZE = 200

# Action filters offered in the chooser: a code, or a prefix ending in "." (the core's rule).
ACTION_FILTERS = (
    "case.open",
    "case.",
    "record.",
    "export",
    "review",
    "login",
    "login.failed",
    "log.",
    "integrity.failure",
)


def action_label(code: str) -> str:
    sv, en = ACTION_LABELS.get(code, (code, code))
    return en if current_language() == "en" else sv


class LogModel(RowListModel[LogEntry]):
    """One page of log entries (the core pages; a page is at most a few hundred rows)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("Tidpunkt"),
            self.tr("Användare"),
            self.tr("Händelse"),
            self.tr("Ärende"),
            self.tr("Objekt"),
            self.tr("Detalj"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        e = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return local_time(e.at, "%Y-%m-%d %H:%M:%S")
        if column == 1:
            return e.username or ""
        if column == 2:
            return action_label(e.action) if role == Qt.ItemDataRole.DisplayRole else e.action
        if column == 3:
            return e.case_ref or ""
        if column == 4:
            return f"{e.object_type or ''} {e.object_id or ''}".strip()
        return e.detail or ""


class AccessLogPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.filters = LogFilter()
        self.offset = 0
        self.total = 0
        self.loading = False
        self.exporting = False
        self.last_export: tuple[Path, int] | None = None

        heading = QLabel(
            self.tr(
                "<h2>Logguppföljning</h2><p>Vem som har öppnat och ändrat enhetens ärenden. "
                "Loggen innehåller ärendenummer och id:n, aldrig namn. Att du öppnar "
                "logguppföljningen loggas också.</p>"
            ),
            self,
        )
        heading.setWordWrap(True)
        self.user_filter = QLineEdit(self)
        self.user_filter.setPlaceholderText(self.tr("användarnamn"))
        self.case_filter = QLineEdit(self)
        self.case_filter.setPlaceholderText(self.tr("ärendenummer"))
        self.date_from = OptionalDateEdit(self, self.tr("Från"))
        self.date_to = OptionalDateEdit(self, self.tr("Till"))
        self.action_filter = QComboBox(self)
        self.action_filter.addItem(self.tr("Alla händelser"), None)
        prefixes = {
            "case.": self.tr("Alla ärendehändelser"),
            "record.": self.tr("Alla ändringar av uppgifter"),
            "log.": self.tr("Logguppföljning och loggexport"),
        }
        for code in ACTION_FILTERS:
            self.action_filter.addItem(prefixes.get(code) or action_label(code), code)
        self.search_button = QPushButton(self.tr("&Sök"), self)
        self.search_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("&Rensa filter"), self)
        self.search_button.clicked.connect(self.search)
        self.clear_button.clicked.connect(self.clear_filters)
        for field in (self.user_filter, self.case_filter):
            field.returnPressed.connect(self.search)
        form = QFormLayout()
        form.addRow(self.tr("&Användare:"), self.user_filter)
        form.addRow(self.tr("Ä&rende:"), self.case_filter)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        form.addRow(self.tr("Datum:"), dates)
        form.addRow(self.tr("&Händelse:"), self.action_filter)
        filter_buttons = QHBoxLayout()
        filter_buttons.addWidget(self.search_button)
        filter_buttons.addWidget(self.clear_button)
        filter_buttons.addStretch(1)
        form.addRow("", filter_buttons)

        self.model = LogModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.banner = Banner(self, "error")
        self.position = QLabel(self)
        self.previous_button = QPushButton(self.tr("◀ &Föregående"), self)
        self.next_button = QPushButton(self.tr("&Nästa ▶"), self)
        self.export_button = QPushButton(self.tr("&Exportera …"), self)
        self.export_button.setToolTip(
            self.tr("Sparar loggen med de valda filtren som CSV-fil (för Excel)")
        )
        self.previous_button.clicked.connect(lambda: self.go_to(self.offset - PAGE_SIZE))
        self.next_button.clicked.connect(lambda: self.go_to(self.offset + PAGE_SIZE))
        self.export_button.clicked.connect(self.export)
        paging = QHBoxLayout()
        paging.addWidget(self.previous_button)
        paging.addWidget(self.position)
        paging.addWidget(self.next_button)
        paging.addStretch(1)
        paging.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        self._update_paging()

    # --- filters ------------------------------------------------------------------------------
    def current_filters(self) -> LogFilter:
        return LogFilter(
            username=self.user_filter.text().strip() or None,
            case_ref=self.case_filter.text().strip() or None,
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            action=self.action_filter.currentData(),
        )

    def clear_filters(self) -> None:
        self.user_filter.clear()
        self.case_filter.clear()
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        self.action_filter.setCurrentIndex(0)
        self.search()

    def set_dates(self, date_from: date | None, date_to: date | None) -> None:
        self.date_from.set_value(date_from)
        self.date_to.set_value(date_to)

    def search(self) -> None:
        filters = self.current_filters()
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            self.banner.show_message(self.tr("Från-datumet ligger efter till-datumet."), "error")
            return
        self.filters = filters
        self.go_to(0)

    # --- paging -------------------------------------------------------------------------------
    def go_to(self, offset: int) -> None:
        if self.loading:
            return
        self.loading = True
        self._update_paging()
        review, f, start = self.services.ws.review, self.filters, max(0, offset)

        def fetch() -> LogPage:
            return review.access_log(
                username=f.username,
                case_ref=f.case_ref,
                date_from=f.date_from,
                date_to=f.date_to,
                action=f.action,
                limit=PAGE_SIZE,
                offset=start,
            )

        run_task(fetch, self._loaded, self._failed, owner=self)

    def _loaded(self, page: LogPage) -> None:
        self.loading = False
        self.banner.clear()
        self.offset = page.offset
        self.total = page.total
        self.model.set_rows(page.entries)
        self.table.resizeColumnsToContents()
        self._update_paging()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.model.set_rows([])
        self.total = 0
        self._update_paging()
        self.banner.show_message(error_message(error), "error")

    def _update_paging(self) -> None:
        shown = len(self.model.rows)
        if self.loading:
            self.position.setText(self.tr("Hämtar …"))
        elif shown == 0:
            self.position.setText(self.tr("Inga händelser med de här filtren."))
        else:
            self.position.setText(
                self.tr("Visar {first}–{last} av {total}").format(
                    first=self.offset + 1, last=self.offset + shown, total=self.total
                )
            )
        self.previous_button.setEnabled(not self.loading and self.offset > 0)
        self.next_button.setEnabled(not self.loading and self.offset + shown < self.total)
        self.search_button.setEnabled(not self.loading)
        self.export_button.setEnabled(not self.exporting)

    # --- export -------------------------------------------------------------------------------
    def choose_export_path(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = f"logguppfoljning-{QDate.currentDate().toString('yyyy-MM-dd')}.csv"
        name, _filter = QFileDialog.getSaveFileName(
            self.window(),
            self.tr("Exportera loggen"),
            str(Path(folder) / suggested),
            self.tr("CSV-fil (*.csv)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".csv" else path.with_name(path.name + ".csv")

    def export(self) -> None:
        path = self.choose_export_path()
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Export the filters of the list on screen (the core writes atomically and audits)."""
        if self.exporting:
            return
        self.exporting = True
        self._update_paging()
        self.banner.show_message(self.tr("Exporterar …"), "info")
        review, f = self.services.ws.review, self.filters

        def done(count: int) -> None:
            self.exporting = False
            self.last_export = (path, count)
            self._update_paging()
            self.banner.show_message(
                self.tr("{n} händelser exporterades till {name}.").format(n=count, name=path.name),
                "success",
            )

        def failed(error: BaseException) -> None:
            self.exporting = False
            self._update_paging()
            self.banner.show_message(error_message(error), "error")

        run_task(lambda: review.export_access_log(f, path), done, failed, owner=self)
