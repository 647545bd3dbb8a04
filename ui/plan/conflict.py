"""Two people saved the same plan: both versions side by side, item by item, and the choice of
keeping mine, taking theirs or merging. The diff and the merge are the core's
(:mod:`assessment_app.server.conflicts`); nothing is saved until the person chooses, and a third
save in between brings the comparison up to date instead of overwriting it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.plans import Action, Goal, PlanInfo, local_meeting
from assessment_app.server import conflicts
from assessment_app.server.conflicts import Change, FieldDiff, ItemDiff, PlanConflict, Side
from assessment_app.workspace import Conflict, NotKept, Saved, Workspace
from ui.cases import labels
from ui.messages import error_message
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner

CONFLICT_COLOUR = "#fff4d6"
COL_PART, COL_MINE, COL_THEIRS, COL_RESULT = range(4)


class PlanConflictDialog(QDialog):
    """Shows a :class:`PlanConflict`; ``resolved`` carries the saved plan."""

    resolved = Signal(object)  # PlanInfo

    def __init__(
        self,
        ws: Workspace,
        conflict: PlanConflict,
        area_titles: dict[str, str],
        provider_names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.conflict = conflict
        self.area_titles = area_titles
        self.provider_names = provider_names
        self.choices: dict[str, Side] = {}
        self.combos: dict[str, QComboBox] = {}
        self.saved: PlanInfo | None = None
        self.setWindowTitle(self.tr("Planen har ändrats av någon annan"))
        self.resize(1100, 600)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.banner = Banner(self, "warning")
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_PART, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_MINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_THEIRS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_RESULT, QHeaderView.ResizeMode.ResizeToContents)
        self.same_label = QLabel(self)
        self.same_label.setStyleSheet("color: #555;")
        self.keep_mine_button = QPushButton(self.tr("Behåll &min version"), self)
        self.take_theirs_button = QPushButton(self.tr("Ta den &sparade versionen"), self)
        self.merge_button = QPushButton(self.tr("Spara &sammanslagen plan"), self)
        self.cancel_button = QPushButton(self.tr("&Avbryt"), self)
        self.merge_button.setDefault(True)
        self.keep_mine_button.clicked.connect(lambda: self.save_choice("mine"))
        self.take_theirs_button.clicked.connect(lambda: self.save_choice("theirs"))
        self.merge_button.clicked.connect(self.save_merge)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_mine_button)
        buttons.addWidget(self.take_theirs_button)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.same_label)
        layout.addLayout(buttons)
        self.show_conflict(conflict)

    # --- showing ------------------------------------------------------------------------
    def theirs_label(self) -> str:
        c = self.conflict
        return self.tr("Sparad av {who} {when}").format(
            who=c.theirs_by or self.tr("en annan användare"),
            when=local_time(c.theirs.updated_at),
        )

    def show_conflict(self, conflict: PlanConflict) -> None:
        self.conflict = conflict
        open_conflicts = len(conflict.conflicts) + len(conflict.field_conflicts)
        self.intro.setText(
            self.tr(
                "Någon annan sparade planen medan du arbetade med den. Inget har skrivits över. "
                "Här är båda versionerna sida vid sida: välj din version, den sparade versionen "
                "eller en sammanslagning där du väljer del för del. {n} delar är ändrade i båda "
                "versionerna och behöver ditt val."
            ).format(n=open_conflicts)
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Del"), self.tr("Min version"), self.theirs_label(), self.tr("Gäller")]
        )
        self.table.setRowCount(0)
        self.combos.clear()
        same = 0
        for diff in conflict.items:
            if diff.mine == "unchanged" and diff.theirs == "unchanged":
                same += 1
                continue
            self._item_row(diff)
        for field in conflict.fields:
            if not field.mine_changed and not field.theirs_changed:
                same += 1
                continue
            self._field_row(field)
        self.same_label.setText(
            self.tr("{n} delar är likadana i båda versionerna och visas inte.").format(n=same)
        )
        self.table.resizeRowsToContents()

    def _append(
        self, part: str, mine: str, theirs: str, key: str, conflict: bool, auto: str
    ) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in ((COL_PART, part), (COL_MINE, mine), (COL_THEIRS, theirs)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if conflict:
                item.setBackground(QBrush(QColor(CONFLICT_COLOUR)))
            self.table.setItem(row, col, item)
        if conflict:
            combo = QComboBox(self.table)
            combo.addItem(self.tr("Välj min"), "mine")
            combo.addItem(self.tr("Välj den sparade"), "theirs")
            combo.setAccessibleName(self.tr("Vilken version gäller för {part}").format(part=part))
            side = self.choices.get(key, "theirs")
            combo.setCurrentIndex(combo.findData(side))
            combo.currentIndexChanged.connect(
                lambda _i, k=key, c=combo: self._chosen(k, c.currentData())
            )
            self.choices[key] = side
            self.combos[key] = combo
            self.table.setCellWidget(row, COL_RESULT, combo)
        else:
            self.table.setItem(row, COL_RESULT, QTableWidgetItem(auto))

    def _chosen(self, key: str, side: object) -> None:
        if side in ("mine", "theirs"):
            self.choices[key] = "mine" if side == "mine" else "theirs"

    def _item_row(self, d: ItemDiff) -> None:
        if d.item_type == "goal":
            area = d.theirs_item or d.mine_item or d.base_item
            assert isinstance(area, Goal)
            part = self.tr("Mål – {area}").format(
                area=self.area_titles.get(area.area_id, area.area_id)
            )
        else:
            part = self.tr("Insats")
        if d.conflict:
            auto = ""
        elif d.mine != "unchanged":
            auto = self.tr("Din ändring tas med")
        else:
            auto = self.tr("Den sparade ändringen tas med")
        self._append(
            part,
            self._describe(d.mine_item, d.mine),
            self._describe(d.theirs_item, d.theirs),
            d.item_id,
            d.conflict,
            auto,
        )

    def _field_row(self, f: FieldDiff) -> None:
        names = {
            "follow_up_on": self.tr("Uppföljning"),
            "meeting_at": self.tr("Nästa möte, dag och tid"),
            "meeting_place": self.tr("Nästa möte, plats"),
            "meeting_with_providers": self.tr("Utförarna är med på mötet"),
            "note": self.tr("Anteckning"),
        }
        if f.conflict:
            auto = ""
        elif f.mine_changed and f.theirs_changed:
            auto = self.tr("Lika i båda")
        elif f.mine_changed:
            auto = self.tr("Din ändring tas med")
        else:
            auto = self.tr("Den sparade ändringen tas med")
        self._append(
            names.get(f.name, f.name),
            self._value(f.mine),
            self._value(f.theirs),
            f.name,
            f.conflict,
            auto,
        )

    def _value(self, value: object) -> str:
        if value is None or value == "":
            return self.tr("(tomt)")
        if isinstance(value, bool):
            return self.tr("Ja") if value else self.tr("Nej")
        if isinstance(value, datetime):
            return local_meeting(value).strftime("%Y-%m-%d %H:%M")
        return str(value)

    def _describe(self, item: Goal | Action | None, change: Change) -> str:
        marks = {
            "added": self.tr("(ny)"),
            "changed": self.tr("(ändrad)"),
            "removed": self.tr("(borttagen)"),
            "unchanged": "",
        }
        if item is None:
            return marks[change] if change == "removed" else self.tr("(finns inte)")
        if isinstance(item, Goal):
            text = item.text
        else:
            who = (
                self.provider_names.get(item.provider_id or "", "")
                if item.responsible_kind == "provider"
                else item.responsible_name
            )
            parts = [
                item.what,
                labels.responsible_kind(item.responsible_kind) + (f" ({who})" if who else ""),
                labels.action_status(item.status),
            ]
            if item.due_on:
                parts.append(self.tr("klart senast {date}").format(date=item.due_on.isoformat()))
            if item.follow_up:
                parts.append(self.tr("följs upp: {how}").format(how=item.follow_up))
            if item.outcome:
                parts.append(self.tr("resultat: {what}").format(what=item.outcome))
            text = " – ".join(parts)
        mark = marks[change]
        return f"{text} {mark}".strip()

    # --- saving -------------------------------------------------------------------------
    def save_choice(self, side: Side) -> None:
        self._save(conflicts.choose(self.conflict, side))

    def save_merge(self) -> None:
        self._save(conflicts.merge_plans(self.conflict, choices=dict(self.choices)))

    def _save(self, merged: conflicts.MergedPlan) -> None:
        ws, plan_id = self.ws, self.conflict.plan_id
        self.setEnabled(False)
        run_task(
            lambda: ws.plans.save_merged(plan_id, merged),
            self._save_result,
            self._failed,
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.banner.show_message(error_message(error), "error")

    def _save_result(self, result: object) -> None:
        self.setEnabled(True)
        if isinstance(result, Saved):
            self.saved = result.value
            self.resolved.emit(result.value)
            self.accept()
        elif isinstance(result, Conflict):
            self._saved_again()
        elif isinstance(result, NotKept):
            self._failed(result.reason)

    def _saved_again(self) -> None:
        """A third save came in while choosing: compare again with the newest version."""
        ws, plan_id, mine = self.ws, self.conflict.plan_id, self.conflict.mine
        run_task(
            lambda: ws.plans.conflict(plan_id, mine), self._compared_again, self._failed, owner=self
        )

    def _compared_again(self, fresh: PlanConflict) -> None:
        self.show_conflict(fresh)
        self.banner.show_message(
            self.tr(
                "Planen sparades igen av {who} medan du valde. Jämförelsen visar nu den senaste "
                "versionen; välj igen. Inget har skrivits över."
            ).format(who=fresh.theirs_by or self.tr("en annan användare")),
            "warning",
        )

    def row_for(self, part_text: str) -> int:
        """The first row whose part or either version contains ``part_text`` (tests, a11y)."""
        for row in range(self.table.rowCount()):
            for col in (COL_PART, COL_MINE, COL_THEIRS):
                item = self.table.item(row, col)
                if item is not None and part_text in item.text():
                    return row
        return -1
