"""The guided interview: areas in a side list with progress marks, one page per area,
conditional questions, inline messages, urgent answers flagged, ratings and autosave."""

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

from assessment_app.errors import AppError, ServerUnavailableError, StaleEditError
from assessment_app.records import assessments, drafts
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.server.local_drafts import LocalDraftStore
from assessment_app.templates.conditions import is_answered
from assessment_app.templates.engine import AreaStatus, EngineResult, evaluate
from assessment_app.templates.model import Area, ConsentSection, Template
from assessment_app.templates.ratings import AreaRating
from ui.cases import labels, offline
from ui.cases.offline import FallbackAutosaver, LocalWork
from ui.followup.actions import complete_scheduled_follow_up
from ui.interview.area_page import AreaPage
from ui.messages import error_message
from ui.services import Services
from ui.timefmt import local_time
from ui.widgets.banner import Banner

DRAFT_KIND = "assessment"
MARKS = {
    AreaStatus.NOT_STARTED: "○",
    AreaStatus.IN_PROGRESS: "◐",
    AreaStatus.COMPLETE: "✓",
    AreaStatus.NOT_RELEVANT: "–",
}


class InterviewPage(QWidget):
    closed = Signal(str)  # case id
    server_unavailable = Signal()  # saving goes to this computer: the window shows its banner
    server_available = Signal()  # the server is back and the kept answers are saved

    def __init__(
        self,
        services: Services,
        assessment_id: str,
        parent: QWidget | None = None,
        local_store: LocalDraftStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ctx = services.ctx
        self.language = services.language
        self.info: AssessmentInfo = assessments.get_assessment(self.ctx, assessment_id)
        self.template: Template = services.templates.get(
            self.info.template_id, self.info.template_version
        )
        self.read_only = self.info.status == "complete"
        self.visited: set[str] = set()
        self.result: EngineResult | None = None
        self.pending_local = False  # answers kept on this computer, not yet on the server
        self.local = LocalWork(self.ctx, local_store or offline.default_store(self.ctx), self)
        self.local.unavailable.connect(self.server_unavailable)
        self.local.available.connect(self._server_back)
        self.autosaver = FallbackAutosaver(
            self.local,
            self.ctx,
            DRAFT_KIND,
            self.info.id,
            self.info.case_id,
            self.payload,
            None,
            self,
        )
        self.autosaver.saved_locally.connect(self._kept_locally)
        self.autosaver.saved.connect(
            lambda: self._set_status(
                self.tr("Utkast autosparat {time}").format(time=datetime.now().strftime("%H:%M:%S"))
            )
        )
        self.autosaver.failed.connect(self._autosave_failed)

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #555;")
        self.banner = Banner(self, "info")
        self.draft_banner = Banner(self, "warning")
        self.copy_banner = Banner(self, "warning")
        self.urgent_banner = Banner(self, "error")

        self.areas = QListWidget(self)
        self.areas.setMinimumWidth(300)
        self.areas.setWordWrap(True)
        self.areas.setSpacing(3)
        self.areas.setAccessibleName(self.tr("Områden"))
        self.pages = QStackedWidget(self)
        self.section_pages: list[AreaPage] = []
        sections: list[Area | ConsentSection] = [self.template.consent, *self.template.areas]
        for section in sections:
            page = AreaPage(section, self.language, self.pages)
            page.changed.connect(self._changed)
            page.committed.connect(self.autosaver.flush)
            self.pages.addWidget(page)
            self.section_pages.append(page)
            QListWidgetItem(section.title.text(self.language), self.areas)
        self.areas.currentRowChanged.connect(self._show_section)

        self.previous_button = QPushButton(self.tr("◀ &Föregående område"), self)
        self.next_button = QPushButton(self.tr("&Nästa område ▶"), self)
        self.save_button = QPushButton(self.tr("&Spara"), self)
        self.close_button = QPushButton(self.tr("Spara och s&täng"), self)
        self.complete_button = QPushButton(self.tr("Slutför &kartläggningen"), self)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.save_and_close)
        self.complete_button.clicked.connect(self.complete)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self._step(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self._step(-1))

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
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
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.areas, self.pages)

        self._load(self.info.answers, self.info.ratings)
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
                if body is not None:
                    body.setEnabled(False)
            for button in (self.save_button, self.complete_button):
                button.hide()
            self.close_button.setText(self.tr("S&täng"))
            self.banner.show_message(
                self.tr("Kartläggningen är avslutad och kan bara läsas."), "info"
            )
        else:
            self._offer_draft()
            self._offer_local_copy()
        self.areas.setCurrentRow(0)

    # --- state --------------------------------------------------------------------------
    def answers(self) -> dict[str, Any]:
        """Every answer, including answers to questions hidden by a condition (never
        dropped) and answers the template does not know."""
        merged = dict(self.info.answers)
        for page in self.section_pages:
            merged.update(page.answers())
        return {k: v for k, v in merged.items() if is_answered(v)}

    def ratings(self) -> dict[str, dict[str, Any]]:
        result = {}
        for page in self.section_pages:
            if page.rating is not None and not page.rating.is_empty():
                result[page.section.id] = page.rating.value()
        return result

    def payload(self) -> dict[str, Any]:
        return {
            "answers": self.answers(),
            "ratings": self.ratings(),
            "base_version": self.info.version,
            "area": self.section_pages[max(0, self.areas.currentRow())].section.id,
        }

    def _load(self, answers: dict[str, Any], ratings: dict[str, Any]) -> None:
        for page in self.section_pages:
            page.set_answers(answers)
            if page.rating is not None:
                page.rating.set_value(ratings.get(page.section.id))
        self.refresh()

    def refresh(self) -> None:
        rating_models = {
            k: AreaRating(
                own=v.get("own"),
                worker=v.get("worker"),
                reason=v.get("reason", ""),
                flags=set(v.get("flags", ())),
            )
            for k, v in self.ratings().items()
        }
        self.result = evaluate(self.template, self.answers(), rating_models, language=self.language)
        for page in self.section_pages:
            page.apply(self.result, show_missing=page.section.id in self.visited)
        self._update_side_list()
        self._update_urgent()

    def _update_side_list(self) -> None:
        assert self.result is not None
        consent = self.template.consent
        for row, page in enumerate(self.section_pages):
            item = self.areas.item(row)
            title = page.section.title.text(self.language)
            answered, visible = self.result.progress(page.section.id)
            summary = self.result.area_summaries.get(page.section.id)
            if summary is None:  # the consent section is answered, never rated
                mark = "✓" if answered == visible and visible else ("◐" if answered else "○")
                urgent = any(u.area_id == consent.id for u in self.result.urgent)
            else:
                mark = MARKS[summary.status]
                urgent = summary.urgent
            text = f"{mark}  {title}  ({answered}/{visible})"
            if urgent:
                text += "  " + self.tr("⚠ akut")
            item.setText(text)
            item.setForeground(QBrush(QColor("#b42318" if urgent else "#1f2933")))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)

    def _update_urgent(self) -> None:
        assert self.result is not None
        if not self.result.urgent:
            self.urgent_banner.show_message("")
            return
        lines = [item.message.text(self.language) for item in self.result.urgent]
        self.urgent_banner.show_message(
            self.tr("Akut – behöver hanteras nu:") + " " + " • ".join(lines), "error"
        )

    # --- events -------------------------------------------------------------------------
    def _changed(self) -> None:
        if self.read_only:
            return
        self.refresh()
        self._set_status(self.tr("Ändrat – sparas automatiskt som utkast"))
        self.autosaver.touch()

    def _show_section(self, row: int) -> None:
        if row < 0:
            return
        previous = self.pages.currentWidget()
        if isinstance(previous, AreaPage) and previous is not self.section_pages[row]:
            self.visited.add(previous.section.id)
            self.autosaver.flush()
        self.pages.setCurrentIndex(row)
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.section_pages) - 1)
        if self.result is not None:
            self.refresh()

    def _step(self, delta: int) -> None:
        row = self.areas.currentRow() + delta
        if 0 <= row < self.areas.count():
            self.areas.setCurrentRow(row)
            target = self.section_pages[row].first_focus()
            if target is not None:
                target.setFocus()

    def _autosave_failed(self, error: BaseException) -> None:
        self.banner.show_message(
            self.tr("Autosparningen misslyckades: {reason}").format(reason=error_message(error)),
            "error",
        )

    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    # --- drafts -------------------------------------------------------------------------
    def _offer_draft(self) -> None:
        draft = drafts.load_draft(self.ctx, DRAFT_KIND, self.info.id)
        if draft is None:
            return
        payload = draft.payload
        if (
            payload.get("answers") == self.answers()
            and payload.get("ratings", {}) == self.ratings()
        ):
            self.autosaver.discard()  # nothing in it that is not already saved
            return
        self.draft_banner.show_message(
            self.tr(
                "Det finns ett automatiskt sparat utkast från {when} med ändringar som inte är "
                "sparade i kartläggningen. Vill du fortsätta med utkastet?"
            ).format(when=local_time(draft.updated_at)),
            "warning",
        )
        restore = self.draft_banner.add_button(self.tr("&Återställ utkastet"))
        throw = self.draft_banner.add_button(self.tr("&Kasta utkastet"))
        restore.clicked.connect(lambda: self.restore_draft(payload))
        throw.clicked.connect(self.discard_draft)

    def _offer_local_copy(self) -> None:
        """Answers kept on this computer while the server was away that met a newer draft on
        the server when synced: offered, never applied silently."""
        copy = drafts.load_draft(self.ctx, DRAFT_KIND + offline.CONFLICT_SUFFIX, self.info.id)
        if copy is None:
            return
        self.copy_banner.show_message(
            self.tr(
                "Det finns en kopia av svaren som sparades på den här datorn {when} när servern "
                "inte gick att nå, och som skiljer sig från utkastet på servern. Vill du använda "
                "kopian i stället?"
            ).format(when=local_time(copy.updated_at)),
            "warning",
        )
        use = self.copy_banner.add_button(self.tr("Använd &kopian"))
        throw = self.copy_banner.add_button(self.tr("Kasta k&opian"))
        use.clicked.connect(lambda: self._use_local_copy(copy.payload))
        throw.clicked.connect(self._discard_local_copy)

    def _use_local_copy(self, payload: dict[str, Any]) -> None:
        self.draft_banner.clear()
        self.restore_draft(payload)
        self._discard_local_copy()

    def _discard_local_copy(self) -> None:
        self.copy_banner.clear()
        try:
            drafts.discard_draft(self.ctx, DRAFT_KIND + offline.CONFLICT_SUFFIX, self.info.id)
        except AppError as error:
            self.banner.show_message(error_message(error), "error")

    def restore_draft(self, payload: dict[str, Any]) -> None:
        self.draft_banner.clear()
        self._load(dict(payload.get("answers", {})), dict(payload.get("ratings", {})))
        area = payload.get("area")
        ids = [p.section.id for p in self.section_pages]
        if area in ids:
            self.areas.setCurrentRow(ids.index(area))
        self.autosaver.dirty = True  # still only a draft until saved
        self._set_status(self.tr("Utkastet är återställt – spara när du är klar"))

    def discard_draft(self) -> None:
        self.draft_banner.clear()
        self.autosaver.discard()
        self._set_status(self.tr("Utkastet är kastat"))

    # --- saving -------------------------------------------------------------------------
    def save(self, complete: bool = False) -> bool:
        if self.read_only:
            return True
        try:
            self.info = assessments.save_assessment(
                self.ctx,
                self.info.id,
                self.info.version,
                self.answers(),
                self.ratings(),
                complete=complete,
                template=self.template,  # completion is checked against what was shown
            )
        except ServerUnavailableError as error:
            return self._keep_locally(error)
        except StaleEditError as error:
            self.autosaver.flush()
            self.banner.show_message(
                self.tr(
                    "Kartläggningen har ändrats av någon annan sedan du öppnade den. "
                    "Dina ändringar finns kvar som utkast. {detail}"
                ).format(detail=error_message(error)),
                "error",
            )
            return False
        except AppError as error:
            self.autosaver.flush()
            self.banner.show_message(error_message(error), "error")
            return False
        self.pending_local = False
        if self.local.store is not None:
            self.local.store.delete(DRAFT_KIND, self.info.id)
        self.autosaver.discard()
        copy = drafts.load_draft(self.ctx, DRAFT_KIND + offline.CONFLICT_SUFFIX, self.info.id)
        if copy is not None and (
            copy.payload.get("answers") == self.answers()
            and copy.payload.get("ratings", {}) == self.ratings()
        ):
            self._discard_local_copy()  # the same as what is now saved: no conflict
        self.banner.show_message("")
        self._set_status(self.tr("Sparat {time}").format(time=datetime.now().strftime("%H:%M")))
        return True

    def _keep_locally(self, error: ServerUnavailableError) -> bool:
        """The server is away: keep the answers encrypted on this computer and retry later."""
        if not self.local.enabled:
            self.banner.show_message(error_message(error), "error")
            return False
        try:
            self.local.keep(DRAFT_KIND, self.info.id, self.payload(), self.info.case_id)
        except AppError as local_error:
            self.banner.show_message(error_message(local_error), "error")
            return False
        self.autosaver.timer.stop()
        self.autosaver.dirty = False
        self._kept_locally()
        self.banner.show_message(
            self.tr(
                "Servern går inte att nå. Svaren är sparade krypterat på den här datorn och "
                "sparas i kartläggningen så snart servern går att nå igen. Du kan fortsätta."
            ),
            "warning",
        )
        return False

    def _kept_locally(self) -> None:
        self.pending_local = True
        self._set_status(
            self.tr("Sparat på den här datorn {time} – väntar på servern").format(
                time=datetime.now().strftime("%H:%M:%S")
            )
        )

    def _server_back(self) -> None:
        """The server answers again and the kept answers are synced: save for real."""
        self.server_available.emit()
        if self.pending_local and not self.read_only:
            self.save()

    def save_and_close(self) -> None:
        if self.save():
            self.closed.emit(self.info.case_id)

    def complete(self) -> None:
        self.visited.update(p.section.id for p in self.section_pages)
        self.refresh()
        assert self.result is not None
        if not self.result.can_complete:
            missing = len(self.result.missing_required)
            unrated = len(self.result.unrated_areas) + len(self.result.missing_reasons)
            self.banner.show_message(
                self.tr(
                    "Kartläggningen kan inte slutföras än: {missing} obligatoriska svar saknas, "
                    "{wrong} svar behöver rättas och {unrated} områden saknar skattning eller "
                    "motivering. Områden som inte är klara är markerade i listan."
                ).format(missing=missing, wrong=len(self.result.violations), unrated=unrated),
                "error",
            )
            return
        if self.save(complete=True):
            if self.info.kind == "follow_up":
                try:
                    complete_scheduled_follow_up(self.ctx, self.info.case_id, self.info.id)
                except AppError as error:  # the assessment is saved; say what is left to do
                    self.banner.show_message(error_message(error), "error")
                    return
            self.closed.emit(self.info.case_id)

    def flush_draft(self) -> bool:
        """Called before locking or signing out: nothing typed may be lost."""
        return self.read_only or self.autosaver.flush()
