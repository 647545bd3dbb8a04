"""Access-log review (logguppföljning) and its CSV export, on every backend."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import AccessDeniedError, NotFoundError
from assessment_app.server import access_log
from tests.conftest import World
from tests.server.helpers import case_with_plan


def _setup(world: World) -> tuple[str, str, str]:
    anna, bo = world.workspace("anna"), world.workspace("bo")
    row, _ = case_with_plan(anna, "Åsa Hemlig")
    other, _ = case_with_plan(bo, "Bo Klient")
    anna.cases.share(row.id, ["bo"])
    anna.cases.open(row.id)
    bo.cases.open(row.id)
    bo.cases.open(other.id)
    syd_case = world.workspace("syd").cases.create(name="Syd Klient")
    return row.case_ref, other.case_ref, syd_case.case_ref


def test_supervisor_sees_who_opened_which_case(world: World) -> None:
    ref, other_ref, syd_ref = _setup(world)
    chef = world.sign_in("chef")
    page = access_log.access_log(chef, action="case.open")
    opened = {(e.username, e.case_ref) for e in page.entries}
    assert opened == {("anna", ref), ("bo", ref), ("bo", other_ref)}
    assert page.total == 3
    assert all(e.case_ref != syd_ref for e in access_log.access_log(chef, limit=1000).entries)

    by_case = access_log.access_log(chef, case_ref=ref)
    assert {e.case_ref for e in by_case.entries} == {ref}
    actions = {e.action for e in by_case.entries}
    assert {"case.create", "case.open", "record.create"} <= actions  # plan records map to the case
    by_user = access_log.access_log(chef, username="bo", action="case.")
    assert {e.username for e in by_user.entries} == {"bo"}
    assert {e.action for e in by_user.entries} <= {"case.create", "case.open", "case.update"}
    today = date.today()
    assert access_log.access_log(chef, date_from=today + timedelta(days=2)).total == 0
    assert access_log.access_log(chef, date_to=today - timedelta(days=2)).total == 0
    assert access_log.access_log(chef, date_from=today, date_to=today).total > 0
    second = access_log.access_log(chef, action="case.open", limit=2, offset=2)
    assert len(second.entries) == 1
    # Nothing personal: the client's name appears in no entry.
    assert "Åsa" not in repr(access_log.access_log(chef, limit=1000).entries)

    with pytest.raises(NotFoundError):
        access_log.access_log(chef, case_ref=syd_ref)  # another unit's case
    with pytest.raises(AccessDeniedError):
        access_log.access_log(world.sign_in("anna"))


def test_review_and_export_are_audited(world: World, tmp_path: Path) -> None:
    ref, _, _ = _setup(world)
    chef = world.sign_in("chef")
    access_log.access_log(chef, case_ref=ref)
    access_log.access_log(chef, case_ref=ref, offset=5)  # paging is not a new review
    out = tmp_path / "logg.csv"
    count = access_log.export_access_log(chef, access_log.LogFilter(case_ref=ref), out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == list(access_log.HEADER)
    assert len(rows) == count + 1 and count > 3
    assert {r[4] for r in rows[1:]} == {ref}
    assert "Ärende öppnat" in {r[2] for r in rows[1:]}
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left

    db = world.db()
    with db.sessions() as session:
        mine = list(
            session.execute(
                select(AuditEvent)
                .where(AuditEvent.user_id == chef.user_id)
                .where(AuditEvent.action.in_(("log.review", "log.export")))
                .order_by(AuditEvent.seq)
            ).scalars()
        )
    db.dispose()
    assert [e.action for e in mine] == ["log.review", "log.export"]
    assert mine[0].detail == f"case={ref}"
    assert mine[1].detail == f"{count} entries; case={ref}"
    # The review of the review shows up in the review itself.
    assert access_log.access_log(chef, action="log.")
    assert {e.action for e in access_log.access_log(chef, action="log.").entries} == {
        "log.review",
        "log.export",
    }


def test_csv_cells_cannot_become_formulas() -> None:
    assert access_log._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert access_log._cell("-1") == "'-1"
    assert access_log._cell("anna") == "anna"
    assert access_log._cell(None) == ""
