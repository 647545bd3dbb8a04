"""The guided interview: areas in a side list with progress marks, one page per area,
conditional questions, inline messages, urgent answers flagged, ratings and autosave.

Opened with what ``ws.interviews.open`` returned (the main window fetches it in the
background). Every change goes into an
:class:`~assessment_app.templates.incremental.InterviewState`,
which re-evaluates only what depends on the changed answer; the page then repaints only the
questions and side-list rows that changed. Drafts, saving and working while the server is away
go through the shared :class:`~ui.editing.EditSession`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.drafts import DraftPayload
from assessment_app.templates.conditions import is_answered
from assessment_app.templates.engine import AreaStatus
from assessment_app.templates.incremental import InterviewState
from assessment_app.templates.instrument_files import InstrumentRegistry, default_instruments
from assessment_app.templates.instruments import Instrument
from assessment_app.templates.mapping import AnswerMapping
from assessment_app.templates.model import Area, ConsentSection, Template
from assessment_app.templates.ratings import AreaRating
from assessment_app.workspace import Conflict, KeptLocally, NotKept, Saved
from assessment_app.workspace.interview import AssessmentEdit, Completed, InterviewOpened
from ui.cases import labels
from ui.editing import EditSession
from ui.interview.area_page import AreaPage
from ui.interview.instrument_dialog import InstrumentDialog, InstrumentPanel
from ui.interview.template_move import TemplateMoveDialog
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner
from ui.widgets.wrapping import FlowLayout

MARKS = {
    AreaStatus.NOT_STARTED: "○",
    AreaStatus.IN_PROGRESS: "◐",
    AreaStatus.COMPLETE: "✓",
    AreaStatus.NOT_RELEVANT: "–",
}


def _rating(value: dict[str, Any] | None) -> AreaRating | None:
    if not value:
        return None
    try:
        return AreaRating(
            own=value.get("own"),
            worker=value.get("worker"),
            reason=str(value.get("reason") or ""),
            flags=set(value.get("flags") or ()),
        )
    except (TypeError, ValueError):
        return None


class InterviewPage(QWidget):
    closed = Signal(str)  # case id
    server_unavailable = Signal()  # work goes to this computer: the window shows its banner
    server_available = Signal()  # the server is back and the kept answers are saved
    moved = Signal(str, object)  # assessment id, AnswerMapping: moved to the newest version

    def __init__(
        self, services: Services, opened: InterviewOpened, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ws = services.ws
        self.language = services.language
        self.info = opened.info
        self.template: Template = opened.template
        self.read_only = self.info.status == "complete"
        self.visited: set[str] = set()
        self.ratings_by_area: dict[str, dict[str, Any]] = {
            k: dict(v) for k, v in self.info.ratings.items()
        }
        self.state = self._new_state(self.info.answers, self.ratings_by_area)
        self.registry: InstrumentRegistry = (
            opened.instruments if opened.instruments is not None else default_instruments()
        )
        self.instrument_results: dict[str, dict[str, Any]] = {
            k: dict(v) for k, v in self.info.instruments.items()
        }
        self.previous_instruments = dict(opened.previous_instruments)
        self.instrument_panels: dict[str, InstrumentPanel] = {}  # by instrument id
        self.instrument_dialog: InstrumentDialog | None = None
        self.session = EditSession(
            self.ws,
            self.edit,
            self.ws.interviews.autosave,
            self.ws.interviews.save,
            self,
        )
        self.session.autosaved.connect(self._autosaved)
        self.session.kept_locally.connect(self._kept_locally)
        self.session.failed.connect(self._autosave_failed)
        self.session.back_online.connect(self._server_back)
        self.closing = False

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #555;")
        self.banner = Banner(self, "info")
        self.draft_banner = Banner(self, "warning")
        self.copy_banner = Banner(self, "warning")
        self.urgent_banner = Banner(self, "error")
        self.version_banner = Banner(self, "info")  # a follow-up on an older version
        self.move_dialog: TemplateMoveDialog | None = None

        self.areas = QListWidget(self)
        self.areas.setMinimumWidth(300)
        self.areas.setWordWrap(True)
        self.areas.setSpacing(3)
        self.areas.setAccessibleName(self.tr("Områden"))
        self.pages = QStackedWidget(self)
        self.section_pages: list[AreaPage] = []
        self.page_of: dict[str, AreaPage] = {}
        self.row_of: dict[str, int] = {}
        self.section_of_question: dict[str, str] = {}
        sections: list[Area | ConsentSection] = [self.template.consent, *self.template.areas]
        for row, section in enumerate(sections):
            page = AreaPage(section, self.language, self.pages)
            page.answer_changed.connect(self._answer_changed)
            page.rating_changed.connect(self._rating_changed)
            page.committed.connect(self._committed)
            self.pages.addWidget(page)
            self.section_pages.append(page)
            self.page_of[section.id] = page
            self.row_of[section.id] = row
            for q in section.questions:
                self.section_of_question[q.id] = section.id
            offered = self._instruments_of(section) if isinstance(section, Area) else []
            refused = self.registry.refused_for(section.id) if isinstance(section, Area) else []
            if offered or refused:
                panel = InstrumentPanel(offered, self.language, page, refused=refused)
                panel.open_requested.connect(self.open_instrument)
                page.add_panel(panel)
                for inst in offered:
                    self.instrument_panels.setdefault(inst.id, panel)
            QListWidgetItem(section.title.text(self.language), self.areas)
        self.areas.currentRowChanged.connect(self._show_section)

        self.previous_button = QPushButton(self.tr("◀ &Föregående område"), self)
        self.next_button = QPushButton(self.tr("&Nästa område ▶"), self)
        self.save_button = QPushButton(self.tr("&Spara"), self)
        self.close_button = QPushButton(self.tr("Spara och s&täng"), self)
        self.complete_button = QPushButton(self.tr("Slutför &kartläggningen"), self)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.save_and_close)
        self.complete_button.clicked.connect(self.complete)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self._step(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self._step(-1))

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        # Moving between areas on the left, finishing and saving after them; the two groups
        # go on two lines when the window is narrow for the font.
        buttons = FlowLayout(spacing=6, last_right=True)
        for group in (
            (self.previous_button, self.next_button),
            (self.complete_button, self.save_button, self.close_button),
        ):
            holder = QWidget(self)
            row_layout = QHBoxLayout(holder)
            row_layout.setContentsMargins(0, 0, 0, 0)
            for button in group:
                row_layout.addWidget(button)
            buttons.addWidget(holder)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.pages, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.areas)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 800])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.draft_banner)
        layout.addWidget(self.copy_banner)
        layout.addWidget(self.urgent_banner)
        layout.addWidget(self.version_banner)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.areas, self.pages)

        self._show_values()
        self.title.setText(
            self.tr("{kind} {date} – {title}").format(
                kind=labels.assessment_kind(self.info.kind),
                date=self.info.conducted_on.isoformat(),
                title=self.template.title.text(self.language),
            )
        )
        if self.read_only:
            for page in self.section_pages:
                body = page.widget()
                if page.panel is not None:  # its instruments can still be opened and read
                    for block in page.blocks.values():
                        block.setEnabled(False)
                    if page.rating is not None:
                        page.rating.setEnabled(False)
                elif body is not None:
                    body.setEnabled(False)
            for button in (self.save_button, self.complete_button):
                button.hide()
            self.close_button.setText(self.tr("S&täng"))
            self.banner.show_message(
                self.tr("Kartläggningen är avslutad och kan bara läsas."), "info"
            )
        else:
            self._offer(opened)
            self._offer_newest_version()
        self.areas.setCurrentRow(0)

    # --- state --------------------------------------------------------------------------
    def _new_state(
        self, answers: dict[str, Any], ratings: dict[str, dict[str, Any]]
    ) -> InterviewState:
        parsed = {k: r for k, v in ratings.items() if (r := _rating(v)) is not None}
        return InterviewState(self.template, answers, parsed, language=self.language)

    # --- instruments ----------------------------------------------------------------------
    def _instruments_of(self, area: Area) -> list[Instrument]:
        """The area's instruments: the version a stored result was made with, else the newest."""
        found = []
        for inst in self.registry.for_area(area.id):
            stored = self.instrument_results.get(inst.id, {}).get("version")
            kept = self.registry.get(inst.id, stored) if isinstance(stored, int) else None
            found.append(kept or inst)
        return found

    def instrument(self, instrument_id: str) -> Instrument | None:
        panel = self.instrument_panels.get(instrument_id)
        return panel.instruments.get(instrument_id) if panel is not None else None

    def _show_instruments(self) -> None:
        for instrument_id, panel in self.instrument_panels.items():
            panel.show_result(
                panel.instruments[instrument_id],
                self.instrument_results.get(instrument_id),
                self.previous_instruments.get(instrument_id),
            )

    def open_instrument(self, instrument_id: str) -> InstrumentDialog | None:
        """Open the instrument's dialog (window-modal); its answers are kept on "Klar"."""
        inst = self.instrument(instrument_id)
        if inst is None:
            return None
        dialog = InstrumentDialog(
            inst,
            self.instrument_results.get(instrument_id),
            self.language,
            wording=self.registry.wording(inst, self.language),
            previous=self.previous_instruments.get(instrument_id),
            read_only=self.read_only,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._instrument_done(instrument_id, dialog))
        self.instrument_dialog = dialog
        dialog.open()
        return dialog

    def _instrument_done(self, instrument_id: str, dialog: InstrumentDialog) -> None:
        if self.read_only:
            return
        result = dialog.instrument_result()
        before = self.instrument_results.get(instrument_id)
        if result["answers"]:
            self.instrument_results[instrument_id] = result
        else:
            self.instrument_results.pop(instrument_id, None)
        self._show_instruments()
        if self.instrument_results.get(instrument_id) != before:
            self._touched()
            self.session.flush()

    def answers(self) -> dict[str, Any]:
        """Every answer, including answers to questions hidden by a condition (never
        dropped) and answers the template does not know."""
        return {k: v for k, v in self.state.answers().items() if is_answered(v)}

    def ratings(self) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.ratings_by_area.items() if _rating(v) is not None and v}

    def current_area(self) -> str:
        return self.section_pages[max(0, self.areas.currentRow())].section.id

    def edit(self) -> AssessmentEdit:
        """A snapshot of what is on the screen, for an autosave or a save."""
        return AssessmentEdit.of(
            self.info,
            self.answers(),
            self.ratings(),
            self.current_area(),
            instruments={k: dict(v) for k, v in self.instrument_results.items()},
        )

    def _show_values(self) -> None:
        """Put the state into every widget (after loading or restoring a draft)."""
        answers = self.state.answers()
        for page in self.section_pages:
            page.set_answers(answers)
            if page.rating is not None:
                page.rating.set_value(self.ratings_by_area.get(page.section.id))
        for page in self.section_pages:
            page.apply(self.state, show_missing=page.section.id in self.visited)
            self._update_side_item(page.section.id)
        self._update_urgent()
        self._show_instruments()

    def _update_side_item(self, section_id: str) -> None:
        row = self.row_of[section_id]
        item = self.areas.item(row)
        page = self.section_pages[row]
        title = page.section.title.text(self.language)
        answered, visible = self.state.progress(section_id)
        urgent = self.state.section_urgent(section_id)
        if isinstance(page.section, Area):
            mark = MARKS[self.state.area_summary(section_id).status]
        else:  # the consent section is answered, never rated
            mark = "✓" if answered == visible and visible else ("◐" if answered else "○")
        text = f"{mark}  {title}  ({answered}/{visible})"
        if urgent:
            text += "  " + self.tr("⚠ akut")
        if item.text() == text:
            return
        item.setText(text)
        item.setForeground(QBrush(QColor("#b42318" if urgent else "#1f2933")))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)

    def _update_urgent(self) -> None:
        items = self.state.urgent_items()
        if not items:
            self.urgent_banner.show_message("")
            return
        lines = [item.message.text(self.language) for item in items]
        self.urgent_banner.show_message(
            self.tr("Akut – behöver hanteras nu:") + " " + " • ".join(lines), "error"
        )

    # --- events -------------------------------------------------------------------------
    def _answer_changed(self, qid: str) -> None:
        if self.read_only:
            return
        section_id = self.section_of_question[qid]
        change = self.state.set_answer(qid, self.page_of[section_id].answer(qid))
        for other in change.questions:
            sid = self.section_of_question.get(other)
            if sid is not None:
                self.page_of[sid].apply_question(other, self.state, sid in self.visited)
        for sid in change.sections:
            if sid in self.row_of:
                self._update_side_item(sid)
        if change.urgent_changed:
            self._update_urgent()
        self._touched()

    def _rating_changed(self, area_id: str) -> None:
        if self.read_only:
            return
        page = self.page_of[area_id]
        assert page.rating is not None
        value = page.rating.value()
        if page.rating.is_empty():
            self.ratings_by_area.pop(area_id, None)
        else:
            self.ratings_by_area[area_id] = value
        change = self.state.set_rating(area_id, _rating(value) if value else None)
        page.rating.show_reason_missing(self.state.missing_reason(area_id))
        for other in change.questions:
            sid = self.section_of_question.get(other)
            if sid is not None:
                self.page_of[sid].apply_question(other, self.state, sid in self.visited)
        for sid in change.sections | {area_id}:
            if sid in self.row_of:
                self._update_side_item(sid)
        if change.urgent_changed:
            self._update_urgent()
        self._touched()

    def _touched(self) -> None:
        self._set_status(self.tr("Ändrat – sparas automatiskt som utkast"))
        self.session.touch()

    def _committed(self) -> None:
        if not self.read_only and self.session.dirty:
            self.session.flush()

    def _show_section(self, row: int) -> None:
        if row < 0:
            return
        previous = self.pages.currentWidget()
        if isinstance(previous, AreaPage) and previous is not self.section_pages[row]:
            if previous.section.id not in self.visited:
                self.visited.add(previous.section.id)
                previous.apply(self.state, show_missing=True)
            if not self.read_only and self.session.dirty:
                self.session.flush()
        self.pages.setCurrentIndex(row)
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.section_pages) - 1)

    def _step(self, delta: int) -> None:
        row = self.areas.currentRow() + delta
        if 0 <= row < self.areas.count():
            self.areas.setCurrentRow(row)
            target = self.section_pages[row].first_focus()
            if target is not None:
                target.setFocus()

    def _set_status(self, text: str) -> None:
        if self.status.text() != text:
            self.status.setText(text)

    def _autosaved(self, _at: object) -> None:
        self._set_status(
            self.tr("Utkast autosparat {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )

    def _kept_locally(self, _result: KeptLocally) -> None:
        self.server_unavailable.emit()
        self._set_status(
            self.tr("Sparat på den här datorn {time} – väntar på servern").format(
                time=datetime.now().strftime("%H:%M:%S")
            )
        )

    def _autosave_failed(self, error: object) -> None:
        reason = error.reason if isinstance(error, NotKept) else error
        assert isinstance(reason, BaseException)
        self.banner.show_message(
            self.tr("Autosparningen misslyckades: {reason}").format(reason=error_message(reason)),
            "error",
        )

    # --- drafts -------------------------------------------------------------------------
    def _offer(self, opened: InterviewOpened) -> None:
        if opened.local is not None:
            payload = DraftPayload.from_json(opened.local.payload)
            self._offer_draft(
                self.tr(
                    "Det finns svar som sparades på den här datorn {when} när servern inte gick "
                    "att nå, och som inte har sparats i kartläggningen än. Vill du fortsätta med "
                    "dem?"
                ).format(when=local_time(opened.local.saved_at)),
                payload,
            )
        elif opened.draft is not None:
            self._offer_draft(
                self.tr(
                    "Det finns ett automatiskt sparat utkast från {when} med ändringar som inte "
                    "är sparade i kartläggningen. Vill du fortsätta med utkastet?"
                ).format(when=local_time(opened.draft.updated_at)),
                opened.draft.payload,
            )
        if opened.copy is not None:
            copy = opened.copy
            self.copy_banner.show_message(
                self.tr(
                    "Det finns en kopia av svaren som sparades på den här datorn {when} när "
                    "servern inte gick att nå, och som skiljer sig från utkastet på servern. Vill "
                    "du använda kopian i stället?"
                ).format(when=local_time(copy.updated_at)),
                "warning",
            )
            use = self.copy_banner.add_button(self.tr("Använd &kopian"))
            throw = self.copy_banner.add_button(self.tr("Kasta k&opian"))
            use.clicked.connect(lambda: self._use_copy(copy.payload))
            throw.clicked.connect(self._discard_copy)

    # --- a newer version of the questions ------------------------------------------------
    def _offer_newest_version(self) -> None:
        """A follow-up begun on an older version may move to the newest (answers carried)."""
        try:
            newest = self.ws.templates.latest()
        except Exception:  # no template to move to: nothing to offer
            return
        if (
            self.info.kind != "follow_up"
            or newest.id != self.template.id
            or newest.version <= self.template.version
        ):
            return
        self.version_banner.show_message(
            self.tr(
                "Uppföljningen görs på version {old} av frågorna. Version {new} har nya frågor; "
                "du kan flytta uppföljningen dit och behålla svaren."
            ).format(old=self.template.version, new=newest.version),
            "info",
        )
        button = self.version_banner.add_button(
            self.tr("&Visa och flytta till version {v} …").format(v=newest.version)
        )
        button.clicked.connect(self.offer_move)
        self.move_button = button

    def offer_move(self) -> None:
        """Save what is on screen first (the move starts from the stored answers)."""
        ws, assessment_id = self.ws, self.info.id

        def saved(ok: bool) -> None:
            if not ok:
                return
            run_task(
                lambda: ws.interviews.template_move(assessment_id),
                self._show_move,
                lambda e: self.banner.show_message(error_message(e), "error"),
                owner=self,
            )

        if not self.save(then=saved):
            saved(True)

    def _show_move(self, mapping: AnswerMapping | None) -> None:
        if mapping is None:
            self.version_banner.clear()
            return
        target = self.ws.template(*mapping.target)
        dialog = TemplateMoveDialog(mapping, self.template, target, self.language, self)
        dialog.accepted.connect(self._move)
        self.move_dialog = dialog
        dialog.open()

    def _move(self) -> None:
        ws, assessment_id, version = self.ws, self.info.id, self.info.version

        def done(result: tuple[object, AnswerMapping]) -> None:
            self.version_banner.clear()
            self.moved.emit(assessment_id, result[1])

        run_task(
            lambda: ws.interviews.move_to_newest(assessment_id, version),
            done,
            lambda e: self.banner.show_message(error_message(e), "error"),
            owner=self,
        )

    def show_moved(self, mapping: AnswerMapping) -> None:
        """After the move (the page is opened again on the newest version): what happened."""
        self.version_banner.show_message(
            self.tr(
                "Uppföljningen är flyttad till version {v}: {carried} svar fördes över "
                "({moved} till ett annat område), {new} frågor är nya och {dropped} svar "
                "kunde inte föras över."
            ).format(
                v=mapping.target[1],
                carried=len(mapping.carried),
                moved=sum(1 for c in mapping.carried if c.moved),
                new=len(mapping.new_questions),
                dropped=len(mapping.dropped),
            ),
            "success",
        )

    def _offer_draft(self, text: str, payload: DraftPayload) -> None:
        self.draft_banner.show_message(text, "warning")
        restore = self.draft_banner.add_button(self.tr("&Återställ utkastet"))
        throw = self.draft_banner.add_button(self.tr("&Kasta utkastet"))
        restore.clicked.connect(lambda: self.restore_draft(payload))
        throw.clicked.connect(self.discard_draft)

    def _use_copy(self, payload: DraftPayload) -> None:
        self.draft_banner.clear()
        self.restore_draft(payload)
        self._discard_copy()

    def _discard_copy(self) -> None:
        self.copy_banner.clear()
        assessment_id = self.info.id
        run_task(
            lambda: self.ws.interviews.discard_copy(assessment_id),
            None,
            lambda e: self.banner.show_message(error_message(e), "error"),
            owner=self,
        )

    def restore_draft(self, payload: DraftPayload | dict[str, Any]) -> None:
        if isinstance(payload, dict):
            payload = DraftPayload.from_json(payload)
        self.draft_banner.clear()
        answers, ratings, area = AssessmentEdit.content_of(payload)
        self.ratings_by_area = {k: dict(v) for k, v in ratings.items() if isinstance(v, dict)}
        self.instrument_results = AssessmentEdit.instruments_of(payload)
        self.state = self._new_state(answers, self.ratings_by_area)
        self._show_values()
        if area in self.row_of:
            self.areas.setCurrentRow(self.row_of[area])
        self.session.touch()  # still only a draft until saved
        self._set_status(self.tr("Utkastet är återställt – spara när du är klar"))

    def discard_draft(self) -> None:
        self.draft_banner.clear()
        self.session.mark_clean()
        assessment_id = self.info.id
        run_task(
            lambda: self.ws.interviews.discard_draft(assessment_id),
            lambda _r: self._set_status(self.tr("Utkastet är kastat")),
            lambda e: self.banner.show_message(error_message(e), "error"),
            owner=self,
        )

    # --- saving -------------------------------------------------------------------------
    def save(self, complete: bool = False, then: Any = None) -> bool:
        """Save in the background; ``then(ok)`` when the result is in."""
        if self.read_only:
            if then is not None:
                then(True)
            return True
        interviews = self.ws.interviews
        started = self.session.save(
            lambda result: self._save_result(result, then),
            using=(lambda edit: interviews.save(edit, complete=True)) if complete else None,
        )
        if started:
            self._set_status(self.tr("Sparar …"))
        return started

    def _save_result(self, result: object, then: Any) -> None:
        ok = False
        if isinstance(result, Saved):
            completed: Completed = result.value
            self.info = completed.info
            self.draft_banner.clear()
            self.banner.show_message("")
            self._set_status(self.tr("Sparat {time}").format(time=datetime.now().strftime("%H:%M")))
            ok = True
        elif isinstance(result, KeptLocally):
            self.banner.show_message(
                self.tr(
                    "Servern går inte att nå. Svaren är sparade krypterat på den här datorn och "
                    "sparas i kartläggningen så snart servern går att nå igen. Du kan fortsätta."
                ),
                "warning",
            )
        elif isinstance(result, Conflict):
            self.banner.show_message(
                self.tr(
                    "Kartläggningen har ändrats av någon annan sedan du öppnade den. "
                    "Dina ändringar finns kvar som utkast. {detail}"
                ).format(detail=error_message(result.error)),
                "error",
            )
        else:
            error = result.reason if isinstance(result, NotKept) else result
            if isinstance(error, BaseException):
                self.banner.show_message(error_message(error), "error")
            self.session.flush()  # keep what was typed as a draft
        if then is not None:
            then(ok)

    def _server_back(self) -> None:
        """The server answers again and the kept answers are synced: save for real."""
        self.server_available.emit()
        if self.session.pending_local and not self.read_only:
            self.save()

    def save_and_close(self) -> None:
        case_id = self.info.case_id

        def after(ok: bool) -> None:
            if ok:
                self.closed.emit(case_id)

        self.save(then=after)

    def complete(self) -> None:
        self.visited.update(p.section.id for p in self.section_pages)
        for page in self.section_pages:
            page.apply(self.state, show_missing=True)
        if not self.state.can_complete:
            result = self.state.result
            missing = len(result.missing_required)
            unrated = len(result.unrated_areas) + len(result.missing_reasons)
            self.banner.show_message(
                self.tr(
                    "Kartläggningen kan inte slutföras än: {missing} obligatoriska svar saknas, "
                    "{wrong} svar behöver rättas och {unrated} områden saknar skattning eller "
                    "motivering. Områden som inte är klara är markerade i listan."
                ).format(missing=missing, wrong=len(result.violations), unrated=unrated),
                "error",
            )
            return
        case_id = self.info.case_id

        def after(ok: bool) -> None:
            if ok:
                self.closed.emit(case_id)

        self.save(complete=True, then=after)

    def flush_draft(self, then: Any = None) -> None:
        """Called before locking or signing out: nothing typed may be lost."""
        if self.read_only:
            if then is not None:
                then(True)
            return
        self.session.flush(then)

    @property
    def pending_local(self) -> bool:
        return self.session.pending_local
