"""After `demo`, no name or personnummer is found in the raw SQLite file or in pg_dump."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from assessment_app import demo
from assessment_app.db.models import Individual
from assessment_app.records.cases import CaseQuery
from tests.conftest import IN_CI, World, make_world


def secrets_of(world: World) -> set[str]:
    """Every name part, personnummer (in all shapes) and street address the demo stored."""
    chef = world.workspace("chef")
    found: set[str] = set()
    for row in chef.cases.page(CaseQuery(), limit=10_000).rows:
        ind = chef.cases.open(row.id).individual
        found.update(p for p in re.split(r"[\s\-]+", ind.name) if len(p) >= 4)
        if ind.personnummer:
            p = ind.personnummer
            found.update({p, p[2:], f"{p[:8]}-{p[8:]}", f"{p[2:8]}-{p[8:]}"})
        if ind.contact.address:
            found.add(ind.contact.address)
    return found


def raw_hits(blob: bytes, needles: set[str]) -> list[str]:
    lowered = blob.lower()
    return sorted(
        n
        for n in needles
        if n.lower().encode() in lowered or n.lower().encode("utf-16-le") in lowered
    )


def populate(world: World, count: int = 12) -> None:
    refs = list(demo.generate(world.workspace("chef"), count, seed=7))
    assert len(refs) == count


def test_sqlite_file_holds_no_personal_data(sqlite_world: World, tmp_path: Path) -> None:
    populate(sqlite_world)
    needles = secrets_of(sqlite_world)
    assert len(needles) > 30
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("records.sqlite3*"))
    assert raw_hits(raw, needles) == []


@pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
def test_pg_dump_holds_no_personal_data(server_database: str) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        if IN_CI:
            pytest.fail("CI requires pg_dump")
        pytest.skip("pg_dump is not installed")
    world = make_world(server_database)
    populate(world)
    needles = secrets_of(world)
    url = server_database.replace("postgresql+psycopg://", "postgresql://")
    dump = subprocess.run(
        [pg_dump, "--data-only", url],
        capture_output=True,
        check=True,
        env={**os.environ, "PGCONNECT_TIMEOUT": "10"},
    ).stdout
    assert b"COPY public.individuals" in dump
    assert raw_hits(dump, needles) == []


def test_personnummer_only_as_blind_index(sqlite_world: World) -> None:
    populate(sqlite_world, 3)
    db = sqlite_world.db()
    with db.sessions() as session:
        for ind in session.execute(select(Individual)).scalars():
            assert ind.pnr_index is None or re.fullmatch(r"[0-9a-f]{32}", ind.pnr_index)
    db.dispose()
