"""Many workers saving plans on one PostgreSQL database at the same time.

20 clients (threads, each with its own signed-in Context and connection pool) in one unit save
plans for 20 seconds: mostly their own plan, sometimes one of a few shared plans, so saves
collide. Each save reads the plan and appends a unique marker to its note, so the final note
is the chain of every save that was accepted; a save based on a stale read is either refused
(a reported conflict) or, if the locking failed, would drop a marker (a lost update).

- pg_concurrent_saves_per_s: accepted saves per second, all clients together;
- pg_conflicts_reported: saves refused with StaleEditError (reported to the user);
- pg_lost_updates: accepted saves whose marker is missing from the final note, plus accepted
  saves the audit trail does not show (must be 0).

Only 127.0.0.1; the database is created and dropped here (benchmarks/pg.py). Without a
reachable server this says so and is skipped, unless CI=true.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "50")

from sqlalchemy import func, select

from assessment_app import accounts, audit
from assessment_app.context import Context
from assessment_app.db.engine import Database
from assessment_app.db.models import AuditEvent
from assessment_app.errors import StaleEditError
from assessment_app.records import plans
from assessment_app.workspace import Conflict, Saved, Workspace
from benchmarks import pg

CLIENTS = 20
SECONDS = 20.0
SHARED_PLANS = 3
SHARED_SHARE = 0.2
PW = "bench-password-1"


@dataclass
class ClientResult:
    accepted: list[tuple[str, str]] = field(default_factory=list)  # (plan id, marker)
    conflicts: int = 0
    errors: int = 0
    error_kinds: set[str] = field(default_factory=set)


def _setup(url: str) -> tuple[list[str], dict[str, str], list[str]]:
    db = Database.create(url)
    accounts.initialise(db, "admin", PW, unit_name="Enhet Nord")
    admin = accounts.sign_in(db, "admin", PW)
    names = [f"hl{i:02d}" for i in range(CLIENTS)]
    for name in names:
        accounts.add_user(admin, name, PW, "caseworker", unit="Enhet Nord")
    accounts.add_user(admin, "chef", PW, "supervisor", unit="Enhet Nord")
    own: dict[str, str] = {}
    shared: list[str] = []
    first = Workspace(accounts.sign_in(db, names[0], PW))
    for i in range(SHARED_PLANS):
        row = first.cases.create(name=f"Delad Klient {i}")
        first.cases.share(row.id, names[1:])
        with first.write() as uow:
            plan = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Mål")])
        shared.append(plan.id)
    for name in names:
        ws = Workspace(accounts.sign_in(db, name, PW))
        row = ws.cases.create(name=f"Egen Klient {name}")
        with ws.write() as uow:
            own[name] = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Mål")]).id
    db.dispose()
    return names, own, shared


def _client(
    ctx: Context, name: str, own_plan: str, shared: list[str], stop: float, out: ClientResult
) -> None:
    rng = random.Random(name)
    ws = Workspace(ctx)
    n = 0
    while time.monotonic() < stop:
        plan_id = rng.choice(shared) if rng.random() < SHARED_SHARE else own_plan
        marker = f"[{name}.{n}]"
        n += 1
        try:
            current = ws.plans.get(plan_id)
            content = plans.PlanContent(
                current.goals,
                [plans.Action(f"Insats {marker}", "individual")],
                None,
                note=current.note + marker,
            )
            result = ws.plans.save(plans.PlanEdit(current, content))
            if isinstance(result, Conflict):
                out.conflicts += 1
                continue
            if not isinstance(result, Saved):
                raise RuntimeError(f"not saved: {type(result).__name__}")
        except StaleEditError:
            out.conflicts += 1
            continue
        except Exception as exc:  # counted, not hidden: an error is neither accepted nor lost
            out.errors += 1
            cause = getattr(exc, "orig", None) or exc
            out.error_kinds.add(type(cause).__name__)
            continue
        out.accepted.append((plan_id, marker))


def _verify(url: str, results: list[ClientResult]) -> tuple[int, int]:
    """(lost updates, accepted saves) from the final notes and the audit trail."""
    db = Database.open(url)
    chef = Workspace(accounts.sign_in(db, "chef", PW))  # the supervisor reaches every plan
    by_plan: dict[str, list[str]] = defaultdict(list)
    for r in results:
        for plan_id, marker in r.accepted:
            by_plan[plan_id].append(marker)
    lost = 0
    with db.sessions() as session:
        for plan_id, markers in by_plan.items():
            note = chef.plans.get(plan_id).note
            lost += sum(1 for m in markers if m not in note)
            audited = session.execute(
                select(func.count()).where(
                    AuditEvent.action == audit.RECORD_UPDATE, AuditEvent.object_id == plan_id
                )
            ).scalar_one()
            lost += max(0, len(markers) - int(audited))
    db.dispose()
    return lost, sum(len(m) for m in by_plan.values())


def run() -> dict[str, float]:
    with pg.scratch_database("bench_server") as url:
        if url is None:
            return {}
        with pg.as_administrator():
            setup = _setup(url)
        with pg.runtime_role(url) as runtime_url:
            return _measure(url, runtime_url, *setup)


def _measure(
    url: str, runtime_url: str, names: list[str], own: dict[str, str], shared: list[str]
) -> dict[str, float]:
    """The clients work as the runtime role, as the app does day to day."""
    results = [ClientResult() for _ in names]
    # Sign in one after the other (Argon2id is memory-hard), then start together.
    databases = [Database.open(runtime_url) for _ in names]
    contexts = [accounts.sign_in(d, n, PW) for d, n in zip(databases, names, strict=True)]
    start = time.monotonic()
    stop = start + SECONDS
    threads = [
        threading.Thread(target=_client, args=(c, n, own[n], shared, stop, r))
        for c, n, r in zip(contexts, names, results, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    for d in databases:
        d.dispose()
    with pg.as_administrator():
        lost, accepted = _verify(url, results)
    conflicts = sum(r.conflicts for r in results)
    errors = sum(r.errors for r in results)
    kinds = sorted(set().union(*(r.error_kinds for r in results)))
    print(
        f"  {accepted} saves accepted, {conflicts} conflicts reported, {errors} errors, "
        f"{lost} lost, in {elapsed:.1f} s by {CLIENTS} clients"
    )
    if kinds:
        print(f"  errors: {', '.join(kinds)}")
    return {
        "pg_concurrent_saves_per_s": accepted / elapsed,
        "pg_conflicts_reported": float(conflicts),
        "pg_save_errors": float(errors),
        "pg_lost_updates": float(lost),
    }
