"""Small builders shared by the server-mode tests, through the workspace."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from assessment_app.records import assessments, cases, plans
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.templates import default_registry
from assessment_app.workspace import Saved, Workspace
from assessment_app.workspace.interview import AssessmentEdit

TEMPLATE = "kartlaggning-avhopp"

T = TypeVar("T")


def saved(result: object) -> Any:
    """The value of a save that must have been stored (anything else fails the test)."""
    assert isinstance(result, Saved), result
    return result.value


def save_content(ws: Workspace, plan: plans.PlanInfo, content: PlanContent) -> plans.PlanInfo:
    info: plans.PlanInfo = saved(ws.plans.save(PlanEdit(plan, content)))
    return info


def case_with_plan(ws: Workspace, name: str = "Nils Holm") -> tuple[cases.CaseRow, plans.PlanInfo]:
    row = ws.cases.create(name=name, opened_on=date(2026, 1, 10))
    plan = ws.plans.create(row.id)
    plan = save_content(ws, plan, PlanContent([plans.Goal("housing", "Eget boende")], []))
    return row, plan


def rated(
    ws: Workspace,
    case_id: str,
    ratings: dict[str, dict[str, Any]],
    *,
    answers: dict[str, Any] | None = None,
    kind: str = "initial",
    on: date = date(2026, 2, 1),
) -> assessments.AssessmentInfo:
    """An assessment conducted on ``on`` (the use case starts one today), saved with these
    answers and ratings through the workspace."""
    version = default_registry().latest(TEMPLATE).version
    with ws.write() as uow:
        a = assessments.start_assessment(
            uow, case_id, TEMPLATE, version, kind=kind, conducted_on=on
        )
    done = saved(ws.interviews.save(AssessmentEdit.of(a, answers or {}, ratings)))
    info: assessments.AssessmentInfo = done.info
    return info
