"""Computing the statistics of a unit over whole months, in one read transaction.

Only the values a figure needs are read: plain columns (dates, statuses, ids) for most of
them, and of the encrypted ones only a case's referral source (from its details), an
assessment's ratings (of a case's first intake and latest follow-up only) and an action's
responsible party and the day it was marked done. Each is decrypted once, reduced to the
numbers the tables count, and dropped; rows are streamed (a case's assessments together),
and counting is by Counters of small keys rather than per-row objects, so memory stays flat
with the number of cases (people with several cases are kept by id so that a cell counts
distinct people). No name, free text, case reference
or exact date leaves this module: the counts go through :mod:`.disclosure` and come out as a
:class:`~assessment_app.stats.model.Report`.

Definitions (also in docs/statistics.md):

- a case *in the period* was opened on or before its last day and not closed before its
  first; *new* cases were opened in it; *open* is counted at each month's end;
- *time to an approved plan*: from the day the case was opened (the first contact) to the
  first approval of any of its plans, for the cases opened in the period;
- *follow-ups* due in the period: done on or before the due day (on time), done after it
  (late), not done and the day has passed (overdue), or not due yet;
- *needs at intake*: the first completed initial assessment, when it was made in the period;
- *change*: the first completed initial assessment against the latest completed follow-up
  assessment made in the period (cases with both), per area and per rater; a lower rating is
  less need, so *improved*;
- *actions*: those of each case's newest approved plan; a done action is done on time when
  it has no due day or the day it was marked done (``done_on`` in its body, recorded by the
  core since issue 14) is on or before the due day. An action marked done before that day was
  recorded has no ``done_on``: it counts as on time when its plan was last saved on or before
  the due day (the latest day it can have been marked done);
- *urgent flags* raised in the period, by the time until they were handled.
"""

from __future__ import annotations

import calendar
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby, repeat
from operator import add, itemgetter, mul
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true

from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    Case,
    FollowUp,
    Individual,
    PlanAction,
    PlanReview,
    Provider,
    UrgentFlag,
)
from assessment_app.records.cases import REFERRAL_SOURCES
from assessment_app.records.plans import ACTION_STATUSES, RESPONSIBLE_KINDS
from assessment_app.stats.disclosure import CellSet
from assessment_app.stats.model import Radar, Report, Row, Section, Shown, Table

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

Progress = Callable[[int, int], None]
BATCH = 500
STREAM = 2000
RATINGS = (0, 1, 2, 3, 4)
_VALID = frozenset(RATINGS)

PLAN_BUCKETS = ((0, 30), (31, 60), (61, 90), (91, None))
URGENT_BUCKETS_H = ((0, 24), (24, 72), (72, None))
# The buckets by their upper ends: a plan's wait is in the first whose end it does not pass
# (bisect_left), an urgent flag's hours in the first whose end they are below (bisect_right).
_PLAN_UPPER = tuple(hi for _lo, hi in PLAN_BUCKETS if hi is not None)
_URGENT_UPPER_H = tuple(hi for _lo, hi in URGENT_BUCKETS_H if hi is not None)


@dataclass(frozen=True)
class Scope:
    unit_id: str | None  # None: every unit (administrators)
    unit_name: str
    first_day: date  # the first day of the first month
    last_day: date  # the last day of the last month

    @staticmethod
    def months(date_from: date, date_to: date) -> tuple[date, date]:
        """Whole months: from the first of ``date_from``'s month to the last of ``date_to``'s."""
        first = date_from.replace(day=1)
        last = date_to.replace(day=calendar.monthrange(date_to.year, date_to.month)[1])
        return first, last


def _months(first: date, last: date) -> list[tuple[date, date]]:
    out = []
    d = first
    while d <= last:
        end = d.replace(day=calendar.monthrange(d.year, d.month)[1])
        out.append((d, end))
        d = end + timedelta(days=1)
    return out


class _Words:
    def __init__(self, language: str) -> None:
        self.en = language == "en"

    def __call__(self, sv: str, en: str) -> str:
        return en if self.en else sv

    def number(self, value: float, digits: int = 1) -> str:
        text = f"{value:.{digits}f}"
        return text if self.en else text.replace(".", ",").replace("-", "−")


# --- drafts of tables, filled in after suppression -------------------------------------------
# An entry is ("cell", index), ("share", index, of_index), ("stat", value, n, digits),
# or ("text", text).
Entry = tuple[Any, ...]


@dataclass
class _Draft:
    key: str
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: list[tuple[str, list[Entry], bool]]
    note: str = ""
    chart: str = ""
    chart_columns: tuple[int, ...] = ()
    chart_total: int | None = None


class _Builder:
    def __init__(self, min_cell: int, words: _Words) -> None:
        self.cells = CellSet(min_cell)
        self.t = words
        self.min_cell = min_cell

    def count(self, people: Iterable[str], *, n: int | None = None, total: bool = False) -> int:
        """A cell counting ``n`` rows (default: the people) of these distinct people."""
        distinct = len(people) if isinstance(people, set) else len(set(people))
        return self.cells.add(distinct if n is None else n, distinct, total=total)

    def distinct(self, people: int, *, total: bool = False) -> int:
        """A cell of ``people`` distinct people, counted already."""
        return self.cells.add(people, people, total=total)

    def shown(self, entry: Entry) -> Shown:
        kind = entry[0]
        below = Shown(f"<{self.min_cell}", None, True)
        if kind == "cell":
            i = entry[1]
            if not self.cells.shown(i):
                return below
            return Shown(str(self.cells.values[i]), float(self.cells.values[i]))
        if kind == "share":
            i, of = entry[1], entry[2]
            if not self.cells.shown(i):
                return below
            value = self.cells.values[i]
            whole = self.cells.values[of]
            if not self.cells.shown(of) or whole == 0:
                return Shown(str(value), float(value))
            return Shown(f"{value} ({round(100 * value / whole)} %)", float(value))
        if kind == "stat":
            value, n, digits = entry[1], entry[2], entry[3]
            if value is None or n < self.min_cell:
                return below if n else Shown("–")
            return Shown(self.t.number(value, digits), float(value))
        return Shown(str(entry[1]))

    def table(self, d: _Draft) -> Table:
        rows = tuple(
            Row(label, tuple(self.shown(e) for e in entries), is_total)
            for label, entries, is_total in d.rows
        )
        return Table(
            d.key,
            d.title,
            d.row_header,
            d.columns,
            rows,
            d.note,
            d.chart,
            d.chart_columns,
            d.chart_total,
        )


def _scope_filter(scope: Scope) -> ColumnElement[bool]:
    return Case.unit_id == scope.unit_id if scope.unit_id is not None else true()


# A rating pair (own, worker), each 0–4 or None, as one small int: 6 * own + worker, None
# as 5. Counting ints rather than tuples of tuples keeps the counting of the many ratings in C.
_NO = len(RATINGS)
_CODES = _NO + 1
_PAIR_OF: tuple[tuple[int | None, int | None], ...] = tuple(
    (None if own == _NO else own, None if worker == _NO else worker)
    for own in range(_CODES)
    for worker in range(_CODES)
)
_NOTHING = _CODES * _CODES - 1  # (None, None)


def _ratings_of(value: object) -> dict[str, int]:
    """Area id -> the code of (own, worker) from a stored ratings value (see ``_PAIR_OF``);
    a rating that is not an int 0–4 is None; the reason text is not kept."""
    out: dict[str, int] = {}
    if not isinstance(value, dict):
        return out
    valid = _VALID
    for area, r in value.items():
        if r.__class__ is not dict and not isinstance(r, dict):
            continue
        own, worker = r.get("own"), r.get("worker")
        if not (isinstance(own, int) and own in valid):
            own = _NO
        if not (isinstance(worker, int) and worker in valid):
            worker = _NO
        out[area] = _CODES * own + worker
    return out


class _AreaIndex:
    """Each area id met in the ratings as a small int, and each order of areas (a stored
    value's keys: the same for every assessment of a template version) as the ints' offsets
    in flat counts, looked up once per value rather than once per area."""

    def __init__(self) -> None:
        self.areas: list[str] = []
        self._index: dict[str, int] = {}
        self._shapes: dict[tuple[tuple[str, ...], int], tuple[int, ...]] = {}

    def offsets(self, areas: tuple[str, ...], stride: int) -> tuple[int, ...]:
        key = (areas, stride)
        got = self._shapes.get(key)
        if got is None:
            for area in areas:
                if area not in self._index:
                    self._index[area] = len(self.areas)
                    self.areas.append(area)
            got = self._shapes[key] = tuple(self._index[a] * stride for a in areas)
        return got


class _CaseFacts:
    """What the report knows of one case (plain columns only); one small object per case."""

    __slots__ = ("closed", "individual", "opened", "protected")

    def __init__(self, individual: str, opened: date, closed: date | None, protected: bool):
        self.individual = individual
        self.opened = opened
        self.closed = closed
        self.protected = protected


def compute(
    uow: UnitOfWork,
    scope: Scope,
    *,
    min_cell: int,
    area_titles: dict[str, str],
    language: str = "sv",
    today: date | None = None,
    progress: Progress | None = None,
) -> Report:
    """The report for ``scope`` (see the module docstring for what each figure counts)."""
    t = _Words(language)
    b = _Builder(min_cell, t)
    today = today or date.today()
    step = _Steps(progress)
    conn = uow.session.connection()  # Core reads: plain rows, no ORM row processing
    in_scope = _scope_filter(scope)
    first, last = scope.first_day, scope.last_day
    months = _months(first, last)

    # --- cases ----------------------------------------------------------------------------
    active = and_(
        in_scope, Case.opened_on <= last, or_(Case.closed_on.is_(None), Case.closed_on >= first)
    )
    n_cases = conn.execute(select(func.count()).select_from(Case).where(active)).scalar() or 0
    step.phase(25, n_cases)
    facts: dict[str, _CaseFacts] = {}
    referral: dict[str, list[str]] = defaultdict(list)
    # The people (of unprotected cases) with more than one case: only they need their
    # cases merged or their ids kept to be counted once; the many with one case are counts.
    seen: set[str] = set()
    several: set[str] = set()
    stmt = (
        select(
            Case.id,
            Case.individual_id,
            Case.opened_on,
            Case.closed_on,
            Individual.protection_level,
            Case.details_enc,
        )
        .join(Individual, Individual.id == Case.individual_id)
        .where(active)
        .execution_options(yield_per=STREAM)
    )
    for n, (cid, ind, opened, closed, level, details) in enumerate(conn.execute(stmt), 1):
        if closed is not None and closed < opened:
            closed = opened
        protected = level != "none"
        facts[cid] = _CaseFacts(ind, opened, closed, protected)
        if protected:
            pass
        elif ind in seen:
            several.add(ind)
        else:
            seen.add(ind)
        if not protected and first <= opened <= last:
            source = None
            if details is not None:
                d = uow.open("cases", "details_enc", cid, details, {})
                source = d.get("referral_source") if isinstance(d, dict) else None
            referral[source if source in REFERRAL_SOURCES else "unknown"].append(ind)
        if n % STREAM == 0:
            step.at(n)
    step.at(n_cases)
    del seen

    sections: list[SectionDraft] = []
    sections.append(_caseload(uow, b, scope, months, facts, several, referral, today, step))
    needs, change, radar = _assessments(uow, b, scope, facts, several, area_titles, step)
    sections.append(needs)
    sections.append(change)
    sections.append(_actions(uow, b, scope, facts, step))
    sections.append(_urgent(uow, b, scope, facts))
    step.phase(0, 1)

    b.cells.suppress()
    built = tuple(
        Section(key, title, tuple(b.table(d) for d in drafts)) for key, title, drafts in sections
    )
    radar_out = None
    if radar is not None:
        titles, intake, follow, counts = radar
        keep = [i for i, n in enumerate(counts) if n >= min_cell]
        radar_out = Radar(
            tuple(titles[i] for i in keep),
            tuple(intake[i] for i in keep),
            tuple(follow[i] for i in keep),
            t("Inskrivning", "Intake"),
            t("Senaste uppföljning", "Latest follow-up"),
            t("Handläggarens skattning, medelvärde", "Worker's rating, mean"),
        )
    step.done()
    return Report(
        title=t("Statistik", "Statistics"),
        unit=scope.unit_name,
        period=f"{first:%Y-%m} – {last:%Y-%m}",
        month_from=f"{first:%Y-%m}",
        month_to=f"{last:%Y-%m}",
        created=f"{today:%Y-%m}",
        min_cell=min_cell,
        rule=rule_text(min_cell, language),
        language=language,
        sections=built,
        radar=radar_out,
    )


def rule_text(min_cell: int, language: str) -> str:
    t = _Words(language)
    return t(
        f"Celler som bygger på färre än {min_cell} personer visas som ”<{min_cell}”. Fler "
        "celler har dolts där en dold cell annars kunde räknas fram ur summorna (sekundär "
        "röjandekontroll). Personer med skyddade personuppgifter ingår bara i totalerna. "
        "Inga namn, ärendenummer, fritexter eller datum finare än månad redovisas.",
        f"Cells built from fewer than {min_cell} people are shown as “<{min_cell}”. Further "
        "cells are hidden where a hidden cell could otherwise be worked out from the totals "
        "(secondary suppression). People with protected identities count in the totals only. "
        "No names, case references, free text or dates finer than a month are reported.",
    )


class _Steps:
    """Progress over phases of known weight: ``progress(done, 100)``."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.base = 0.0
        self.weight = 0.0
        self.total = 1
        self.last = -1

    def phase(self, weight: float, total: int) -> None:
        self.base += self.weight
        self.weight = weight
        self.total = max(total, 1)
        self.at(0)

    def at(self, n: int) -> None:
        if self.progress is None:
            return
        done = int(self.base + self.weight * min(n, self.total) / self.total)
        if done != self.last:
            self.last = done
            self.progress(min(done, 99), 100)

    def done(self) -> None:
        if self.progress is not None:
            self.progress(100, 100)


SectionDraft = tuple[str, str, list[_Draft]]


def _caseload(
    uow: UnitOfWork,
    b: _Builder,
    scope: Scope,
    months: list[tuple[date, date]],
    facts: dict[str, _CaseFacts],
    several: set[str],
    referral: dict[str, list[str]],
    today: date,
    step: _Steps,
) -> SectionDraft:
    t, cells, conn = b.t, b.cells, uow.session.connection()
    first, last = scope.first_day, scope.last_day
    plain = [f for f in facts.values() if not f.protected]
    new_all = [f for f in facts.values() if first <= f.opened <= last]
    closed_all = [f for f in facts.values() if f.closed is not None and first <= f.closed <= last]

    # new, closed, open cases per month; open(m) = open(m-1) + new(m) - closed(m), in cases
    # (one person can have several: a second case for a person already open is a new case).
    # Each cell also knows how many distinct people it is built from, for the disclosure
    # rule. One pass over the cases: each is open at the ends of a run of months (an interval
    # of month indexes); a person's runs are merged to count the distinct people open.
    n_months = len(months)
    y0, m0_ = first.year, first.month
    new_by: list[list[str]] = [[] for _ in months]
    closed_by: list[list[str]] = [[] for _ in months]
    runs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    start_people: list[str] = []
    case_diff = [0] * (n_months + 1)
    diff = [0] * (n_months + 1)  # the same for distinct people
    for f in plain:
        opened_on, closed_on, who = f.opened, f.closed, f.individual
        o = (opened_on.year - y0) * 12 + opened_on.month - m0_
        if o < 0:
            start_people.append(who)
            o = 0
        else:
            new_by[o].append(who)  # opened on or before the last day: o < n_months
        c = n_months
        if closed_on is not None:
            c = (closed_on.year - y0) * 12 + closed_on.month - m0_
            if c < n_months:
                closed_by[c].append(who)
            else:
                c = n_months
        if o < c:
            case_diff[o] += 1
            case_diff[c] -= 1
            if who in several:
                runs[who].append((o, c))
            else:  # the person's one case: a person open as long as the case
                diff[o] += 1
                diff[c] -= 1
    for spans in runs.values():
        spans.sort()
        run_lo, run_hi = spans[0]
        for o, c in spans[1:]:
            if o > run_hi:
                diff[run_lo] += 1
                diff[run_hi] -= 1
                run_lo, run_hi = o, c
            elif c > run_hi:
                run_hi = c
        diff[run_lo] += 1
        diff[run_hi] -= 1
    open_prev = b.count(start_people, n=len(start_people))
    rows: list[tuple[str, list[Entry], bool]] = [
        (
            t("Vid periodens början", "At the start"),
            [("text", "–"), ("text", "–"), ("cell", open_prev)],
            False,
        )
    ]
    news, closes = [], []
    running_people = running_cases = 0
    for i, (m0, _m1) in enumerate(months):
        running_people += diff[i]
        running_cases += case_diff[i]
        new = b.count(new_by[i], n=len(new_by[i]))
        closed = b.count(closed_by[i], n=len(closed_by[i]))
        still = b.cells.add(running_cases, running_people)
        cells.equation({still: 1, open_prev: -1, new: -1, closed: 1}, flow=True)
        news.append(new)
        closes.append(closed)
        open_prev = still
        rows.append((f"{m0:%Y-%m}", [("cell", new), ("cell", closed), ("cell", still)], False))
    new_total = b.count([f.individual for f in new_all], n=len(new_all), total=True)
    closed_total = b.count([f.individual for f in closed_all], n=len(closed_all), total=True)
    hidden_new = cells.add_hidden(sum(1 for f in new_all if f.protected))
    hidden_closed = cells.add_hidden(sum(1 for f in closed_all if f.protected))
    cells.sum_of(new_total, [*news, hidden_new], flow=True)
    cells.sum_of(closed_total, [*closes, hidden_closed], flow=True)
    rows.append(
        (t("Totalt", "Total"), [("cell", new_total), ("cell", closed_total), ("text", "–")], True)
    )
    flow = _Draft(
        "caseload.flow",
        t("Nya, avslutade och öppna ärenden per månad", "New, closed and open cases by month"),
        t("Månad", "Month"),
        (
            t("Nya", "New"),
            t("Avslutade", "Closed"),
            t("Öppna vid månadens slut", "Open at month end"),
        ),
        rows,
        chart="bars",
        chart_columns=(2,),  # open at month end (a stock: new and closed do not stack)
    )

    # referral sources of the new cases
    names = {
        "self": t("Egen ansökan", "Self-referral"),
        "police": t("Polisen", "Police"),
        "kriminalvarden": t("Kriminalvården", "Prison and Probation Service"),
        "provider": t("Utförare", "Provider"),
        "other": t("Annan", "Other"),
        "unknown": t("Inte angiven", "Not given"),
    }
    ref_rows: list[tuple[str, list[Entry], bool]] = []
    parts = []
    for source in (*REFERRAL_SOURCES, "unknown"):
        referred = referral.get(source, [])
        cell = b.count(referred, n=len(referred))  # cases, as the new cases they add up to
        parts.append(cell)
        ref_rows.append((names[source], [("share", cell, new_total)], False))
    cells.sum_of(new_total, [*parts, hidden_new])
    ref_rows.append((t("Totalt", "Total"), [("cell", new_total)], True))
    sources = _Draft(
        "caseload.referral",
        t("Kontaktväg för nya ärenden", "Referral source of new cases"),
        t("Kontaktväg", "Source"),
        (t("Antal", "Count"),),
        ref_rows,
        chart="bars",
        chart_columns=(0,),
    )

    # first contact (the case opened) to the first approved plan
    step.phase(5, 1)
    approved: dict[str, datetime] = dict(
        conn.execute(
            select(ActionPlan.case_id, func.min(PlanReview.decided_at))
            .join(PlanReview, PlanReview.plan_id == ActionPlan.id)
            .join(Case, Case.id == ActionPlan.case_id)
            .where(PlanReview.decision == "approved", _scope_filter(scope))
            .group_by(ActionPlan.case_id)
        ).all()
    )
    days: dict[int, list[str]] = defaultdict(list)
    waits: list[int] = []
    none_yet: list[str] = []
    for cid, f in facts.items():
        if f.protected or not first <= f.opened <= last:
            continue
        at = approved.get(cid)
        if at is None:
            none_yet.append(f.individual)
            continue
        wait = max(0, (_as_utc(at).date() - f.opened).days)
        waits.append(wait)
        days[bisect_left(_PLAN_UPPER, wait)].append(f.individual)
    plan_rows: list[tuple[str, list[Entry], bool]] = []
    parts = []
    for i, (lo, hi) in enumerate(PLAN_BUCKETS):
        waited = days.get(i, [])
        cell = b.count(waited, n=len(waited))  # cases, as the new cases they add up to
        parts.append(cell)
        label = (
            t(f"{lo}–{hi} dagar", f"{lo}–{hi} days")
            if hi
            else t(f"mer än {lo - 1} dagar", f"more than {lo - 1} days")
        )
        plan_rows.append((label, [("share", cell, new_total)], False))
    cell = b.count(none_yet, n=len(none_yet))
    parts.append(cell)
    plan_rows.append(
        (t("Ingen godkänd plan ännu", "No approved plan yet"), [("share", cell, new_total)], False)
    )
    cells.sum_of(new_total, [*parts, hidden_new])
    plan_rows.append((t("Totalt", "Total"), [("cell", new_total)], True))
    plan_rows.append(
        (
            t("Median, dagar", "Median, days"),
            [("stat", statistics.median(waits) if waits else None, len(waits), 0)],
            False,
        )
    )
    to_plan = _Draft(
        "caseload.time_to_plan",
        t(
            "Tid från första kontakt till godkänd plan (nya ärenden)",
            "Time from first contact to an approved plan (new cases)",
        ),
        t("Tid", "Time"),
        (t("Antal", "Count"),),
        plan_rows,
        chart="bars",
        chart_columns=(0,),
    )

    # follow-ups due in the period
    fu_rows = conn.execute(
        select(FollowUp.case_id, FollowUp.due_on, FollowUp.done_on)
        .join(Case, Case.id == FollowUp.case_id)
        .where(_scope_filter(scope), FollowUp.due_on >= first, FollowUp.due_on <= last)
    ).all()
    kinds: dict[str, list[str]] = defaultdict(list)
    protected_fu = 0
    everyone: list[str] = []
    for cid, due, done in fu_rows:
        fact = facts.get(cid)
        if fact is None:
            continue
        f = fact
        everyone.append(f.individual)
        if f.protected:
            protected_fu += 1
            continue
        if done is not None:
            kind = "on_time" if done <= due else "late"
        else:
            kind = "overdue" if due < today else "not_due"
        kinds[kind].append(f.individual)
    fu_names = {
        "on_time": t("Gjorda i tid", "Done on time"),
        "late": t("Gjorda försenade", "Done late"),
        "overdue": t("Försenade, inte gjorda", "Overdue, not done"),
        "not_due": t("Inte aktuella ännu", "Not due yet"),
    }
    fu_total = b.count(everyone, n=len(everyone), total=True)
    hidden_fu = cells.add_hidden(protected_fu)
    parts = []
    follow_rows: list[tuple[str, list[Entry], bool]] = []
    for kind, label in fu_names.items():
        cell = b.count(kinds.get(kind, []), n=len(kinds.get(kind, [])))
        parts.append(cell)
        follow_rows.append((label, [("share", cell, fu_total)], False))
    cells.sum_of(fu_total, [*parts, hidden_fu])
    follow_rows.append((t("Totalt", "Total"), [("cell", fu_total)], True))
    follow = _Draft(
        "caseload.follow_ups",
        t("Uppföljningar som skulle göras under perioden", "Follow-ups due in the period"),
        t("Uppföljning", "Follow-up"),
        (t("Antal", "Count"),),
        follow_rows,
        chart="bars",
        chart_columns=(0,),
    )
    return (
        "caseload",
        t("Ärenden", "Caseload"),
        [flow, sources, to_plan, follow],
    )


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _assessments(
    uow: UnitOfWork,
    b: _Builder,
    scope: Scope,
    facts: dict[str, _CaseFacts],
    several: set[str],
    area_titles: dict[str, str],
    step: _Steps,
) -> tuple[
    SectionDraft,
    SectionDraft,
    tuple[list[str], list[float | None], list[float | None], list[int]] | None,
]:
    t, cells, conn = b.t, b.cells, uow.session.connection()
    first, last = scope.first_day, scope.last_day
    # Most people have one case here: their ratings are counted as they come, in Counters of
    # (area, ratings) keys filled in C; people with more cases (``several``) are kept with
    # their id so that they count once (cells count distinct people).
    nothing_n = repeat(_NOTHING)
    areas = _AreaIndex()
    # in flat int keys: area * 36 + (own, worker) at intake; area * 36 * 36 + (own, worker) at
    # intake * 36 + (own, worker) after (decoded below into the Counters of tuples)
    pair_stride = _CODES * _CODES
    intake_flat: Counter[int] = Counter()
    pair_flat: Counter[int] = Counter()
    intake_several: list[tuple[Any, ...]] = []  # the same with the individual last
    pair_several: list[tuple[Any, ...]] = []
    intakes_in_period: list[str] = []
    step.phase(45, len(facts))
    # One streamed read, a case's assessments together: the first completed intake and the
    # latest completed follow-up in the period are picked from them; only those two are
    # decrypted (the other blobs are read, never opened). Ordered by the case reference,
    # unique per case: it keeps a case's rows together as the case id would, but the unit's
    # index (unit, reference) returns them in that order, so the database need not sort.
    streamed = conn.execute(
        select(
            Assessment.case_id,
            Assessment.id,
            Assessment.kind,
            Assessment.conducted_on,
            Assessment.ratings_enc,
        )
        .join(Case, Case.id == Assessment.case_id)
        .where(
            _scope_filter(scope),
            Assessment.status == "complete",
            Assessment.conducted_on <= last,
        )
        .order_by(Case.case_ref)
        .execution_options(yield_per=STREAM)
    )
    done = 0
    for cid, of_case in groupby(streamed, key=itemgetter(0)):
        done += 1
        if done % STREAM == 0:
            step.at(done)
        fact = facts.get(cid)
        if fact is None or fact.protected:
            continue
        first_in: tuple[date, str, bytes | None] | None = None
        latest: tuple[date, str, bytes | None] | None = None
        for _cid, aid, kind, on, blob in of_case:
            if kind == "initial":
                if first_in is None or (on, aid) < first_in[:2]:
                    first_in = (on, aid, blob)
            elif kind == "follow_up" and on >= first and (latest is None or (on, aid) > latest[:2]):
                latest = (on, aid, blob)
        if first_in is None:
            continue
        on, aid, intake_blob = first_in
        in_period = first <= on <= last
        pair = latest if latest is not None and latest[0] > on else None
        if not in_period and pair is None:
            continue
        who = fact.individual
        before = _ratings_of(uow.open("assessments", "ratings_enc", aid, intake_blob, None))
        if in_period:
            intakes_in_period.append(who)
            if who in several:
                intake_several.extend((a, _PAIR_OF[r], who) for a, r in before.items())
            else:
                offsets = areas.offsets(tuple(before), pair_stride)
                intake_flat.update(map(add, offsets, before.values()))
        if pair is not None:
            after = _ratings_of(uow.open("assessments", "ratings_enc", pair[1], pair[2], None))
            if who in several:
                pair_several.extend(
                    (a, _PAIR_OF[before.get(a, _NOTHING)], _PAIR_OF[r], who)
                    for a, r in after.items()
                )
            else:
                offsets = areas.offsets(tuple(after), pair_stride * pair_stride)
                at_intake = map(mul, map(before.get, after, nothing_n), repeat(pair_stride))
                pair_flat.update(map(add, offsets, map(add, at_intake, after.values())))
    step.at(len(facts))
    intake_counts: Counter[tuple[Any, ...]] = Counter()  # (area, (own, worker)) at intake
    for key, n in intake_flat.items():
        i, code = divmod(key, pair_stride)
        intake_counts[areas.areas[i], _PAIR_OF[code]] = n
    # (area, (own, worker) at intake, (own, worker) after)
    pair_counts: Counter[tuple[Any, ...]] = Counter()
    for key, n in pair_flat.items():
        i, codes = divmod(key, pair_stride * pair_stride)
        code0, code1 = divmod(codes, pair_stride)
        pair_counts[areas.areas[i], _PAIR_OF[code0], _PAIR_OF[code1]] = n

    # Each count is of assessments (a person with two cases can have two intakes) and knows
    # the distinct people it is built from, for the disclosure rule: the people of the many
    # who have one case are the count itself; those with several are kept by id.
    # rater -> area -> (count per RATINGS and all, people per RATINGS and all);
    # rater -> area -> ([pairs, sum of the intake ratings, sum of the follow-up ones, improved,
    # unchanged, worse, everyone], people [improved, unchanged, worse, everyone])
    need: dict[str, dict[str, tuple[list[int], list[int]]]] = {"own": {}, "worker": {}}
    pairs: dict[str, dict[str, tuple[list[int], list[int]]]] = {"own": {}, "worker": {}}
    for k, rater in enumerate(("own", "worker")):
        rated_by: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # RATINGS, all
        for (area, ratings), n in intake_counts.items():
            r = ratings[k]
            if r is not None:
                row = rated_by[area]
                row[r] += n
                row[5] += n
        people_of = {area: list(row) for area, row in rated_by.items()}
        several_by: dict[str, list[set[str]]] = defaultdict(lambda: [set() for _ in range(6)])
        for area, ratings, who in intake_several:
            r = ratings[k]
            if r is not None:
                row = rated_by[area]
                row[r] += 1
                row[5] += 1
                several_by[area][r].add(who)
                several_by[area][5].add(who)
        for area, sets in several_by.items():
            people = people_of.setdefault(area, [0] * 6)
            for i, group in enumerate(sets):
                people[i] += len(group)
        need[rater] = {area: (row, people_of[area]) for area, row in rated_by.items()}

        acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])
        for (area, r0, r1), n in pair_counts.items():
            a0, a1 = r0[k], r1[k]
            if a0 is None or a1 is None:
                continue
            row = acc[area]
            row[0] += n
            row[1] += a0 * n
            row[2] += a1 * n
            row[3 if a1 < a0 else 4 if a1 == a0 else 5] += n
            row[6] += n
        pair_people = {area: row[3:] for area, row in acc.items()}
        several_pairs: dict[str, list[set[str]]] = defaultdict(lambda: [set() for _ in range(4)])
        for area, r0, r1, who in pair_several:
            a0, a1 = r0[k], r1[k]
            if a0 is None or a1 is None:
                continue
            row = acc[area]
            row[0] += 1
            row[1] += a0
            row[2] += a1
            row[3 if a1 < a0 else 4 if a1 == a0 else 5] += 1
            row[6] += 1
            groups = several_pairs[area]
            groups[0 if a1 < a0 else 1 if a1 == a0 else 2].add(who)
            groups[3].add(who)
        for area, groups in several_pairs.items():
            people = pair_people.setdefault(area, [0, 0, 0, 0])
            for i, group in enumerate(groups):
                people[i] += len(group)
        pairs[rater] = {area: (row, pair_people[area]) for area, row in acc.items()}

    def order(areas: Iterable[str]) -> list[str]:
        known = [a for a in area_titles if a in areas]
        return known + sorted(a for a in areas if a not in area_titles)

    raters = {
        "own": t("den enskildes skattning", "the individual's rating"),
        "worker": t("handläggarens skattning", "the worker's rating"),
    }
    need_tables = []
    for rater, label in raters.items():
        rows: list[tuple[str, list[Entry], bool]] = []
        for area in order(need[rater]):
            counts, people = need[rater][area]
            parts = [cells.add(counts[r], people[r]) for r in RATINGS]
            total = cells.add(counts[5], people[5], total=True)
            cells.sum_of(total, parts)
            rows.append(
                (
                    area_titles.get(area, area),
                    [*(("cell", p) for p in parts), ("cell", total)],
                    False,
                )
            )
        need_tables.append(
            _Draft(
                f"needs.{rater}",
                t(f"Behov vid inskrivning, {label}", f"Needs at intake, {label}"),
                t("Område", "Area"),
                (*(str(r) for r in RATINGS), t("Skattade", "Rated")),
                rows,
                note=t(
                    "0 = inget behov av stöd … 4 = mycket stort behov.",
                    "0 = no need of support … 4 = very great need.",
                ),
                chart="stacked",
                chart_columns=tuple(range(len(RATINGS))),
                chart_total=len(RATINGS),
            )
        )
    n_intakes = b.count(intakes_in_period, n=len(intakes_in_period), total=True)
    base = _Draft(
        "needs.base",
        t("Kartläggningar vid inskrivning under perioden", "Intake assessments in the period"),
        t("Underlag", "Basis"),
        (t("Antal", "Count"),),
        [(t("Kartläggningar", "Assessments"), [("cell", n_intakes)], True)],
    )
    need_tables.insert(0, base)

    change_tables = []
    radar = None
    for rater, label in raters.items():
        rows = []
        radar_titles, radar_in, radar_out, radar_n = [], [], [], []
        for area in order(pairs[rater]):
            (n, sum_in, sum_out, better_n, same_n, worse_n, everyone), people = pairs[rater][area]
            better = cells.add(better_n, people[0])
            same = cells.add(same_n, people[1])
            worse = cells.add(worse_n, people[2])
            total = cells.add(everyone, people[3], total=True)
            cells.sum_of(total, [better, same, worse])
            mean_in = sum_in / n if n else None
            mean_out = sum_out / n if n else None
            mean_diff = mean_out - mean_in if mean_in is not None and mean_out is not None else None
            rows.append(
                (
                    area_titles.get(area, area),
                    [
                        ("cell", total),
                        ("stat", mean_in, people[3], 1),
                        ("stat", mean_out, people[3], 1),
                        ("stat", mean_diff, people[3], 1),
                        ("share", better, total),
                        ("share", same, total),
                        ("share", worse, total),
                    ],
                    False,
                )
            )
            radar_titles.append(area_titles.get(area, area))
            radar_in.append(mean_in)
            radar_out.append(mean_out)
            radar_n.append(people[3])
        if rater == "worker":
            radar = (radar_titles, radar_in, radar_out, radar_n)
        change_tables.append(
            _Draft(
                f"change.{rater}",
                t(
                    f"Förändring från inskrivning till senaste uppföljning, {label}",
                    f"Change from intake to the latest follow-up, {label}",
                ),
                t("Område", "Area"),
                (
                    t("Ärenden", "Cases"),
                    t("Inskrivning", "Intake"),
                    t("Uppföljning", "Follow-up"),
                    t("Förändring", "Change"),
                    t("Förbättrad", "Improved"),
                    t("Oförändrad", "Unchanged"),
                    t("Försämrad", "Worse"),
                ),
                rows,
                note=t(
                    "Medelvärden 0–4; en lägre skattning är mindre behov (förbättrad). Bara "
                    "ärenden med både inskrivning och uppföljning.",
                    "Means 0–4; a lower rating is less need (improved). Only cases with both "
                    "an intake and a follow-up.",
                ),
                chart="stacked",
                chart_columns=(4, 5, 6),
                chart_total=0,
            )
        )
    return (
        ("needs", t("Behov vid inskrivning", "Needs at intake"), need_tables),
        ("change", t("Förändring", "Change"), change_tables),
        radar,
    )


def _actions(
    uow: UnitOfWork, b: _Builder, scope: Scope, facts: dict[str, _CaseFacts], step: _Steps
) -> SectionDraft:
    t, conn = b.t, uow.session.connection()
    newest: dict[str, tuple[int, str, date]] = {}
    for pid, cid, version, saved in conn.execute(
        select(ActionPlan.id, ActionPlan.case_id, ActionPlan.plan_version, ActionPlan.updated_at)
        .join(Case, Case.id == ActionPlan.case_id)
        .where(_scope_filter(scope), ActionPlan.review_state == "approved")
    ):
        if cid in facts and (cid not in newest or version > newest[cid][0]):
            newest[cid] = (version, pid, _as_utc(saved).date())
    plans = {pid: (facts[cid], saved) for cid, (_v, pid, saved) in newest.items()}
    plan_ids = list(plans)
    step.phase(20, len(plan_ids))
    # responsible party -> (status, on time) -> the individuals, one entry per action; and
    # the same by provider. Protected identities are only counted (in the totals).
    by_kind_rows: dict[str, dict[tuple[str, bool | None], list[str]]] = defaultdict(dict)
    by_provider_rows: dict[str, dict[tuple[str, bool | None], list[str]]] = defaultdict(dict)
    protected_all = protected_with_provider = 0
    for start in range(0, len(plan_ids), BATCH):
        chunk = plan_ids[start : start + BATCH]
        for aid, pid, provider_id, due, status, body in conn.execute(
            select(
                PlanAction.id,
                PlanAction.plan_id,
                PlanAction.provider_id,
                PlanAction.due_on,
                PlanAction.status,
                PlanAction.body_enc,
            ).where(PlanAction.plan_id.in_(chunk))
        ):
            f, saved_on = plans[pid]
            if f.protected:
                protected_all += 1
                if provider_id:
                    protected_with_provider += 1
                continue
            if status not in ACTION_STATUSES:  # damaged: no column to count it in
                continue
            opened = uow.open("plan_actions", "body_enc", aid, body, {})
            kind = done_on = None
            if isinstance(opened, dict):
                kind = opened.get("responsible_kind")
                done_on = opened.get("done_on")
            on_time = None
            if status == "done":
                on_time = due is None or _done_by(done_on, saved_on, due)
            key = (status, on_time)
            group = by_kind_rows[kind if kind in RESPONSIBLE_KINDS else "unknown"]
            people = group.get(key)
            if people is None:
                group[key] = [f.individual]
            else:
                people.append(f.individual)
            if provider_id:
                group = by_provider_rows[provider_id]
                people = group.get(key)
                if people is None:
                    group[key] = [f.individual]
                else:
                    people.append(f.individual)
        step.at(start + len(chunk))
    provider_names = dict(conn.execute(select(Provider.id, Provider.name)).all())

    kinds = {
        "individual": t("Den enskilde", "The individual"),
        "social_services": t("Socialtjänsten", "Social services"),
        "provider": t("Utförare", "Provider"),
        "police": t("Polisen", "Police"),
        "authority": t("Annan myndighet", "Other authority"),
        "unknown": t("Inte angiven", "Not given"),
    }
    by_kind = _action_table(
        b,
        "actions.responsible",
        t("Insatser per ansvarig", "Actions by responsible party"),
        t("Ansvarig", "Responsible"),
        [
            (kinds[k], by_kind_rows.get(k, {}))
            for k in kinds
            if k != "unknown" or by_kind_rows.get(k)
        ],
        protected_all,
    )
    provider_ids = sorted(by_provider_rows, key=lambda p: str(provider_names.get(p, p)).lower())
    by_provider = _action_table(
        b,
        "actions.provider",
        t("Insatser per utförare", "Actions by provider"),
        t("Utförare", "Provider"),
        [(provider_names.get(p, p), by_provider_rows[p]) for p in provider_ids],
        protected_with_provider,
    )
    return ("actions", t("Insatser", "Actions"), [by_kind, by_provider])


def _done_by(done_on: object, saved_on: date, due: date) -> bool:
    """Whether a done action was done by its due day: the day the core recorded it as done
    (``done_on`` in its body), or for an action done before that was recorded, the last save
    of its plan (the latest day it can have been marked done)."""
    if isinstance(done_on, str):
        try:
            return date.fromisoformat(done_on) <= due
        except ValueError:
            pass
    return saved_on <= due


def _action_table(
    b: _Builder,
    key: str,
    title: str,
    header: str,
    groups: Sequence[tuple[str, dict[tuple[str, bool | None], list[str]]]],
    protected: int,
) -> _Draft:
    t, cells = b.t, b.cells
    status_names = {
        "planned": t("Planerad", "Planned"),
        "in_progress": t("Pågår", "Ongoing"),
        "done": t("Klar", "Done"),
        "cancelled": t("Avbruten", "Cancelled"),
    }
    columns = (
        *status_names.values(),
        t("Totalt", "Total"),
        t("Klar i tid", "Done on time"),
        t("Klar sent", "Done late"),
    )
    rows: list[tuple[str, list[Entry], bool]] = []
    # column -> cells of that column in every row
    by_column: list[list[int]] = [[] for _ in columns]
    row_totals = []

    def count(lists: Sequence[list[str]], total: bool = False) -> int:
        people: set[str] = set().union(*lists)
        return b.cells.add(sum(map(len, lists)), len(people), total=total)

    def picked(
        items: dict[tuple[str, bool | None], list[str]], test: Callable[[str, bool | None], bool]
    ) -> list[list[str]]:
        return [people for (status, on_time), people in items.items() if test(status, on_time)]

    # column -> its lists of people in every row
    column_lists: list[list[list[str]]] = [[] for _ in columns]
    tests: list[Callable[[str, bool | None], bool]] = [
        *((lambda s, _o, want=want: s == want) for want in ACTION_STATUSES),
        lambda _s, _o: True,
        lambda _s, o: o is True,
        lambda _s, o: o is False,
    ]
    for label, items in groups:
        lists = [picked(items, test) for test in tests]
        for n, chosen in enumerate(lists):
            column_lists[n].extend(chosen)
        parts = [count(lists[n]) for n in range(len(ACTION_STATUSES))]
        total = count(lists[len(ACTION_STATUSES)], total=True)
        done = parts[ACTION_STATUSES.index("done")]
        on_time = count(lists[len(ACTION_STATUSES) + 1])
        late = count(lists[len(ACTION_STATUSES) + 2])
        cells.sum_of(total, parts)
        cells.sum_of(done, [on_time, late])
        row = [*parts, total, on_time, late]
        for n, cell in enumerate(row):
            by_column[n].append(cell)
        row_totals.append(total)
        rows.append((label, [("cell", c) for c in row], False))
    # the total row: the columns exclude protected identities, the grand total includes them
    column_totals = []
    for n, _name in enumerate(columns):
        if n == len(ACTION_STATUSES):
            column_totals.append(-1)
            continue
        cell = count(column_lists[n], total=True)
        cells.sum_of(cell, by_column[n])
        column_totals.append(cell)
    everyone = column_lists[len(ACTION_STATUSES)]
    grand = b.cells.add(
        sum(map(len, everyone)) + protected, len(set().union(*everyone)), total=True
    )
    hidden = cells.add_hidden(protected)
    cells.sum_of(grand, [*column_totals[: len(ACTION_STATUSES)], hidden])
    cells.sum_of(grand, [*row_totals, hidden])
    done_total = column_totals[ACTION_STATUSES.index("done")]
    cells.sum_of(done_total, column_totals[len(ACTION_STATUSES) + 1 :])
    column_totals[len(ACTION_STATUSES)] = grand
    rows.append((t("Totalt", "Total"), [("cell", c) for c in column_totals], True))
    return _Draft(
        key,
        title,
        header,
        columns,
        rows,
        note=t(
            "Insatser i ärendenas senast godkända plan. Klar i tid: utan slutdag, eller "
            "markerad klar senast på slutdagen (för insatser som markerades klara innan dagen "
            "sparades: planen sparades senast på slutdagen).",
            "Actions in each case's newest approved plan. Done on time: no due day, or marked "
            "done by the due day (for actions marked done before that day was kept: the plan "
            "was last saved by the due day).",
        ),
        chart="stacked",
        chart_columns=tuple(range(len(ACTION_STATUSES))),
        chart_total=len(ACTION_STATUSES),
    )


def _urgent(
    uow: UnitOfWork, b: _Builder, scope: Scope, facts: dict[str, _CaseFacts]
) -> SectionDraft:
    t, cells, conn = b.t, b.cells, uow.session.connection()
    start = datetime.combine(scope.first_day, time.min, tzinfo=UTC)
    end = datetime.combine(scope.last_day + timedelta(days=1), time.min, tzinfo=UTC)
    buckets: dict[int, list[str]] = defaultdict(list)
    waits: list[float] = []
    everyone: list[str] = []
    protected = 0
    for cid, raised, handled in conn.execute(
        select(UrgentFlag.case_id, UrgentFlag.raised_at, UrgentFlag.handled_at)
        .join(Case, Case.id == UrgentFlag.case_id)
        .where(_scope_filter(scope), UrgentFlag.raised_at >= start, UrgentFlag.raised_at < end)
    ):
        f = facts.get(cid)
        if f is None:
            continue
        everyone.append(f.individual)
        if f.protected:
            protected += 1
            continue
        if handled is None:
            buckets[len(URGENT_BUCKETS_H)].append(f.individual)
            continue
        hours = max(0.0, (_as_utc(handled) - _as_utc(raised)).total_seconds() / 3600)
        waits.append(hours)
        buckets[bisect_right(_URGENT_UPPER_H, hours)].append(f.individual)
    labels = [
        t("Inom ett dygn", "Within a day"),
        t("1–3 dygn", "1–3 days"),
        t("Mer än 3 dygn", "More than 3 days"),
        t("Inte hanterade", "Not handled"),
    ]
    total = b.count(everyone, n=len(everyone), total=True)
    hidden = cells.add_hidden(protected)
    parts = []
    rows: list[tuple[str, list[Entry], bool]] = []
    for i, label in enumerate(labels):
        cell = b.count(buckets.get(i, []), n=len(buckets.get(i, [])))
        parts.append(cell)
        rows.append((label, [("share", cell, total)], False))
    cells.sum_of(total, [*parts, hidden])
    rows.append((t("Totalt", "Total"), [("cell", total)], True))
    rows.append(
        (
            t("Median, timmar till hantering", "Median, hours to handling"),
            [("stat", statistics.median(waits) if waits else None, len(waits), 0)],
            False,
        )
    )
    table = _Draft(
        "urgent.handling",
        t("Akuta flaggor och tid till hantering", "Urgent flags and time to handling"),
        t("Hanterade", "Handled"),
        (t("Antal", "Count"),),
        rows,
        chart="bars",
        chart_columns=(0,),
    )
    return ("urgent", t("Akuta flaggor", "Urgent flags"), [table])
