"""Widgets that give up width by wrapping: a flow layout (items move to the next line when the
row is full) and check boxes / radio buttons whose long text word-wraps, so a page at a large
app font fits its window instead of growing a sideways scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QLayout,
    QLayoutItem,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFocusRect,
    QStylePainter,
    QWidget,
)

_FLAGS = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextShowMnemonic


class ItemsLayout(QLayout):
    """A layout that places its items itself, in ``_place(rect, move)``, and whose height
    follows its width; the item bookkeeping Qt asks of every such layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``move``); the height used."""
        raise NotImplementedError


class FlowLayout(ItemsLayout):
    """Items left to right, on as many lines as the width needs."""

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, last_right: bool = False
    ) -> None:
        """``last_right``: the last item keeps to the right edge when it shares a line."""
        super().__init__(parent)
        self._gap = spacing
        self._last_right = last_right
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() for i in self._items if not i.isEmpty())
        width += self._gap * max(0, self.count() - 1)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        shown = [item for item in self._items if not item.isEmpty()]
        for item in shown:
            hint = item.sizeHint()
            width = min(hint.width(), max(area.width(), item.minimumSize().width()))
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + self._gap, 0
            if self._last_right and item is shown[-1] and x > area.x():
                x = area.right() + 1 - width
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + self._gap
            line = max(line, height)
        return y + line - rect.y() + m.bottom()


class _Wrapping:
    """Mixed into QCheckBox / QRadioButton: the text word-wraps beside the indicator."""

    _element = QStyle.ControlElement.CE_CheckBox
    _contents = QStyle.SubElement.SE_CheckBoxContents
    _indicator = QStyle.SubElement.SE_CheckBoxIndicator

    def _wrap_setup(self) -> None:
        button: QCheckBox = self  # type: ignore[assignment]
        policy = button.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        # as a word-wrapping QLabel: free to be as tall as its width needs (a Fixed height
        # would hold it to one line)
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        button.setSizePolicy(policy)

    def _text_left(self) -> int:
        button: QCheckBox = self  # type: ignore[assignment]
        option = QStyleOptionButton()
        button.initStyleOption(option)
        gap = max(1, button.fontMetrics().averageCharWidth() // 3)
        return button.style().subElementRect(self._contents, option, button).x() + gap

    def minimumSizeHint(self) -> QSize:
        """Narrow, and one line high, as a word-wrapping QLabel: the layouts give it the
        height its width needs (heightForWidth); a minimum height of the text wrapped at its
        narrowest would add empty lines under every long choice."""
        button: QCheckBox = self  # type: ignore[assignment]
        width = self._text_left() + button.fontMetrics().averageCharWidth() * 16
        return QSize(min(width, button.sizeHint().width()), button.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        button: QCheckBox = self  # type: ignore[assignment]
        room = max(1, width - self._text_left())
        text = button.fontMetrics().boundingRect(QRect(0, 0, room, 100000), _FLAGS, button.text())
        return max(button.sizeHint().height(), text.height() + 4)

    def _text_place(self) -> QRect:
        button: QCheckBox = self  # type: ignore[assignment]
        full = button.rect()
        return QRect(self._text_left(), 2, full.width() - self._text_left(), full.height() - 4)

    def _text_rect(self) -> QRect:
        """Where the wrapped text is drawn (for the focus frame and the hit area)."""
        button: QCheckBox = self  # type: ignore[assignment]
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(_FLAGS)
        return button.fontMetrics().boundingRect(self._text_place(), flags, button.text())

    def hitButton(self, pos: QPoint) -> bool:
        """The indicator and the text, as a plain check box: not the empty rest of its row."""
        button: QCheckBox = self  # type: ignore[assignment]
        option = QStyleOptionButton()
        button.initStyleOption(option)
        indicator = button.style().subElementRect(self._indicator, option, button)
        text = self._text_rect().adjusted(-2, -2, 2, 2)
        left = QRect(0, 0, self._text_left(), max(indicator.bottom() + 1, text.bottom() + 1))
        return left.contains(pos) or text.contains(pos) or indicator.contains(pos)

    def paintEvent(self, _event: QPaintEvent) -> None:
        button: QCheckBox = self  # type: ignore[assignment]
        painter = QStylePainter(button)
        option = QStyleOptionButton()
        button.initStyleOption(option)
        text = option.text
        option.text = ""
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        option.state &= ~QStyle.StateFlag.State_HasFocus  # drawn round the text below
        line = button.sizeHint().height()
        full = QRect(option.rect)
        option.rect = QRect(0, 0, full.width(), min(line, full.height()))
        painter.drawControl(self._element, option)
        place = self._text_place()
        painter.drawItemText(
            place,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(_FLAGS),
            button.palette(),
            button.isEnabled(),
            text,
            QPalette.ColorRole.WindowText,
        )
        if focused:
            frame = QStyleOptionFocusRect()
            frame.initFrom(button)
            frame.rect = self._text_rect().adjusted(-2, 0, 2, 1)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame)


class WrappingCheckBox(_Wrapping, QCheckBox):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, text, parent)
        self._wrap_setup()


class WrappingRadioButton(_Wrapping, QRadioButton):
    _element = QStyle.ControlElement.CE_RadioButton
    _contents = QStyle.SubElement.SE_RadioButtonContents
    _indicator = QStyle.SubElement.SE_RadioButtonIndicator

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        QRadioButton.__init__(self, text, parent)
        self._wrap_setup()
