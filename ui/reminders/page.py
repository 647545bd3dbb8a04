""" "Att göra": what is overdue and what is due this week, per case, from
``ws.reminders.due`` (follow-ups, plan dates, action due dates, consents that end, safety
plans to review, and any source added later); a consent's end shows from the unit's
``consent_warning_days`` before its last day ("Kommande" after this week). A supervisor
starts on the whole unit (with whose case each is) and may switch to their own cases. Each
row opens its place and selects its item there: the follow-up, the plan, the consent or the
safety plan (``open_item``).

"Exportera till kalender" writes one's own dates as an ``.ics`` file (case references only).
"Påminn mig på skrivbordet" gives desktop notifications through the system tray while the
app runs: the list is read again every 15 minutes and just after midnight in Sweden, and
``notify_due`` tells only what became due or overdue since the last one (counts, no names).
It is off by default, takes effect at once, and cannot be chosen where there is no tray.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
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

from assessment_app.records.reminders import (
    NotificationLedger,
    Reminder,
    ReminderList,
    seconds_to_next_day,
)
from ui.messages import current_language, error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner

ROLE = Qt.ItemDataRole.UserRole
REFRESH_MS = 15 * 60 * 1000  # while the app runs: read the list again every 15 minutes
WORKER_COLUMN = 3


class RemindersPage(QWidget):
    open_item = Signal(object)  # a Reminder
    loaded = Signal()
    notify_due = Signal(int, int)  # newly overdue, newly due this week (desktop notification)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ws = services.ws
        self.listed: ReminderList | None = None
        self.is_supervisor = services.ctx.role == "supervisor"
        self.ledger = NotificationLedger()
        self.quiet = False  # meeting mode: no notification (what is new waits for the next one)
        # watched from sign-in to lock or sign-out; a list that arrives while not watched (a
        # refresh still running at the lock) is shown on the page but told to nobody
        self.watching = False
        title = QLabel(self.tr("<h2>Att göra</h2>"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.banner = Banner(self, "info")
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("Mina ärenden"), "mine")
        self.scope.addItem(self.tr("Hela enheten"), "unit")
        self.scope.setAccessibleName(self.tr("Visa"))
        self.scope.setVisible(self.is_supervisor)
        # a supervisor starts on the unit (as the check at sign-in does)
        self.scope.setCurrentIndex(self.scope.findData(self.ws.reminders.default_scope()))
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("Ärende / datum"), self.tr("Vad"), self.tr("När"), self.tr("Handläggare")]
        )
        self.tree.setColumnHidden(WORKER_COLUMN, True)
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
        self.timer = QTimer(self)  # every 15 minutes while the app runs
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.midnight = QTimer(self)  # just after midnight in Sweden: yesterday is overdue
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._after_midnight)

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
    def start_watching(self) -> None:
        """Read the list again every 15 minutes and just after local midnight (from sign-in,
        and again after a lock)."""
        self.watching = True
        self.timer.start()
        self._arm_midnight()

    def stop_watching(self) -> None:
        """At a lock and at sign-out: no more refreshes and no desktop notification."""
        self.watching = False
        self.timer.stop()
        self.midnight.stop()

    def _arm_midnight(self) -> None:
        self.midnight.start(int(seconds_to_next_day() * 1000))

    def _after_midnight(self) -> None:
        self.refresh()
        self._arm_midnight()

    def refresh(self) -> None:
        ws, scope = self.ws, self.scope.currentData() or "mine"
        self.banner.clear()
        run_task(lambda: ws.reminders.due(scope=scope), self.show_list, self._failed, owner=self)

    def show_list(self, listed: ReminderList) -> None:
        keep: tuple[str, bool] | None = None  # a refresh keeps the row one stood on
        current = self.tree.currentItem()
        if current is not None and isinstance(was := current.data(0, ROLE), Reminder):
            keep = (was.identity, current.parent() is None)
        self.listed = listed
        self.tree.clear()
        language = current_language()
        overdue, week, later = len(listed.overdue), len(listed.this_week), len(listed.upcoming)
        if not listed.items:
            self.summary.setText(self.tr("Inget är försenat och inget ska göras den här veckan."))
        else:
            text = self.tr(
                "Försenat: {overdue}. Att göra till och med söndag {end}: {week}."
            ).format(overdue=overdue, week=week, end=listed.week_end.isoformat())
            if later:
                text += " " + self.tr("Samtycken som upphör inom {days} dagar: {n}.").format(
                    days=listed.consent_lead_days, n=later
                )
            self.summary.setText(text)
        unit = listed.scope == "unit"
        self.tree.setColumnHidden(WORKER_COLUMN, not unit)
        restore: QTreeWidgetItem | None = None
        for ref, items in listed.by_case().items():
            case_row = QTreeWidgetItem([ref, "", "", listed.worker(items[0]) if unit else ""])
            font = case_row.font(0)
            font.setBold(True)
            case_row.setFont(0, font)
            case_row.setData(0, ROLE, items[0])
            late = sum(1 for i in items if i.overdue(listed.today))
            if late:
                case_row.setText(2, self.tr("Försenat: {n}").format(n=late))
            self.tree.addTopLevelItem(case_row)
            if keep == (items[0].identity, True):
                restore = case_row
            for item in items:
                row = QTreeWidgetItem(
                    [item.due_on.isoformat(), item.label(language), self._when(item, listed)]
                )
                row.setData(0, ROLE, item)
                if item.overdue(listed.today):
                    row.setForeground(2, Qt.GlobalColor.darkRed)
                if item.due_on > listed.week_end:
                    row.setToolTip(
                        0, self.tr("Sista dagen: {date}").format(date=item.due_on.isoformat())
                    )
                case_row.addChild(row)
                if keep == (item.identity, False):
                    restore = row
            case_row.setExpanded(True)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        first = self.tree.topLevelItem(0)
        if restore is not None:
            self.tree.setCurrentItem(restore)
        elif first is not None:
            self.tree.setCurrentItem(first)
        self.loaded.emit()
        self._maybe_notify()

    def _when(self, item: Reminder, listed: ReminderList) -> str:
        if item.overdue(listed.today):
            return self.tr("Försenad")
        if item.due_on == listed.today:
            return self.tr("I dag")
        if item.due_on <= listed.week_end:
            return self.tr("Denna vecka")
        return self.tr("Kommande")

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
        if on:  # at once: what is due now and not yet told
            self._maybe_notify()

    def _maybe_notify(self) -> None:
        """Emit ``notify_due`` with what became overdue or due this week since the last
        notification (each item once as due, once more when it turns overdue)."""
        if self.listed is None or self.quiet or not self.watching or not self.notify.isChecked():
            return
        late, due = self.ledger.fresh(self.listed)
        if late or due:
            self.notify_due.emit(late, due)

    def notification_text(self, late: int, due: int) -> str:
        """What a desktop notification says: counts only, never a name."""
        return self.tr(
            "Nytt sedan förra påminnelsen – försenat: {overdue}, att göra den här veckan: {week}."
        ).format(overdue=late, week=due)
