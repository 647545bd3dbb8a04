"""One input per question type. Each editor reports changes, and "committed" when the person
leaves the field (the autosave flushes then). ``value()`` is None while unanswered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assessment_app.templates.model import Question
from ui.widgets.wrapping import FlowLayout, WrappingCheckBox, WrappingRadioButton

MAX_INLINE_OPTIONS = 4


class QuestionEditor(QWidget):
    changed = Signal()
    committed = Signal()

    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.language = language
        self._loading = False

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._set(value)
        finally:
            self._loading = False

    def _set(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def _emit_changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _watch_focus(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.committed.emit()
        return super().eventFilter(watched, event)


class _ButtonsEditor(QuestionEditor):
    """Radio buttons (single choice, yes/no) or check boxes (multiple choice), with a small
    "clear" button so an answer can be taken back."""

    def __init__(
        self,
        question: Question,
        language: str,
        choices: list[tuple[Any, str]],
        multiple: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, language, parent)
        self.multiple = multiple
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        self.buttons: list[tuple[Any, QAbstractButton]] = []
        inline = len(choices) <= MAX_INLINE_OPTIONS and all(len(t) < 28 for _, t in choices)
        # Short choices side by side (on more lines when narrow), long ones one per line;
        # long texts wrap instead of widening the page.
        box: QLayout = FlowLayout(spacing=12) if inline else QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        for value, text in choices:
            button: QAbstractButton = (
                WrappingCheckBox(text, self) if multiple else WrappingRadioButton(text, self)
            )
            self.group.addButton(button)
            self.buttons.append((value, button))
            box.addWidget(button)
            button.toggled.connect(self._emit_changed)
            self._watch_focus(button)
        self.clear_button = QPushButton(self.tr("Töm svaret"), self)
        self.clear_button.setFlat(True)
        self.clear_button.setStyleSheet("color: #555; text-decoration: underline;")
        self.clear_button.clicked.connect(self._clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(box, 1)
        row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        if multiple:
            self.group.buttonToggled.connect(self._exclusive_rule)

    def _exclusive_rule(self, button: QAbstractButton, checked: bool) -> None:
        """Ticking "none of these" clears the rest, and ticking anything clears it."""
        if not checked or self._loading:
            return
        value = next(v for v, b in self.buttons if b is button)
        option = self.question.option(value)
        self._loading = True
        cleared = False
        try:
            for other_value, other in self.buttons:
                if other is button:
                    continue
                other_option = self.question.option(other_value)
                if other.isChecked() and (
                    (option is not None and option.exclusive)
                    or (other_option is not None and other_option.exclusive)
                ):
                    other.setChecked(False)
                    cleared = True
        finally:
            self._loading = False
        if cleared:
            self.changed.emit()  # the answer changed once more

    def _clear(self) -> None:
        self.set_value(None)
        self.changed.emit()
        self.committed.emit()

    def value(self) -> Any:
        chosen = [v for v, b in self.buttons if b.isChecked()]
        if self.multiple:
            return chosen or None
        return chosen[0] if chosen else None

    def _set(self, value: Any) -> None:
        self.group.setExclusive(False)
        wanted = value if isinstance(value, list) else [value]
        for v, button in self.buttons:
            button.setChecked(value is not None and v in wanted)
        self.group.setExclusive(not self.multiple)

    def focus_target(self) -> QWidget:
        checked = [b for _, b in self.buttons if b.isChecked()]
        return checked[0] if checked else self.buttons[0][1]


class _LineEditor(QuestionEditor):
    """Short text, dates (ÅÅÅÅ-MM-DD) and numbers: text is kept as typed so the engine can
    point out what is wrong instead of the field silently refusing keys."""

    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(question, language, parent)
        self.edit = QLineEdit(self)
        if question.type == "date":
            self.edit.setPlaceholderText(self.tr("ÅÅÅÅ-MM-DD"))
        if question.type in ("date", "number"):
            # room for the placeholder (or ten digits) at the app's font, whatever its size
            sample = self.edit.placeholderText() or "0000000000"
            room = self.edit.fontMetrics().horizontalAdvance(sample + "00") + 16
            self.edit.setMaximumWidth(max(160, room))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1 if question.type == "short_text" else 0)
        if question.type != "short_text":
            layout.addStretch(1)
        self.edit.textChanged.connect(self._emit_changed)
        self.edit.editingFinished.connect(self.committed)

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        if self.question.type == "number":
            return _number(text)
        return text

    def _set(self, value: Any) -> None:
        if value is None:
            self.edit.clear()
        elif isinstance(value, float) and value.is_integer() is False:
            self.edit.setText(str(value).replace(".", ","))
        else:
            self.edit.setText(str(value))

    def focus_target(self) -> QWidget:
        return self.edit


def _number(text: str) -> int | float | str:
    cleaned = text.replace(" ", "").replace(",", ".")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        return float(cleaned)
    except ValueError:
        return text  # kept, so the engine shows "the answer should be a number"


class _LongTextEditor(QuestionEditor):
    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(question, language, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(84)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._emit_changed)
        self._watch_focus(self.edit)

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def _set(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def focus_target(self) -> QWidget:
        return self.edit


class _ScaleEditor(QuestionEditor):
    """A spin box whose lowest step means "not answered" (kept distinct from the scale's 0)."""

    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(question, language, parent)
        scale = question.scale
        self.low, self.high = (scale.min, scale.max) if scale else (0, 10)
        self.spin = QSpinBox(self)
        self.spin.setRange(self.low - 1, self.high)
        self.spin.setSpecialValueText(self.tr("Ej besvarad"))
        self.spin.setValue(self.low - 1)
        self.spin.setMinimumWidth(120)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #555;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addWidget(self.hint, 1)
        self.spin.valueChanged.connect(self._update_hint)
        self.spin.valueChanged.connect(self._emit_changed)
        self._watch_focus(self.spin)
        self._update_hint()

    def _update_hint(self, *_args: object) -> None:
        value = self.spin.value()
        labels = self.question.scale.labels if self.question.scale else {}
        if value in labels:
            self.hint.setText(labels[value].text(self.language))
        else:
            self.hint.setText(self.tr("{low} till {high}").format(low=self.low, high=self.high))

    def value(self) -> Any:
        value = self.spin.value()
        return None if value < self.low else value

    def _set(self, value: Any) -> None:
        ok = isinstance(value, int) and not isinstance(value, bool)
        self.spin.setValue(value if ok else self.low - 1)

    def focus_target(self) -> QWidget:
        return self.spin


def make_editor(
    question: Question,
    language: str,
    parent: QWidget | None = None,
) -> QuestionEditor:
    kind = question.type
    if kind in ("single_choice", "multiple_choice"):
        choices = [(o.value, o.label.text(language)) for o in question.options]
        return _ButtonsEditor(question, language, choices, kind == "multiple_choice", parent)
    if kind == "yes_no":
        yes = QCoreApplication.translate("QuestionEditor", "Ja")
        no = QCoreApplication.translate("QuestionEditor", "Nej")
        return _ButtonsEditor(question, language, [(True, yes), (False, no)], False, parent)
    if kind == "scale":
        return _ScaleEditor(question, language, parent)
    if kind == "long_text":
        return _LongTextEditor(question, language, parent)
    return _LineEditor(question, language, parent)
