"""Every area of the shipped template fits the interview's width, at the app font's size and
at twice it: no sideways scroll bar on the area page, and every label and button lies inside
the page's viewport (long labels wrap, combo boxes elide, the instrument rows stack when
narrow). ASSESSMENT_TEST_SHOTS names a folder to keep the PNGs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.conftest import scaled_app_font
from ui.interview.interview_page import InterviewPage


@pytest.fixture(params=[(1, 1280), (2, 1100)], ids=["100%", "200%"])
def scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[tuple[int, int]]:
    """The app font at its size (in a 1280 px wide window) and at twice it (in the interview's
    default size)."""
    with scaled_app_font(qapp, request.param[0]):
        yield request.param


@pytest.fixture
def bundled(database, worker, settings):  # type: ignore[no-untyped-def]
    from ui.services import RegistryTemplates, Services

    return Services(database, worker, settings, RegistryTemplates())


def test_every_area_fits_the_width(qtbot, bundled, scale, tmp_path: Path) -> None:
    factor, width = scale
    row = bundled.ws.cases.create(name="Kalle Karlsson")
    info = bundled.ws.interviews.start(row.id)
    page = InterviewPage(bundled, bundled.ws.interviews.open(info.id))
    qtbot.addWidget(page)
    page.resize(width, 760)
    page.show()
    qtbot.waitExposed(page)
    assert page.template.id.startswith("kartlaggning-avhopp")
    folder = Path(os.environ.get("ASSESSMENT_TEST_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    if page.width() != width:
        problems.append(f"the interview is {page.width()} px wide, not {width}")
    for area in page.section_pages:
        page.areas.setCurrentRow(page.row_of[area.section.id])
        assert page.pages.currentWidget() is area
        qtbot.wait(1)
        if area.section.id == "substance_use":
            assert area.panel is not None and area.panel.isVisible()
            assert page.grab().save(str(folder / f"area_substance_use_{factor}x.png"))
        # every question the area can show (follow-up questions appear on some answers)
        for block in area.blocks.values():
            block.setVisible(True)
        qtbot.wait(1)
        if area.section.id in ("substance_use", "safety"):
            # the whole page, top to bottom, at the viewport's width
            assert (
                area.widget()
                .grab()
                .save(str(folder / f"area_{area.section.id}_body_{factor}x.png"))
            )
        if area.horizontalScrollBar().isVisible():
            problems.append(f"{area.section.id}: sideways scroll bar")
        body = area.widget()
        room = area.viewport().width()
        for widget in body.findChildren(QAbstractButton) + body.findChildren(QLabel):
            if not widget.isVisible():
                continue
            left = widget.mapTo(body, widget.rect().topLeft()).x()
            right = widget.mapTo(body, widget.rect().topRight()).x()
            if left < 0 or right >= room:
                problems.append(f"{area.section.id}: {type(widget).__name__} {right} > {room}")
            if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
                needed = widget.heightForWidth(widget.width())
                if widget.height() < needed:
                    problems.append(f"{area.section.id}: label cut {widget.height()} < {needed}")
    assert not problems, "\n".join(problems[:40])


def test_a_rating_box_takes_the_room_it_has_and_elides_beyond_it(qtbot, bundled, qapp) -> None:
    """The rating box is as wide as its longest item when there is room, but its minimum width
    does not grow with a long item (a longer one is elided on the box); the whole text is in
    the tooltip and in the list."""
    from PySide6.QtWidgets import QComboBox

    from ui.interview.rating_panel import RatingPanel

    row = bundled.ws.cases.create(name="Kalle Karlsson")
    info = bundled.ws.interviews.start(row.id)
    page = InterviewPage(bundled, bundled.ws.interviews.open(info.id))
    qtbot.addWidget(page)
    area = page.page_of["substance_use"]
    rating = area.rating
    assert isinstance(rating, RatingPanel)
    own = rating.own
    assert (
        own.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )
    longest = max(range(own.count()), key=lambda i: len(own.itemText(i)))
    own.setCurrentIndex(longest)
    assert own.toolTip() == own.itemText(longest)
    assert own.itemData(longest, Qt.ItemDataRole.ToolTipRole) == own.itemText(longest)
    needed = own.fontMetrics().horizontalAdvance(own.itemText(longest))
    assert own.maximumWidth() > needed
    narrow = own.minimumSizeHint().width()
    long_text = "Ett mycket långt alternativ " * 8
    own.addItem(long_text)
    assert own.minimumSizeHint().width() == narrow
    own.setCurrentIndex(own.count() - 1)
    assert own.toolTip() == long_text


def test_a_wrapping_choice_is_hit_on_its_text_and_asks_one_line_at_least(qtbot):
    """A long choice wraps at the width it gets, but asks no more than one line as its
    minimum (the layout gives it the height its width needs: no empty lines under it), and a
    click in the empty rest of its row does not tick it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.widgets.wrapping import WrappingCheckBox, WrappingRadioButton

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    long_text = "Personer i det nätverk eller gäng jag har varit en del av, och deras familjer"
    box = WrappingCheckBox(long_text, holder)
    short = WrappingRadioButton("Ja", holder)
    layout.addWidget(box)
    layout.addWidget(short)
    layout.addStretch(1)
    assert box.minimumSizeHint().height() == box.sizeHint().height()
    holder.resize(260, 400)
    holder.show()
    qtbot.waitExposed(holder)
    assert box.height() >= box.heightForWidth(box.width()) > box.sizeHint().height()  # wrapped
    holder.resize(1200, 400)
    qtbot.waitUntil(lambda: box.width() > 1000)
    assert box.height() == box.heightForWidth(box.width())  # one line: no empty lines
    far_right = QPoint(short.width() - 5, short.height() // 2)
    qtbot.mouseClick(short, Qt.MouseButton.LeftButton, pos=far_right)
    assert not short.isChecked()  # the empty rest of the row
    qtbot.mouseClick(short, Qt.MouseButton.LeftButton, pos=short._text_rect().center())
    assert short.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box._text_rect().center())
    assert box.isChecked()
