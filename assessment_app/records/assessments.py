"""Assessments (kartläggningar): answers and per-area ratings, pinned to a template version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assessment_app import audit, bounds
from assessment_app.db.models import Assessment
from assessment_app.db.types import new_id, utcnow
from assessment_app.errors import ValidationError

if TYPE_CHECKING:
    from assessment_app.templates import Template
    from assessment_app.templates.mapping import AnswerMapping
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
    instruments: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Scored instruments filled in: instrument id -> answers, total, band (see
    :func:`assessment_app.templates.instruments.result_of`)."""


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
    instruments = _open_instruments(uow, a)
    damaged = not isinstance(answers, dict) or not isinstance(ratings, dict) or instruments is None
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
        instruments or {},
    )


def _open_instruments(uow: UnitOfWork, a: Assessment) -> dict[str, dict[str, Any]] | None:
    """The stored instrument results; {} when there are none, None when damaged."""
    from assessment_app.templates.instruments import clean_results

    if a.instruments_enc is None:
        return {}
    value = uow.open("assessments", "instruments_enc", a.id, a.instruments_enc, None)
    return clean_results(value) if isinstance(value, dict) else None


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
    instruments: Mapping[str, Mapping[str, Any]] | None = None,
) -> AssessmentInfo:
    """Save answers and ratings; with ``complete`` the template's completion rules must hold.

    ``instruments`` (instrument id -> answers and sex for the cut-offs) is scored again here
    and stored with its total and band; None leaves the stored instruments as they are."""
    bounds.check_answers(answers)
    clean_ratings = validate_ratings(ratings)
    a, _case = uow.record(Assessment, assessment_id, "assessment")
    scored = None
    if instruments is not None:
        scored = validate_instruments(instruments, _open_instruments(uow, a) or {})
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
    if scored is not None:
        a.instruments_enc = uow.seal("assessments", "instruments_enc", a.id, scored)
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
        instruments=scored if scored is not None else (_open_instruments(uow, a) or {}),
    )


def validate_instruments(
    instruments: Mapping[str, Mapping[str, Any]],
    stored: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Score each instrument's answers again with the installed instrument: what is stored is
    never a total the screen computed. An unknown instrument or answer is refused, except a
    stored result kept unchanged (its instrument file may since have been removed)."""
    from assessment_app.templates.instrument_files import default_instruments
    from assessment_app.templates.instruments import result_of

    registry = default_instruments()
    clean: dict[str, dict[str, Any]] = {}
    for instrument_id, entry in instruments.items():
        version = entry.get("version")
        instrument = (
            registry.get(instrument_id, version)
            if isinstance(version, int) and not isinstance(version, bool)
            else None
        )
        answers = entry.get("answers")
        before = (stored or {}).get(instrument_id)
        if instrument is None and before is not None and _same_entry(before, entry):
            clean[instrument_id] = dict(before)
            continue
        if instrument is None or not isinstance(answers, Mapping):
            raise ValidationError(
                f"The instrument {instrument_id!r} is not installed.",
                f"Instrumentet {instrument_id!r} finns inte installerat.",
            )
        for item_id, value in answers.items():
            item = instrument.item(str(item_id))
            if item is None or not isinstance(value, str) or item.option(value) is None:
                raise ValidationError(
                    f"An answer in {instrument.id} is not one of its options.",
                    f"Ett svar i {instrument.id} är inte ett av svarsalternativen.",
                )
        sex = entry.get("sex")
        clean[instrument_id] = result_of(instrument, answers, sex if isinstance(sex, str) else None)
    return clean


def _same_entry(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ("version", "answers", "sex"))


def previous_instruments(
    uow: UnitOfWork, info: AssessmentInfo
) -> dict[str, tuple[date, dict[str, Any]]]:
    """For each instrument, its latest completely answered result in an earlier assessment of
    the same case (conducted on or before this one, this one left out): what a follow-up
    compares with. A partly filled-in result is passed over (:func:`is_complete`), as the
    comparison does."""
    from assessment_app.templates.instruments import is_complete

    this_created = select(Assessment.created_at).where(Assessment.id == info.id).scalar_subquery()
    rows = uow.session.execute(
        select(Assessment)
        .where(
            Assessment.case_id == info.case_id,
            Assessment.id != info.id,
            Assessment.instruments_enc.is_not(None),
            Assessment.conducted_on <= info.conducted_on,
            Assessment.created_at <= this_created,
        )
        .order_by(Assessment.conducted_on, Assessment.created_at)
    ).scalars()
    found: dict[str, tuple[date, dict[str, Any]]] = {}
    for a in rows:
        for instrument_id, entry in (_open_instruments(uow, a) or {}).items():
            if is_complete(entry):
                found[instrument_id] = (a.conducted_on, entry)
    return found


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


def move_to_template(
    uow: UnitOfWork,
    assessment_id: str,
    expected_version: int,
    source: Template,
    target: Template,
) -> tuple[AssessmentInfo, AnswerMapping]:
    """Move a follow-up that is not finished to a newer version of its template, carrying
    over the answers that mean the same there (:func:`templates.mapping.map_answers`)."""
    from assessment_app.templates.mapping import map_answers

    a, _case = uow.record(Assessment, assessment_id, "assessment")
    uow.check_version(a, expected_version, "assessment", a.id, ["template_version"])
    if a.kind != "follow_up" or a.status == "complete":
        raise ValidationError(
            "Only a follow-up that is not finished can move to a newer version of the questions.",
            "Bara en uppföljning som inte är avslutad kan flyttas till en nyare version av "
            "frågorna.",
        )
    if (a.template_id, a.template_version) != source.key or target.version <= source.version:
        raise ValidationError(
            "The follow-up can only move to a newer version of its own questions.",
            "Uppföljningen kan bara flyttas till en nyare version av sina egna frågor.",
        )
    info = info_of(uow, a)
    if info.damaged:
        raise ValidationError(
            "The answers cannot be read, so they cannot be moved.",
            "Svaren går inte att läsa och kan därför inte flyttas.",
        )
    mapping = map_answers(source, target, info.answers, info.ratings)
    a.template_version = target.version
    a.answers_enc = uow.seal("assessments", "answers_enc", a.id, mapping.answers)
    a.ratings_enc = uow.seal("assessments", "ratings_enc", a.id, mapping.ratings)
    a.updated_by = uow.ctx.user_id
    uow.audit(
        audit.RECORD_UPDATE,
        object_type="assessment",
        object_id=a.id,
        detail=f"moved {target.id} v{source.version}->v{target.version} "
        f"carried={len(mapping.carried)} dropped={len(mapping.dropped)}",
    )
    uow.session.flush()
    return info_of(uow, a), mapping
