"""Scored instruments in the interview (AUDIT, DUDIT): a panel in the area that offers them and
a dialog that fills one in, with the total and its reading shown at once.

The dialog scores with :func:`assessment_app.templates.instruments.score` on every click (a few
additions; nothing of the interview template is evaluated). What it returns is the stored shape
(:func:`~assessment_app.templates.instruments.result_of`); the core scores it again on saving.
When a municipality has installed the official wording, it is shown instead of our labels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assessment_app.templates.instrument_files import Refused
from assessment_app.templates.instruments import (
    Instrument,
    InstrumentScore,
    Previous,
    Wording,
    change,
    result_of,
    score,
)
from ui.widgets.wrapping import ItemsLayout

FLAG_STYLE = "background: #fde8e8; color: #9b1c1c; border-radius: 4px; padding: 8px;"
CALM_STYLE = "background: #e6f4ea; color: #1e6b34; border-radius: 4px; padding: 8px;"
OPEN_STYLE = "background: #eef1f5; color: #1f2933; border-radius: 4px; padding: 8px;"


def _plain(label: QLabel) -> QLabel:
    """Plain, word-wrapped text that takes the height its text needs at its width."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setHeightForWidth(True)
    policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
    label.setSizePolicy(policy)
    return label


class OptionColumns(ItemsLayout):
    """An item's answer options in as many equally wide columns as the width holds, row by
    row (one column when it is narrow): the answers never need sideways scrolling."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 14) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def sizeHint(self) -> QSize:
        cell = self._cell()
        columns = min(3, len(self._items)) or 1
        width = columns * cell.width() + (columns - 1) * self._spacing
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        widest = max((i.minimumSize().width() for i in self._items), default=0)
        return QSize(widest, self.heightForWidth(widest))

    def _cell(self) -> QSize:
        width = max((i.sizeHint().width() for i in self._items), default=0)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def _place(self, rect: QRect, *, move: bool) -> int:
        if not self._items:
            return 0
        cell = self._cell()
        gap = self._spacing
        columns = max(1, min(len(self._items), (rect.width() + gap) // (cell.width() + gap)))
        width = rect.width() if columns == 1 else cell.width()
        if columns > 1:  # share what is left over between the columns
            width = (rect.width() - (columns - 1) * gap) // columns
        rows = (len(self._items) + columns - 1) // columns
        row_gap = max(2, gap // 3)
        if move:
            for n, item in enumerate(self._items):
                row, column = divmod(n, columns)
                x = rect.x() + column * (width + gap)
                y = rect.y() + row * (cell.height() + row_gap)
                own = min(item.sizeHint().width(), width)  # a radio button is hit on its text
                item.setGeometry(QRect(QPoint(x, y), QSize(own, cell.height())))
        return rows * cell.height() + (rows - 1) * row_gap


class InstrumentTexts:
    """How the dialog and the panel word a total and the change since last time (translated
    in the context ``InstrumentTexts``)."""

    def total(self, inst: Instrument, result: InstrumentScore) -> str:
        if result.complete:
            return QCoreApplication.translate(
                "InstrumentTexts", "Summa: {total} av {max} poäng"
            ).format(total=result.total, max=inst.total.max)
        return QCoreApplication.translate(
            "InstrumentTexts",
            "Summa hittills: {total} poäng – {answered} av {items} frågor besvarade",
        ).format(total=result.total, answered=result.answered, items=result.items)

    def last_time(self, previous: Previous, language: str) -> str:
        """``Förra gången (date): N poäng – reading.`` (the reading when it is known)."""
        if previous.band_label is not None:
            return QCoreApplication.translate(
                "InstrumentTexts", "Förra gången ({date}): {total} poäng – {band}."
            ).format(
                date=previous.conducted_on,
                total=previous.total,
                band=previous.band_label.text(language),
            )
        return QCoreApplication.translate(
            "InstrumentTexts", "Förra gången ({date}): {total} poäng."
        ).format(date=previous.conducted_on, total=previous.total)

    def previous(self, previous: Previous | None, result: InstrumentScore, language: str) -> str:
        if previous is None:
            return ""
        if not previous.complete:
            return QCoreApplication.translate(
                "InstrumentTexts", "Förra gången ({date}): inte helt ifyllt."
            ).format(date=previous.conducted_on)
        delta = change(previous, result)
        text = self.last_time(previous, language)
        if delta is not None:
            sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
            text += " " + QCoreApplication.translate(
                "InstrumentTexts", "Förändring: {sign}{delta}"
            ).format(sign=sign, delta=abs(delta))
        return text


class InstrumentDialog(QDialog):
    """Fill in one instrument. ``instrument_result()`` is what the assessment stores for it."""

    def __init__(
        self,
        instrument: Instrument,
        stored: dict[str, Any] | None,
        language: str,
        *,
        wording: Wording | None = None,
        previous: Previous | None = None,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.instrument = instrument
        self.language = language
        self.previous = previous
        self.wording = wording
        self.texts = InstrumentTexts()
        stored = stored or {}
        heading = (
            wording.title
            if wording is not None and wording.title
            else instrument.title.text(language)
        )
        self.setWindowTitle(heading)
        self.resize(760, 720)

        intro = QVBoxLayout()
        self.heading = title = _plain(QLabel(heading, self))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        intro.addWidget(title)
        if instrument.description is not None:
            intro.addWidget(_plain(QLabel(instrument.description.text(language), self)))
        source = _plain(QLabel(instrument.source.text(language), self))
        source.setStyleSheet("color: #555;")
        intro.addWidget(source)
        self.wording_note = _plain(QLabel(self))
        self.wording_note.setStyleSheet("color: #555; font-style: italic;")
        if wording is not None:
            self.wording_note.setText(
                self.tr("Frågorna visas med den officiella lydelsen ({source}).").format(
                    source=wording.source
                )
            )
        else:
            self.wording_note.setText(
                self.tr(
                    "Frågorna visas som korta etiketter. Läs frågorna ur formulärets officiella "
                    "lydelse för personen."
                )
            )
        intro.addWidget(self.wording_note)

        self.sex = QComboBox(self)
        self.sex.addItem(self.tr("Inte valt (visar båda gränsvärdena)"), None)
        if "female" in instrument.bands_by_sex:
            self.sex.addItem(self.tr("Kvinna"), "female")
        if "male" in instrument.bands_by_sex:
            self.sex.addItem(self.tr("Man"), "male")
        index = self.sex.findData(stored.get("sex"))
        self.sex.setCurrentIndex(max(0, index))
        sex_row = QHBoxLayout()
        sex_label = QLabel(self.tr("&Gränsvärden för:"), self)
        sex_label.setBuddy(self.sex)
        sex_row.addWidget(sex_label)
        sex_row.addWidget(self.sex)
        sex_row.addStretch(1)
        self.sex.setVisible(bool(instrument.bands_by_sex))
        sex_label.setVisible(bool(instrument.bands_by_sex))

        body = QWidget(self)
        grid = QVBoxLayout(body)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[str, dict[str, QRadioButton]] = {}
        self.item_labels: dict[str, QLabel] = {}
        kept = stored.get("answers")
        answers: dict[str, Any] = kept if isinstance(kept, dict) else {}
        for number, item in enumerate(instrument.items, start=1):
            official = wording.items.get(item.id) if wording is not None else None
            frame = QFrame(body)
            frame.setObjectName("instrumentItem")
            frame.setStyleSheet("QFrame#instrumentItem { border-bottom: 1px solid #d8dde3; }")
            box = QVBoxLayout(frame)
            box.setContentsMargins(4, 6, 4, 8)
            text = official.text if official is not None else item.label.text(language)
            label = _plain(QLabel(f"{number}. {text}", frame))
            label.setStyleSheet("font-weight: bold;")
            self.item_labels[item.id] = label
            box.addWidget(label)
            if item.help is not None and official is None:
                hint = _plain(QLabel(item.help.text(language), frame))
                hint.setStyleSheet("color: #555;")
                box.addWidget(hint)
            options = OptionColumns()
            group = QButtonGroup(frame)
            group.setExclusive(True)
            self.groups[item.id] = group
            self.buttons[item.id] = {}
            for n, option in enumerate(item.options):
                words = (
                    official.options.get(option.value, "")
                    if official is not None
                    else option.label.text(language)
                )
                button = QRadioButton(f"{words}  ({option.score})", frame)
                button.setAccessibleName(f"{text}: {words}, {option.score}")
                group.addButton(button, n)
                self.buttons[item.id][option.value] = button
                options.addWidget(button)
                if answers.get(item.id) == option.value:
                    button.setChecked(True)
            box.addLayout(options)
            grid.addWidget(frame)
            group.buttonToggled.connect(self._update)
        grid.addStretch(1)
        self.items_area = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.total = _plain(QLabel(self))
        self.total.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.band = _plain(QLabel(self))
        self.change = _plain(QLabel(self))
        self.change.setStyleSheet("color: #1f2933;")
        summary = QFrame(self)
        summary.setObjectName("instrumentSummary")
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(0, 6, 0, 0)
        summary_layout.addWidget(self.total)
        summary_layout.addWidget(self.band)
        summary_layout.addWidget(self.change)

        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("&Klar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.clear_button = QPushButton(self.tr("&Töm alla svar"), self)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.cancel_button = buttons.addButton(
            self.tr("&Avbryt"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self.clear)
        if read_only:
            body.setEnabled(False)
            self.sex.setEnabled(False)
            self.clear_button.hide()
            self.cancel_button.hide()
            self.ok_button.setText(self.tr("S&täng"))

        layout = QVBoxLayout(self)
        layout.addLayout(intro)
        layout.addLayout(sex_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(summary)
        layout.addWidget(buttons)
        self.sex.currentIndexChanged.connect(self._update)
        self._update()

    def answers(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for item_id, buttons in self.buttons.items():
            for value, button in buttons.items():
                if button.isChecked():
                    found[item_id] = value
        return found

    def chosen_sex(self) -> str | None:
        data = self.sex.currentData()
        return data if isinstance(data, str) else None

    def score(self) -> InstrumentScore:
        return score(self.instrument, self.answers(), self.chosen_sex())

    def instrument_result(self) -> dict[str, Any]:
        return result_of(self.instrument, self.answers(), self.chosen_sex())

    def clear(self) -> None:
        for group in self.groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self._update()

    def _update(self, *_args: object) -> None:
        """Score the clicked answers and show the total at once; a label is touched only when
        its text or style changes (restyling is what costs, not the adding up)."""
        result = self.score()
        band = result.band
        if band is not None:
            text = f"{band.label.text(self.language)}\n{band.interpretation.text(self.language)}"
            style = FLAG_STYLE if band.flag else CALM_STYLE
        else:
            text = self.tr("Tolkningen visas när alla frågor är besvarade.")
            style = OPEN_STYLE
        _set(self.total, self.texts.total(self.instrument, result))
        _set(self.band, text, style)
        change = self.texts.previous(self.previous, result, self.language)
        _set(self.change, change)
        if self.change.isHidden() == bool(change):
            self.change.setVisible(bool(change))


def _set(label: QLabel, text: str, style: str | None = None) -> None:
    if label.text() != text:
        label.setText(text)
    if style is not None and label.styleSheet() != style:
        label.setStyleSheet(style)


class InstrumentPanel(QGroupBox):
    """The instruments an area offers, each with its current total and an open button.
    ``open_requested(instrument id)`` asks the interview to open the dialog."""

    open_requested = Signal(str)

    def __init__(
        self,
        instruments: list[Instrument],
        language: str,
        parent: QWidget | None = None,
        *,
        refused: list[Refused] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Formulär med poäng (frivilliga)"))
        self.language = language
        self.texts = InstrumentTexts()
        self.instruments = {inst.id: inst for inst in instruments}
        self.summaries: dict[str, QLabel] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        layout = QGridLayout(self)
        for row, inst in enumerate(instruments):
            name = QLabel(inst.title.text(language), self)
            name.setStyleSheet("font-weight: bold;")
            summary = _plain(QLabel(self))
            button = QPushButton(self.tr("Öppna {name} …").format(name=inst.id.upper()), self)
            button.setAccessibleName(
                self.tr("Öppna formuläret {name}").format(name=inst.title.text(language))
            )
            button.clicked.connect(lambda _=False, i=inst.id: self.open_requested.emit(i))
            # The title on its own line, the summary (wrapping) and the button below it, so
            # the row fits a narrow page at a large font.
            name.setWordWrap(True)
            layout.addWidget(name, 2 * row, 0, 1, 2)
            layout.addWidget(summary, 2 * row + 1, 0)
            layout.addWidget(button, 2 * row + 1, 1, Qt.AlignmentFlag.AlignTop)
            self.summaries[inst.id] = summary
            self.open_buttons[inst.id] = button
        layout.setColumnStretch(0, 1)
        self.problem_note = _plain(QLabel(self))
        self.problem_note.setStyleSheet("color: #9b1c1c;")
        lines = []
        for r in refused or []:
            if r.kind == "wording":
                lines.append(
                    self.tr(
                        "Den officiella lydelsen i {file} kunde inte läsas; frågorna visas med "
                        "korta etiketter. Kontakta den som administrerar mallarna."
                    ).format(file=r.name)
                )
            else:
                lines.append(
                    self.tr(
                        "Ett formulär kunde inte läsas: {file}. Kontakta den som administrerar "
                        "mallarna."
                    ).format(file=r.name)
                )
        self.problem_note.setText("\n".join(lines))
        self.problem_note.setVisible(bool(lines))
        layout.addWidget(self.problem_note, 2 * len(instruments), 0, 1, 2)

    def show_result(
        self, instrument: Instrument, stored: dict[str, Any] | None, previous: Previous | None
    ) -> None:
        label = self.summaries.get(instrument.id)
        if label is None:
            return
        answers = stored.get("answers") if stored else None
        if not isinstance(answers, dict) or not answers:
            text = self.tr("Inte ifyllt.")
            if previous is not None and previous.complete:
                text += " " + self.texts.last_time(previous, self.language)
            label.setText(text)
            label.setStyleSheet("color: #555;")
            return
        sex = stored.get("sex") if stored else None
        result = score(instrument, answers, sex if isinstance(sex, str) else None)
        text = self.texts.total(instrument, result)
        if result.band is not None:
            text += " – " + result.band.label.text(self.language)
        extra = self.texts.previous(previous, result, self.language)
        if extra:
            text += "\n" + extra
        label.setText(text)
        flagged = result.band is not None and result.band.flag
        label.setStyleSheet("color: #9b1c1c; font-weight: bold;" if flagged else "")
