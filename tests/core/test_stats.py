"""Statistics: the report's numbers against what the test itself counts from the cases it
wrote, disclosure control (nothing under the threshold shown, no suppressed cell derivable
from the shown cells and the sums a reader sees in the layout), access, and the files."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import AccessDeniedError, ValidationError
from assessment_app.settings import load_stats_min_cell
from assessment_app.stats.disclosure import CellSet
from assessment_app.stats.model import Report, Table
from assessment_app.stats.seed import ActionSpec, AssessmentSpec, CaseSpec, insert_cases
from tests.conftest import ADMIN_PW, World

FIRST, LAST = date(2026, 1, 1), date(2026, 3, 31)
TODAY = date(2026, 4, 15)
N = 5


def _at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


# --- the demo data: known cases ----------------------------------------------------------------


@dataclass
class Demo:
    specs: list[CaseSpec]
    areas: list[str]
    titles: dict[str, str]
    providers: dict[str, str]  # id -> name
    unit_id: str


def demo_specs(areas: list[str], providers: list[str]) -> list[CaseSpec]:
    specs: list[CaseSpec] = []
    sources = ["self"] * 10 + ["police"] * 7 + ["kriminalvarden"] * 4 + ["other"] * 3
    days = [date(2026, 1, 3 + i) for i in range(12)] + [date(2026, 2, 2 + i) for i in range(9)]
    days += [date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 12)]
    for i, opened in enumerate(days):
        s = CaseSpec(opened, referral=sources[i])
        if i in (0, 1, 2, 3, 4):
            s.closed_on = date(2026, 3, 20 + i)
        intake = {a: ((i + 1 + k) % 5, (i + k) % 5) for k, a in enumerate(areas)}
        s.assessments.append(AssessmentSpec("initial", opened, intake))
        if i < 15:
            step = (-1, 0, 1)[i % 3]
            after = {a: (own, min(4, max(0, worker + step))) for a, (own, worker) in intake.items()}
            s.assessments.append(AssessmentSpec("follow_up", date(2026, 3, 25), after))
        if i < 18:
            s.approved_at = _at(opened + timedelta(days=(10, 40, 75, 120)[i % 4]))
            s.plan_saved_at = _at(date(2026, 2, 20))
            statuses = ("planned", "in_progress", "done", "cancelled")
            s.actions = [
                ActionSpec("individual", statuses[i % 4], date(2026, 2, 28)),
                ActionSpec(
                    "provider",
                    statuses[(i + 1) % 4],
                    date(2026, 2, 10) if i % 2 else None,
                    providers[i % 2],
                ),
                # due on 1 March; the plan was last saved before it, but some were marked done
                # after the due day (late), some before, some before the day was recorded
                ActionSpec(
                    "social_services",
                    "done",
                    date(2026, 3, 1),
                    done_on=(date(2026, 3, 5), date(2026, 2, 25), None)[i % 3],
                ),
            ]
        if i < 20:
            done = (date(2026, 2, 25), date(2026, 3, 5), None)[i % 3]
            s.follow_ups = [(date(2026, 3, 1), done)]
        if i < 8:
            hours = (2, 5, 30, 50, 100, None, 10, 12)[i]
            raised = _at(date(2026, 1, 10))
            s.urgent = [(raised, raised + timedelta(hours=hours) if hours else None)]
        specs.append(s)
    # open before the period: six cases, two closed in January
    for i in range(6):
        s = CaseSpec(date(2025, 11, 2 + i), referral="self")
        if i < 2:
            s.closed_on = date(2026, 1, 15)
        specs.append(s)
    # two protected identities, new in February, with an urgent flag and actions
    for i in range(2):
        s = CaseSpec(date(2026, 2, 20 + i), referral="police", protected=True)
        s.assessments.append(AssessmentSpec("initial", s.opened_on, {a: (4, 4) for a in areas}))
        s.approved_at = _at(date(2026, 3, 1))
        s.actions = [ActionSpec("individual", "done", None)]
        s.urgent = [(_at(date(2026, 2, 21)), None)]
        specs.append(s)
    # a case of another month outside the period, which must not count
    specs.append(CaseSpec(date(2026, 5, 2), referral="self"))
    return specs


def build(world: World) -> Demo:
    admin = world.workspace("admin", ADMIN_PW)
    providers = [admin.admin.add_provider(n) for n in ("Vägen Ut", "Nystart")]
    chef = world.workspace("chef")
    titles = chef.area_titles()
    areas = list(titles)[:3]
    specs = demo_specs(areas, [p.id for p in providers])
    db = world.db()
    insert_cases(db, chef.ctx, specs, unit_id=chef.ctx.unit_id)
    db.dispose()
    return Demo(specs, areas, titles, {p.id: p.name for p in providers}, chef.ctx.unit_id)


# --- what the report must say, counted here from the specs ------------------------------------


def expected(demo: Demo) -> dict[str, dict[tuple[str, str], int]]:
    """table key -> (row, column) -> the true count (every case here is its own person)."""
    specs = [
        s
        for s in demo.specs
        if s.opened_on <= LAST and (s.closed_on is None or s.closed_on >= FIRST)
    ]
    plain = [s for s in specs if not s.protected]
    new = [s for s in specs if FIRST <= s.opened_on <= LAST]
    out: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    months = [(date(2026, m, 1), date(2026, m + 1, 1) - timedelta(days=1)) for m in (1, 2, 3)]
    flow = out["caseload.flow"]
    for m0, m1 in months:
        label = f"{m0:%Y-%m}"
        flow[label, "Nya"] = sum(1 for s in plain if m0 <= s.opened_on <= m1)
        flow[label, "Avslutade"] = sum(1 for s in plain if s.closed_on and m0 <= s.closed_on <= m1)
        flow[label, "Öppna vid månadens slut"] = sum(
            1 for s in plain if s.opened_on <= m1 and (s.closed_on is None or s.closed_on > m1)
        )
    flow["Totalt", "Nya"] = len(new)
    flow["Totalt", "Avslutade"] = sum(1 for s in specs if s.closed_on and s.closed_on >= FIRST)
    names = {
        "self": "Egen ansökan",
        "police": "Polisen",
        "kriminalvarden": "Kriminalvården",
        "provider": "Utförare",
        "other": "Annan",
        None: "Inte angiven",
    }
    ref = Counter(names[s.referral] for s in new if not s.protected)
    for label in names.values():
        out["caseload.referral"][label, "Antal"] = ref.get(label, 0)
    out["caseload.referral"]["Totalt", "Antal"] = len(new)

    buckets: Counter[str] = Counter()
    for s in new:
        if s.protected:
            continue
        if s.approved_at is None:
            buckets["Ingen godkänd plan ännu"] += 1
            continue
        wait = (s.approved_at.date() - s.opened_on).days
        label = (
            "0–30 dagar"
            if wait <= 30
            else "31–60 dagar"
            if wait <= 60
            else "61–90 dagar"
            if wait <= 90
            else "mer än 90 dagar"
        )
        buckets[label] += 1
    for label in (
        "0–30 dagar",
        "31–60 dagar",
        "61–90 dagar",
        "mer än 90 dagar",
        "Ingen godkänd plan ännu",
    ):
        out["caseload.time_to_plan"][label, "Antal"] = buckets[label]

    fu: Counter[str] = Counter()
    for s in plain:
        for due, done in s.follow_ups:
            if FIRST <= due <= LAST:
                fu[
                    "Gjorda i tid"
                    if done and done <= due
                    else "Gjorda försenade"
                    if done
                    else "Försenade, inte gjorda"
                    if due < TODAY
                    else "Inte aktuella ännu"
                ] += 1
    for label in (
        "Gjorda i tid",
        "Gjorda försenade",
        "Försenade, inte gjorda",
        "Inte aktuella ännu",
    ):
        out["caseload.follow_ups"][label, "Antal"] = fu[label]

    for rater, idx in (("own", 0), ("worker", 1)):
        key = f"needs.{rater}"
        for area in demo.areas:
            title = demo.titles[area]
            got = Counter(
                a.ratings[area][idx]
                for s in plain
                for a in s.assessments
                if a.kind == "initial" and FIRST <= a.on <= LAST
            )
            for r in range(5):
                out[key][title, str(r)] = got[r]
            out[key][title, "Skattade"] = sum(got.values())
        key = f"change.{rater}"
        for area in demo.areas:
            title = demo.titles[area]
            pairs = []
            for s in plain:
                ini = [a for a in s.assessments if a.kind == "initial"]
                fus = [a for a in s.assessments if a.kind == "follow_up" and FIRST <= a.on <= LAST]
                if ini and fus:
                    pairs.append((ini[0].ratings[area][idx], fus[-1].ratings[area][idx]))
            out[key][title, "Ärenden"] = len(pairs)
            out[key][title, "Förbättrad"] = sum(1 for a, b in pairs if b < a)
            out[key][title, "Oförändrad"] = sum(1 for a, b in pairs if b == a)
            out[key][title, "Försämrad"] = sum(1 for a, b in pairs if b > a)

    kinds = {
        "individual": "Den enskilde",
        "social_services": "Socialtjänsten",
        "provider": "Utförare",
        "police": "Polisen",
        "authority": "Annan myndighet",
    }
    status = {
        "planned": "Planerad",
        "in_progress": "Pågår",
        "done": "Klar",
        "cancelled": "Avbruten",
    }
    for key, group in (
        ("actions.responsible", lambda a: kinds[a.responsible]),
        ("actions.provider", lambda a: demo.providers.get(a.provider_id)),
    ):
        table = out[key]
        for s in plain:
            if s.approved_at is None:
                continue
            saved = (s.plan_saved_at or s.approved_at).date()
            for a in s.actions:
                row = group(a)
                if row is None:
                    continue
                for col in (status[a.status], "Totalt"):
                    table[row, col] = table.get((row, col), 0) + 1
                    table["Totalt", col] = table.get(("Totalt", col), 0) + 1
                if a.status == "done":
                    day = a.done_on or saved  # the old approximation without a recorded day
                    col = "Klar i tid" if a.due_on is None or day <= a.due_on else "Klar sent"
                    table[row, col] = table.get((row, col), 0) + 1
        table.pop(("Totalt", "Totalt"), None)  # the grand total also counts protected ones

    urgent: Counter[str] = Counter()
    for s in plain:
        for raised, handled in s.urgent:
            if handled is None:
                urgent["Inte hanterade"] += 1
                continue
            hours = (handled - raised).total_seconds() / 3600
            urgent[
                "Inom ett dygn" if hours < 24 else "1–3 dygn" if hours < 72 else "Mer än 3 dygn"
            ] += 1
    for label in ("Inom ett dygn", "1–3 dygn", "Mer än 3 dygn", "Inte hanterade"):
        out["urgent.handling"][label, "Antal"] = urgent[label]
    out["urgent.handling"]["Totalt", "Antal"] = sum(len(s.urgent) for s in specs)
    return out


def _number(text: str) -> int:
    return int(text.split(" ")[0])


@pytest.fixture
def demo_report(sqlite_world: World) -> tuple[Demo, Report]:
    demo = build(sqlite_world)
    report = sqlite_world.workspace("chef").stats.report(FIRST, LAST, today=TODAY)
    return demo, report


def test_the_numbers_are_the_ones_counted_from_the_cases(demo_report: Any) -> None:
    _check_numbers(*demo_report)


def test_the_numbers_on_every_backend(world: World) -> None:
    """The report reads its big streams' columns as the driver hands them and converts them
    itself (stats/compute.py): the same numbers on each backend."""
    demo = build(world)
    _check_numbers(demo, world.workspace("chef").stats.report(FIRST, LAST, today=TODAY))


def test_damaged_plain_values_are_damage_not_a_traceback(sqlite_world: World) -> None:
    """Values in the columns read raw that are not what the app wrote (SQLite keeps anything)
    are read as their damaged stand-ins: the report is made, the damaged ones do not count
    where their value decides."""
    build(sqlite_world)
    chef = sqlite_world.workspace("chef")
    intakes = chef.stats.report(FIRST, LAST, today=TODAY).table("needs.base")
    assert intakes.cell("Kartläggningar", "Antal").text == "24"
    db = sqlite_world.db()
    with db.engine.begin() as conn:
        # an intake's day that is no date: read as the damaged date (1970), not in the period
        conn.exec_driver_sql(
            "UPDATE assessments SET conducted_on = 'not a date' WHERE id = "
            "(SELECT id FROM assessments WHERE kind = 'initial' ORDER BY conducted_on DESC "
            "LIMIT 1)"
        )
        conn.exec_driver_sql(
            "UPDATE assessments SET id = 7 WHERE kind = 'follow_up' AND id = "
            "(SELECT id FROM assessments WHERE kind = 'follow_up' LIMIT 1)"
        )
        conn.exec_driver_sql("UPDATE action_plans SET plan_version = 'x'")
        conn.exec_driver_sql("UPDATE plan_actions SET due_on = 12, status = x'00'")
    db.dispose()
    report = chef.stats.report(FIRST, LAST, today=TODAY)
    assert report.table("needs.base").cell("Kartläggningar", "Antal").text == "23"
    # no action has a status the app wrote: none is counted (there is no column for it)
    actions = report.table("actions.responsible")
    assert actions.cell("Totalt", "Totalt").text == "<5"  # the protected identities' two
    assert report.table("urgent.handling").cell("Totalt", "Antal").text == "10"


def _check_numbers(demo: Demo, report: Report) -> None:
    truth = expected(demo)
    checked = 0
    for key, cells in truth.items():
        table = report.table(key)
        labels = [r.label for r in table.rows]
        for (row, col), value in cells.items():
            if row not in labels:
                assert value == 0, (key, row, col)  # a row that is left out has nobody
                continue
            shown = table.cell(row, col)
            if value < N:
                assert shown.suppressed and shown.text == "<5", (key, row, col, shown)
            elif not shown.suppressed:
                assert _number(shown.text) == value, (key, row, col, shown.text, value)
                checked += 1
    assert checked > 40  # much of the report is shown
    # the protected identities are in the total of new cases, not in any breakdown
    assert report.table("caseload.flow").cell("Totalt", "Nya").text == "26"
    referral = report.table("caseload.referral")
    assert referral.cell("Polisen", "Antal").text.startswith("7 ")
    assert report.table("urgent.handling").cell("Totalt", "Antal").text == "10"
    assert report.period == "2026-01 – 2026-03" and report.min_cell == N


def test_an_action_done_after_its_due_day_is_late(demo_report: Any) -> None:
    """The day an action was marked done decides, not the plan's last save (which was before
    the due day for every one of these)."""
    demo, report = demo_report
    table = report.table("actions.responsible")
    late = [
        a
        for s in demo.specs
        if s.approved_at is not None and not s.protected
        for a in s.actions
        if a.responsible == "social_services" and a.done_on and a.done_on > a.due_on
    ]
    assert len(late) == 6
    # all 18 were done; 12 on time, so the other 6 late (that cell itself is suppressed: it
    # could be told from the shown ones otherwise, as "Klar" is); the provider's 5 and these
    # 6 are the late ones of the total row
    assert table.cell("Socialtjänsten", "Totalt").text == "18"
    assert table.cell("Socialtjänsten", "Klar i tid").text == "12"
    assert table.cell("Utförare", "Klar sent").text == "5"
    assert table.cell("Totalt", "Klar sent").text.startswith("11")


def test_means_and_radar_from_the_pairs(demo_report: Any) -> None:
    demo, report = demo_report
    area = demo.areas[0]
    pairs = []
    for s in demo.specs:
        if s.protected:
            continue
        ini = [a for a in s.assessments if a.kind == "initial"]
        fus = [a for a in s.assessments if a.kind == "follow_up"]
        if ini and fus:
            pairs.append((ini[0].ratings[area][1], fus[-1].ratings[area][1]))
    mean_in = sum(a for a, _ in pairs) / len(pairs)
    mean_out = sum(b for _, b in pairs) / len(pairs)
    table = report.table("change.worker")
    title = demo.titles[area]
    assert table.cell(title, "Inskrivning").text == f"{mean_in:.1f}".replace(".", ",")
    assert table.cell(title, "Uppföljning").text == f"{mean_out:.1f}".replace(".", ",")
    radar = report.radar
    assert radar is not None and radar.titles[0] == title
    assert radar.intake[0] == pytest.approx(mean_in)
    assert radar.follow_up[0] == pytest.approx(mean_out)


# --- disclosure control --------------------------------------------------------------------------


def _free(eqs: list[dict[Any, Fraction]], unknowns: list[Any]) -> set[Any]:
    """The unknowns that the equations do NOT fix (the test's own elimination)."""
    rows = [[eq.get(u, Fraction(0)) for u in unknowns] + [eq.get("=", Fraction(0))] for eq in eqs]
    pivots: list[int] = []
    r = 0
    for c in range(len(unknowns)):
        p = next((k for k in range(r, len(rows)) if rows[k][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        rows[r] = [v / rows[r][c] for v in rows[r]]
        for k in range(len(rows)):
            if k != r and rows[k][c] != 0:
                f = rows[k][c]
                rows[k] = [a - f * b for a, b in zip(rows[k], rows[r], strict=True)]
        pivots.append(c)
        r += 1
    free_cols = set(range(len(unknowns))) - set(pivots)
    fixed = {unknowns[c] for n, c in enumerate(pivots) if all(rows[n][f] == 0 for f in free_cols)}
    return set(unknowns) - fixed


def _zero_forced(eqs: list[dict[Any, Fraction]]) -> list[dict[Any, Fraction]]:
    """Sums whose suppressed parts must all be 0 because one shown part already makes the
    total (everyone in that one category)."""
    out = []
    for eq in eqs:
        unknown = {k: v for k, v in eq.items() if k not in ("=", "shown")}
        signs = {v > 0 for v in unknown.values()}
        if not unknown or len(signs) != 1 or eq.get("=", 0) != 0:
            continue
        sign = next(iter(signs))
        carrying = [v for s, v in eq.get("shown", []) if (s > 0) == sign and v != 0]
        if len(carrying) == 1:
            out.append(eq)
    return out


def _equations_of(
    table: Table, protected_unknown: bool
) -> tuple[list[dict[Any, Fraction]], list[Any]]:
    """The sums a reader sees in a table's layout: each row's parts add up to its total column,
    each column's rows to the total row (the grand total may hold protected identities: an
    unknown), done = on time + late. Shown cells are constants; suppressed ones unknowns."""
    unknowns: list[Any] = []
    eqs: list[dict[Any, Fraction]] = []

    def term(row: int, col: int, eq: dict[Any, Fraction], sign: int) -> None:
        cell = table.rows[row].cells[col]
        if cell.suppressed:
            key = (row, col)
            if key not in unknowns:
                unknowns.append(key)
            eq[key] = eq.get(key, Fraction(0)) + sign
        else:
            eq["="] = eq.get("=", Fraction(0)) - sign * _number(cell.text)
            eq.setdefault("shown", []).append((sign, _number(cell.text)))

    cols = list(table.columns)
    body = [n for n, r in enumerate(table.rows) if not r.is_total]
    total_row = next((n for n, r in enumerate(table.rows) if r.is_total), None)
    if "Totalt" in cols:  # actions: statuses add up to Totalt, done = on time + late
        t = cols.index("Totalt")
        parts = [cols.index(c) for c in ("Planerad", "Pågår", "Klar", "Avbruten")]
        for row in [*body, *([total_row] if total_row is not None else [])]:
            eq: dict[Any, Fraction] = {}
            for c in parts:
                term(row, c, eq, 1)
            term(row, t, eq, -1)
            if row == total_row and protected_unknown:
                eq["h"] = Fraction(1)
            eqs.append(eq)
            eq = {}
            term(row, cols.index("Klar"), eq, 1)
            term(row, cols.index("Klar i tid"), eq, -1)
            term(row, cols.index("Klar sent"), eq, -1)
            eqs.append(eq)
        if total_row is not None:
            for c in range(len(cols)):
                eq = {}
                for row in body:
                    term(row, c, eq, 1)
                term(total_row, c, eq, -1)
                if c == t and protected_unknown:
                    eq["h"] = Fraction(1)
                eqs.append(eq)
    elif "Förbättrad" in cols:
        for row in body:
            eq = {}
            for name in ("Förbättrad", "Oförändrad", "Försämrad"):
                term(row, cols.index(name), eq, 1)
            term(row, cols.index("Ärenden"), eq, -1)
            eqs.append(eq)
    elif "Skattade" in cols:
        for row in body:
            eq = {}
            for c in range(5):
                term(row, c, eq, 1)
            term(row, cols.index("Skattade"), eq, -1)
            eqs.append(eq)
    elif total_row is not None:  # one column of parts and a total
        eq = {}
        for row in body:
            if "Median" not in table.rows[row].label:
                term(row, 0, eq, 1)
        term(total_row, 0, eq, -1)
        if protected_unknown:
            eq["h"] = Fraction(1)
        eqs.append(eq)
    if protected_unknown and any("h" in e for e in eqs):
        unknowns.append("h")
    return eqs, unknowns


def test_no_cell_under_the_threshold_is_shown(demo_report: Any) -> None:
    demo, report = demo_report
    truth = expected(demo)
    for key, cells in truth.items():
        table = report.table(key)
        for (row, col), value in cells.items():
            if value < N and row in [r.label for r in table.rows]:
                assert table.cell(row, col).text == "<5", (key, row, col)
    for table in report.tables():
        for row in table.rows:
            for cell in row.cells:
                if cell.suppressed:
                    assert cell.text == "<5" and cell.value is None


def test_no_suppressed_cell_can_be_derived_from_the_totals(demo_report: Any) -> None:
    _demo, report = demo_report
    looked_at = 0
    for key in (
        "caseload.referral",
        "caseload.time_to_plan",
        "caseload.follow_ups",
        "urgent.handling",
        "needs.own",
        "needs.worker",
        "actions.responsible",
        "actions.provider",
    ):
        table = report.table(key)
        eqs, unknowns = _equations_of(table, protected_unknown=True)
        cells = [u for u in unknowns if u != "h"]
        looked_at += len(cells)
        assert set(cells) <= _free(eqs, unknowns), key
        assert _zero_forced(eqs) == [], key
    assert looked_at >= 10  # the data set does suppress
    # the month table: columns add to the total; open = open before + new - closed
    flow = report.table("caseload.flow")
    unknowns: list[Any] = []
    eqs: list[dict[Any, Fraction]] = []

    def val(row: int, col: int, eq: dict[Any, Fraction], sign: int) -> None:
        cell = flow.rows[row].cells[col]
        if cell.suppressed:
            if (row, col) not in unknowns:
                unknowns.append((row, col))
            eq[row, col] = eq.get((row, col), Fraction(0)) + sign
        else:
            eq["="] = eq.get("=", Fraction(0)) - sign * _number(cell.text)

    months = range(1, len(flow.rows) - 1)
    for m in months:
        eq: dict[Any, Fraction] = {}
        val(m, 2, eq, 1)
        val(m - 1, 2, eq, -1)
        val(m, 0, eq, -1)
        val(m, 1, eq, 1)
        eqs.append(eq)
    for col, h in ((0, "h_new"), (1, "h_closed")):
        eq = {h: Fraction(1)}
        for m in months:
            val(m, col, eq, 1)
        val(len(flow.rows) - 1, col, eq, -1)
        eqs.append(eq)
    unknowns += ["h_new", "h_closed"]
    suppressed = [u for u in unknowns if isinstance(u, tuple)]
    assert suppressed, "the month table suppresses something"
    assert set(suppressed) <= _free(eqs, unknowns)
    # and the protected counts themselves cannot be worked out
    assert {"h_new", "h_closed"} <= _free(eqs, unknowns)


def test_secondary_suppression_of_a_lone_small_cell() -> None:
    cells = CellSet(5)
    parts = [cells.add(v) for v in (12, 3, 9, 20)]
    total = cells.add(44, total=True)
    cells.sum_of(total, parts)
    cells.suppress()
    assert parts[1] in cells.suppressed
    assert len(cells.suppressed & set(parts)) == 2  # a second cell, so 3 cannot be derived
    assert parts[2] in cells.suppressed  # the smallest other one
    assert total not in cells.suppressed


def test_people_not_rows_decide_the_threshold() -> None:
    cells = CellSet(5)
    ten_of_two = cells.add(10, 2)
    cells.suppress()
    assert ten_of_two in cells.suppressed


def test_threshold_setting_is_at_least_three(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"stats_min_cell": 2}), encoding="utf-8")
    assert load_stats_min_cell([path]) == 3
    path.write_text(json.dumps({"stats_min_cell": 10}), encoding="utf-8")
    assert load_stats_min_cell([path]) == 10
    path.write_text(json.dumps({"stats_min_cell": "none"}), encoding="utf-8")
    assert load_stats_min_cell([path]) == 5


def test_threshold_from_installation_settings(
    sqlite_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(sqlite_world)
    path = tmp_path / "install.json"
    path.write_text(json.dumps({"stats_min_cell": 8}), encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(path))
    report = sqlite_world.workspace("chef").stats.report(FIRST, LAST, today=TODAY)
    assert report.min_cell == 8 and "8" in report.rule
    shown = report.table("caseload.referral").cell("Polisen", "Antal")
    assert shown.text == "<8"  # seven people


# --- access ------------------------------------------------------------------------------------


def test_who_may_make_statistics(world: World) -> None:
    demo = build(world)
    with pytest.raises(AccessDeniedError):
        world.workspace("anna").stats.report(FIRST, LAST)
    with pytest.raises(AccessDeniedError):
        world.workspace("chef").stats.report(FIRST, LAST, "Enhet Syd")
    with pytest.raises(ValidationError):
        world.workspace("chef").stats.report(LAST, FIRST)
    other = world.workspace("syd").stats.report(FIRST, LAST, today=TODAY)
    assert other.table("caseload.flow").cell("Totalt", "Nya").text == "<5"  # none of Nord's
    admin = world.workspace("admin", ADMIN_PW)
    nord = admin.stats.report(FIRST, LAST, "Enhet Nord", today=TODAY)
    every = admin.stats.report(FIRST, LAST, today=TODAY)
    assert nord.table("caseload.flow").cell("Totalt", "Nya").text == "26"
    assert every.table("caseload.flow").cell("Totalt", "Nya").text == "26"
    assert nord.scope_id == demo.unit_id and every.scope_id == "all"
    with pytest.raises(ValidationError):
        admin.stats.report(FIRST, LAST, "Enhet Väst")


# --- the files ---------------------------------------------------------------------------------

DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _no_personal(text: str) -> None:
    assert "AV-20" not in text  # no case reference
    for free_text in ("Anteckning om", "Skäl i fritext", "Insats beskriven"):
        assert free_text not in text  # no free text
    assert "Person " not in text  # no name
    assert not DATE.search(text), DATE.search(text)  # no exact date


def test_files_are_written_read_back_and_audited(sqlite_world: World, tmp_path: Path) -> None:
    build(sqlite_world)
    ws = sqlite_world.workspace("chef")
    report = ws.stats.report(FIRST, LAST, today=TODAY)
    for kind in ("csv", "xlsx", "pdf"):
        ws.stats.export(report, tmp_path / f"stats.{kind}")
        assert (tmp_path / f"stats.{kind}").stat().st_mode & 0o077 == 0

    text = (tmp_path / "stats.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Kontaktväg", "Antal"] in rows and "<5" in text and report.rule in text
    _no_personal(text)

    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "stats.xlsx")
    sheet = book["caseload referral"]
    values = {r[0]: r[1] for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]}
    assert values["Totalt"] == 26
    all_text = " ".join(
        str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if c
    )
    _no_personal(all_text)
    assert book.properties.creator == "assessment-app"

    pdf = PdfReader(str(tmp_path / "stats.pdf"))
    pdf_text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Röjandekontroll" in pdf_text and "<5" in pdf_text and "Enhet Nord" in pdf_text
    assert "Insatser per utförare" in pdf_text and "Vägen Ut" in pdf_text
    _no_personal(pdf_text)
    meta = " ".join(str(v) for v in (pdf.metadata or {}).values())
    _no_personal(meta)

    with pytest.raises(ValidationError):
        ws.stats.export(report, tmp_path / "stats.txt")
    db = sqlite_world.db()
    with db.session() as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.object_type, AuditEvent.detail).where(
                AuditEvent.action.in_(("export", "stats.report"))
            )
        ).all()
    db.dispose()
    exports = [e for e in events if e.action == "export" and e.object_type == "stats"]
    assert sorted(e.detail for e in exports) == [
        "stats-csv 2026-01..2026-03",
        "stats-pdf 2026-01..2026-03",
        "stats-xlsx 2026-01..2026-03",
    ]
    assert any(e.action == "stats.report" for e in events)


def test_progress_is_reported(sqlite_world: World) -> None:
    build(sqlite_world)
    seen: list[tuple[int, int]] = []
    sqlite_world.workspace("chef").stats.report(
        FIRST, LAST, today=TODAY, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 3


def test_through_the_use_cases(
    sqlite_world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Cases made by the real use cases (not the bulk writer) are counted the same way."""
    path = tmp_path / "install.json"
    path.write_text(json.dumps({"stats_min_cell": 3}), encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(path))
    from assessment_app.records import assessments
    from assessment_app.templates import default_registry
    from assessment_app.workspace.interview import AssessmentEdit

    anna = sqlite_world.workspace("anna")
    template = default_registry().latest("kartlaggning-avhopp")
    areas = [a.id for a in template.areas]
    import random

    from assessment_app import demo

    answers = demo.answers_for(template, random.Random(3), date(2026, 1, 6))
    for n in range(15):
        row = anna.cases.create(
            name=f"Test Person{n}",
            referral_source="police" if n < 5 else "self",
            opened_on=date(2026, 1, 5),
        )
        with anna.write() as uow:
            a = assessments.start_assessment(
                uow,
                row.id,
                template.id,
                template.version,
                kind="initial",
                conducted_on=date(2026, 1, 6),
            )
        ratings = {
            area: {"own": 2, "worker": n % 5, "reason": "Skäl i fritext", "flags": []}
            for area in areas
        }
        anna.interviews.save(AssessmentEdit.of(a, answers, ratings), complete=True)
    report = sqlite_world.workspace("chef").stats.report(FIRST, LAST, today=TODAY)
    assert report.table("caseload.referral").cell("Totalt", "Antal").text == "15"
    assert report.table("caseload.referral").cell("Egen ansökan", "Antal").text.startswith("10 ")
    title = anna.area_titles()[areas[0]]
    needs = report.table("needs.worker")
    assert [needs.cell(title, str(r)).text for r in range(5)] == ["3"] * 5
    assert needs.cell(title, "Skattade").text == "15"
    # everyone's own rating is 2: showing that would tell each person's rating
    own = report.table("needs.own")
    assert own.cell(title, "2").suppressed or own.cell(title, "Skattade").suppressed


def test_a_person_with_two_cases_counts_as_two_cases_and_one_person(sqlite_world: World) -> None:
    """One person, one record across cases: the caseload counts cases (a second case of a
    person already open is a new case and an open one), and the disclosure rule counts the
    distinct people a cell is built from."""
    chef = sqlite_world.workspace("chef")
    specs: list[CaseSpec] = []
    for n in range(6):  # six people, each with a case from January and another from February
        person = f"person-{n}"
        specs.append(CaseSpec(date(2026, 1, 5 + n), referral="self", individual_id=person))
        specs.append(CaseSpec(date(2026, 2, 10 + n), referral="police", individual_id=person))
    for n in range(3):  # three people with two March cases each: six cases, three people
        person = f"march-{n}"
        for _k in range(2):
            specs.append(CaseSpec(date(2026, 3, 2 + n), referral="other", individual_id=person))
    db = sqlite_world.db()
    insert_cases(db, chef.ctx, specs, unit_id=chef.ctx.unit_id)
    db.dispose()
    report = chef.stats.report(FIRST, LAST, today=TODAY)
    flow = report.table("caseload.flow")
    march = flow.cell("2026-03", "Nya")
    assert march.suppressed and march.text == "<5"  # six cases, but only three people
    open_end = "Öppna vid månadens slut"
    truth = {
        ("2026-01", "Nya"): 6,
        ("2026-02", "Nya"): 6,  # the same six people: six new cases
        ("2026-01", open_end): 6,
        ("2026-02", open_end): 12,
        ("2026-03", open_end): 18,
        ("Totalt", "Nya"): 18,
    }
    shown = {k: flow.cell(*k) for k in truth}
    assert {k: int(c.text) for k, c in shown.items() if not c.suppressed} == {
        k: v for k, v in truth.items() if not shown[k].suppressed
    }
    assert sum(not c.suppressed for c in shown.values()) >= 3, shown
    referral = report.table("caseload.referral")
    assert referral.cell("Annan", "Antal").suppressed  # six cases of three people


def test_stored_ratings_are_read_as_0_to_4_or_none_whatever_their_shape() -> None:
    """The report counts ratings by small int codes; what is not an int 0–4 counts as none."""
    from assessment_app.stats.compute import _PAIR_OF, _ratings_of

    stored = {
        "a": {"own": 0, "worker": 4, "reason": "x", "flags": []},
        "b": {"own": None, "worker": 2},
        "c": {"own": 2.0, "worker": "3"},  # a float or text equal to a rating is no rating
        "d": {"own": 5, "worker": -1},  # out of range
        "e": {"own": [1], "worker": {"x": 1}},  # not a number at all
        "f": {},
        "g": "not a rating",  # not an object: left out
        "h": {"own": True, "worker": False},  # a JSON boolean is the int it equals, as before
    }
    read = {area: _PAIR_OF[code] for area, code in _ratings_of(stored).items()}
    assert read == {
        "a": (0, 4),
        "b": (None, 2),
        "c": (None, None),
        "d": (None, None),
        "e": (None, None),
        "f": (None, None),
        "h": (1, 0),
    }
    assert _ratings_of(["not", "a", "dict"]) == {}
    assert _ratings_of(None) == {}
    assert len(set(_PAIR_OF)) == 36 and _PAIR_OF[-1] == (None, None)
