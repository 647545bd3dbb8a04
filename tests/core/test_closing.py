"""Closing a case: a caseworker closes it, or, where the unit's setting says closing is a
supervisor's decision, asks for it; the supervisor approves or refuses with a reason."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assessment_app.errors import AccessDeniedError, ValidationError
from tests.conftest import World


def _rules(tmp_path, monkeypatch, **rules):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(path))


def test_a_caseworker_closes_when_no_decision_is_needed(world: World) -> None:
    anna = world.workspace("anna")
    row = anna.cases.create(name="Klar Person")
    case = anna.cases.open(row.id)
    with pytest.raises(ValidationError):
        anna.cases.close(row.id, case.version, "  ")  # say why
    assert anna.cases.close(row.id, case.version, "Målen uppnådda", date(2026, 5, 1)) == "closed"
    closed = anna.cases.open(row.id)
    assert closed.status == "closed" and closed.closed_on == date(2026, 5, 1)


def test_closing_needs_the_supervisors_decision_where_the_unit_says_so(
    world: World, tmp_path, monkeypatch
) -> None:
    _rules(tmp_path, monkeypatch, units={"Enhet Nord": {"close_requires_supervisor": True}})
    anna, chef = world.workspace("anna"), world.workspace("chef")
    row = anna.cases.create(name="Nästan Klar")
    case = anna.cases.open(row.id)
    status = anna.cases.close(row.id, case.version, "Flyttar", date(2026, 5, 1))
    assert status == "close_requested"
    requested = anna.cases.open(row.id)
    assert requested.status == "close_requested" and requested.closed_on is None
    assert requested.close_reason == "Flyttar"
    with pytest.raises(AccessDeniedError):
        anna.cases.decide_close(row.id, requested.version, approve=True)
    queue = chef.review.queue()
    assert [r.case_ref for r in queue.close_requests] == [row.case_ref]
    assert queue.close_requests[0].requested_by == "anna"
    with pytest.raises(ValidationError):
        chef.cases.decide_close(row.id, requested.version, approve=False)  # say why not
    chef.cases.decide_close(row.id, requested.version, approve=False, comment="Planen pågår")
    refused = anna.cases.open(row.id)
    assert refused.status == "open" and refused.close_reason is None
    # asked again, and approved: closed on the date asked for
    status = anna.cases.close(row.id, refused.version, "Flyttar nu", date(2026, 6, 1))
    again = chef.cases.open(row.id)
    chef.cases.decide_close(row.id, again.version, approve=True)
    done = anna.cases.open(row.id)
    assert done.status == "closed" and done.closed_on == date(2026, 6, 1)
    assert chef.review.queue().close_requests == []
    # a supervisor closes directly
    other = anna.cases.create(name="Annan Person")
    chef_case = chef.cases.open(other.id)
    assert chef.cases.close(other.id, chef_case.version, "Avslutas av chef") == "closed"
