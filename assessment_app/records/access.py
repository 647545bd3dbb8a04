"""Access rules, applied inside the queries (not only in the screens).

The use-case layer's unit of work (:mod:`assessment_app.workspace.unit`) reaches cases only
through :func:`case_filter`, and its rules refuse a write to a case not reached that way.

- caseworker: cases assigned to them and cases shared with them;
- supervisor: every case of their unit;
- administrator: no case content (they manage accounts, units and keys).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import Session

from assessment_app.context import Context
from assessment_app.db.models import Case, CaseShare, User, Versioned
from assessment_app.errors import NotFoundError, StaleEditError


def case_filter(ctx: Context) -> ColumnElement[bool]:
    if ctx.role == "caseworker":
        shared = select(CaseShare.case_id).where(CaseShare.user_id == ctx.user_id)
        return or_(Case.assigned_user_id == ctx.user_id, Case.id.in_(shared))
    if ctx.role == "supervisor" and ctx.unit_id is not None:
        return Case.unit_id == ctx.unit_id
    return false()


def not_found(what: str = "case") -> NotFoundError:
    sv = {
        "case": "ärendet",
        "plan": "planen",
        "assessment": "kartläggningen",
        "consent": "samtycket",
        "follow-up": "uppföljningen",
    }.get(what, what)
    return NotFoundError(
        f"The {what} was not found, or you do not have access to it.",
        f"Hittade inte {sv}, eller så har du inte behörighet till det.",
    )


def accessible_case(
    session: Session, ctx: Context, *, case_id: str | None = None, case_ref: str | None = None
) -> Case:
    query = select(Case).where(case_filter(ctx))
    if case_id is not None:
        query = query.where(Case.id == case_id)
    elif case_ref is not None:
        query = query.where(Case.case_ref == case_ref.strip().upper())
    else:
        raise ValueError("case_id or case_ref")
    case = session.execute(query).scalar_one_or_none()
    if case is None:
        raise not_found()
    return case


def check_version(
    session: Session,
    row: Versioned,
    expected: int,
    record_type: str,
    record_id: str,
    changed_fields: list[str] | None = None,
) -> None:
    """Raise :class:`StaleEditError` if the row changed since the caller loaded ``expected``."""
    if row.version == expected:
        return
    who = None
    if row.updated_by:
        who = session.execute(select(User.username).where(User.id == row.updated_by)).scalar()
    raise StaleEditError(
        record_type,
        record_id,
        expected,
        row.version,
        who,
        row.updated_at.strftime("%Y-%m-%d %H:%M UTC") if row.updated_at else None,
        changed_fields,
    )
