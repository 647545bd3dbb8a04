"""The case list model: fetches pages on demand so 50,000 cases cost no more than 50.

Rows come from ``list_cases`` one page at a time; names are decrypted with ``display_names``
only for a page that is actually painted, and cached with that page. Sorting re-queries the core
(names are encrypted, so they cannot be sorted by the database).

Counting a large list is slower than fetching its first page, so the first page is shown at
once and the full count arrives from the background (``count_known``); until then the model
holds just that page.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from assessment_app.context import Context
from assessment_app.records import cases
from assessment_app.records.cases import CaseQuery, CaseRow
from ui.cases import labels
from ui.tasks import run_task
from ui.widgets.table_model import Index

PAGE_SIZE = 100
MAX_CACHED_PAGES = 30
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROTECTED_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("case_ref", "name", "status", "assigned", "opened_on", "next_follow_up_on")
SORT_KEYS = {0: "case_ref", 2: "status", 4: "opened_on", 5: "next_follow_up_on"}


class CaseTableModel(QAbstractTableModel):
    count_known = Signal(int)  # the number of cases matching the query

    def __init__(self, ctx: Context, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = CaseQuery()
        self._count = 0
        self.total: int | None = None  # None while the count is on its way
        self._generation = 0
        self._pages: OrderedDict[int, list[CaseRow]] = OrderedDict()
        self._names: dict[int, dict[str, str]] = {}
        self.pages_fetched = 0  # for tests and benchmarks: how much work the view caused
        self.name_pages_decrypted = 0

    # --- querying ---------------------------------------------------------------------------
    def set_query(self, query: CaseQuery) -> None:
        self.beginResetModel()
        self.query = query
        self._generation += 1
        self._pages.clear()
        self._names.clear()
        first = self._page(0)
        if first:
            # the first rows are painted right away; decrypt them before the count starts, as
            # every core call holds the database's write lock while it runs
            self._names_of(0)
        self._count = len(first)
        self.total = self._count if len(first) < PAGE_SIZE else None
        self.endResetModel()
        if self.total is not None:
            self.count_known.emit(self.total)
            return
        ctx, generation = self.ctx, self._generation
        run_task(
            lambda: cases.count_cases(ctx, query),
            lambda total: self._counted(generation, total),
            lambda error: self._counted(generation, None),
        )

    def _counted(self, generation: int, total: int | None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the query changed meanwhile
        if total is None:  # could not count: keep paging as far as the pages go
            total = self._count
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()
        elif total < self._count:
            self.beginRemoveRows(QModelIndex(), total, self._count - 1)
            self._count = total
            self.endRemoveRows()
        self.total = total
        self.count_known.emit(total)

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
        self.set_query(
            dataclasses.replace(
                self.query, sort=key, descending=order == Qt.SortOrder.DescendingOrder
            )
        )

    def _page(self, number: int) -> list[CaseRow]:
        page = self._pages.get(number)
        if page is None:
            page = cases.list_cases(self.ctx, self.query, number * PAGE_SIZE, PAGE_SIZE)
            self.pages_fetched += 1
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                old, _ = self._pages.popitem(last=False)
                self._names.pop(old, None)
        else:
            self._pages.move_to_end(number)
        return page

    def row_at(self, row: int) -> CaseRow | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _names_of(self, number: int) -> dict[str, str]:
        names = self._names.get(number)
        if names is None:
            names = cases.display_names(self.ctx, self._page(number))
            self._names[number] = names
            self.name_pages_decrypted += 1
        return names

    def _name(self, row: int, case: CaseRow) -> str:
        return self._names_of(row // PAGE_SIZE).get(case.individual_id, "")

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
