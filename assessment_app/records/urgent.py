"""Urgent flags as events.

An urgent answer ("skydd behövs i natt", suicidal thoughts now, nowhere to sleep tonight,
children unsafe) or a worker's "akut" mark on an area raises a flag when the assessment is
saved. The flag alerts the unit's supervisor at once (review queue and badge) and stays open
until someone records what was done: who, when, what (contacted the police, emergency housing,
healthcare ...). A flag open longer than the installation's escalation time is escalated (shown
first and in red; nothing runs in the background to do it). Handled flags stay in the history.
The same question raises one flag at a time: a new one only after the earlier one is handled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assessment_app import audit, bounds
from assessment_app.crypto import blind_index
from assessment_app.db.models import Case, UrgentFlag, User
from assessment_app.db.types import new_id
from assessment_app.errors import ValidationError
from assessment_app.records.access import case_filter

if TYPE_CHECKING:
    from assessment_app.context import Context
    from assessment_app.templates.engine import EngineResult
    from assessment_app.workspace.unit import UnitOfWork

# What was done, as codes (labels in the screens); "other" needs a note.
ACTIONS = (
    "police_contacted",
    "emergency_housing",
    "healthcare_contacted",
    "child_welfare_report",
    "safety_planning",
    "talked_with_person",
    "other",
)
RATING_SOURCE = "rating"  # the worker marked the whole area "akut"
DEFAULT_ESCALATION_HOURS = 24


@dataclass(frozen=True)
class UrgentSource:
    """Where an urgency comes from: an area and a question (or the area's rating)."""

    area_id: str
    question_id: str  # RATING_SOURCE for the worker's mark on the area
    message_sv: str
    message_en: str

    def message(self, language: str) -> str:
        return self.message_sv if language == "sv" else self.message_en


@dataclass(frozen=True)
class UrgentFlagInfo:
    id: str
    case_id: str
    case_ref: str
    assessment_id: str | None
    area_id: str
    question_id: str
    message_sv: str
    message_en: str
    status: str  # open | handled
    raised_at: datetime
    raised_by: str | None  # user name
    handled_at: datetime | None
    handled_by: str | None  # user name
    actions: tuple[str, ...]
    note: str
    version: int
    escalated: bool
    damaged: bool = False

    @property
    def open(self) -> bool:
        return self.status == "open"

    def message(self, language: str) -> str:
        return self.message_sv if language == "sv" else self.message_en


def sources_of(result: EngineResult, ratings: dict[str, dict[str, Any]]) -> list[UrgentSource]:
    """What is urgent in an evaluated assessment: urgent answers, and areas marked "akut"."""
    found = [
        UrgentSource(u.area_id, u.question_id, u.message.text("sv"), u.message.text("en"))
        for u in result.urgent
    ]
    for area_id, rating in ratings.items():
        if "urgent" in (rating.get("flags") or ()):
            found.append(
                UrgentSource(
                    area_id,
                    RATING_SOURCE,
                    "Handläggaren har markerat området som akut",
                    "The worker marked the area as urgent",
                )
            )
    return found


def _token(uow: UnitOfWork, case_id: str, source: UrgentSource) -> str:
    return flag_token(uow.ctx, case_id, source.area_id, source.question_id)


def flag_token(ctx: Context, case_id: str, area_id: str, question_id: str) -> str:
    """The blind index that finds the open flag of the same question of a case again."""
    key = f"{case_id}\x1f{area_id}\x1f{question_id}"
    return blind_index.token(ctx.keys.index_key, "urgent", key).hex()


def raise_flags(
    uow: UnitOfWork, case_id: str, assessment_id: str | None, sources: Iterable[UrgentSource]
) -> list[str]:
    """Raise a flag for each source that has no open flag on the case yet (one query, and
    only when something is urgent). Returns the new flags' ids."""
    wanted = {_token(uow, case_id, s): s for s in sources}
    if not wanted:
        return []
    open_tokens = set(
        uow.session.execute(
            select(UrgentFlag.key_token).where(
                UrgentFlag.case_id == case_id, UrgentFlag.status == "open"
            )
        ).scalars()
    )
    created = []
    for token, source in wanted.items():
        if token in open_tokens:
            continue
        flag = UrgentFlag(
            id=new_id(),
            case_id=case_id,
            assessment_id=assessment_id,
            key_token=token,
            status="open",
            raised_at=uow.now,
            raised_by=uow.ctx.user_id,
            updated_by=uow.ctx.user_id,
            details_enc=b"",
        )
        flag.details_enc = uow.seal(
            "urgent_flags",
            "details_enc",
            flag.id,
            {
                "area_id": source.area_id,
                "question_id": source.question_id,
                "message_sv": source.message_sv,
                "message_en": source.message_en,
            },
        )
        uow.session.add(flag)
        uow.audit(audit.URGENT_RAISED, object_type="urgent_flag", object_id=flag.id)
        created.append(flag.id)
    return created


def handle(
    uow: UnitOfWork,
    flag_id: str,
    expected_version: int,
    actions: Iterable[str],
    note: str = "",
    handled_at: datetime | None = None,
) -> None:
    """Record what was done; the flag is closed (and stays in the history)."""
    bounds.check(note, bounds.FREE_TEXT, "The note", "Anteckningen")
    chosen = sorted(set(actions))
    if not chosen:
        raise ValidationError(
            "Say what was done about the urgent flag.", "Ange vad som har gjorts åt det akuta."
        )
    unknown = set(chosen) - set(ACTIONS)
    if unknown:
        raise ValidationError(
            f"Unknown actions {sorted(unknown)}.", f"Okända åtgärder {sorted(unknown)}."
        )
    if "other" in chosen and not note.strip():
        raise ValidationError("Describe what else was done.", "Beskriv vad annat som har gjorts.")
    flag, _case = uow.record(UrgentFlag, flag_id, "urgent flag")
    uow.check_version(flag, expected_version, "urgent flag", flag.id, ["status"])
    if flag.status != "open":
        raise ValidationError(
            "The urgent flag has already been handled.", "Det akuta är redan hanterat."
        )
    when = handled_at or uow.now
    if when < flag.raised_at - timedelta(days=1) or when > uow.now + timedelta(minutes=5):
        raise ValidationError(
            "The time it was handled must be between when it was raised and now.",
            "Tiden för åtgärden ska ligga mellan när det akuta uppstod och nu.",
        )
    flag.status = "handled"
    flag.handled_at = when
    flag.handled_by = uow.ctx.user_id
    flag.updated_by = uow.ctx.user_id
    flag.handling_enc = uow.seal(
        "urgent_flags", "handling_enc", flag.id, {"actions": chosen, "note": note.strip()}
    )
    uow.audit(
        audit.URGENT_HANDLED, object_type="urgent_flag", object_id=flag.id, detail=",".join(chosen)
    )


def _info(
    uow: UnitOfWork,
    f: UrgentFlag,
    case_ref: str,
    names: dict[str, str],
    escalate_after: timedelta,
) -> UrgentFlagInfo:
    d = uow.open("urgent_flags", "details_enc", f.id, f.details_enc, None)
    damaged = not isinstance(d, dict)
    details = d if isinstance(d, dict) else {}
    h = uow.open("urgent_flags", "handling_enc", f.id, f.handling_enc, {})
    handling = h if isinstance(h, dict) else {}
    escalated = f.status == "open" and uow.now - f.raised_at > escalate_after
    return UrgentFlagInfo(
        f.id,
        f.case_id,
        case_ref,
        f.assessment_id,
        str(details.get("area_id", "")),
        str(details.get("question_id", "")),
        str(details.get("message_sv", "[skadat värde]" if damaged else "")),
        str(details.get("message_en", "[damaged value]" if damaged else "")),
        f.status,
        f.raised_at,
        names.get(f.raised_by or ""),
        f.handled_at,
        names.get(f.handled_by or ""),
        tuple(str(a) for a in handling.get("actions", ())),
        str(handling.get("note", "")),
        f.version,
        escalated,
        damaged,
    )


def _names(uow: UnitOfWork, flags: list[UrgentFlag]) -> dict[str, str]:
    ids = {u for f in flags for u in (f.raised_by, f.handled_by) if u}
    if not ids:
        return {}
    rows = uow.session.execute(select(User.id, User.username).where(User.id.in_(ids))).all()
    return {user_id: name for user_id, name in rows}


def for_case(
    uow: UnitOfWork, case_id: str, *, escalate_after: timedelta | None = None
) -> list[UrgentFlagInfo]:
    """Every flag of the case, open ones first, newest first."""
    case = uow.case(case_id=case_id)
    flags = list(
        uow.session.execute(
            select(UrgentFlag)
            .where(UrgentFlag.case_id == case.id)
            .order_by(UrgentFlag.raised_at.desc())
        ).scalars()
    )
    names = _names(uow, flags)
    after = escalate_after or timedelta(hours=DEFAULT_ESCALATION_HOURS)
    infos = [_info(uow, f, case.case_ref, names, after) for f in flags]
    return sorted(infos, key=lambda i: (not i.open, -i.raised_at.timestamp()))


def open_areas(uow: UnitOfWork, case_id: str) -> set[str]:
    """The areas with an open flag in the case: one read, no names (the case screen asks this
    when it opens, to put the safety plan first). A flag whose details do not open counts for
    no area (it shows as damaged in the case's urgent list)."""
    case = uow.case(case_id=case_id)
    rows = uow.session.execute(
        select(UrgentFlag.id, UrgentFlag.details_enc).where(
            UrgentFlag.case_id == case.id, UrgentFlag.status == "open"
        )
    ).all()
    areas: set[str] = set()
    for flag_id, blob in rows:
        d = uow.open("urgent_flags", "details_enc", flag_id, blob, None)
        if isinstance(d, dict) and d.get("area_id"):
            areas.add(str(d["area_id"]))
    return areas


def open_flags(uow: UnitOfWork, *, escalate_after: timedelta | None = None) -> list[UrgentFlagInfo]:
    """The open flags of every case this user reaches (the supervisor: the unit), escalated
    first, then oldest first."""
    rows = uow.session.execute(
        select(UrgentFlag, Case.case_ref)
        .join(Case, Case.id == UrgentFlag.case_id)
        .where(UrgentFlag.status == "open", case_filter(uow.ctx))
    ).all()
    flags = [f for f, _ in rows]
    names = _names(uow, flags)
    after = escalate_after or timedelta(hours=DEFAULT_ESCALATION_HOURS)
    infos = [_info(uow, f, ref, names, after) for f, ref in rows]
    return sorted(infos, key=lambda i: (not i.escalated, i.raised_at))


def count_open(uow: UnitOfWork) -> int:
    from sqlalchemy import func

    return int(
        uow.session.execute(
            select(func.count(UrgentFlag.id))
            .join(Case, Case.id == UrgentFlag.case_id)
            .where(UrgentFlag.status == "open", case_filter(uow.ctx))
        ).scalar_one()
    )
