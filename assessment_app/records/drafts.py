"""Autosaved drafts: encrypted work in progress, one slot per user, kind and object.

One format for every draft (:class:`DraftPayload`): the version of the record the work was
based on, the content in the record's own edit shape, and when it was saved. The same payload
is kept on this computer while the server is away (:mod:`assessment_app.server.local_drafts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, or_, select

from assessment_app.db.models import Draft
from assessment_app.db.types import new_id, utcnow

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

FORMAT = 2
CONFLICT_SUFFIX = "~local"  # a copy kept on this computer that met a newer draft on the server


@dataclass(frozen=True)
class DraftPayload:
    base_version: int | None
    content: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "base_version": self.base_version, "content": self.content}

    @classmethod
    def from_json(cls, data: object) -> DraftPayload:
        """Read this format, and the two shapes of earlier versions (fields at the top level,
        the base under ``base_version`` or ``expected_version``)."""
        d = data if isinstance(data, dict) else {}
        base = d.get("base_version", d.get("expected_version"))
        base_version = base if isinstance(base, int) and not isinstance(base, bool) else None
        if d.get("format") == FORMAT and isinstance(d.get("content"), dict):
            return cls(base_version, dict(d["content"]))
        legacy = {
            k: v
            for k, v in d.items()
            if k not in ("base_version", "expected_version", "_local_saved_at", "format")
        }
        return cls(base_version, legacy)


@dataclass(frozen=True)
class DraftInfo:
    id: str
    kind: str
    object_id: str | None
    case_id: str | None
    payload: DraftPayload
    updated_at: datetime


def save_draft(
    uow: UnitOfWork,
    kind: str,
    object_id: str | None,
    payload: DraftPayload,
    *,
    case_id: str | None = None,
    saved_at: datetime | None = None,
) -> None:
    """Upsert the draft for (this user, kind, object). Last write wins: it is one person's draft."""
    ctx, session = uow.ctx, uow.session
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
    draft.payload_enc = uow.seal("drafts", "payload_enc", draft.id, payload.to_json())
    draft.base_version = payload.base_version
    draft.updated_at = saved_at or utcnow()


def _info(uow: UnitOfWork, d: Draft) -> DraftInfo | None:
    raw = uow.open("drafts", "payload_enc", d.id, d.payload_enc, None)
    if not isinstance(raw, dict):
        return None
    return DraftInfo(
        d.id, d.kind, d.object_id, d.case_id, DraftPayload.from_json(raw), d.updated_at
    )


def list_drafts(uow: UnitOfWork) -> list[DraftInfo]:
    rows = uow.session.execute(
        select(Draft).where(Draft.user_id == uow.ctx.user_id).order_by(Draft.updated_at.desc())
    ).scalars()
    return [info for d in rows if (info := _info(uow, d)) is not None]


def drafts_for(uow: UnitOfWork, object_id: str, kinds: Sequence[str]) -> dict[str, DraftInfo]:
    """This user's drafts of one record, by kind (one statement)."""
    rows = uow.session.execute(
        select(Draft).where(
            Draft.user_id == uow.ctx.user_id,
            Draft.object_id == object_id,
            Draft.kind.in_(list(kinds)),
        )
    ).scalars()
    return {d.kind: info for d in rows if (info := _info(uow, d)) is not None}


def load_draft(uow: UnitOfWork, kind: str, object_id: str | None) -> DraftInfo | None:
    if object_id is None:
        return next((d for d in list_drafts(uow) if d.kind == kind and d.object_id is None), None)
    return drafts_for(uow, object_id, [kind]).get(kind)


def discard_draft(
    uow: UnitOfWork,
    kinds: str | Sequence[str],
    object_id: str | None,
    *,
    base_version: int | None = None,
) -> None:
    """Remove this user's drafts of these kinds for the object (one statement). With
    ``base_version``, only a draft made from that version (or from no known one) goes: a save
    replaces the draft it was made from, and an older draft stays to be offered."""
    wanted = [kinds] if isinstance(kinds, str) else list(kinds)
    query = delete(Draft).where(
        Draft.user_id == uow.ctx.user_id,
        Draft.kind.in_(wanted),
        Draft.object_id == object_id,
    )
    if base_version is not None:
        query = query.where(or_(Draft.base_version == base_version, Draft.base_version.is_(None)))
    uow.session.execute(query)
