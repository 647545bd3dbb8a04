"""Statistics over many cases (issue 14):

- stats_50k_s: the whole report (``ws.stats.report``, every section, disclosure control) for a
  supervisor's unit over 50,000 cases on SQLite, seconds (for information);
- stats_decrypt_baseline_s: the same encrypted fields the report opens (each new case's
  details, the ratings of every intake and latest follow-up, the bodies of the plan actions)
  read with one plain SELECT per table and opened in a bare loop, in the same run;
- stats_50k_ratio: their quotient (target <= 2): the report's own work on top of decrypting;
  measured in ``BENCH_STATS_PAIRS`` (5) interleaved pairs, the median of the pairs' ratios
  (the output gives their spread; one pair alone swung 1.6–2.6 on a shared machine);
- stats_50k_rss_mb: the process's peak resident memory growth while making the report (target
  < 200 MB).

The cases are written in bulk at record level (``assessment_app.stats.seed.insert_cases``).
The size is a parameter: ``BENCH_STATS_CASES`` (default 50,000); the figures keep their names
but the output says the size used. Run alone: ``python -m benchmarks.run bench_stats``.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "50")

PW = "bench-password-1"
# report and baseline measured in pairs, one right after the other; the figure is the median
# of the pairs' ratios (a shared machine's speed drifts between runs, seldom within a pair)
PAIRS = int(os.environ.get("BENCH_STATS_PAIRS", "5"))
FIRST = date(2025, 1, 1)
LAST = date(2026, 6, 30)
SOURCES = ("self", "police", "kriminalvarden", "provider", "other", None)
RESPONSIBLE = ("individual", "social_services", "provider", "police", "authority")
STATUSES = ("planned", "in_progress", "done", "cancelled")


def _rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field}")


def _reset_peak() -> None:
    """Let VmHWM start again from the current size (Linux 4.0+); ignored where not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def _specs(n: int, areas: list[str], providers: list[str]) -> list[object]:
    from assessment_app.stats.seed import ActionSpec, AssessmentSpec, CaseSpec

    rng = random.Random(14)
    span = (LAST - FIRST).days
    specs: list[object] = []
    for i in range(n):
        opened = FIRST + timedelta(days=rng.randrange(span))
        spec = CaseSpec(opened, referral=rng.choice(SOURCES), protected=i % 97 == 0)
        if rng.random() < 0.3:
            spec.closed_on = min(LAST, opened + timedelta(days=rng.randrange(30, 300)))
        intake = {a: (rng.randrange(5), rng.randrange(5)) for a in areas}
        spec.assessments.append(AssessmentSpec("initial", opened, intake))
        if rng.random() < 0.5:
            on = min(LAST, opened + timedelta(days=rng.randrange(60, 200)))
            after = {a: (rng.randrange(5), rng.randrange(5)) for a in areas}
            spec.assessments.append(AssessmentSpec("follow_up", on, after))
        if rng.random() < 0.7:
            approved = datetime.combine(opened, datetime.min.time(), tzinfo=UTC)
            spec.approved_at = approved + timedelta(days=rng.randrange(5, 120))
            spec.plan_saved_at = spec.approved_at
            spec.actions = [
                ActionSpec(
                    rng.choice(RESPONSIBLE),
                    rng.choice(STATUSES),
                    opened + timedelta(days=rng.randrange(30, 180)),
                    rng.choice(providers) if rng.random() < 0.4 else None,
                )
                for _ in range(rng.randrange(1, 4))
            ]
        if rng.random() < 0.6:
            due = opened + timedelta(days=90)
            done = due + timedelta(days=rng.randrange(-20, 20)) if rng.random() < 0.7 else None
            spec.follow_ups = [(due, done)]
        if rng.random() < 0.05:
            raised = datetime.combine(opened, datetime.min.time(), tzinfo=UTC)
            handled = (
                raised + timedelta(hours=rng.randrange(1, 200)) if rng.random() < 0.9 else None
            )
            spec.urgent = [(raised, handled)]
        specs.append(spec)
    return specs


def _bare_decrypt(db: object, ctx: object, unit_id: str) -> int:
    """The fields the report opens, selected plainly and opened one by one."""
    from sqlalchemy import select

    from assessment_app.db.models import ActionPlan, Assessment, Case, PlanAction

    opened = 0
    with db.session() as session:  # type: ignore[attr-defined]
        in_unit = Case.unit_id == unit_id
        for cid, blob in session.execute(
            select(Case.id, Case.details_enc).where(
                in_unit, Case.opened_on >= FIRST, Case.opened_on <= LAST
            )
        ):
            ctx.open("cases", "details_enc", cid, blob)  # type: ignore[attr-defined]
            opened += 1
        for aid, blob in session.execute(
            select(Assessment.id, Assessment.ratings_enc)
            .join(Case, Case.id == Assessment.case_id)
            .where(in_unit, Assessment.status == "complete")
        ):
            ctx.open("assessments", "ratings_enc", aid, blob)  # type: ignore[attr-defined]
            opened += 1
        for act_id, blob in session.execute(
            select(PlanAction.id, PlanAction.body_enc)
            .join(ActionPlan, ActionPlan.id == PlanAction.plan_id)
            .join(Case, Case.id == ActionPlan.case_id)
            .where(in_unit, ActionPlan.review_state == "approved")
        ):
            ctx.open("plan_actions", "body_enc", act_id, blob)  # type: ignore[attr-defined]
            opened += 1
    return opened


def seed(url: str, n: int) -> None:
    """Make the database (run in a child process, so its memory is not the measured one's)."""
    from assessment_app import accounts
    from assessment_app.db.engine import Database
    from assessment_app.stats.seed import insert_cases
    from assessment_app.templates import default_registry
    from assessment_app.workspace import Workspace

    db = Database.create(url)
    accounts.initialise(db, "admin", PW, unit_name="Vuxenenheten")
    admin = accounts.sign_in(db, "admin", PW)
    accounts.add_user(admin, "chef", PW, "supervisor", unit="Vuxenenheten")
    chef = accounts.sign_in(db, "chef", PW)
    register = Workspace(admin).admin
    providers = [register.add_provider(f"Utförare {k}").id for k in range(6)]
    template = default_registry().latest("kartlaggning-avhopp")
    areas = [a.id for a in template.areas]
    insert_cases(db, chef, _specs(n, areas, providers), unit_id=chef.unit_id)  # type: ignore[arg-type]
    db.engine.dispose()


def run() -> dict[str, float]:
    import subprocess
    import sys

    from assessment_app import accounts
    from assessment_app.db.engine import Database
    from assessment_app.workspace import Workspace

    n = int(os.environ.get("BENCH_STATS_CASES", "50000"))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'stats.db'}"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_stats", "seed", url, str(n)], check=True
        )
        print(f"  {n} cases written in {time.perf_counter() - start:.1f} s", flush=True)
        db = Database.open(url)
        chef = accounts.sign_in(db, "chef", PW)
        assert chef.unit_id is not None

        ws = Workspace(chef)
        ws.stats.report(FIRST, FIRST)  # warm: imports, statements, keys (one month)
        _bare_decrypt(db, chef, chef.unit_id)  # warm the same way
        base_times, report_times, ratios = [], [], []
        peak = 0.0
        for _ in range(PAIRS):  # interleaved: each report beside its own baseline
            start = time.perf_counter()
            count = _bare_decrypt(db, chef, chef.unit_id)
            base_times.append(time.perf_counter() - start)
            _reset_peak()
            before = _rss_mb()
            start = time.perf_counter()
            report = ws.stats.report(FIRST, LAST)
            report_times.append(time.perf_counter() - start)
            ratios.append(report_times[-1] / base_times[-1])
            peak = max(peak, _rss_mb("VmHWM") - before)
            del report
        base, made = statistics.median(base_times), statistics.median(report_times)
        ratio = statistics.median(ratios)
        print(
            f"  size {n} cases; {count} values opened by the bare loop in {base:.2f} s; "
            f"report {made:.2f} s (medians of {PAIRS}); ratio {ratio:.2f} "
            f"(pairs {min(ratios):.2f}–{max(ratios):.2f}); peak memory growth {peak:.0f} MB",
            flush=True,
        )
        db.engine.dispose()
    return {
        "stats_50k_s": made,
        "stats_decrypt_baseline_s": base,
        "stats_50k_ratio": ratio,
        "stats_50k_rss_mb": peak,
        "stats_cases": float(n),
    }


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["seed"]:
        seed(sys.argv[2], int(sys.argv[3]))
        raise SystemExit(0)
    for key, value in run().items():
        print(f"{key} = {value:.3f}")
