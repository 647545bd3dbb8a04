""" "Att göra": what is overdue and what is due this week, per case, from
``ws.reminders.due`` (follow-ups, plan dates, action due dates, consents that end, and any
source added later). A supervisor may switch to the whole unit. Each row opens its place:
the case's follow-ups, its plans, or its consents (``open_item``).

"Exportera till kalender" writes one's own dates as an ``.ics`` file (case references only).
"Påminn mig på skrivbordet" shows a desktop notification through the system tray while the
app runs; it is off by default and cannot be chosen where there is no tray.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.reminders import Reminder, ReminderList
from ui.messages import current_language, error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner

ROLE = Qt.ItemDataRole.UserRole


class RemindersPage(QWidget):
    open_item = Signal(object)  # a Reminder
    loaded = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ws = services.ws
        self.listed: ReminderList | None = None
        self.is_supervisor = services.ctx.role == "supervisor"
        title = QLabel(self.tr("<h2>Att göra</h2>"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.banner = Banner(self, "info")
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("Mina ärenden"), "mine")
        self.scope.addItem(self.tr("Hela enheten"), "unit")
        self.scope.setAccessibleName(self.tr("Visa"))
        self.scope.setVisible(self.is_supervisor)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Ärende / datum"), self.tr("Vad"), self.tr("När")])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        # Enter or a double click (Qt's "activated"): open the row's place
        self.tree.itemActivated.connect(lambda item, _col: self._open(item))
        self.export_button = QPushButton(self.tr("&Exportera till kalender (.ics) …"), self)
        self.export_button.setToolTip(
            self.tr("Dina datum som kalenderfil, med ärendenummer men utan namn")
        )
        self.export_button.clicked.connect(self.choose_export)
        self.refresh_button = QPushButton(self.tr("&Uppdatera"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.notify = QCheckBox(
            self.tr("&Påminn mig på skrivbordet medan programmet är öppet"), self
        )
        self.tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.notify.setEnabled(self.tray_available)
        self.notify.setChecked(self.tray_available and services.settings.desktop_notifications)
        if not self.tray_available:
            self.notify.setToolTip(self.tr("Den här datorn har ingen plats för aviseringar."))
        self.notify.toggled.connect(self._notify_toggled)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.scope)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notify)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)

    # --- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        ws, scope = self.ws, self.scope.currentData() or "mine"
        self.banner.clear()
        run_task(lambda: ws.reminders.due(scope=scope), self.show_list, self._failed, owner=self)

    def show_list(self, listed: ReminderList) -> None:
        self.listed = listed
        self.tree.clear()
        language = current_language()
        overdue, week = len(listed.overdue), len(listed.this_week)
        if not listed.items:
            self.summary.setText(self.tr("Inget är försenat och inget ska göras den här veckan."))
        else:
            self.summary.setText(
                self.tr("Försenat: {overdue}. Att göra till och med söndag {end}: {week}.").format(
                    overdue=overdue, week=week, end=listed.week_end.isoformat()
                )
            )
        for ref, items in listed.by_case().items():
            case_row = QTreeWidgetItem([ref, "", ""])
            font = case_row.font(0)
            font.setBold(True)
            case_row.setFont(0, font)
            case_row.setData(0, ROLE, items[0])
            late = sum(1 for i in items if i.overdue(listed.today))
            if late:
                case_row.setText(2, self.tr("Försenat: {n}").format(n=late))
            self.tree.addTopLevelItem(case_row)
            for item in items:
                when = (
                    self.tr("Försenad")
                    if item.overdue(listed.today)
                    else (
                        self.tr("I dag") if item.due_on == listed.today else self.tr("Denna vecka")
                    )
                )
                row = QTreeWidgetItem([item.due_on.isoformat(), item.label(language), when])
                row.setData(0, ROLE, item)
                if item.overdue(listed.today):
                    row.setForeground(2, Qt.GlobalColor.darkRed)
                case_row.addChild(row)
            case_row.setExpanded(True)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")

    # --- opening ------------------------------------------------------------------------
    def _open(self, row: QTreeWidgetItem) -> None:
        item = row.data(0, ROLE)
        if isinstance(item, Reminder):
            self.open_item.emit(item)

    # --- the calendar file --------------------------------------------------------------
    def choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Spara kalenderfil"),
            str(Path.home() / "bevakning.ics"),
            self.tr("Kalenderfiler (*.ics)"),
        )
        if name:
            self.export(Path(name if name.endswith(".ics") else name + ".ics"))

    def export(self, path: Path) -> None:
        ws = self.ws
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.banner.show_message(
                self.tr(
                    "{n} datum är sparade i {file}. Filen har ärendenummer men inga namn."
                ).format(n=count, file=path.name),
                "info",
            )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._failed(error)

        run_task(lambda: ws.reminders.export_ics(path), done, failed, owner=self)

    # --- desktop notifications ----------------------------------------------------------
    def _notify_toggled(self, on: bool) -> None:
        self.services.settings.desktop_notifications = on

    def notification_text(self) -> str:
        """What a desktop notification says: counts only, never a name."""
        if self.listed is None or not self.listed.items:
            return ""
        return self.tr("Försenat: {overdue}. Att göra den här veckan: {week}.").format(
            overdue=len(self.listed.overdue), week=len(self.listed.this_week)
        )
