"""Small builders shared by the server-mode tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from assessment_app.context import Context
from assessment_app.records import assessments, cases, plans
from assessment_app.templates import default_registry

TEMPLATE = "kartlaggning-avhopp"


def case_with_plan(ctx: Context, name: str = "Nils Holm") -> tuple[cases.CaseRow, plans.PlanInfo]:
    row = cases.create_case(ctx, name=name, opened_on=date(2026, 1, 10))
    plan = plans.create_plan(ctx, row.id, goals=[plans.Goal("housing", "Eget boende")])
    return row, plan


def rated(
    ctx: Context,
    case_id: str,
    ratings: dict[str, dict[str, Any]],
    *,
    answers: dict[str, Any] | None = None,
    kind: str = "initial",
    on: date = date(2026, 2, 1),
) -> assessments.AssessmentInfo:
    version = default_registry().latest(TEMPLATE).version
    a = assessments.start_assessment(ctx, case_id, TEMPLATE, version, kind=kind, conducted_on=on)
    return assessments.save_assessment(ctx, a.id, a.version, answers or {}, ratings)
