"""The action plan editor: goals per area with their actions, follow-up date, saving with a
clear message when someone else saved first, submitting for review, autosaved drafts and the
plan's printed documents.

Opened with what ``ws.plans.open_editor`` returned (the main window fetches it in the
background). Drafts, saving and working while the server is away go through the shared
:class:`~ui.editing.EditSession`. Leaving is always possible: unsaved work is kept as a draft
and the page says what is unfinished (``left`` carries that message).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.drafts import DraftPayload
from assessment_app.records.plans import Action, Goal, PlanContent, PlanEdit, PlanInfo
from assessment_app.server.conflicts import PlanConflict
from assessment_app.workspace import Conflict, KeptLocally, NotKept, Saved
from assessment_app.workspace.plans import PlanEditorData
from ui.cases import labels
from ui.editing import EditSession
from ui.messages import error_message
from ui.plan.conflict import PlanConflictDialog
from ui.plan.documents import PlanDocumentsBar
from ui.plan.meeting import MeetingField
from ui.plan.rows import REMOVE_SHORTCUT, ActionRow, GoalBox
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner
from ui.widgets.date_field import OptionalDateEdit
from ui.widgets.reason_dialog import ReasonDialog


@dataclass
class Removed:
    """A goal (with its actions) or one action taken out of the plan, kept to undo."""

    kind: Literal["goal", "action"]
    index: int  # where it was: among the goals, or among its goal's actions
    goal: Goal
    actions: list[Action] = field(default_factory=list)
    message: str = ""


class PlanEditorPage(QWidget):
    closed = Signal(str)  # case id
    left = Signal(str)  # case id, after leaving with work kept as a draft (see ``leave_note``)
    server_unavailable = Signal()  # saving goes to this computer: the window shows its banner
    server_available = Signal()  # the server is back and the kept work is saved

    def __init__(
        self, services: Services, data: PlanEditorData, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ws = services.ws
        self.data = data
        self.providers = data.providers
        self.area_titles = data.area_titles
        self.plan: PlanInfo = data.plan
        self.dirty = False
        self._loading = False
        self.leave_note = ""
        self.removed: list[Removed] = []  # newest last: what "Ångra" brings back
        self.conflict_dialog: PlanConflictDialog | None = None
        self.session = EditSession(
            self.ws, self.my_edit, self.ws.plans.autosave, self.ws.plans.save, self
        )
        self.session.autosaved.connect(self._autosaved)
        self.session.kept_locally.connect(self._kept_locally)
        self.session.failed.connect(self._autosave_failed)
        self.session.back_online.connect(self._server_back)

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #555;")
        self.banner = Banner(self, "info")
        self.draft_banner = Banner(self, "warning")
        self.copy_banner = Banner(self, "warning")
        self.undo_banner = Banner(self, "info")
        self.undo_button = self.undo_banner.add_button(self.tr("Ång&ra"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_remove)
        self.goals_widget = QWidget(self)
        self.goals_layout = QVBoxLayout(self.goals_widget)
        self.goals_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes into the goals (kept in view)
        scroll.setWidget(self.goals_widget)
        self.new_goal_area = QComboBox(self)
        for area_id, title in self.area_titles.items():
            self.new_goal_area.addItem(title, area_id)
        self.add_goal_button = QPushButton(self.tr("Lägg till &mål"), self)
        self.add_goal_button.clicked.connect(self.add_goal_for_selected_area)
        self.follow_up = OptionalDateEdit(self, self.tr("Följs upp den"))
        self.meeting = MeetingField(self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        add_row = QHBoxLayout()
        # a label with a mnemonic and a buddy: Alt+O reaches the area list by keyboard, and a
        # screen reader names it
        new_goal_label = QLabel(self.tr("Nytt mål för &området:"), self)
        new_goal_label.setBuddy(self.new_goal_area)
        self.new_goal_area.setAccessibleName(self.tr("Nytt mål för området"))
        add_row.addWidget(new_goal_label)
        add_row.addWidget(self.new_goal_area)
        add_row.addWidget(self.add_goal_button)
        add_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Uppföljning:"), self.follow_up)
        form.addRow(self.tr("&Nästa möte:"), self.meeting)  # Alt+M is "Lägg till &mål"
        form.addRow(self.tr("&Anteckning:"), self.note)
        self.save_button = QPushButton(self.tr("&Spara planen"), self)
        self.submit_button = QPushButton(self.tr("Skicka för &granskning"), self)
        self.new_version_button = QPushButton(self.tr("Gör en ny &version"), self)
        self.close_button = QPushButton(self.tr("S&täng"), self)
        self.save_button.clicked.connect(lambda: self.save())
        self.submit_button.clicked.connect(self.submit)
        self.new_version_button.clicked.connect(self.make_new_version)
        self.close_button.clicked.connect(self.close_page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_version_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        self.documents = PlanDocumentsBar(
            services, self.plan.case_id, data.case_ref, self._save_if_needed, self
        )
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.draft_banner)
        layout.addWidget(self.copy_banner)
        layout.addWidget(self.undo_banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(add_row)
        layout.addLayout(form)
        layout.addWidget(self.documents)
        layout.addLayout(buttons)
        for signal in (
            self.follow_up.changed,
            self.meeting.changed,
            self.note.textChanged,
        ):
            signal.connect(self._mark_dirty)
        self.follow_up.changed.connect(self._follow_up_changed)
        # Removing by keyboard: the action (or, from a goal's own field, the goal) that has
        # the focus; it can be undone like a click on the remove button.
        self.remove_shortcut = QShortcut(QKeySequence(REMOVE_SHORTCUT), self)
        self.remove_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_shortcut.activated.connect(self.remove_focused)
        self.boxes: list[GoalBox] = []
        self.show_plan(self.plan)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if self.editable:
            self._offer(data)

    @property
    def editable(self) -> bool:
        return self.plan.editable

    @property
    def pending_local(self) -> bool:
        return self.session.pending_local

    # --- showing ------------------------------------------------------------------------
    def _show_content(self, content: PlanContent) -> None:
        self._loading = True
        try:
            for box in self.boxes:
                box.deleteLater()
            self.boxes = []
            for goal in content.goals:
                self._add_box(goal, [a for a in content.actions if a.goal_id == goal.id])
            self.follow_up.set_value(content.follow_up_on)
            self._follow_up_changed()
            self.meeting.set_value(
                content.meeting_at, content.meeting_place, content.meeting_with_providers
            )
            self.note.setPlainText(content.note)
        finally:
            self._loading = False
        self._chain_tab_order()

    def _follow_up_changed(self) -> None:
        self.meeting.suggest_day = self.follow_up.value()

    def show_plan(self, plan: PlanInfo) -> None:
        if plan.id != self.plan.id or not plan.editable:
            self._forget_removed()
        self.plan = plan
        self.base_version = plan.version  # what a save is checked against
        self._show_content(plan.content)
        editable = plan.editable
        for box in self.boxes:
            box.set_read_only(not editable)
        for widget in (
            self.add_goal_button,
            self.new_goal_area,
            self.follow_up,
            self.note,
            self.save_button,
            self.submit_button,
        ):
            widget.setEnabled(editable)
        self.meeting.set_read_only(not editable)
        self.remove_shortcut.setEnabled(editable)
        self.new_version_button.setVisible(plan.review_state == "approved")
        self.title.setText(
            self.tr("Handlingsplan version {v} – {state}").format(
                v=plan.plan_version, state=labels.review_state(plan.review_state)
            )
        )
        returned = [r for r in plan.reviews if r.decision == "returned"]
        if plan.review_state == "returned" and returned:
            self.banner.show_message(
                self.tr("Planen lämnades tillbaka: {comment}").format(comment=returned[-1].comment),
                "warning",
            )
        elif plan.self_approved:
            self.banner.show_message(
                self.tr(
                    "Godkänd av den som skrev eller senast ändrade planen (enhetens regel "
                    "tillåter det). Den här versionen är låst."
                ),
                "warning",
            )
        elif not editable:
            self.banner.show_message(
                self.tr(
                    "Den här versionen är låst ({state}). Gör en ny version för att ändra den."
                ).format(state=labels.review_state(plan.review_state).lower()),
                "info",
            )
        self.dirty = False
        self.session.mark_clean()
        self.documents.set_plan(
            plan, self.data.provider_names, self.data.consented, self.data.is_current
        )

    def _add_box(self, goal: Goal, actions: list[Action], index: int | None = None) -> GoalBox:
        title = self.area_titles.get(goal.area_id, goal.area_id)
        box = GoalBox(goal, title, actions, self.providers, self.goals_widget)
        box.remove_requested.connect(self.remove_goal)
        box.remove_action_requested.connect(self.remove_action)
        box.changed.connect(self._mark_dirty)
        box.structure_changed.connect(self._chain_tab_order)
        at = len(self.boxes) if index is None else max(0, min(index, len(self.boxes)))
        self.boxes.insert(at, box)
        self.goals_layout.insertWidget(at, box)
        self._chain_tab_order()
        return box

    def add_goal_for_selected_area(self) -> GoalBox:
        area_id = self.new_goal_area.currentData() or "other"
        box = self._add_box(Goal(area_id, ""), [])
        box.text.setFocus()
        self._mark_dirty()
        return box

    def _chain_tab_order(self) -> None:
        """Tab follows the reading order: each goal, its actions field by field, then the rest
        of the page top to bottom; remove buttons are never in it."""
        chain: list[QWidget] = [self.undo_button]  # above the goals, when there is one
        for box in self.boxes:
            chain += box.focus_chain()
        chain += [
            self.new_goal_area,
            self.add_goal_button,
            self.follow_up.check,
            self.follow_up.edit,
            *self.meeting.focus_chain(),
            self.note,
            *self.documents.focus_chain(),
            self.new_version_button,
            self.submit_button,
            self.save_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- removing, and undoing it ---------------------------------------------------------
    def remove_goal(self, box: GoalBox) -> None:
        """The goal and its actions go at once; the banner offers to bring them back."""
        if box not in self.boxes or not self.editable:
            return
        index = self.boxes.index(box)
        actions = box.action_values()
        n = len(actions)
        if n == 0:
            message = self.tr("Målet togs bort.")
        elif n == 1:
            message = self.tr("Målet och dess insats togs bort.")
        else:
            message = self.tr("Målet och dess {n} insatser togs bort.").format(n=n)
        had_focus = box.isAncestorOf(QApplication.focusWidget())
        self.boxes.remove(box)
        self.goals_layout.removeWidget(box)
        box.hide()
        box.deleteLater()
        self._removed(Removed("goal", index, box.goal(), actions, message))
        if had_focus:
            self._focus_after_removal(index)

    def remove_action(self, box: GoalBox, row: ActionRow) -> None:
        if box not in self.boxes or row not in box.rows or not self.editable:
            return
        action = row.value(box.goal_id)
        had_focus = row.isAncestorOf(QApplication.focusWidget())
        index = box.take_row(row)
        message = self.tr("Insatsen togs bort.")
        self._removed(Removed("action", index, box.goal(), [action], message))
        if had_focus:
            if index < len(box.rows):
                box.rows[index].what.setFocus()
            elif box.rows:
                box.rows[-1].what.setFocus()
            else:
                box.add_button.setFocus()

    def _focus_after_removal(self, index: int) -> None:
        if self.boxes:
            self.boxes[min(index, len(self.boxes) - 1)].text.setFocus()
        else:
            self.new_goal_area.setFocus()

    def _removed(self, item: Removed) -> None:
        self.removed.append(item)
        self.undo_banner.show_message(item.message, "info")
        self.undo_button.show()
        self._chain_tab_order()
        self._mark_dirty()

    def remove_focused(self) -> None:
        """The keyboard's remove: the action row that has the focus, or the goal whose own
        field (or "Lägg till insats") has it."""
        if not self.editable:
            return
        focused = QApplication.focusWidget()
        if focused is None:
            return
        for box in self.boxes:
            for row in box.rows:
                if row.isAncestorOf(focused):
                    self.remove_action(box, row)
                    return
            if box.isAncestorOf(focused):
                self.remove_goal(box)
                return

    def undo_remove(self) -> None:
        """Bring back what was removed last (a goal with its actions, or one action)."""
        if not self.removed or not self.editable:
            return
        item = self.removed.pop()
        if item.kind == "goal":
            box = self._add_box(item.goal, item.actions, index=item.index)
            box.text.setFocus()
        else:
            found = next((b for b in self.boxes if b.goal_id == item.goal.id), None)
            if found is None:  # its goal is gone too (and not brought back): under a new one
                found = self._add_box(item.goal, [], index=len(self.boxes))
            row = found.add_action(item.actions[0], index=item.index)
            row.what.setFocus()
        if self.removed:
            self.undo_banner.show_message(self.removed[-1].message, "info")
        else:
            back = (
                self.tr("Målet är tillbaka.")
                if item.kind == "goal"
                else self.tr("Insatsen är tillbaka.")
            )
            self.undo_banner.show_message(back, "success")
            self.undo_button.hide()
        self._mark_dirty()

    def _forget_removed(self) -> None:
        self.removed.clear()
        self.undo_banner.show_message("")

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        if self.editable:
            self._set_status(self.tr("Ändrat – sparas automatiskt som utkast"))
            self.session.touch()

    def _set_status(self, text: str) -> None:
        if self.status.text() != text:
            self.status.setText(text)

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        """Leaving a field saves the draft at once (not only after the pause)."""
        if not shiboken6.isValid(self) or old is None or not shiboken6.isValid(old):
            return
        if self.session.dirty and self.editable and self.isAncestorOf(old):
            self.session.flush()

    # --- content ------------------------------------------------------------------------
    def content(self) -> PlanContent:
        meeting_at, meeting_place, with_providers = self.meeting.value()
        return PlanContent(
            goals=[box.goal() for box in self.boxes],
            actions=[a for box in self.boxes for a in box.action_values()],
            follow_up_on=self.follow_up.value(),
            meeting_at=meeting_at,
            meeting_place=meeting_place,
            note=self.note.toPlainText().strip(),
            meeting_with_providers=with_providers,
        )

    def my_edit(self) -> PlanEdit:
        base = self.plan
        if self.base_version != base.version:  # a restored draft made from an older version
            base = dataclasses.replace(base, version=self.base_version)
        return PlanEdit(base, self.content())

    def _autosaved(self, _at: object) -> None:
        self._set_status(
            self.tr("Utkast autosparat {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )

    def _kept_locally(self, _result: KeptLocally) -> None:
        self.server_unavailable.emit()
        self._set_status(
            self.tr("Utkast sparat på den här datorn {time} (servern går inte att nå)").format(
                time=datetime.now().strftime("%H:%M:%S")
            )
        )

    def _autosave_failed(self, error: object) -> None:
        reason = error.reason if isinstance(error, NotKept) else error
        if isinstance(reason, BaseException):
            self.banner.show_message(
                self.tr("Autosparningen misslyckades: {reason}").format(
                    reason=error_message(reason)
                ),
                "error",
            )

    # --- drafts -------------------------------------------------------------------------
    def _offer(self, data: PlanEditorData) -> None:
        payload: DraftPayload | None = None
        if data.local is not None:
            payload = DraftPayload.from_json(data.local.payload)
            text = self.tr(
                "Det finns ändringar av planen som sparades på den här datorn {when} när servern "
                "inte gick att nå, och som inte har sparats i planen än. Vill du fortsätta med "
                "dem?"
            ).format(when=local_time(data.local.saved_at))
        elif data.draft is not None:
            payload = data.draft.payload
            text = self.tr(
                "Det finns ett automatiskt sparat utkast av planen från {when} med ändringar som "
                "inte är sparade. Vill du fortsätta med utkastet?"
            ).format(when=local_time(data.draft.updated_at))
        if payload is not None:
            if payload.base_version not in (None, self.plan.version):
                text += " " + self.tr(
                    "Planen har sparats igen efter att utkastet gjordes; om du återställer "
                    "utkastet jämförs det med de nya ändringarna innan något sparas."
                )
            self.draft_banner.show_message(text, "warning")
            restore = self.draft_banner.add_button(self.tr("&Återställ utkastet"))
            throw = self.draft_banner.add_button(self.tr("&Kasta utkastet"))
            chosen = payload
            restore.clicked.connect(lambda: self.restore_draft(chosen))
            throw.clicked.connect(self.discard_draft)
        copy = data.copy
        if copy is not None and not PlanContent.from_json(copy.payload.content).same_as(
            self.plan.content
        ):
            self.copy_banner.show_message(
                self.tr(
                    "Det finns en kopia av planen som sparades på den här datorn {when} när "
                    "servern inte gick att nå, och som skiljer sig från det som finns på servern. "
                    "Jämför och välj vad som ska gälla."
                ).format(when=local_time(copy.updated_at)),
                "warning",
            )
            compare = self.copy_banner.add_button(self.tr("&Jämför med kopian …"))
            throw = self.copy_banner.add_button(self.tr("Kasta &kopian"))
            compare.clicked.connect(lambda: self.compare_local_copy())
            throw.clicked.connect(self.discard_local_copy)

    def compare_local_copy(self) -> None:
        copy = self.data.copy
        if copy is None:
            return
        ws, plan = self.ws, self.plan
        run_task(
            lambda: ws.plans.conflict_with_copy(plan, copy),
            self._show_conflict,
            self._failed,
            owner=self,
        )

    def discard_local_copy(self) -> None:
        self.copy_banner.clear()
        ws, plan_id = self.ws, self.plan.id
        run_task(lambda: ws.plans.discard_copy(plan_id), None, self._failed, owner=self)

    def restore_draft(self, payload: DraftPayload) -> None:
        self.draft_banner.clear()
        self._forget_removed()
        self._show_content(PlanContent.from_json(payload.content))
        if payload.base_version is not None:
            # A draft of an older version cannot be saved over a newer one unseen: the save
            # is checked against the version it was made from and meets a conflict instead.
            self.base_version = payload.base_version
        self.dirty = True
        self.session.touch()  # still only a draft until saved
        self._set_status(self.tr("Utkastet är återställt – spara när du är klar"))

    def discard_draft(self) -> None:
        self.draft_banner.clear()
        ws, plan_id = self.ws, self.plan.id
        run_task(
            lambda: ws.plans.discard_draft(plan_id),
            lambda _r: self._set_status(self.tr("Utkastet är kastat")),
            self._failed,
            owner=self,
        )

    def leaving_note(self) -> str:
        """What the window says when the person goes elsewhere (e.g. to the case list) with
        unsaved changes: they are kept as a draft, and what the plan still needs."""
        if not (self.dirty and self.editable):
            return ""
        note = self.tr(
            "Planen är inte sparad än. Dina ändringar finns kvar som utkast och erbjuds när du "
            "öppnar planen igen."
        )
        problems = self.ws.plans.unfinished(self.content())
        if problems:
            note += " " + self.tr("Innan planen kan skickas in: {what}").format(
                what=" ".join(p.text(self.services.language) for p in problems)
            )
        return note

    def flush_draft(self, then: Callable[[bool], None] | None = None) -> None:
        """Called before locking or signing out: nothing typed may be lost."""
        if not self.editable:
            if then is not None:
                then(True)
            return
        self.session.flush(then)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")

    # --- saving -------------------------------------------------------------------------
    def save(self, then: Callable[[bool], None] | None = None) -> bool:
        """Save in the background. If the server cannot be reached, the edit is kept encrypted
        on this computer and saved when it is back; if someone else saved first, the conflict
        dialog opens. Nothing is overwritten. ``then(ok)`` when the result is in."""
        started = self.session.save(lambda result: self._save_result(result, then))
        if started:
            self._set_status(self.tr("Sparar …"))
        return started

    def _save_result(self, result: object, then: Callable[[bool], None] | None) -> None:
        ok = False
        if isinstance(result, Saved):
            self._saved(result.value)
            ok = True
        elif isinstance(result, KeptLocally):
            self.dirty = False
            self.banner.clear()
            self.banner.show_message(
                self.tr(
                    "Servern går inte att nå. Planen är sparad krypterat på den här datorn och "
                    "sparas på servern så snart den går att nå igen. Du kan fortsätta arbeta."
                ),
                "warning",
            )
            self._set_status(self.tr("Sparat på den här datorn – väntar på servern"))
        elif isinstance(result, Conflict):
            self.banner.clear()
            self.banner.show_message(
                self.tr(
                    "Planen sparades inte: någon annan har ändrat den sedan du öppnade den. "
                    "Dina ändringar finns kvar här på skärmen. Jämför versionerna och välj vad "
                    "som ska gälla. ({detail})"
                ).format(detail=error_message(result.error)),
                "error",
            )
            compare_button = self.banner.add_button(self.tr("&Jämför och välj …"))
            compare_button.clicked.connect(lambda: self.open_conflict())
            reload_button = self.banner.add_button(self.tr("&Ladda om planen"))
            reload_button.clicked.connect(self.reload)
            self.open_conflict()
        else:
            error = result.reason if isinstance(result, NotKept) else result
            self.banner.clear()
            if isinstance(error, BaseException):
                self.banner.show_message(error_message(error), "error")
            self.session.flush()  # keep it as a draft at least
        if then is not None:
            then(ok)

    def _saved(self, saved: PlanInfo) -> None:
        self.show_plan(saved)
        self.banner.clear()
        self.banner.show_message(self.tr("Planen är sparad."), "success")
        # not "Sparar …" any longer (it stayed after a save, also under a submitted plan)
        self._set_status(self.tr("Sparat {time}").format(time=datetime.now().strftime("%H:%M")))

    def _server_back(self) -> None:
        """The server answers again and the kept work is synced: save for real."""
        self.server_available.emit()
        if self.session.pending_local and self.editable:
            self.save()

    # --- two versions -------------------------------------------------------------------
    def open_conflict(self, edit: PlanEdit | None = None) -> None:
        """Both versions side by side (fetched in the background); the dialog saves the
        person's choice."""
        mine = edit or self.my_edit()
        ws, plan_id = self.ws, self.plan.id
        run_task(
            lambda: ws.plans.conflict(plan_id, mine), self._show_conflict, self._failed, owner=self
        )

    def _show_conflict(self, conflict: PlanConflict) -> PlanConflictDialog:
        if self.conflict_dialog is not None and shiboken6.isValid(self.conflict_dialog):
            self.conflict_dialog.close()
        names = {p.id: p.name for p in self.providers}
        dialog = PlanConflictDialog(self.ws, conflict, self.area_titles, names, self)
        dialog.resolved.connect(self._conflict_resolved)
        dialog.finished.connect(dialog.deleteLater)
        self.conflict_dialog = dialog
        dialog.open()
        return dialog

    def _conflict_resolved(self, saved: PlanInfo) -> None:
        self._saved(saved)
        if self.copy_banner.isVisible():
            self.discard_local_copy()

    def reload(self) -> None:
        self.banner.clear()
        ws, plan_id = self.ws, self.plan.id
        run_task(lambda: ws.plans.open_editor(plan_id), self._reloaded, self._failed, owner=self)

    def _reloaded(self, data: PlanEditorData) -> None:
        self.data = data
        self.providers = data.providers
        self.show_plan(data.plan)

    def _save_if_needed(self, then: Callable[[bool], None]) -> None:
        """Before a document is made: it shows the stored plan, so store the edits first."""
        if self.dirty and self.editable:
            self.save(then)
        else:
            then(True)

    def submit(self) -> None:
        problems = self.ws.plans.unfinished(self.content())
        if problems:
            self.banner.show_message(
                self.tr("Planen kan inte skickas in än:")
                + " "
                + " ".join(p.text(self.services.language) for p in problems),
                "error",
            )
            return

        def after_save(ok: bool) -> None:
            if not ok:
                return
            ws, plan_id = self.ws, self.plan.id
            run_task(
                lambda: ws.plans.needs_unfinished_reason(plan_id),
                self._ask_reason_or_submit,
                self._failed,
                owner=self,
            )

        self._save_if_needed(after_save)

    def _ask_reason_or_submit(self, needs_reason: bool) -> None:
        """A plan on an assessment that is not finished is submitted only with a reason,
        which the reviewer sees (and the core audits)."""
        if not needs_reason:
            self._submit("")
            return
        dialog = ReasonDialog(
            self.tr("Kartläggningen är inte klar"),
            self.tr(
                "Kartläggningen som planen bygger på är inte avslutad. Skriv varför planen "
                "ska skickas in nu. Arbetsledaren ser skälet när planen granskas."
            ),
            self.tr("&Skicka in"),
            self,
        )
        dialog.reason_given.connect(self._submit)
        self.reason_dialog = dialog
        dialog.open()

    def _submit(self, reason: str) -> None:
        ws, plan_id, version = self.ws, self.plan.id, self.plan.version
        run_task(
            lambda: ws.plans.submit(plan_id, version, unfinished_reason=reason),
            self._submitted,
            self._failed,
            owner=self,
        )

    def _submitted(self, plan: PlanInfo) -> None:
        self.show_plan(plan)
        self.banner.show_message(
            self.tr("Planen är skickad till arbetsledaren för granskning."), "success"
        )

    def make_new_version(self) -> None:
        ws, plan_id, version = self.ws, self.plan.id, self.plan.version

        def made(plan: PlanInfo) -> None:
            self.data = PlanEditorData(
                plan,
                self.data.case_ref,
                self.data.providers,
                self.data.consented,
                self.data.area_titles,
                True,
                None,
                None,
                None,
            )
            self.show_plan(plan)

        run_task(lambda: ws.plans.new_version(plan_id, version), made, self._failed, owner=self)

    def close_page(self) -> None:
        """Leave the plan. Unsaved work is saved if it can be, and kept as a draft if not;
        the person is told what is unfinished and is never kept here."""
        case_id = self.plan.case_id
        if not (self.dirty and self.editable):
            self.closed.emit(case_id)
            return
        problems = self.ws.plans.unfinished(self.content())
        unfinished = " ".join(p.text(self.services.language) for p in problems)

        def after(ok: bool) -> None:
            if ok:
                self.leave_note = (
                    self.tr("Planen är sparad, men den är inte klar att skicka in: {what}").format(
                        what=unfinished
                    )
                    if unfinished
                    else ""
                )
                self.closed.emit(case_id)
                return

            def kept(_stored: bool) -> None:
                self.leave_note = self.tr(
                    "Planen kunde inte sparas just nu. Dina ändringar finns kvar som utkast och "
                    "erbjuds nästa gång du öppnar planen."
                )
                self.left.emit(case_id)

            self.session.flush(kept)

        if not self.save(after):
            self.session.flush(lambda _ok: self.left.emit(case_id))
