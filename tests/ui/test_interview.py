"""The guided interview: conditional questions, inline messages, urgent flags, ratings,
saving, and autosave recovery after a crash."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import wait_tasks
from ui.interview.interview_page import InterviewPage


def _start(services):
    row = services.ws.cases.create(name="Kalle Karlsson")
    return services.ws.interviews.start(row.id)


def _stored(services, assessment_id):
    return services.ws.interviews.get(assessment_id)


def _draft(services, assessment_id):
    found = [
        d
        for d in services.ws.cases.my_drafts()
        if d.kind == "assessment" and d.object_id == assessment_id
    ]
    return found[0] if found else None


def _page(qtbot, services, assessment_id):
    page = InterviewPage(services, services.ws.interviews.open(assessment_id))
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _block(page, qid):
    for section in page.section_pages:
        if qid in section.blocks:
            return section.blocks[qid]
    raise KeyError(qid)


def _type(qtbot, widget, char):
    """One key press as a person makes it; å, ä, ö go as key events with their text (QTest's
    keyClick takes ASCII only)."""
    from PySide6.QtTest import QTest

    if char.isascii():
        qtbot.keyClick(widget, char)
    else:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


def _button(block, value):
    return next(b for v, b in block.editor.buttons if v == value)


def test_conditional_question_and_urgent_flag(qtbot, services, worker, template):
    info = _start(services)
    page = _page(qtbot, services, info.id)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)  # consent -> housing
    assert page.pages.currentWidget().section.id == "housing"
    tonight = _block(page, "housing_tonight")
    assert not tonight.isVisible()

    homeless = _button(_block(page, "housing_now"), "homeless")
    homeless.setFocus()
    qtbot.keyClick(homeless, Qt.Key.Key_Space)
    assert tonight.isVisible()
    qtbot.mouseClick(_button(tonight, False), Qt.MouseButton.LeftButton)
    assert tonight.urgent.isVisible()
    assert "Ingen plats att sova i natt" in tonight.urgent.text()
    assert "akut" in page.areas.item(1).text()
    assert page.urgent_banner.isVisible()

    qtbot.mouseClick(_button(_block(page, "housing_now"), "own_lease"), Qt.MouseButton.LeftButton)
    assert not tonight.isVisible()
    assert not page.urgent_banner.isVisible()
    assert page.answers()["housing_tonight"] is False  # a hidden answer is kept, not dropped


def test_constraint_and_missing_messages_inline(qtbot, services, worker, template):
    info = _start(services)
    page = _page(qtbot, services, info.id)
    page.areas.setCurrentRow(2)  # substances
    days = _block(page, "substances_days")
    qtbot.keyClicks(days.editor.edit, "45")
    assert days.message.isVisible() and days.message.text() == "Ange 0–30 dagar."
    days.editor.edit.clear()
    qtbot.keyClicks(days.editor.edit, "12")
    assert not days.message.isVisible()
    assert page.answers()["substances_days"] == 12

    treated = _block(page, "substances_treated")
    qtbot.keyClicks(treated.editor.edit, "2999-01-01")
    assert treated.message.text() == "Datumet kan inte ligga i framtiden."

    # "Inget" excludes the other choices
    used = _block(page, "substances_used")
    qtbot.mouseClick(_button(used, "alcohol"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_button(used, "none"), Qt.MouseButton.LeftButton)
    assert page.answers()["substances_used"] == ["none"]

    # a required question left empty is pointed out once the area has been left
    page.areas.setCurrentRow(1)
    housing_now = _block(page, "housing_now")
    assert not housing_now.message.isVisible()
    page.areas.setCurrentRow(2)
    page.areas.setCurrentRow(1)
    assert housing_now.message.isVisible()
    assert "svar saknas" in housing_now.message.text()


def test_answers_and_ratings_are_saved(qtbot, services, worker, template):
    info = _start(services)
    page = _page(qtbot, services, info.id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.mouseClick(_button(_block(page, "agrees"), True), Qt.MouseButton.LeftButton)
    page.areas.setCurrentRow(1)
    qtbot.mouseClick(_button(_block(page, "housing_now"), "homeless"), Qt.MouseButton.LeftButton)
    rating = page.section_pages[1].rating
    rating.own.setFocus()
    qtbot.keyClick(rating.own, Qt.Key.Key_Down)  # "-" -> 0
    qtbot.keyClick(rating.own, Qt.Key.Key_Down)  # -> 1
    qtbot.keyClick(rating.own, Qt.Key.Key_Down)  # -> 2
    rating.worker.setCurrentIndex(rating.worker.findData(3))
    qtbot.keyClicks(rating.reason, "Bor hos en kompis")
    qtbot.keyClick(rating.flags["urgent"], Qt.Key.Key_Space)
    page.areas.setCurrentRow(3)
    qtbot.keyClicks(_block(page, "why_now").editor.edit, "Vill ha ett jobb")
    spin = _block(page, "readiness").editor.spin
    spin.setFocus()
    for _ in range(8):
        qtbot.keyClick(spin, Qt.Key.Key_Up)  # "not answered" -> 7
    qtbot.keyClick(spin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # save
    wait_tasks(qtbot)

    stored = _stored(services, info.id)
    assert stored.answers == {
        "agrees": True,
        "housing_now": "homeless",
        "why_now": "Vill ha ett jobb",
        "readiness": 7,
    }
    assert stored.ratings["housing"] == {
        "own": 2,
        "worker": 3,
        "reason": "Bor hos en kompis",
        "flags": ["urgent"],
    }
    assert _draft(services, info.id) is None  # saved: no draft left
    assert "Sparat" in page.status.text()


def test_autosave_draft_is_offered_back_after_a_crash(qtbot, services, worker, template):
    info = _start(services)
    page = _page(qtbot, services, info.id)
    page.session.timer.setInterval(50)  # the debounce, shortened for the test
    page.areas.setCurrentRow(3)
    qtbot.keyClicks(_block(page, "why_now").editor.edit, "Jag vill bort fran allt")
    qtbot.waitUntil(lambda: not page.session.dirty and page.session.in_flight == 0)
    wait_tasks(qtbot)
    assert _draft(services, info.id) is not None

    # crash: the page goes away without saving
    page.close()
    assert _stored(services, info.id).answers == {}

    again = _page(qtbot, services, info.id)
    assert again.draft_banner.isVisible()
    assert _block(again, "why_now").editor.value() is None
    restore = next(b for b in again.draft_banner._buttons if "Återställ" in b.text())
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert _block(again, "why_now").editor.value() == "Jag vill bort fran allt"
    assert again.pages.currentWidget().section.id == "motivation"
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert _stored(services, info.id).answers == {"why_now": "Jag vill bort fran allt"}


def test_leaving_a_field_saves_the_draft_at_once(qtbot, services, worker, template):
    info = _start(services)
    page = _page(qtbot, services, info.id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.areas.setCurrentRow(3)
    edit = _block(page, "why_now").editor.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Nu")
    assert page.session.timer.isActive()  # waiting the few seconds...
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # ...but leaving the field saves now
    assert not page.session.timer.isActive()
    wait_tasks(qtbot)
    draft = _draft(services, info.id)
    assert draft is not None and draft.payload.content["answers"] == {"why_now": "Nu"}


def test_complete_with_the_bundled_template(qtbot, database, worker, settings):
    """A minimal valid kartläggning with the real template: the consent section answered,
    one area rated by the worker and the others marked not relevant."""
    from ui.services import RegistryTemplates, Services

    templates = RegistryTemplates()
    bundled = templates.latest()
    services = Services(database, worker, settings, templates)
    row = services.ws.cases.create(name="Kalle Karlsson")
    info = services.ws.interviews.start(row.id)
    assert (info.template_id, info.template_version) == (bundled.id, bundled.version)
    page = _page(qtbot, services, info.id)

    choice = _button(_block(page, "contact_source"), "self")  # a long list: by keyboard
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Space)
    qtbot.keyClicks(_block(page, "first_contact_date").editor.edit, "2024-01-15")
    for qid in (
        "informed_about_assessment",
        "informed_about_consent",
        "agreement_no_crime",
        "agreement_no_drugs",
        "agreement_drug_tests",
    ):
        qtbot.mouseClick(_button(_block(page, qid), True), Qt.MouseButton.LeftButton)

    # not finished yet: the areas are unrated, and nothing is stored as complete
    qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    assert "kan inte slutföras" in page.banner.text()
    wait_tasks(qtbot)
    assert _stored(services, info.id).status == "in_progress"

    for n, section in enumerate(page.section_pages[1:], start=1):
        page.areas.setCurrentRow(n)
        if section.section.id == "motivation":
            qtbot.keyClicks(_block(page, "motivation_why_now").editor.edit, "Vill ha ett lugnt liv")
            section.rating.worker.setCurrentIndex(section.rating.worker.findData(1))
        else:
            qtbot.mouseClick(section.rating.flags["not_relevant"], Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(page.closed) as closed:
        qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    assert closed.args == [row.id]
    stored = _stored(services, info.id)
    assert stored.status == "complete" and stored.completed_at is not None
    assert stored.answers["contact_source"] == "self"
    assert stored.ratings["motivation"]["worker"] == 1
    assert stored.ratings["housing"]["flags"] == ["not_relevant"]


def test_complete_uses_the_template_the_page_loaded(qtbot, services, worker, template):
    """The test template is not in the bundled registry: completion must check against the
    template the page shows, not look one up."""
    info = _start(services)
    page = _page(qtbot, services, info.id)
    qtbot.mouseClick(_button(_block(page, "agrees"), True), Qt.MouseButton.LeftButton)
    page.areas.setCurrentRow(1)
    qtbot.mouseClick(_button(_block(page, "housing_now"), "own_lease"), Qt.MouseButton.LeftButton)
    page.section_pages[1].rating.worker.setCurrentIndex(1)  # 0 – no need
    page.areas.setCurrentRow(2)
    qtbot.mouseClick(page.section_pages[2].rating.flags["not_answered"], Qt.MouseButton.LeftButton)
    page.areas.setCurrentRow(3)
    qtbot.keyClicks(_block(page, "why_now").editor.edit, "Barnen")
    page.section_pages[3].rating.worker.setCurrentIndex(1)
    with qtbot.waitSignal(page.closed):
        qtbot.mouseClick(page.complete_button, Qt.MouseButton.LeftButton)
    assert _stored(services, info.id).status == "complete"


def test_typing_a_long_answer_with_every_area_answered_is_stored(qtbot, database, worker, settings):
    """200 characters typed key by key into a free-text answer of the bundled interview, with
    every area answered and rated: the autosaved draft holds every character (no timing)."""
    import random
    from datetime import date

    from assessment_app import demo
    from assessment_app.workspace.interview import AssessmentEdit
    from ui.services import RegistryTemplates, Services

    services = Services(database, worker, settings, RegistryTemplates())
    template = services.templates.latest()
    assert len(template.areas) >= 14
    row = services.ws.cases.create(name="Kalle Karlsson")
    info = services.ws.interviews.start(row.id)
    rng = random.Random(3)
    answers = demo.answers_for(template, rng, date.today())
    ratings = demo.ratings_for(template, rng)
    free_text = next(
        q.id
        for area in template.areas
        for q in area.questions
        if q.type == "long_text" and q.show_if is None
    )
    answers.pop(free_text, None)
    saved = services.ws.interviews.save(AssessmentEdit.of(info, answers, ratings))
    info = saved.value.info
    page = _page(qtbot, services, info.id)
    page.session.timer.setInterval(200)
    block = _block(page, free_text)
    section = next(i for i, p in enumerate(page.section_pages) if free_text in p.blocks)
    page.areas.setCurrentRow(section)
    edit = block.editor.focus_target()
    edit.setFocus()
    text = ("Jag vill flytta härifrån och börja om, långt bort från gänget. " * 4)[:200]
    assert len(text) == 200
    for char in text:
        _type(qtbot, edit, char)
    assert page.answers()[free_text] == text
    qtbot.waitUntil(lambda: not page.session.dirty and page.session.in_flight == 0)
    wait_tasks(qtbot)
    draft = _draft(services, info.id)
    assert draft is not None
    assert draft.payload.content["answers"][free_text] == text
    assert draft.payload.base_version == info.version
    # every other answer is in the draft too, untouched
    for qid, value in answers.items():
        assert draft.payload.content["answers"][qid] == value
