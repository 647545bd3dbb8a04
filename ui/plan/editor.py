"""The action plan editor: goals per area with their actions, follow-up date, saving with a
clear message when someone else saved first, submitting for review, autosaved drafts and the
plan's printed documents."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessment_app.errors import AppError, StaleEditError
from assessment_app.records import drafts, plans, providers
from assessment_app.records.plans import Action, Goal, PlanInfo
from assessment_app.server import conflicts, local_drafts
from assessment_app.server.local_drafts import LocalDraftStore
from ui.cases import labels, offline
from ui.cases.offline import FallbackAutosaver, LocalWork
from ui.messages import error_message
from ui.plan.conflict import PlanConflictDialog
from ui.plan.documents import PlanDocumentsBar
from ui.plan.draft import PlanContent, from_payload, same_content, to_payload
from ui.plan.rows import GoalBox
from ui.services import Services
from ui.timefmt import local_time
from ui.widgets.banner import Banner
from ui.widgets.date_field import OptionalDateEdit

EDITABLE_STATES = ("draft", "returned")
DRAFT_KIND = "plan"


class PlanEditorPage(QWidget):
    closed = Signal(str)  # case id
    server_unavailable = Signal()  # saving goes to this computer: the window shows its banner
    server_available = Signal()  # the server is back and the kept work is saved

    def __init__(
        self,
        services: Services,
        plan_id: str,
        parent: QWidget | None = None,
        case_ref: str | None = None,
        local_store: LocalDraftStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ctx = services.ctx
        self.providers = providers.list_providers(self.ctx, include_inactive=True)
        try:
            template = services.templates.latest()
            self.area_titles = {a.id: a.title.text(services.language) for a in template.areas}
        except Exception:
            self.area_titles = {}
        self.plan: PlanInfo = plans.get_plan(self.ctx, plan_id)
        self.base_version = self.plan.version  # what a save is checked against
        self.dirty = False
        self.pending_local = False  # edits kept on this computer, not yet on the server
        self._loading = False
        self.conflict_dialog: PlanConflictDialog | None = None
        self.local = LocalWork(self.ctx, local_store or offline.default_store(self.ctx), self)
        self.local.unavailable.connect(self.server_unavailable)
        self.local.available.connect(self._server_back)
        self.autosaver = FallbackAutosaver(
            self.local,
            self.ctx,
            DRAFT_KIND,
            self.plan.id,
            self.plan.case_id,
            self.draft_payload,
            self.local_payload,
            self,
        )
        self.autosaver.saved.connect(self._autosaved)
        self.autosaver.saved_locally.connect(self._kept_locally)
        self.autosaver.failed.connect(self._autosave_failed)

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #555;")
        self.banner = Banner(self, "info")
        self.draft_banner = Banner(self, "warning")
        self.copy_banner = Banner(self, "warning")
        self.goals_widget = QWidget(self)
        self.goals_layout = QVBoxLayout(self.goals_widget)
        self.goals_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.goals_widget)
        self.new_goal_area = QComboBox(self)
        for area_id, title in self.area_titles.items():
            self.new_goal_area.addItem(title, area_id)
        self.add_goal_button = QPushButton(self.tr("Lägg till &mål"), self)
        self.add_goal_button.clicked.connect(self.add_goal_for_selected_area)
        self.follow_up = OptionalDateEdit(self, self.tr("Följs upp den"))
        self.next_meeting = QLineEdit(self)
        self.next_meeting.setPlaceholderText(self.tr("till exempel 2025-03-04 kl. 10.00"))
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("Nytt mål för området:"), self))
        add_row.addWidget(self.new_goal_area)
        add_row.addWidget(self.add_goal_button)
        add_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Uppföljning:"), self.follow_up)
        form.addRow(self.tr("Nästa &möte:"), self.next_meeting)
        form.addRow(self.tr("&Anteckning:"), self.note)
        self.save_button = QPushButton(self.tr("&Spara planen"), self)
        self.submit_button = QPushButton(self.tr("Skicka för &granskning"), self)
        self.new_version_button = QPushButton(self.tr("Gör en ny &version"), self)
        self.close_button = QPushButton(self.tr("S&täng"), self)
        self.save_button.clicked.connect(self.save)
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
            services, self.plan.case_id, case_ref, self._save_if_needed, self
        )
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.draft_banner)
        layout.addWidget(self.copy_banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(add_row)
        layout.addLayout(form)
        layout.addWidget(self.documents)
        layout.addLayout(buttons)
        for signal in (
            self.follow_up.changed,
            self.next_meeting.textChanged,
            self.note.textChanged,
        ):
            signal.connect(self._mark_dirty)
        self.boxes: list[GoalBox] = []
        self.show_plan(self.plan)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if self.editable:
            self._offer_draft()
            self._offer_local_copy()

    @property
    def editable(self) -> bool:
        return self.plan.review_state in EDITABLE_STATES

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
            self.next_meeting.setText(content.next_meeting)
            self.note.setPlainText(content.note)
        finally:
            self._loading = False

    def show_plan(self, plan: PlanInfo) -> None:
        self.plan = plan
        self.base_version = plan.version
        self._show_content(
            PlanContent(plan.goals, plan.actions, plan.follow_up_on, plan.next_meeting, plan.note)
        )
        editable = plan.review_state in EDITABLE_STATES
        for box in self.boxes:
            box.set_read_only(not editable)
        for widget in (
            self.add_goal_button,
            self.new_goal_area,
            self.follow_up,
            self.next_meeting,
            self.note,
            self.save_button,
            self.submit_button,
        ):
            widget.setEnabled(editable)
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
        elif not editable:
            self.banner.show_message(
                self.tr(
                    "Den här versionen är låst ({state}). Gör en ny version för att ändra den."
                ).format(state=labels.review_state(plan.review_state).lower()),
                "info",
            )
        self.dirty = False
        self.autosaver.timer.stop()
        self.autosaver.dirty = False
        self.documents.set_plan(plan)

    def _add_box(self, goal: Goal, actions: list[Action]) -> GoalBox:
        title = self.area_titles.get(goal.area_id, goal.area_id)
        box = GoalBox(goal, title, actions, self.providers, self.goals_widget)
        box.remove_requested.connect(self._remove_box)
        box.changed.connect(self._mark_dirty)
        self.boxes.append(box)
        self.goals_layout.insertWidget(self.goals_layout.count() - 1, box)
        return box

    def add_goal_for_selected_area(self) -> GoalBox:
        area_id = self.new_goal_area.currentData() or "other"
        box = self._add_box(Goal(area_id, ""), [])
        box.text.setFocus()
        self._mark_dirty()
        return box

    def _remove_box(self, box: GoalBox) -> None:
        self.boxes.remove(box)
        box.deleteLater()
        self._mark_dirty()

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        if self.editable:
            self.status.setText(self.tr("Ändrat – sparas automatiskt som utkast"))
            self.autosaver.touch()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        """Leaving a field saves the draft at once (not only after the pause)."""
        if not shiboken6.isValid(self) or old is None or not shiboken6.isValid(old):
            return
        if self.autosaver.dirty and self.isAncestorOf(old):
            self.autosaver.flush()

    # --- drafts -------------------------------------------------------------------------
    def content(self) -> PlanContent:
        return PlanContent(
            goals=[box.goal() for box in self.boxes],
            actions=[a for box in self.boxes for a in box.action_values()],
            follow_up_on=self.follow_up.value(),
            next_meeting=self.next_meeting.text().strip(),
            note=self.note.toPlainText().strip(),
        )

    def draft_payload(self) -> dict[str, Any]:
        return to_payload(self.content(), self.base_version)

    def local_payload(self) -> dict[str, Any]:
        """The same edit in the format the core's local store syncs and saves from."""
        c = self.content()
        return local_drafts.plan_payload(
            self.base_version, c.goals, c.actions, c.follow_up_on, c.next_meeting, c.note
        )

    def _kept_locally(self) -> None:
        self.pending_local = True
        self.status.setText(
            self.tr("Utkast sparat på den här datorn {time} (servern går inte att nå)").format(
                time=datetime.now().strftime("%H:%M:%S")
            )
        )

    def _autosaved(self) -> None:
        self.status.setText(
            self.tr("Utkast autosparat {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )

    def _autosave_failed(self, error: BaseException) -> None:
        self.banner.show_message(
            self.tr("Autosparningen misslyckades: {reason}").format(reason=error_message(error)),
            "error",
        )

    def _offer_draft(self) -> None:
        draft = drafts.load_draft(self.ctx, DRAFT_KIND, self.plan.id)
        if draft is None:
            return
        payload = draft.payload
        if same_content(payload, self.content()):
            self.autosaver.discard()  # nothing in it that is not already saved
            return
        text = self.tr(
            "Det finns ett automatiskt sparat utkast av planen från {when} med ändringar som "
            "inte är sparade. Vill du fortsätta med utkastet?"
        ).format(when=local_time(draft.updated_at))
        if _draft_base(payload) != self.plan.version:
            text += " " + self.tr(
                "Planen har sparats igen efter att utkastet gjordes; om du återställer utkastet "
                "kan det inte sparas över de nya ändringarna."
            )
        self.draft_banner.show_message(text, "warning")
        restore = self.draft_banner.add_button(self.tr("&Återställ utkastet"))
        throw = self.draft_banner.add_button(self.tr("&Kasta utkastet"))
        restore.clicked.connect(lambda: self.restore_draft(payload))
        throw.clicked.connect(self.discard_draft)

    def _offer_local_copy(self) -> None:
        """A copy kept on this computer while the server was away, which met a newer draft on
        the server when it was synced: offered as a conflict, never applied silently."""
        copy = drafts.load_draft(self.ctx, DRAFT_KIND + offline.CONFLICT_SUFFIX, self.plan.id)
        if copy is None:
            return
        self.copy_banner.show_message(
            self.tr(
                "Det finns en kopia av planen som sparades på den här datorn {when} när servern "
                "inte gick att nå, och som skiljer sig från det som finns på servern. Jämför och "
                "välj vad som ska gälla."
            ).format(when=local_time(copy.updated_at)),
            "warning",
        )
        compare = self.copy_banner.add_button(self.tr("&Jämför med kopian …"))
        throw = self.copy_banner.add_button(self.tr("Kasta &kopian"))
        compare.clicked.connect(lambda: self.compare_local_copy(copy.payload))
        throw.clicked.connect(self.discard_local_copy)

    def compare_local_copy(self, payload: dict[str, Any]) -> PlanConflictDialog | None:
        content = from_payload(payload)
        # The version the copy was made from is not kept, so every difference is offered.
        unknown_base = dataclasses.replace(
            self.plan, goals=[], actions=[], follow_up_on=None, next_meeting="", note=""
        )
        edit = conflicts.PlanEdit(
            unknown_base,
            content.goals,
            content.actions,
            content.follow_up_on,
            content.next_meeting,
            content.note,
        )
        return self.open_conflict(edit)

    def discard_local_copy(self) -> None:
        self.copy_banner.clear()
        try:
            drafts.discard_draft(self.ctx, DRAFT_KIND + offline.CONFLICT_SUFFIX, self.plan.id)
        except AppError as error:
            self.banner.show_message(error_message(error), "error")

    def restore_draft(self, payload: dict[str, Any]) -> None:
        self.draft_banner.clear()
        self._show_content(from_payload(payload))
        base = _draft_base(payload)
        self.base_version = base if base is not None else self.plan.version
        self.dirty = True
        self.autosaver.dirty = True  # still only a draft until saved
        self.status.setText(self.tr("Utkastet är återställt – spara när du är klar"))

    def discard_draft(self) -> None:
        self.draft_banner.clear()
        self.autosaver.discard()
        self.status.setText(self.tr("Utkastet är kastat"))

    def flush_draft(self) -> bool:
        """Called before locking or signing out: nothing typed may be lost."""
        return not self.editable or self.autosaver.flush()

    # --- saving -------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the server. If it cannot be reached, the edit is kept encrypted on this
        computer (returns False, ``dirty`` off, ``pending_local`` on) and saved when it is back.
        If someone else saved first, the conflict dialog opens; nothing is overwritten."""
        content = self.content()
        try:
            if self.local.enabled and self.local.store is not None:
                outcome = local_drafts.save_plan_or_keep(
                    self.ctx,
                    self.local.store,
                    self.plan.id,
                    self.base_version,
                    goals=content.goals,
                    actions=content.actions,
                    follow_up_on=content.follow_up_on,
                    next_meeting=content.next_meeting,
                    note=content.note,
                    case_id=self.plan.case_id,
                )
                saved = outcome.saved
            else:
                saved = plans.save_plan(
                    self.ctx,
                    self.plan.id,
                    self.base_version,
                    goals=content.goals,
                    actions=content.actions,
                    follow_up_on=content.follow_up_on,
                    next_meeting=content.next_meeting,
                    note=content.note,
                )
        except StaleEditError as error:
            self.autosaver.flush()
            self.banner.clear()
            self.banner.show_message(
                self.tr(
                    "Planen sparades inte: någon annan har ändrat den sedan du öppnade den. "
                    "Dina ändringar finns kvar här på skärmen. Jämför versionerna och välj vad "
                    "som ska gälla. ({detail})"
                ).format(detail=error_message(error)),
                "error",
            )
            compare_button = self.banner.add_button(self.tr("&Jämför och välj …"))
            compare_button.clicked.connect(self.open_conflict)
            reload_button = self.banner.add_button(self.tr("&Ladda om planen"))
            reload_button.clicked.connect(self.reload)
            self.open_conflict()
            return False
        except AppError as error:
            self.autosaver.flush()
            self.banner.clear()
            self.banner.show_message(error_message(error), "error")
            return False
        if saved is None:  # the server is away: kept on this computer
            self.dirty = False
            self.pending_local = True
            self.autosaver.timer.stop()
            self.autosaver.dirty = False
            self.local.went_offline()
            self.banner.clear()
            self.banner.show_message(
                self.tr(
                    "Servern går inte att nå. Planen är sparad krypterat på den här datorn och "
                    "sparas på servern så snart den går att nå igen. Du kan fortsätta arbeta."
                ),
                "warning",
            )
            self.status.setText(self.tr("Sparat på den här datorn – väntar på servern"))
            return False
        self._saved(saved)
        return True

    def _saved(self, saved: PlanInfo) -> None:
        self.pending_local = False
        try:
            self.autosaver.discard()
        except AppError as error:  # the plan is saved; an old draft may be offered later
            self.banner.show_message(error_message(error), "error")
        self.show_plan(saved)
        self._drop_identical_copy()
        self.banner.clear()
        self.banner.show_message(self.tr("Planen är sparad."), "success")

    def _drop_identical_copy(self) -> None:
        """A kept copy that holds exactly what is now saved is no conflict (two syncs of the
        same local draft can leave one): remove it instead of offering it."""
        kind = DRAFT_KIND + offline.CONFLICT_SUFFIX
        try:
            copy = drafts.load_draft(self.ctx, kind, self.plan.id)
            if copy is not None and same_content(copy.payload, self.content()):
                drafts.discard_draft(self.ctx, kind, self.plan.id)
                self.copy_banner.clear()
        except AppError as error:
            self.banner.show_message(error_message(error), "error")

    def _server_back(self) -> None:
        """The server answers again and the local drafts are synced: save for real."""
        self.server_available.emit()
        if self.pending_local and self.editable:
            self.save()

    # --- two versions -------------------------------------------------------------------
    def my_edit(self) -> conflicts.PlanEdit:
        c = self.content()
        return conflicts.PlanEdit(
            self.plan, c.goals, c.actions, c.follow_up_on, c.next_meeting, c.note
        )

    def open_conflict(self, edit: conflicts.PlanEdit | None = None) -> PlanConflictDialog | None:
        """Both versions side by side; the dialog saves the person's choice."""
        try:
            conflict = conflicts.plan_conflict(self.ctx, self.plan.id, edit or self.my_edit())
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return None
        if self.conflict_dialog is not None and shiboken6.isValid(self.conflict_dialog):
            self.conflict_dialog.close()
        names = {p.id: p.name for p in self.providers}
        dialog = PlanConflictDialog(self.ctx, conflict, self.area_titles, names, self)
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
        self.show_plan(plans.get_plan(self.ctx, self.plan.id))

    def _save_if_needed(self) -> bool:
        """Before a document is made: it shows the stored plan, so store the edits first."""
        return not (self.dirty and self.editable) or self.save()

    def submit(self) -> None:
        if self.dirty and not self.save():
            return
        try:
            self.show_plan(plans.submit_for_review(self.ctx, self.plan.id, self.plan.version))
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.banner.show_message(
            self.tr("Planen är skickad till arbetsledaren för granskning."), "success"
        )

    def make_new_version(self) -> None:
        try:
            self.show_plan(plans.new_version(self.ctx, self.plan.id))
        except AppError as error:
            self.banner.show_message(error_message(error), "error")

    def close_page(self) -> None:
        if self.dirty and self.editable and not self.save():
            return
        self.closed.emit(self.plan.case_id)


def _draft_base(payload: dict[str, Any]) -> int | None:
    """The plan version a draft was made from (autosaved or kept on this computer)."""
    for key in ("base_version", "expected_version"):
        value = payload.get(key)
        if isinstance(value, int):
            return value
    return None
