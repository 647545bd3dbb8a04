"""The case list model: fetches pages on demand so 50,000 cases cost no more than 50.

Every page comes from ``ws.cases.page`` in the background (``ui.tasks.run_task``): its rows,
the names to show for them (decrypted by the core, protected ones masked) and the total, in
one statement. A row whose page has not arrived yet paints empty and asks for its page; when
the page arrives its rows are repainted. Sorting re-queries the core (names are encrypted, so
they cannot be sorted by the database).

A new query empties the model at once and asks for the first page; the total arrives with it
(``count_known``). A page from an older query is dropped when it arrives.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from assessment_app.records.cases import CasePage, CaseQuery, CaseRow
from ui.cases import labels
from ui.tasks import run_task
from ui.widgets.table_model import Index

if TYPE_CHECKING:
    from assessment_app.workspace import Workspace

PAGE_SIZE = 100
MAX_CACHED_PAGES = 30
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROTECTED_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("case_ref", "name", "status", "assigned", "opened_on", "next_follow_up_on")
SORT_KEYS = {0: "case_ref", 2: "status", 4: "opened_on", 5: "next_follow_up_on"}


class CaseTableModel(QAbstractTableModel):
    count_known = Signal(int)  # the number of cases matching the query
    failed = Signal(object)  # a page could not be fetched (the exception)

    def __init__(self, ws: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.query = CaseQuery()
        self._count = 0
        self.total: int | None = None  # None while the first page is on its way
        self._generation = 0
        self._pages: OrderedDict[int, CasePage] = OrderedDict()
        self._pending: set[int] = set()  # pages asked for and not yet delivered
        self._refused: set[int] = set()  # pages that failed: asked again on refresh only
        self.pages_fetched = 0  # for tests and benchmarks: how much work the view caused
        self.name_pages_decrypted = 0  # names come with each page

    @property
    def loading(self) -> bool:
        return bool(self._pending)

    # --- querying ---------------------------------------------------------------------------
    def set_query(self, query: CaseQuery) -> None:
        self.beginResetModel()
        self.query = query
        self._generation += 1
        self._pages.clear()
        self._pending.clear()
        self._refused.clear()
        self._count = 0
        self.total = None
        self.endResetModel()
        self._fetch(0)

    def refresh(self) -> None:
        self.set_query(self.query)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return  # names are encrypted and cannot be sorted by the database
        descending = order == Qt.SortOrder.DescendingOrder
        if not self._generation:  # nothing asked yet: the first query will use this order
            self.query = dataclasses.replace(self.query, sort=key, descending=descending)
            return
        if (key, descending) == (self.query.sort, self.query.descending):
            return
        self.set_query(dataclasses.replace(self.query, sort=key, descending=descending))

    def _fetch(self, number: int) -> None:
        if number in self._pending or number in self._refused:
            return
        self._pending.add(number)
        ws, query, generation = self.ws, self.query, self._generation
        run_task(
            lambda: ws.cases.page(query, number * PAGE_SIZE, PAGE_SIZE),
            lambda page: self._arrived(generation, number, page),
            lambda error: self._not_arrived(generation, number, error),
            owner=self,
        )

    def _arrived(self, generation: int, number: int, page: CasePage) -> None:
        if generation != self._generation:
            return  # the query changed meanwhile
        self._pending.discard(number)
        self.pages_fetched += 1
        self.name_pages_decrypted += 1
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        first_time = self.total is None
        self._resize(page.total)
        if page.rows:
            top = number * PAGE_SIZE
            bottom = min(top + len(page.rows), self._count) - 1
            if bottom >= top:
                self.dataChanged.emit(self.index(top, 0), self.index(bottom, len(COLUMNS) - 1), [])
        if first_time or page.total != self.total:
            self.total = page.total
            self.count_known.emit(page.total)

    def _not_arrived(self, generation: int, number: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._pending.discard(number)
        self._refused.add(number)  # not asked again at every paint; refresh() tries again
        if self.total is None:
            self.total = self._count
        self.failed.emit(error)

    def _resize(self, total: int) -> None:
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()
        elif total < self._count:
            self.beginRemoveRows(QModelIndex(), total, self._count - 1)
            self._count = total
            self.endRemoveRows()

    def _page(self, number: int) -> CasePage | None:
        page = self._pages.get(number)
        if page is None:
            self._fetch(number)
            return None
        self._pages.move_to_end(number)
        return page

    def row_at(self, row: int) -> CaseRow | None:
        """The row if its page is here (otherwise the page is asked for and None returned)."""
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        if page is None:
            return None
        offset = row % PAGE_SIZE
        return page.rows[offset] if offset < len(page.rows) else None

    def _name(self, row: int, case: CaseRow) -> str:
        page = self._pages.get(row // PAGE_SIZE)
        return page.names.get(case.individual_id, "") if page is not None else ""

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Ärende"),
            self.tr("Namn"),
            self.tr("Status"),
            self.tr("Handläggare"),
            self.tr("Öppnat"),
            self.tr("Nästa uppföljning"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self.row_at(index.row())
        if case is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), case, column)
        if role == CASE_ID_ROLE:
            return case.id
        if role == PROTECTED_ROLE:
            return case.protected
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "name" and case.protected:
                return QBrush(QColor("#9b1c1c"))
            if column == "next_follow_up_on" and self._overdue(case):
                return QBrush(QColor("#b42318"))
        if role == Qt.ItemDataRole.ToolTipRole and column == "name" and case.protected:
            return self.tr("Skyddade personuppgifter: namnet visas bara i ärendet.")
        return None

    def _display(self, row: int, case: CaseRow, column: str) -> str:
        if column == "case_ref":
            return case.case_ref
        if column == "name":
            return self._name(row, case)
        if column == "status":
            return labels.case_status(case.status)
        if column == "assigned":
            return case.assigned_username or ""
        if column == "opened_on":
            return case.opened_on.isoformat()
        if case.next_follow_up_on is None:
            return ""
        text = case.next_follow_up_on.isoformat()
        return self.tr("{date} (försenad)").format(date=text) if self._overdue(case) else text

    @staticmethod
    def _overdue(case: CaseRow) -> bool:
        return (
            case.status == "open"
            and case.next_follow_up_on is not None
            and case.next_follow_up_on < date.today()
        )
