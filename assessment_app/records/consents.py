"""Consents to share information, per named recipient, with a scope of assessment areas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from assessment_app import audit
from assessment_app.db.models import Consent, Provider
from assessment_app.db.types import new_id
from assessment_app.errors import ValidationError
from assessment_app.records.access import not_found

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

RECIPIENT_KINDS = (
    "police",
    "kriminalvarden",
    "forsakringskassan",
    "healthcare",
    "arbetsformedlingen",
    "provider",
    "other",
)


@dataclass(frozen=True)
class ConsentInfo:
    id: str
    case_id: str
    recipient_kind: str
    provider_id: str | None
    provider_name: str | None
    recipient_name: str
    scope_areas: tuple[str, ...]
    note: str
    given_on: date
    withdrawn_on: date | None
    version: int
    damaged: bool = field(default=False)

    def valid_on(self, day: date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


def info_of(uow: UnitOfWork, c: Consent, provider_name: str | None) -> ConsentInfo:
    details = uow.open("consents", "details_enc", c.id, c.details_enc, None)
    damaged = not isinstance(details, dict)
    d = details if isinstance(details, dict) else {}
    return ConsentInfo(
        c.id,
        c.case_id,
        c.recipient_kind,
        c.provider_id,
        provider_name,
        str(d.get("recipient_name", provider_name or "")),
        # A damaged consent shares nothing.
        tuple(d.get("scope_areas", [])) if not damaged else (),
        str(d.get("note", "")),
        c.given_on,
        c.withdrawn_on,
        c.version,
        damaged,
    )


def give_consent(
    uow: UnitOfWork,
    case_id: str,
    recipient_kind: str,
    scope_areas: Sequence[str],
    *,
    provider_id: str | None = None,
    recipient_name: str = "",
    note: str = "",
    given_on: date | None = None,
) -> ConsentInfo:
    if recipient_kind not in RECIPIENT_KINDS:
        raise ValidationError(
            f"Unknown recipient {recipient_kind!r}.", f"Okänd mottagare {recipient_kind!r}."
        )
    if recipient_kind == "provider" and not provider_id:
        raise ValidationError(
            "Choose which provider the consent is for.", "Välj vilken utförare samtycket gäller."
        )
    if not scope_areas:
        raise ValidationError(
            "Choose at least one area the consent covers.",
            "Välj minst ett område som samtycket gäller.",
        )
    session = uow.session
    case = uow.case(case_id=case_id)
    provider_name = None
    if provider_id:
        found = session.execute(
            select(Provider.name, Provider.active).where(Provider.id == provider_id)
        ).first()
        if found is None:
            raise not_found("provider")
        provider_name, active = found
        if not active:  # retired: kept on old consents, never given a new one
            raise ValidationError(
                f"{provider_name} has been retired from the provider register; a new consent "
                "cannot be given to it.",
                f"{provider_name} är avslutad i utförarregistret; ett nytt samtycke kan inte "
                "ges till den.",
            )
    consent = Consent(
        id=new_id(),
        case_id=case.id,
        recipient_kind=recipient_kind,
        provider_id=provider_id,
        given_on=given_on or date.today(),
        updated_by=uow.ctx.user_id,
    )
    consent.details_enc = uow.seal(
        "consents",
        "details_enc",
        consent.id,
        {
            "recipient_name": recipient_name or provider_name or "",
            "scope_areas": sorted(set(scope_areas)),
            "note": note,
        },
    )
    session.add(consent)
    uow.audit(audit.RECORD_CREATE, object_type="consent", object_id=consent.id)
    session.flush()
    return info_of(uow, consent, provider_name)


def update_scope(
    uow: UnitOfWork, consent_id: str, expected_version: int, scope_areas: Sequence[str]
) -> ConsentInfo:
    if not scope_areas:
        raise ValidationError(
            "A consent covers at least one area; withdraw it instead.",
            "Ett samtycke gäller minst ett område; återkalla det i stället.",
        )
    consent, _case = uow.record(Consent, consent_id, "consent")
    uow.check_version(consent, expected_version, "consent", consent.id, ["scope"])
    details = uow.ctx.open("consents", "details_enc", consent.id, consent.details_enc, uow.session)
    d = dict(details) if isinstance(details, dict) else {}
    d["scope_areas"] = sorted(set(scope_areas))
    consent.details_enc = uow.seal("consents", "details_enc", consent.id, d)
    consent.updated_by = uow.ctx.user_id
    uow.audit(audit.RECORD_UPDATE, object_type="consent", object_id=consent.id, detail="scope")
    uow.session.flush()
    return info_of(uow, consent, None)


def withdraw(
    uow: UnitOfWork, consent_id: str, expected_version: int, withdrawn_on: date | None = None
) -> None:
    consent, _case = uow.record(Consent, consent_id, "consent")
    uow.check_version(consent, expected_version, "consent", consent.id, ["withdrawn"])
    consent.withdrawn_on = withdrawn_on or date.today()
    consent.updated_by = uow.ctx.user_id
    uow.audit(audit.RECORD_UPDATE, object_type="consent", object_id=consent.id, detail="withdrawn")


def list_consents(uow: UnitOfWork, case_id: str) -> list[ConsentInfo]:
    case = uow.case(case_id=case_id)
    rows = uow.session.execute(
        select(Consent, Provider.name)
        .outerjoin(Provider, Provider.id == Consent.provider_id)
        .where(Consent.case_id == case.id)
        .order_by(Consent.given_on, Consent.id)
    ).all()
    return [info_of(uow, c, name) for c, name in rows]


def provider_scope(
    consents: Sequence[ConsentInfo], provider_id: str, day: date
) -> ConsentInfo | None:
    """The union of the valid, undamaged consents for one provider on ``day``, or None."""
    valid = [
        c for c in consents if c.provider_id == provider_id and c.valid_on(day) and not c.damaged
    ]
    if not valid:
        return None
    areas = sorted({a for c in valid for a in c.scope_areas})
    first = valid[0]
    return ConsentInfo(
        first.id,
        first.case_id,
        first.recipient_kind,
        first.provider_id,
        first.provider_name,
        first.recipient_name,
        tuple(areas),
        first.note,
        min(c.given_on for c in valid),
        None,
        first.version,
    )


def valid_provider_consent(
    uow: UnitOfWork, case_id: str, provider_id: str, on: date | None = None
) -> ConsentInfo | None:
    """The union of valid consents for this provider today, or None if there is none."""
    return provider_scope(list_consents(uow, case_id), provider_id, on or date.today())
