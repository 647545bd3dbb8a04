"""The interview offers to move a follow-up begun on version 1 to version 2, shows which
answers go to which question (and area) and which questions are new, and moves it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assessment_app.records import assessments
from assessment_app.templates.source import RegistryTemplates
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.ui.conftest import wait_tasks
from ui.interview.interview_page import InterviewPage
from ui.services import Services


def test_a_follow_up_on_version_1_is_moved_with_the_mapping_shown(
    qtbot, database, worker, settings
):
    services = Services(database, worker, settings, RegistryTemplates())
    ws = Workspace(worker, templates=services.templates)
    row = ws.cases.create(name="Gammal Uppföljning")
    with ws.write() as uow:
        old = assessments.start_assessment(uow, row.id, "kartlaggning-avhopp", 1, kind="follow_up")
    answers = {"contact_source": "self", "network_pull_back": "Gamla kompisar"}
    info = ws.interviews.save(AssessmentEdit.of(old, answers, {})).value.info
    page = InterviewPage(services, ws.interviews.open(info.id))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert page.version_banner.isVisible()
    assert "version 1 av frågorna" in page.version_banner.text()
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.move_dialog is not None)
    wait_tasks(qtbot)
    dialog = page.move_dialog
    assert dialog.isVisible()
    shown = dialog.view.toPlainText()
    assert "Förs över (2 svar)" in shown and "flyttad" in shown
    assert "Vad är det som skulle kunna dra dig tillbaka?" in shown
    assert "Nya frågor i version 2" in shown and "nytt område" in shown
    assert ws.interviews.get(info.id).template_version == 1  # nothing moved yet
    dialog.grab().save("/tmp/uicheck/template-move.png")
    with qtbot.waitSignal(page.moved) as moved:
        qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assessment_id, mapping = moved.args
    stored = ws.interviews.get(assessment_id)
    assert stored.template_version == 2 and stored.answers == answers
    # opened again on version 2, the page says what happened
    again = InterviewPage(services, ws.interviews.open(assessment_id))
    qtbot.addWidget(again)
    again.resize(1200, 800)
    again.show()
    assert not again.version_banner.isVisible()  # nothing newer to offer
    again.show_moved(mapping)
    assert "flyttad till version 2: 2 svar fördes över (1 till ett annat område)" in (
        again.version_banner.text()
    )
    again.grab().save("/tmp/uicheck/template-moved.png")
