"""Follow-ups in the case view: the radar overlays every assessment and a table shows the change
per area (arrow, words and colour); "Ny uppföljning" starts a follow-up assessment on the newest
template and completing it marks the scheduled follow-up done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from assessment_app.records import assessments, cases, followups
from assessment_app.templates import default_registry
from ui.case_view.case_page import CasePage
from ui.followup.comparison import BETTER, WORSE
from ui.interview.interview_page import InterviewPage
from ui.services import RegistryTemplates, Services

TEMPLATE = "kartlaggning-avhopp"


def _rated(ctx, case_id, ratings, kind, on):
    version = default_registry().latest(TEMPLATE).version
    a = assessments.start_assessment(ctx, case_id, TEMPLATE, version, kind=kind, conducted_on=on)
    return assessments.save_assessment(ctx, a.id, a.version, {}, ratings)


def _r(own, worker, flags=()):
    return {"own": own, "worker": worker, "reason": "Skal", "flags": list(flags)}


def _page(qtbot, services, case_id):
    page = CasePage(services, case_id)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.tabs.setCurrentWidget(page.followups)
    return page


def test_comparison_shows_the_change_per_area(qtbot, database, worker, settings):
    services = Services(database, worker, settings, RegistryTemplates())
    row = cases.create_case(worker, name="Uppfoljd Person")
    _rated(
        worker,
        row.id,
        {"housing": _r(3, 4), "occupation": _r(1, 1), "health": _r(2, 2)},
        "initial",
        date(2026, 1, 10),
    )
    _rated(
        worker,
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
    row = cases.create_case(worker, name="Bara En")
    _rated(worker, row.id, {"housing": _r(3, 4)}, "initial", date(2026, 1, 10))
    page = _page(qtbot, services, row.id)
    comparison = page.followups.comparison
    assert "minst två kartläggningar" in comparison.heading.text()
    assert comparison.table.rowCount() == 0
    assert len(comparison.radar.series) == 1


def test_new_follow_up_is_completed_and_marks_the_scheduled_one_done(
    qtbot, services, worker, template
):
    row = cases.create_case(worker, name="Ny Uppfoljning")
    later = followups.schedule(worker, row.id, date(2030, 6, 1))
    first = followups.schedule(worker, row.id, date(2030, 3, 1))
    page = _page(qtbot, services, row.id)
    with qtbot.waitSignal(page.open_assessment) as started:
        qtbot.mouseClick(page.followups.new_follow_up_button, Qt.MouseButton.LeftButton)
    info = assessments.get_assessment(worker, started.args[0])
    assert (info.kind, info.template_id, info.template_version) == (
        "follow_up",
        template.id,
        template.version,
    )
    answers = {"agrees": True, "housing_now": "own_lease", "why_now": "Fortsatta"}
    ratings = {
        area.id: {"own": 1, "worker": 1, "reason": "Battre", "flags": []} for area in template.areas
    }
    assessments.save_assessment(worker, info.id, info.version, answers, ratings)

    interview = InterviewPage(services, info.id)
    qtbot.addWidget(interview)
    interview.show()
    with qtbot.waitSignal(interview.closed):
        qtbot.mouseClick(interview.complete_button, Qt.MouseButton.LeftButton)
    assert assessments.get_assessment(worker, info.id).status == "complete"
    done = {f.id: f for f in followups.list_for_case(worker, row.id)}
    assert done[first.id].done_on == date.today()
    assert done[first.id].assessment_id == info.id  # the earliest scheduled one
    assert done[later.id].done_on is None
    assert cases.open_case(worker, case_id=row.id).next_follow_up_on == date(2030, 6, 1)

    page.reload_all()
    table = page.followups.table
    assert table.item(0, 2).text() == "Ja" and table.item(1, 2).text() == ""
