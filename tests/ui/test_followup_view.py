"""Follow-ups in the case view: the radar overlays every assessment and a table shows the change
per area (arrow, words and colour); "Ny uppföljning" starts a follow-up assessment on the newest
template and completing it marks the scheduled follow-up done."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from assessment_app.records import assessments
from assessment_app.templates import default_registry
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.ui.conftest import wait_tasks
from ui.case_view.case_page import CasePage
from ui.followup.comparison import BETTER, WORSE
from ui.services import RegistryTemplates, Services

TEMPLATE = "kartlaggning-avhopp"


@pytest.fixture
def ws(services):
    """The same user's workspace without the UI-thread guard, to set up data in a test body
    (pytest imports these tests as ``ui.test_*``, which the guard takes for screen code)."""
    return Workspace(services.ctx, templates=services.templates)


def _rated(ws, case_id, ratings, kind, on):
    version = default_registry().latest(TEMPLATE).version
    with ws.write() as uow:  # set up on a given day (the screens always start today)
        a = assessments.start_assessment(
            uow, case_id, TEMPLATE, version, kind=kind, conducted_on=on
        )
    return ws.interviews.save(AssessmentEdit.of(a, {}, ratings)).value.info


def _r(own, worker, flags=()):
    return {"own": own, "worker": worker, "reason": "Skal", "flags": list(flags)}


def _page(qtbot, services, case_id):
    page = CasePage(services, case_id)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.tabs.setCurrentWidget(page.followups)
    wait_tasks(qtbot)
    return page


def test_comparison_shows_the_change_per_area(qtbot, database, worker, settings):
    services = Services(database, worker, settings, RegistryTemplates())
    ws = Workspace(worker, templates=services.templates)
    row = ws.cases.create(name="Uppfoljd Person")
    _rated(
        ws,
        row.id,
        {"housing": _r(3, 4), "occupation": _r(1, 1), "health": _r(2, 2)},
        "initial",
        date(2026, 1, 10),
    )
    _rated(
        ws,
        row.id,
        {"housing": _r(1, 2), "occupation": _r(2, 3), "health": _r(3, 2, ["urgent"])},
        "follow_up",
        date(2026, 4, 10),
    )
    page = _page(qtbot, services, row.id)
    comparison = page.followups.comparison
    assert [s.label for s in comparison.radar.series] == [
        "Kartläggning 2026-01-10",
        "Uppföljning 2026-04-10",
    ]
    assert comparison.radar.series[1].values["housing"] == 2
    assert "2026-01-10" in comparison.heading.text() and "2026-04-10" in comparison.heading.text()

    rows = {comparison.table.item(r, 0).text(): r for r in range(comparison.table.rowCount())}
    housing = rows["Boende"]
    assert comparison.table.item(housing, 1).text() == "3 / 4"
    assert comparison.table.item(housing, 2).text() == "1 / 2"
    change = comparison.table.item(housing, 3)
    assert change.text() == "▼ 2 mindre behov"  # readable without colour
    assert change.foreground().color().name() == BETTER
    work = comparison.table.item(rows["Arbete, studier och sysselsättning"], 3)
    assert work.text() == "▲ 2 större behov (egen skattning ▲ +1)"
    assert work.foreground().color().name() == WORSE
    health = rows["Fysisk och psykisk hälsa"]
    assert comparison.table.item(health, 2).text() == "3 / 2 (akut)"
    assert comparison.table.item(health, 3).text() == "● oförändrat (egen skattning ▲ +1)"
    unrated = comparison.table.item(rows["Motivation och vägen framåt"], 3)
    assert unrated.text() == "– kan inte jämföras"


def test_one_assessment_only_says_what_is_missing(qtbot, database, worker, settings):
    services = Services(database, worker, settings, RegistryTemplates())
    ws = Workspace(worker, templates=services.templates)
    row = ws.cases.create(name="Bara En")
    _rated(ws, row.id, {"housing": _r(3, 4)}, "initial", date(2026, 1, 10))
    page = _page(qtbot, services, row.id)
    comparison = page.followups.comparison
    assert "minst två kartläggningar" in comparison.heading.text()
    assert comparison.table.rowCount() == 0
    assert len(comparison.radar.series) == 1


def test_new_follow_up_is_completed_and_marks_the_scheduled_one_done(qtbot, services, ws, template):
    row = ws.cases.create(name="Ny Uppfoljning")
    later = ws.cases.schedule_follow_up(row.id, date(2030, 6, 1))
    first = ws.cases.schedule_follow_up(row.id, date(2030, 3, 1))
    page = _page(qtbot, services, row.id)
    assert page.followups.table.rowCount() == 2
    with qtbot.waitSignal(page.open_assessment) as started:
        qtbot.mouseClick(page.followups.new_follow_up_button, Qt.MouseButton.LeftButton)
        assert not page.followups.new_follow_up_button.isEnabled()  # one start per click
    info = ws.interviews.get(started.args[0])
    assert (info.kind, info.template_id, info.template_version) == (
        "follow_up",
        template.id,
        template.version,
    )
    answers = {"agrees": True, "housing_now": "own_lease", "why_now": "Fortsatta"}
    ratings = {
        area.id: {"own": 1, "worker": 1, "reason": "Battre", "flags": []} for area in template.areas
    }
    ws.interviews.save(AssessmentEdit.of(info, answers, ratings), complete=True)  # the interview
    assert ws.interviews.get(info.id).status == "complete"
    done = {f.id: f for f in ws.cases.follow_ups(row.id)}
    assert done[first.id].done_on == date.today()
    assert done[first.id].assessment_id == info.id  # the earliest scheduled one
    assert done[later.id].done_on is None
    assert ws.cases.open(row.id).next_follow_up_on == date(2030, 6, 1)

    page.reload_all()
    wait_tasks(qtbot)
    table = page.followups.table
    assert table.item(0, 2).text() == "Ja" and table.item(1, 2).text() == ""
    assert page.followups.new_follow_up_button.isEnabled()


def test_schedule_and_mark_done(qtbot, services, ws):
    row = ws.cases.create(name="Planerad Person")
    page = _page(qtbot, services, row.id)
    tab = page.followups
    assert tab.table.rowCount() == 0
    qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    assert not tab.schedule_button.isEnabled()  # a double click plans once
    wait_tasks(qtbot)
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "Planerad"
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    assert "Välj uppföljningen" in tab.banner.text()
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert tab.table.item(0, 1).text().startswith("Genomförd")
    assert [f.done_on for f in ws.cases.follow_ups(row.id)] == [date.today()]
