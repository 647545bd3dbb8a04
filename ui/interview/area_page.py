"""One page of the interview: an area's (or the consent section's) questions and ratings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessment_app.templates.incremental import InterviewState
from assessment_app.templates.model import Area, ConsentSection, Question
from ui.interview.question_widgets import QuestionEditor, make_editor
from ui.interview.rating_panel import RatingPanel

URGENT_STYLE = "QFrame#question { border-left: 4px solid #b42318; background: #fff1f0; }"
NORMAL_STYLE = "QFrame#question { border-left: 4px solid transparent; }"


class QuestionBlock(QFrame):
    """Label (with an Alt+number mnemonic), help, editor and the inline message."""

    def __init__(
        self, number: int, question: Question, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("question")
        self.question = question
        self.editor: QuestionEditor = make_editor(question, language, self)
        text = question.label.text(language).replace("&", "&&")
        prefix = f"&{number}. " if number <= 9 else f"{number}. "
        star = " *" if question.required else ""
        self.label = QLabel(f"{prefix}{text}{star}", self)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("font-weight: bold;")
        self.label.setBuddy(self.editor.focus_target())
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label)
        if question.help is not None:
            help_label = QLabel(question.help.text(language), self)
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #555;")
            layout.addWidget(help_label)
        layout.addWidget(self.editor)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.urgent = QLabel(self)
        self.urgent.setWordWrap(True)
        self.urgent.setStyleSheet("color: #b42318; font-weight: bold;")
        self.urgent.hide()
        layout.addWidget(self.message)
        layout.addWidget(self.urgent)
        self.setStyleSheet(NORMAL_STYLE)
        self._shown: tuple[str | None, bool, str | None] = (None, False, None)

    def show_state(self, violation: str | None, missing: bool, urgent: str | None) -> None:
        """Show the message, the missing mark and the urgent mark; nothing is redone when the
        state did not change (restyling a widget is costly while typing)."""
        state = (violation, missing, urgent)
        if state == self._shown:
            return
        self._shown = state
        if violation:
            self.message.setText(violation)
            self.message.setStyleSheet("color: #9b1c1c;")
        elif missing:
            self.message.setText(self.tr("Obligatorisk fråga – svar saknas."))
            self.message.setStyleSheet("color: #92400e;")
        self.message.setVisible(bool(violation or missing))
        self.urgent.setText(self.tr("AKUT: {message}").format(message=urgent) if urgent else "")
        self.urgent.setVisible(bool(urgent))
        self.setStyleSheet(URGENT_STYLE if urgent else NORMAL_STYLE)


class AreaPage(QScrollArea):
    """One section's questions. ``answer_changed(question id)`` and ``rating_changed`` say what
    the person changed; the interview updates only what that change affects."""

    answer_changed = Signal(str)
    rating_changed = Signal(str)
    committed = Signal()

    def __init__(
        self, section: Area | ConsentSection, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.section = section
        self.language = language
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        title = QLabel(section.title.text(language), body)
        title.setStyleSheet("font-size: 17pt; font-weight: bold;")
        title.setWordWrap(True)
        layout.addWidget(title)
        if section.help is not None:
            intro = QLabel(section.help.text(language), body)
            intro.setWordWrap(True)
            intro.setStyleSheet("color: #444;")
            layout.addWidget(intro)
        self.blocks: dict[str, QuestionBlock] = {}
        for number, question in enumerate(section.questions, start=1):
            block = QuestionBlock(number, question, language, body)
            qid = question.id
            block.editor.changed.connect(lambda qid=qid: self.answer_changed.emit(qid))
            block.editor.committed.connect(self.committed)
            self.blocks[qid] = block
            layout.addWidget(block)
        self._layout = layout
        self.panel: QWidget | None = None
        self.rating: RatingPanel | None = None
        if isinstance(section, Area):
            self.rating = RatingPanel(section, language, body)
            self.rating.changed.connect(lambda: self.rating_changed.emit(self.section.id))
            self.rating.committed.connect(self.committed)
            layout.addWidget(self.rating)
        layout.addStretch(1)
        self.setWidget(body)

    def add_panel(self, panel: QWidget) -> None:
        """A panel after the questions and before the rating (the area's instruments)."""
        index = self._layout.indexOf(self.rating) if self.rating is not None else -1
        self._layout.insertWidget(index if index >= 0 else self._layout.count() - 1, panel)
        self.panel = panel

    def answer(self, question_id: str) -> Any:
        return self.blocks[question_id].editor.value()

    def set_answers(self, answers: dict[str, Any]) -> None:
        for qid, block in self.blocks.items():
            block.editor.set_value(answers.get(qid))

    def apply_question(self, qid: str, state: InterviewState, show_missing: bool) -> None:
        block = self.blocks.get(qid)
        if block is None:
            return
        visible = state.is_visible(qid)
        if block.isHidden() == visible:
            block.setVisible(visible)
        urgent = state.urgent_message(qid)
        block.show_state(
            state.violation(qid),
            show_missing and state.is_missing(qid),
            urgent.text(self.language) if urgent is not None else None,
        )

    def apply(self, state: InterviewState, show_missing: bool) -> None:
        for qid in self.blocks:
            self.apply_question(qid, state, show_missing)
        if self.rating is not None:
            self.rating.show_reason_missing(state.missing_reason(self.section.id))

    def first_focus(self) -> QWidget | None:
        for block in self.blocks.values():
            if not block.isHidden():
                return block.editor.focus_target()
        return None
