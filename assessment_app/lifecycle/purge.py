"""Deleting every row of one case, table by table, inside the caller's transaction.

The order respects the foreign keys on every backend, so nothing relies on ``ON DELETE
CASCADE`` (MariaDB and SQLite enforce it differently). :data:`CASE_TABLES` names every table
that holds case data; a test compares it with the schema so a new table is not forgotten.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    Case,
    CaseShare,
    Consent,
    ConsentDocument,
    Draft,
    FollowUp,
    Individual,
    NameToken,
    PlanAction,
    PlanGoal,
    PlanReview,
    SafetyPlan,
    SafetyPlanReview,
    UrgentFlag,
)

CASE_TABLES: tuple[str, ...] = (
    "drafts",
    "urgent_flags",
    "safety_plan_reviews",
    "safety_plans",
    "plan_actions",
    "plan_goals",
    "plan_reviews",
    "follow_ups",
    "action_plans",
    "assessments",
    "consent_documents",
    "consents",
    "case_shares",
    "cases",
    "name_tokens",
    "individuals",
)


def _ids(
    session: Session, column: InstrumentedAttribute[str], where: ColumnElement[bool]
) -> list[str]:
    return list(session.execute(select(column).where(where)).scalars())


def purge_case(session: Session, case_id: str) -> bool:
    """Delete the case and all its rows; the individual too when no other case refers to them.

    Returns whether the individual was deleted. Audit entries are left alone: they hold ids
    and action codes only, and the chain must stay whole.
    """
    individual_id = session.execute(select(Case.individual_id).where(Case.id == case_id)).scalar()
    if individual_id is None:
        return False
    plan_ids = _ids(session, ActionPlan.id, ActionPlan.case_id == case_id)
    assessment_ids = _ids(session, Assessment.id, Assessment.case_id == case_id)
    consent_ids = _ids(session, Consent.id, Consent.case_id == case_id)
    follow_up_ids = _ids(session, FollowUp.id, FollowUp.case_id == case_id)
    safety_ids = _ids(session, SafetyPlan.id, SafetyPlan.case_id == case_id)
    owned = [case_id, *plan_ids, *assessment_ids, *consent_ids, *follow_up_ids, *safety_ids]
    # A draft names its case, or only the object it edits (an assessment, a plan).
    statements = [
        delete(Draft).where(or_(Draft.case_id == case_id, Draft.object_id.in_(owned))),
        delete(PlanAction).where(PlanAction.plan_id.in_(plan_ids)),
        delete(PlanGoal).where(PlanGoal.plan_id.in_(plan_ids)),
        delete(PlanReview).where(PlanReview.plan_id.in_(plan_ids)),
        delete(FollowUp).where(FollowUp.case_id == case_id),
        delete(UrgentFlag).where(UrgentFlag.case_id == case_id),
        delete(SafetyPlanReview).where(SafetyPlanReview.case_id == case_id),
        delete(SafetyPlan).where(SafetyPlan.case_id == case_id),
        delete(ActionPlan).where(ActionPlan.case_id == case_id),
        delete(Assessment).where(Assessment.case_id == case_id),
        delete(ConsentDocument).where(ConsentDocument.case_id == case_id),
        delete(Consent).where(Consent.case_id == case_id),
        delete(CaseShare).where(CaseShare.case_id == case_id),
        delete(Case).where(Case.id == case_id),
    ]
    for statement in statements:
        session.execute(statement.execution_options(synchronize_session=False))
    others = session.execute(
        select(func.count()).select_from(Case).where(Case.individual_id == individual_id)
    ).scalar_one()
    if others:
        return False
    for statement in (
        delete(NameToken).where(NameToken.individual_id == individual_id),
        delete(Individual).where(Individual.id == individual_id),
    ):
        session.execute(statement.execution_options(synchronize_session=False))
    return True
