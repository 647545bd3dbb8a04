"""Keyboard access the scripted tour (make tour) relies on: every mnemonic in a menu and in the
plan editor is taken once, and the plan editor's area list has a label that reaches it."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QAbstractButton, QLabel

from tests.ui.conftest import wait_tasks
from ui.main_window import MainWindow


def _mnemonic(text: str) -> str | None:
    text = text.replace("&&", "")
    at = text.find("&")
    return text[at + 1].casefold() if 0 <= at < len(text) - 1 else None


def _taken_twice(texts: list[str]) -> list[str]:
    letters = Counter(m for m in map(_mnemonic, texts) if m)
    return sorted(letter for letter, n in letters.items() if n > 1)


def test_no_menu_uses_a_mnemonic_twice(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    for menu_action in window.menuBar().actions():
        texts = [a.text() for a in menu_action.menu().actions() if not a.isSeparator()]
        assert not _taken_twice(texts), (menu_action.text(), texts)


def test_the_plan_editor_area_list_has_a_label_and_its_own_mnemonics(qtbot, services):
    from ui.plan.editor import PlanEditorPage

    ws = services.ws
    row = ws.cases.create(name="Kalle Karlsson")
    plan = ws.plans.create(row.id)
    editor = PlanEditorPage(services, ws.plans.open_editor(plan.id))
    qtbot.addWidget(editor)
    editor.show()
    wait_tasks(qtbot)
    label = next(lb for lb in editor.findChildren(QLabel) if lb.buddy() is editor.new_goal_area)
    assert _mnemonic(label.text()) == "o"
    assert editor.new_goal_area.accessibleName()
    texts = [lb.text() for lb in editor.findChildren(QLabel) if lb.buddy() is not None]
    texts += [b.text() for b in editor.findChildren(QAbstractButton) if b.isVisibleTo(editor)]
    assert not _taken_twice([t for t in texts if _mnemonic(t) in ("m", "o")]), texts


def test_the_plan_editor_says_saved_once_the_save_is_in(qtbot, services):
    """The tour's pictures showed "Sparar …" after the save and under a submitted plan."""
    from ui.plan.editor import PlanEditorPage

    ws = services.ws
    plan = ws.plans.create(ws.cases.create(name="Kalle Karlsson").id)
    editor = PlanEditorPage(services, ws.plans.open_editor(plan.id))
    qtbot.addWidget(editor)
    editor.show()
    wait_tasks(qtbot)
    editor.note.setPlainText("Ny anteckning")
    assert editor.save()
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: editor.status.text().startswith("Sparat"))
