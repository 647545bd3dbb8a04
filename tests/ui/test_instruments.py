"""AUDIT and DUDIT in the interview: opened from the substance-use area, the total and its
reading shown at once, kept with the assessment, the change shown at the follow-up, and the
official wording shown instead of our labels when a municipality has installed it."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.templates.test_instruments import wording_text
from tests.ui.conftest import wait_tasks
from ui.interview.interview_page import InterviewPage

# 3 + 2 + 3 + 1 + 0 + 0 + 2 + 1 + 2 + 4 = 18 (harmful use, 16-19)
AUDIT_18 = {
    "how_often": "two_three_week",
    "typical_amount": "five_six",
    "six_or_more": "weekly",
    "could_not_stop": "less_than_monthly",
    "failed_duties": "never",
    "morning_drink": "never",
    "guilt": "monthly",
    "memory_loss": "less_than_monthly",
    "injury": "yes_not_last_year",
    "others_worried": "yes_last_year",
}
# 1 + 1 + 1 + 0 + 0 + 0 + 1 + 0 + 2 + 0 = 6 (hazardous for a woman, low risk for a man)
AUDIT_6 = {
    "how_often": "monthly_or_less",
    "typical_amount": "three_four",
    "six_or_more": "less_than_monthly",
    "could_not_stop": "never",
    "failed_duties": "never",
    "morning_drink": "never",
    "guilt": "less_than_monthly",
    "memory_loss": "never",
    "injury": "yes_not_last_year",
    "others_worried": "no",
}


@pytest.fixture
def bundled(database, worker, settings):  # type: ignore[no-untyped-def]
    from ui.services import RegistryTemplates, Services

    return Services(database, worker, settings, RegistryTemplates())


def _page(qtbot, services, assessment_id, **changes):  # type: ignore[no-untyped-def]
    opened = services.ws.interviews.open(assessment_id)
    if changes:
        opened = replace(opened, **changes)
    page = InterviewPage(services, opened)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _to_substance_use(page):  # type: ignore[no-untyped-def]
    page.areas.setCurrentRow(page.row_of["substance_use"])
    area = page.pages.currentWidget()
    assert area.section.id == "substance_use"
    assert area.panel is not None and area.panel.isVisible()
    return area.panel


def _open(qtbot, page, instrument_id):  # type: ignore[no-untyped-def]
    panel = _to_substance_use(page)
    qtbot.mouseClick(panel.open_buttons[instrument_id], Qt.MouseButton.LeftButton)
    dialog = page.instrument_dialog
    assert dialog is not None and dialog.instrument.id == instrument_id
    qtbot.waitExposed(dialog)
    return dialog


def _answer(qtbot, dialog, answers):  # type: ignore[no-untyped-def]
    """Click each answer as a person does, scrolling it into view first."""
    for item_id, value in answers.items():
        button = dialog.buttons[item_id][value]
        dialog.items_area.ensureWidgetVisible(button)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert button.isChecked(), (item_id, value)


def _shot(widget, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    """A PNG to look at (ASSESSMENT_TEST_SHOTS names a folder to keep them)."""
    folder = Path(os.environ.get("ASSESSMENT_TEST_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def _assert_whole(label) -> None:  # type: ignore[no-untyped-def]
    """A word-wrapped label is as tall as its text needs at its width."""
    assert label.isVisible() and label.wordWrap(), label.text()
    needed = label.heightForWidth(label.width())
    assert label.height() >= needed, (label.height(), needed, label.text())


def _assert_laid_out(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """At the dialog's size every reading shows whole and the answers need no sideways
    scrolling."""
    qtbot.wait(1)  # let the layout take the last texts
    for label in (dialog.total, dialog.band, dialog.change):
        if label.isVisible():
            _assert_whole(label)
    assert dialog.band.height() > dialog.band.fontMetrics().lineSpacing() * 2
    assert not dialog.items_area.horizontalScrollBar().isVisible()
    body = dialog.items_area.widget()
    assert body.width() <= dialog.items_area.viewport().width()
    for buttons in dialog.buttons.values():
        for button in buttons.values():
            right = button.mapTo(body, button.rect().topRight()).x()
            assert right <= body.width(), (button.text(), right, body.width())


def test_audit_from_the_substance_use_area_shows_the_total_at_once(
    qtbot, bundled, tmp_path: Path, font_scale: int
) -> None:
    row = bundled.ws.cases.create(name="Kalle Karlsson")
    info = bundled.ws.interviews.start(row.id)
    page = _page(qtbot, bundled, info.id)
    panel = _to_substance_use(page)
    assert set(panel.open_buttons) == {"audit", "dudit"}
    assert panel.summaries["audit"].text() == "Inte ifyllt."
    # No other area offers them.
    assert page.page_of["housing"].panel is None

    dialog = _open(qtbot, page, "audit")
    assert dialog.total.text() == "Summa hittills: 0 poäng – 0 av 10 frågor besvarade"
    qtbot.mouseClick(dialog.buttons["how_often"]["four_plus_week"], Qt.MouseButton.LeftButton)
    assert dialog.total.text() == "Summa hittills: 4 poäng – 1 av 10 frågor besvarade"
    assert "när alla frågor är besvarade" in dialog.band.text()
    _answer(qtbot, dialog, AUDIT_18)
    assert dialog.total.text() == "Summa: 18 av 40 poäng"
    assert dialog.band.text().startswith("Skadligt bruk\n")

    # The cut-offs: 6 points is hazardous for a woman, low risk for a man.
    _answer(qtbot, dialog, AUDIT_6)
    assert dialog.total.text() == "Summa: 6 av 40 poäng"
    assert dialog.band.text().startswith("Över gränsvärdet för kvinnor\n")
    dialog.sex.setCurrentIndex(dialog.sex.findData("female"))
    assert dialog.band.text().startswith("Riskbruk\n")
    dialog.sex.setCurrentIndex(dialog.sex.findData("male"))
    assert dialog.band.text().startswith("Låg risk\n")
    _assert_laid_out(qtbot, dialog)
    _shot(dialog, tmp_path, f"audit_dialog_{font_scale}x")

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert panel.summaries["audit"].text() == "Summa: 6 av 40 poäng – Låg risk"
    wait_tasks(qtbot)
    page.save()
    wait_tasks(qtbot)
    stored = bundled.ws.interviews.get(info.id).instruments["audit"]
    assert (stored["total"], stored["band"], stored["sex"]) == (6, "low_risk", "male")
    assert stored["answers"] == AUDIT_6

    # Cancelling leaves what was kept.
    again = _open(qtbot, page, "audit")
    assert again.total.text() == "Summa: 6 av 40 poäng"
    qtbot.mouseClick(again.clear_button, Qt.MouseButton.LeftButton)
    assert again.total.text().startswith("Summa hittills: 0 poäng")
    qtbot.mouseClick(again.cancel_button, Qt.MouseButton.LeftButton)
    assert page.instrument_results["audit"]["total"] == 6


def test_the_follow_up_shows_last_time_and_the_change(
    qtbot, bundled, tmp_path: Path, font_scale: int
) -> None:
    from assessment_app.workspace.interview import AssessmentEdit

    ws = bundled.ws
    row = ws.cases.create(name="Kalle Karlsson")
    first = ws.interviews.start(row.id)
    saved = ws.interviews.save(
        AssessmentEdit.of(first, {}, {}, instruments={"audit": {"version": 1, "answers": AUDIT_18}})
    )
    assert saved.value.info.instruments["audit"]["total"] == 18
    follow = ws.interviews.start(row.id, kind="follow_up")
    page = _page(qtbot, bundled, follow.id)
    panel = _to_substance_use(page)
    day = first.conducted_on.isoformat()
    assert (
        panel.summaries["audit"].text()
        == f"Inte ifyllt. Förra gången ({day}): 18 poäng – Skadligt bruk."
    )
    dialog = _open(qtbot, page, "audit")
    assert dialog.change.text() == f"Förra gången ({day}): 18 poäng – Skadligt bruk."
    _answer(qtbot, dialog, AUDIT_6)
    assert dialog.change.text() == (
        f"Förra gången ({day}): 18 poäng – Skadligt bruk. Förändring: −12"
    )
    _assert_laid_out(qtbot, dialog)
    _shot(dialog, tmp_path, f"audit_follow_up_dialog_{font_scale}x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Förändring: −12" in panel.summaries["audit"].text()
    qtbot.wait(1)
    _assert_whole(panel.summaries["audit"])
    _shot(page, tmp_path, f"audit_panel_{font_scale}x")
    wait_tasks(qtbot)  # the draft is autosaved at once
    page.save()
    wait_tasks(qtbot)
    assert ws.interviews.get(follow.id).instruments["audit"]["total"] == 6
    # DUDIT was never filled in: nothing to compare with.
    assert panel.summaries["dudit"].text() == "Inte ifyllt."


def test_the_official_wording_replaces_our_labels(qtbot, bundled, tmp_path: Path) -> None:
    from assessment_app.resources import resource_path
    from assessment_app.templates.instrument_files import InstrumentRegistry

    shipped = InstrumentRegistry([resource_path("instruments")])
    audit = shipped.get("audit", 1)
    assert audit is not None
    folder = tmp_path / "instruments"
    (folder / "wording").mkdir(parents=True)
    for name in ("audit-v1.yaml", "dudit-v1.yaml"):
        (folder / name).write_bytes((resource_path("instruments") / name).read_bytes())
    titled = wording_text(audit).replace(
        "  language: sv\n", '  language: sv\n  title: "Kommunens AUDIT-titel"\n'
    )
    (folder / "wording" / "audit-v1.sv.yaml").write_text(titled, encoding="utf-8")
    registry = InstrumentRegistry([folder])
    assert registry.problems == []

    row = bundled.ws.cases.create(name="Kalle Karlsson")
    info = bundled.ws.interviews.start(row.id)
    page = _page(qtbot, bundled, info.id, instruments=registry)
    dialog = _open(qtbot, page, "audit")
    assert dialog.item_labels["how_often"].text() == "1. Officiell fråga 1?"
    assert dialog.buttons["injury"]["yes_last_year"].text() == "Officiellt svar 9.4  (4)"
    assert "officiella lydelsen (Kommunens exemplar" in dialog.wording_note.text()
    assert "Hur ofta alkohol" not in dialog.item_labels["how_often"].text()
    # The wording's own title names the form.
    assert dialog.windowTitle() == dialog.heading.text() == "Kommunens AUDIT-titel"
    dialog.reject()
    # DUDIT has no wording file: our own labels.
    dudit = _open(qtbot, page, "dudit")
    assert dudit.item_labels["how_often"].text() == "1. Hur ofta droger"
    assert dudit.buttons["injury"]["no"].text() == "Nej  (0)"
    assert dudit.windowTitle() == dudit.heading.text() == "DUDIT – droger"


def test_a_completed_assessment_shows_the_instrument_read_only(qtbot, bundled) -> None:
    from assessment_app.workspace.interview import AssessmentEdit

    ws = bundled.ws
    row = ws.cases.create(name="Kalle Karlsson")
    info = ws.interviews.start(row.id)
    ws.interviews.save(
        AssessmentEdit.of(info, {}, {}, instruments={"dudit": {"version": 1, "answers": {}}})
    )
    db_info = ws.interviews.get(info.id)
    page = _page(qtbot, bundled, info.id, info=replace(db_info, status="complete"))
    dialog = _open(qtbot, page, "dudit")
    assert not dialog.buttons["how_often"]["never"].isEnabled()
    assert not dialog.cancel_button.isVisible() and dialog.ok_button.text() == "S&täng"


def test_the_follow_up_comparison_lists_the_instruments(qtbot, database, worker, settings):
    from datetime import date

    from assessment_app.records import assessments
    from assessment_app.templates import default_registry
    from assessment_app.workspace import Workspace
    from assessment_app.workspace.interview import AssessmentEdit
    from ui.case_view.case_page import CasePage
    from ui.services import RegistryTemplates, Services

    services = Services(database, worker, settings, RegistryTemplates())
    ws = Workspace(worker, templates=services.templates)
    row = ws.cases.create(name="Jamford Person")
    version = default_registry().latest("kartlaggning-avhopp").version
    for on, kind, answers in (
        (date(2026, 1, 10), "initial", AUDIT_18),
        (date(2026, 4, 10), "follow_up", AUDIT_6),
    ):
        with ws.write() as uow:
            a = assessments.start_assessment(
                uow, row.id, "kartlaggning-avhopp", version, kind=kind, conducted_on=on
            )
        edit = AssessmentEdit.of(
            a, {}, {}, instruments={"audit": {"version": 1, "answers": answers, "sex": "female"}}
        )
        ws.interviews.save(edit)
    page = CasePage(services, row.id)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.tabs.setCurrentWidget(page.followups)
    wait_tasks(qtbot)
    comparison = page.followups.comparison
    assert comparison.instruments.isVisible()
    # 6 points is hazardous by the women's cut-off; 18 - 6 = 12 fewer points.
    assert comparison.instruments.text() == (
        "AUDIT – alkoholvanor: 6 av 40 poäng (2026-04-10) – Riskbruk. "
        "Förra gången 2026-01-10: 18 – Skadligt bruk, förändring −12"
    )


def test_a_refused_instrument_file_is_said_in_the_area(qtbot, bundled, tmp_path: Path) -> None:
    from assessment_app.resources import resource_path
    from assessment_app.templates.instrument_files import InstrumentRegistry

    folder = tmp_path / "instruments"
    (folder / "wording").mkdir(parents=True)
    shipped = resource_path("instruments")
    (folder / "dudit-v1.yaml").write_bytes((shipped / "dudit-v1.yaml").read_bytes())
    broken = (shipped / "audit-v1.yaml").read_text(encoding="utf-8").replace("to: 40", "to: 41", 1)
    (folder / "audit-v1.yaml").write_text(broken, encoding="utf-8")
    dudit = InstrumentRegistry([shipped]).get("dudit", 1)
    assert dudit is not None
    (folder / "wording" / "dudit-v1.sv.yaml").write_text(
        wording_text(dudit, drop_item="guilt"), encoding="utf-8"
    )
    registry = InstrumentRegistry([folder])

    row = bundled.ws.cases.create(name="Kalle Karlsson")
    info = bundled.ws.interviews.start(row.id)
    page = _page(qtbot, bundled, info.id, instruments=registry)
    panel = _to_substance_use(page)
    assert set(panel.open_buttons) == {"dudit"}  # the rest still work
    assert panel.problem_note.isVisible()
    assert panel.problem_note.text() == (
        "Ett formulär kunde inte läsas: audit-v1.yaml. Kontakta den som administrerar mallarna."
        "\nDen officiella lydelsen i dudit-v1.sv.yaml kunde inte läsas; frågorna visas med "
        "korta etiketter. Kontakta den som administrerar mallarna."
    )
    qtbot.wait(1)
    _assert_whole(panel.problem_note)
    _shot(page, tmp_path, "refused_instrument_panel")
    # Areas that offer no instrument say nothing.
    assert page.page_of["housing"].panel is None
