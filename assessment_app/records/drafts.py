"""Autosaved drafts: encrypted work in progress, one slot per user, kind and object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from assessment_app.context import Context
from assessment_app.db.models import Draft
from assessment_app.db.types import new_id, utcnow


@dataclass(frozen=True)
class DraftInfo:
    id: str
    kind: str
    object_id: str | None
    case_id: str | None
    payload: dict[str, Any]
    updated_at: datetime


def save_draft(
    ctx: Context,
    kind: str,
    object_id: str | None,
    payload: dict[str, Any],
    *,
    case_id: str | None = None,
) -> None:
    """Upsert the draft for (this user, kind, object). Last write wins: it is one person's draft."""
    with ctx.transaction() as session:
        draft = session.execute(
            select(Draft).where(
                Draft.user_id == ctx.user_id, Draft.kind == kind, Draft.object_id == object_id
            )
        ).scalar_one_or_none()
        if draft is None:
            draft = Draft(
                id=new_id(),
                user_id=ctx.user_id,
                kind=kind,
                object_id=object_id,
                case_id=case_id,
                payload_enc=b"",
                updated_by=ctx.user_id,
            )
            session.add(draft)
        draft.payload_enc = ctx.seal("drafts", "payload_enc", draft.id, payload)
        draft.updated_at = utcnow()


def list_drafts(ctx: Context) -> list[DraftInfo]:
    with ctx.transaction() as session:
        rows = session.execute(
            select(Draft).where(Draft.user_id == ctx.user_id).order_by(Draft.updated_at.desc())
        ).scalars()
        result = []
        for d in rows:
            payload = ctx.open_or(session, "drafts", "payload_enc", d.id, d.payload_enc, None)
            if isinstance(payload, dict):
                result.append(
                    DraftInfo(d.id, d.kind, d.object_id, d.case_id, payload, d.updated_at)
                )
        return result


def load_draft(ctx: Context, kind: str, object_id: str | None) -> DraftInfo | None:
    return next((d for d in list_drafts(ctx) if d.kind == kind and d.object_id == object_id), None)


def discard_draft(ctx: Context, kind: str, object_id: str | None) -> None:
    with ctx.transaction() as session:
        for d in session.execute(
            select(Draft).where(
                Draft.user_id == ctx.user_id, Draft.kind == kind, Draft.object_id == object_id
            )
        ).scalars():
            session.delete(d)
