"""The statistics screen: computed in the background with progress, tables with "<5" where
cells are suppressed, bar charts and the radar, and saving through the core (audited)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select

from assessment_app import accounts
from assessment_app.db.models import AuditEvent
from assessment_app.stats.seed import insert_cases
from assessment_app.workspace import Workspace
from tests.core.test_stats import demo_specs
from tests.ui.conftest import ADMIN, wait_tasks
from ui.services import Services, StaticTemplates
from ui.stats.page import StatsPage, TableView
from ui.widgets.bars import BarChart
from ui.widgets.radar import RadarChart

CHEF = ("chef", "chef-password-1")


@pytest.fixture
def chef_services(database, settings, template):
    admin = accounts.sign_in(database, *ADMIN)
    accounts.add_user(admin, *CHEF, "supervisor", unit="Vuxenenheten")
    chef = accounts.sign_in(database, *CHEF)
    ws = Workspace(admin)
    providers = [ws.admin.add_provider(n).id for n in ("Vägen Ut", "Nystart")]
    areas = [a.id for a in template.areas]
    insert_cases(database, chef, demo_specs(areas, providers), unit_id=chef.unit_id)
    return Services(database, chef, settings, StaticTemplates(template))


def test_statistics_screen(qtbot, chef_services, tmp_path: Path) -> None:
    page = StatsPage(chef_services)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    wait_tasks(qtbot)
    assert page.unit.currentText() == "Vuxenenheten" and not page.unit.isEnabled()
    assert page.tabs.count() == 0 and not page.export_button.isEnabled()
    page.date_from.setDate(QDate(2026, 1, 1))
    page.date_to.setDate(QDate(2026, 3, 31))
    steps: list[tuple[int, int]] = []
    page._progress.changed.connect(lambda d, t: steps.append((d, t)))
    page.compute_button.click()
    assert not page.compute_button.isEnabled() and page.progress.isVisible()
    wait_tasks(qtbot)
    assert steps and steps[-1] == (100, 100)
    assert not page.progress.isVisible() and page.export_button.isEnabled()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Ärenden",
        "Behov vid inskrivning",
        "Förändring",
        "Insatser",
        "Akuta flaggor",
    ]
    assert "färre än 5 personer" in page.rule.text()
    texts = [
        view.item(r, c).text()
        for view in page.findChildren(TableView)
        for r in range(view.rowCount())
        for c in range(view.columnCount())
    ]
    assert "<5" in texts and "26" in texts  # the new cases, protected identities included
    assert all("AV-" not in t for t in texts)  # no case reference
    shown = " ".join([*texts, page.heading.text(), page.rule.text()])
    for personal in ("Person ", "Anteckning om", "Skäl i fritext", "Insats beskriven"):
        assert personal not in shown  # no name, no free text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", shown)  # months only, no exact date
    charts = page.findChildren(BarChart)
    assert len(charts) >= 8 and all(c.height() > 20 for c in charts)
    # stacked bars know their row totals, so a suppressed part keeps the bar's true length
    assert any(t is not None for c in charts for t in c.totals)
    radars = page.findChildren(RadarChart)
    assert len(radars) == 1 and len(radars[0].axes) >= 3 and len(radars[0].series) == 2
    shots = Path(os.environ.get("STATS_SHOTS", tmp_path))
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        page.grab().save(str(shots / f"stats_tab{i}.png"))
    page.tabs.setCurrentIndex(2)
    inner = page.tabs.currentWidget().widget()
    inner.grab().save(str(shots / "stats_change_full.png"))

    out = shots / "unit.pdf"
    page.export(out)
    wait_tasks(qtbot)
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert "sparad" in page.banner.label.text()
    with chef_services.db.session() as session:
        actions = (
            session.execute(select(AuditEvent.detail).where(AuditEvent.action == "export"))
            .scalars()
            .all()
        )
    assert "stats-pdf 2026-01..2026-03" in actions


def test_a_bad_period_is_explained(qtbot, chef_services) -> None:
    page = StatsPage(chef_services)
    qtbot.addWidget(page)
    page.show()
    wait_tasks(qtbot)
    page.date_from.setDate(QDate(2026, 5, 1))
    page.date_to.setDate(QDate(2026, 1, 1))
    page.compute_button.click()
    wait_tasks(qtbot)
    assert "efter" in page.banner.label.text() and page.compute_button.isEnabled()
    assert page.tabs.count() == 0
