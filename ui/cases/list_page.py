"""The case list page: search, filters, lazily loaded table, and unsaved-work notices.

Opened with ``CaseListPage(services, parent)``; nothing is read while it is built. The model
fetches its pages in the background (:mod:`ui.cases.model`); :meth:`CaseListPage.show_drafts`
syncs work kept on this computer and lists the user's drafts in the background too.
"""

from __future__ import annotations

import dataclasses
import logging
import re

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessment_app import personnummer as pnr
from assessment_app.errors import AppError, InvalidPersonnummerError
from assessment_app.records.cases import CaseQuery
from assessment_app.records.drafts import CONFLICT_SUFFIX, DraftInfo
from ui.cases.model import CASE_ID_ROLE, CaseTableModel
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner

SEARCH_DELAY_MS = 300
WORK_KINDS = ("assessment", "plan")  # draft kinds that are someone's unsaved work

log = logging.getLogger(__name__)


class CaseListPage(QWidget):
    open_case = Signal(str)  # case id
    new_case_requested = Signal()
    open_draft = Signal(str, str, str)  # kind ("assessment" or "plan"), case id, object id

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.loading_drafts = False
        self._drafts_again = False
        self.model = CaseTableModel(services.ws, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Sök på namn, personnummer eller ärendenummer"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Sök:"), self)
        search_label.setBuddy(self.search)
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("Mina ärenden"), "mine")
        self.scope.addItem(self.tr("Min enhet"), "unit")
        self.scope.addItem(self.tr("Alla jag har tillgång till"), "all")
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Öppna"), "open")
        self.status.addItem(self.tr("Avslutade"), "closed")
        self.status.addItem(self.tr("Alla statusar"), None)
        self.follow_up = QComboBox(self)
        self.follow_up.addItem(self.tr("Alla uppföljningar"), None)
        self.follow_up.addItem(self.tr("Uppföljning inom 14 dagar"), "due")
        self.follow_up.addItem(self.tr("Försenad uppföljning"), "overdue")
        if services.ctx.role == "supervisor":
            self.scope.setCurrentIndex(1)
        self.new_button = QPushButton(self.tr("&Nytt ärende"), self)
        self.new_button.clicked.connect(self.new_case_requested)
        self.search_message = QLabel(self)
        self.search_message.setStyleSheet("color: #9b1c1c;")
        self.search_message.hide()
        self.count_label = QLabel(self)
        self.drafts_banner = Banner(self, "warning")
        self.banner = Banner(self, "error")

        self.model.count_known.connect(self._show_count)
        self.model.failed.connect(self._page_failed)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 120), (2, 90), (3, 110), (4, 100), (5, 170)):
            header.resizeSection(column, width)
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        filters = QHBoxLayout()
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.scope)
        filters.addWidget(self.status)
        filters.addWidget(self.follow_up)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drafts_banner)
        layout.addLayout(filters)
        layout.addWidget(self.search_message)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.scope, self.status, self.follow_up):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.apply_filters()

    def current_query(self) -> CaseQuery:
        scope = self.scope.currentData()
        return dataclasses.replace(
            self.model.query,
            text=self.search.text().strip(),
            mine_only=scope == "mine",
            unit_only=scope == "unit",
            status=self.status.currentData(),
            follow_up=self.follow_up.currentData(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        query = self.current_query()
        self._check_search_text(query.text)
        self.count_label.setText(self.tr("Räknar ärenden …"))
        self.banner.clear()
        self.model.set_query(query)

    def _page_failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")
        if self.model.total is not None:
            self._show_count(self.model.total)

    def _show_count(self, count: int) -> None:
        self.count_label.setText(
            self.tr("{n} ärenden").format(n=count) if count != 1 else self.tr("1 ärende")
        )

    def _check_search_text(self, text: str) -> None:
        digits = re.sub(r"[\s\-+]", "", text)
        message = ""
        if digits.isdigit() and len(digits) in (10, 12):
            try:
                pnr.normalise(text)
            except InvalidPersonnummerError:
                message = self.tr("Det här är inget giltigt personnummer; kontrollera siffrorna.")
        self.search_message.setText(message)
        self.search_message.setVisible(bool(message))

    def refresh(self) -> None:
        self.banner.clear()
        self.model.refresh()
        self.show_drafts()

    def show_drafts(self) -> None:
        """Offer unsaved interview or plan work back (for example after a crash or power cut).

        Work kept on this computer while the server was away is pushed to the server first
        (when the workspace's local store is set up: ``ws.offline.prepare`` at sign-in). A
        kept copy that met a newer draft there (kind ``<kind>~local``) is offered as a conflict
        to compare; other kinds in the drafts table (``badge_seen``...) are not work. All of
        it runs in the background; the banner fills when the list arrives."""
        if self.loading_drafts:
            self._drafts_again = True  # asked again meanwhile: once more when this one is in
            return
        self.loading_drafts = True
        self._drafts_again = False
        ws = self.services.ws

        def fetch() -> list[DraftInfo]:
            try:
                offline = ws.offline
                if offline.enabled and offline.has_pending():
                    offline.sync()
            except AppError as error:  # still away: the work stays on this computer
                log.info("local drafts not synced: %s", error.message_en)
            return ws.cases.my_drafts()

        run_task(fetch, self._drafts_arrived, self._drafts_failed, owner=self)

    def _drafts_failed(self, error: BaseException) -> None:
        self.loading_drafts = False
        self.drafts_banner.clear()
        self.banner.show_message(error_message(error), "error")
        if self._drafts_again:
            self.show_drafts()

    def _drafts_arrived(self, found: list[DraftInfo]) -> None:
        self.loading_drafts = False
        if self._drafts_again:
            self.show_drafts()
            return
        self.drafts_banner.clear()
        pending = [d for d in found if d.kind in WORK_KINDS and d.case_id and d.object_id]
        copies = [
            d
            for d in found
            if d.kind.endswith(CONFLICT_SUFFIX)
            and d.kind.removesuffix(CONFLICT_SUFFIX) in WORK_KINDS
            and d.case_id
            and d.object_id
        ]
        if copies:
            self._offer_copy(copies[0], len(copies) + len(pending) - 1)
            return
        if not pending:
            return
        first = pending[0]
        when = local_time(first.updated_at)
        if first.kind == "plan":
            text = self.tr(
                "Det finns osparat arbete i en handlingsplan (autosparat {when})."
            ).format(when=when)
        else:
            text = self.tr(
                "Det finns osparat arbete i en kartläggning (autosparat {when})."
            ).format(when=when)
        if len(pending) > 1:
            text += " " + self.tr("Ytterligare {n} utkast finns.").format(n=len(pending) - 1)
        self.drafts_banner.show_message(text, "warning")
        button = self.drafts_banner.add_button(self.tr("Ö&ppna utkastet"))
        kind, case_id, object_id = first.kind, first.case_id or "", first.object_id or ""
        button.clicked.connect(lambda: self.open_draft.emit(kind, case_id, object_id))

    def _offer_copy(self, copy: DraftInfo, others: int) -> None:
        kind = copy.kind.removesuffix(CONFLICT_SUFFIX)
        when = local_time(copy.updated_at)
        if kind == "plan":
            text = self.tr(
                "En handlingsplan har en kopia från den här datorn ({when}) som skiljer sig från "
                "utkastet på servern. Öppna planen och jämför versionerna."
            ).format(when=when)
        else:
            text = self.tr(
                "En kartläggning har en kopia från den här datorn ({when}) som skiljer sig från "
                "utkastet på servern. Öppna kartläggningen och välj vilken som gäller."
            ).format(when=when)
        if others > 0:
            text += " " + self.tr("Ytterligare {n} utkast finns.").format(n=others)
        self.drafts_banner.show_message(text, "warning")
        button = self.drafts_banner.add_button(self.tr("&Jämför"))
        case_id, object_id = copy.case_id or "", copy.object_id or ""
        button.clicked.connect(lambda: self.open_draft.emit(kind, case_id, object_id))

    def _activated(self, index: QModelIndex) -> None:
        case_id = self.model.data(index, CASE_ID_ROLE)
        if case_id:
            self.open_case.emit(case_id)
