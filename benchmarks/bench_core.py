"""Core storage benchmarks on a local SQLite file.

- save_assessment_ms: median save of a fully answered 14-area assessment through the core
  (encryption, optimistic locking, audit entry, WAL + synchronous=FULL commit);
- raw_sqlite_commit_ms: a bare sqlite3 INSERT+commit of the same number of bytes, same
  pragmas, same disk, same run; save_assessment_ratio is the quotient (target <= 15);
- pnr_lookup_50k_ms: median personnummer lookup through the blind index among 50,000 cases.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "50")

from sqlalchemy import insert

from assessment_app import accounts, demo
from assessment_app.db.engine import Database
from assessment_app.db.models import Case, Individual
from assessment_app.db.types import new_id, utcnow
from assessment_app.records import cases
from assessment_app.templates import default_registry
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit

PW = "bench-password-1"
RUNS = 30


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_save(folder: Path) -> dict[str, float]:
    url = f"sqlite:///{folder / 'save.sqlite3'}"
    db = Database.create(url)
    accounts.initialise(db, "admin", PW, unit_name="Enhet")
    admin = accounts.sign_in(db, "admin", PW)
    accounts.add_user(admin, "anna", PW, "caseworker", unit="Enhet")
    ctx = accounts.sign_in(db, "anna", PW)
    template = default_registry().latest("kartlaggning-avhopp")
    rng = random.Random(1)
    answers = demo.answers_for(template, rng, date.today())
    for q in template.all_questions():  # fill every text answer generously
        if q.type == "long_text":
            answers[q.id] = "Personen berättar utförligt om sin situation. " * 12
    ratings = demo.ratings_for(template, rng)
    ws = Workspace(ctx)
    row = ws.cases.create(name="Bänk Test")
    a = ws.interviews.start(row.id)
    size = len(ctx.seal("assessments", "answers_enc", a.id, answers)) + len(
        ctx.seal("assessments", "ratings_enc", a.id, ratings)
    )
    raw_path = folder / "raw.sqlite3"
    conn = sqlite3.connect(raw_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)")
    payload = os.urandom(size)
    # Interleaved, so both see the same disk and the same background load.
    samples, raw = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = ws.interviews.save(AssessmentEdit.of(a, answers, ratings))
        samples.append(time.perf_counter() - start)
        a = result.value.info
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (payload) VALUES (?)", (payload,))
        conn.execute("COMMIT")
        raw.append(time.perf_counter() - start)
    conn.close()
    db.dispose()
    save_ms, raw_ms = _median_ms(samples), _median_ms(raw)
    return {
        "save_assessment_ms": save_ms,
        "raw_sqlite_commit_ms": raw_ms,
        "save_assessment_ratio": save_ms / raw_ms,
    }


def bench_lookup(folder: Path) -> dict[str, float]:
    url = f"sqlite:///{folder / 'lookup.sqlite3'}"
    db = Database.create(url)
    accounts.initialise(db, "admin", PW, unit_name="Enhet")
    admin = accounts.sign_in(db, "admin", PW)
    accounts.add_user(admin, "anna", PW, "caseworker", unit="Enhet")
    ctx = accounts.sign_in(db, "anna", PW)
    rng = random.Random(2)
    numbers = []
    today = date.today()
    individuals, case_rows = [], []
    for i in range(50_000):
        number = demo.personnummer(rng, today).replace("-", "")
        numbers.append(number)
        iid, cid = new_id(), new_id()
        individuals.append(
            {
                "id": iid,
                "name_enc": ctx.seal("individuals", "name_enc", iid, f"Person {i}"),
                "pnr_enc": ctx.seal("individuals", "pnr_enc", iid, number),
                "pnr_index": cases.pnr_index(ctx, number),
                "protection_level": "none",
                "version": 1,
                "created_at": utcnow(),
                "updated_at": utcnow(),
            }
        )
        case_rows.append(
            {
                "id": cid,
                "case_ref": f"AV-2026-{i + 1:05d}",
                "individual_id": iid,
                "status": "open",
                "assigned_user_id": ctx.user_id,
                "unit_id": ctx.unit_id,
                "opened_on": today,
                "last_entry_at": utcnow(),
                "version": 1,
                "created_at": utcnow(),
                "updated_at": utcnow(),
            }
        )
    with db.session() as session:
        session.execute(insert(Individual), individuals)
        session.execute(insert(Case), case_rows)
    probes = rng.sample(numbers, 50)
    ws = Workspace(ctx)
    ws.cases.find_by_personnummer(probes[0])  # warm-up
    samples = []
    for number in probes:
        start = time.perf_counter()
        found = ws.cases.find_by_personnummer(number)
        samples.append(time.perf_counter() - start)
        assert len(found) >= 1
    db.dispose()
    return {"pnr_lookup_50k_ms": _median_ms(samples)}


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return {**bench_save(folder), **bench_lookup(folder)}
