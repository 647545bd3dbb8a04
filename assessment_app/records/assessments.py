"""Assessments (kartläggningar): answers and per-area ratings, pinned to a template version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assessment_app import audit, bounds
from assessment_app.db.models import Assessment
from assessment_app.db.types import new_id, utcnow
from assessment_app.errors import ValidationError

if TYPE_CHECKING:
    from assessment_app.templates import Template
    from assessment_app.workspace.unit import UnitOfWork

KINDS = ("initial", "follow_up")
RATING_FLAGS = ("urgent", "not_relevant", "not_answered")


@dataclass
class AssessmentInfo:
    id: str
    case_id: str
    kind: str
    template_id: str
    template_version: int
    status: str
    conducted_on: date
    completed_at: datetime | None
    answers: dict[str, Any]
    ratings: dict[str, dict[str, Any]]
    version: int
    damaged: bool = False


def validate_ratings(ratings: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Ratings are 0–4 or absent; flags are kept distinct from 0."""
    clean: dict[str, dict[str, Any]] = {}
    for area_id, rating in ratings.items():
        entry: dict[str, Any] = {}
        for who in ("own", "worker"):
            value = rating.get(who)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 4
            ):
                raise ValidationError(
                    f"Rating {who} for area {area_id} must be 0–4 or empty.",
                    f"Skattningen för området {area_id} ska vara 0–4 eller tom.",
                )
            entry[who] = value
        entry["reason"] = str(rating.get("reason") or "")
        bounds.check(
            entry["reason"], bounds.FREE_TEXT, "A rating's comment", "En skattnings kommentar"
        )
        flags = sorted(set(rating.get("flags") or ()))
        unknown = set(flags) - set(RATING_FLAGS)
        if unknown:
            raise ValidationError(
                f"Unknown flags {sorted(unknown)} for area {area_id}.",
                f"Okända markeringar {sorted(unknown)} för området {area_id}.",
            )
        entry["flags"] = flags
        clean[area_id] = entry
    return clean


def info_of(uow: UnitOfWork, a: Assessment) -> AssessmentInfo:
    answers = uow.open("assessments", "answers_enc", a.id, a.answers_enc, None)
    ratings = uow.open("assessments", "ratings_enc", a.id, a.ratings_enc, None)
    damaged = not isinstance(answers, dict) or not isinstance(ratings, dict)
    return AssessmentInfo(
        a.id,
        a.case_id,
        a.kind,
        a.template_id,
        a.template_version,
        a.status,
        a.conducted_on,
        a.completed_at,
        answers if isinstance(answers, dict) else {},
        ratings if isinstance(ratings, dict) else {},
        a.version,
        damaged,
    )


def start_assessment(
    uow: UnitOfWork,
    case_id: str,
    template_id: str,
    template_version: int,
    *,
    kind: str = "initial",
    conducted_on: date | None = None,
) -> AssessmentInfo:
    if kind not in KINDS:
        raise ValidationError(
            f"Unknown assessment kind {kind!r}.", f"Okänd typ av kartläggning {kind!r}."
        )
    case = uow.case(case_id=case_id)
    a = Assessment(
        id=new_id(),
        case_id=case.id,
        kind=kind,
        template_id=template_id,
        template_version=template_version,
        status="in_progress",
        conducted_on=conducted_on or date.today(),
        created_by=uow.ctx.user_id,
        updated_by=uow.ctx.user_id,
    )
    a.answers_enc = uow.seal("assessments", "answers_enc", a.id, {})
    a.ratings_enc = uow.seal("assessments", "ratings_enc", a.id, {})
    uow.session.add(a)
    uow.audit(
        audit.RECORD_CREATE,
        object_type="assessment",
        object_id=a.id,
        detail=f"{kind} {template_id} v{template_version}",
    )
    uow.session.flush()
    return AssessmentInfo(
        a.id,
        a.case_id,
        kind,
        template_id,
        template_version,
        a.status,
        a.conducted_on,
        None,
        {},
        {},
        a.version,
    )


def get_assessment(uow: UnitOfWork, assessment_id: str) -> AssessmentInfo:
    a, _case = uow.record(Assessment, assessment_id, "assessment")
    return info_of(uow, a)


def list_assessments(uow: UnitOfWork, case_id: str) -> list[AssessmentInfo]:
    case = uow.case(case_id=case_id)
    rows = uow.session.execute(
        select(Assessment)
        .where(Assessment.case_id == case.id)
        .order_by(Assessment.conducted_on, Assessment.created_at)
    ).scalars()
    return [info_of(uow, a) for a in rows]


def save_assessment(
    uow: UnitOfWork,
    assessment_id: str,
    expected_version: int,
    answers: Mapping[str, Any],
    ratings: Mapping[str, Mapping[str, Any]],
    *,
    complete: bool = False,
    template: Template | None = None,
) -> AssessmentInfo:
    """Save answers and ratings; with ``complete`` the template's completion rules must hold."""
    bounds.check_answers(answers)
    clean_ratings = validate_ratings(ratings)
    a, _case = uow.record(Assessment, assessment_id, "assessment")
    uow.check_version(a, expected_version, "assessment", a.id, ["answers", "ratings"])
    if a.status == "complete" and not complete:
        raise ValidationError(
            "This assessment is completed and can no longer be changed; start a follow-up.",
            "Kartläggningen är avslutad och kan inte ändras; gör en uppföljning i stället.",
        )
    template = _template_of(a, template)
    if complete:
        _check_complete(a, answers, clean_ratings, template)
        a.status = "complete"
        a.completed_at = utcnow()
    _raise_urgent(uow, a, template, answers, clean_ratings)
    a.answers_enc = uow.seal("assessments", "answers_enc", a.id, dict(answers))
    a.ratings_enc = uow.seal("assessments", "ratings_enc", a.id, clean_ratings)
    a.updated_by = uow.ctx.user_id
    uow.audit(
        audit.RECORD_UPDATE,
        object_type="assessment",
        object_id=a.id,
        detail="completed" if complete else "saved",
    )
    uow.session.flush()
    return AssessmentInfo(
        a.id,
        a.case_id,
        a.kind,
        a.template_id,
        a.template_version,
        a.status,
        a.conducted_on,
        a.completed_at,
        dict(answers),
        clean_ratings,
        a.version,
    )


def _template_of(a: Assessment, template: Template | None) -> Template:
    from assessment_app.templates import default_registry

    if template is None:
        return default_registry().get(a.template_id, a.template_version)
    if (template.id, template.version) != (a.template_id, a.template_version):
        raise ValidationError(
            "The assessment was made with another template version.",
            "Kartläggningen gjordes med en annan version av frågemallen.",
        )
    return template


def _raise_urgent(
    uow: UnitOfWork,
    a: Assessment,
    template: Template,
    answers: Mapping[str, Any],
    ratings: dict[str, dict[str, Any]],
) -> None:
    """Whatever is urgent in what was just saved becomes an urgent flag (an event)."""
    from assessment_app.records import urgent
    from assessment_app.templates import AreaRating, evaluate

    result = evaluate(template, answers, {k: AreaRating(**v) for k, v in ratings.items()})
    urgent.raise_flags(uow, a.case_id, a.id, urgent.sources_of(result, ratings))


def _check_complete(
    a: Assessment,
    answers: Mapping[str, Any],
    ratings: Mapping[str, Mapping[str, Any]],
    template: Template,
) -> None:
    from assessment_app.templates import AreaRating, evaluate

    result = evaluate(template, answers, {k: AreaRating(**v) for k, v in ratings.items()})
    if not result.can_complete:
        missing, wrong = len(result.missing_required), len(result.violations)
        unrated, reasons = len(result.unrated_areas), len(result.missing_reasons)
        raise ValidationError(
            "The assessment cannot be completed yet: "
            f"{missing} required answers missing, {wrong} answers to correct, "
            f"{unrated} areas without the worker's rating (or a flag), "
            f"{reasons} ratings without a reason.",
            "Kartläggningen kan inte avslutas än: "
            f"{missing} obligatoriska svar saknas, {wrong} svar behöver rättas, "
            f"{unrated} områden saknar handläggarens skattning (eller markering), "
            f"{reasons} skattningar saknar motivering.",
        )
