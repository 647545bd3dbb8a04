"""The register of procured external providers (utförare).

A provider is an organisation, so its name, organisation number, what it is procured for and
its contract period are plain columns. Its contact person's name, phone and e-mail are personal
data and sealed together in ``contact_enc``; the free-text reason a provider was retired is
sealed in ``retired_reason_enc``.

A retired provider stays on old plans and old consents (its name is still shown) but is not
offered for new actions or new consents; an action that already has it keeps it. A contract
whose end date has passed is shown as expired; the provider is still in the register until it
is retired.

Provider writes are not case content (no case, no retention clock), but every write is audited
with the provider's id and the names of the changed fields, never their values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from stdnum.exceptions import ValidationError as NumberError
from stdnum.se import orgnr

from assessment_app import audit
from assessment_app.db.models import Provider
from assessment_app.db.types import new_id
from assessment_app.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

NAME_MAX = 200
PROCURED_FOR_MAX = 500
CONTACT_MAX = 200
REASON_MAX = 500
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")

# The status of a provider on a given day, in the order the register lists them.
ACTIVE = "active"
UPCOMING = "upcoming"  # the contract has not started yet
EXPIRED = "expired"  # the contract's end date has passed
RETIRED = "retired"
STATUSES = (ACTIVE, UPCOMING, EXPIRED, RETIRED)


@dataclass(frozen=True)
class ProviderFields:
    """What a person fills in about a provider (the form, the command's options)."""

    name: str
    org_number: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    procured_for: str = ""
    contract_from: date | None = None
    contract_to: date | None = None


FIELD_NAMES = tuple(f.name for f in fields(ProviderFields))
CONTACT_FIELDS = ("contact_person", "phone", "email")


@dataclass(frozen=True)
class ProviderInfo:
    id: str
    name: str
    contact_person: str
    phone: str
    email: str
    active: bool
    version: int
    org_number: str = ""
    procured_for: str = ""
    contract_from: date | None = None
    contract_to: date | None = None
    retired_on: date | None = None
    retired_reason: str = ""

    @property
    def fields(self) -> ProviderFields:
        return ProviderFields(
            self.name,
            self.org_number,
            self.contact_person,
            self.phone,
            self.email,
            self.procured_for,
            self.contract_from,
            self.contract_to,
        )

    def status(self, today: date | None = None) -> str:
        """``retired``, ``expired`` (contract ended), ``upcoming`` (not started) or ``active``."""
        day = today or date.today()
        if not self.active:
            return RETIRED
        if self.contract_to is not None and self.contract_to < day:
            return EXPIRED
        if self.contract_from is not None and self.contract_from > day:
            return UPCOMING
        return ACTIVE

    def contract_expired(self, today: date | None = None) -> bool:
        return self.contract_to is not None and self.contract_to < (today or date.today())


def info_of(uow: UnitOfWork, p: Provider) -> ProviderInfo:
    contact = uow.open("providers", "contact_enc", p.id, p.contact_enc, {})
    c = contact if isinstance(contact, dict) else {}
    reason = uow.open("providers", "retired_reason_enc", p.id, p.retired_reason_enc, "")
    return ProviderInfo(
        p.id,
        p.name,
        str(c.get("person", "")),
        str(c.get("phone", "")),
        str(c.get("email", "")),
        p.active,
        p.version,
        org_number=p.org_number or "",
        procured_for=p.procured_for or "",
        contract_from=p.contract_from,
        contract_to=p.contract_to,
        retired_on=p.retired_on,
        retired_reason=reason if isinstance(reason, str) else "",
    )


# --- checking what was typed -------------------------------------------------------------------


def normalise_org_number(value: str) -> str:
    """``NNNNNN-NNNN``, or "" for an empty value; a bad number is a :class:`ValidationError`.

    A sole trader's organisation number is their personnummer (the third digit, the month,
    is 0 or 1): personal data, which is never stored in plain text, so it is refused here.
    """
    text = value.strip()
    if not text:
        return ""
    digits = orgnr.compact(text)
    if len(digits) == 12 and digits.startswith("16"):  # the 12-digit form some systems use
        digits = digits[2:]
    try:
        digits = orgnr.validate(digits)
    except NumberError:
        raise ValidationError(
            f"{text!r} is not a valid organisation number (NNNNNN-NNNN, with a correct "
            "check digit).",
            f"{text!r} är inget giltigt organisationsnummer (NNNNNN-NNNN, med rätt "
            "kontrollsiffra).",
        ) from None
    if digits[2] in "01":
        raise ValidationError(
            "That number is a personnummer (a sole trader's organisation number). It is "
            "personal data and is not stored as an organisation number; leave the field empty.",
            "Numret är ett personnummer (en enskild firmas organisationsnummer). Det är en "
            "personuppgift och sparas inte som organisationsnummer; lämna fältet tomt.",
        )
    return str(orgnr.format(digits))


def _limit(value: str, most: int, what_en: str, what_sv: str) -> str:
    text = value.strip()
    if len(text) > most:
        raise ValidationError(
            f"The {what_en} is too long (at most {most} characters).",
            f"{what_sv} är för lång (högst {most} tecken).",
        )
    return text


def clean_fields(f: ProviderFields) -> ProviderFields:
    """The fields as they are stored: trimmed, the organisation number normalised, and
    checked (a clear :class:`ValidationError` for each kind of mistake)."""
    name = " ".join(f.name.split())
    if not name:
        raise ValidationError("The provider needs a name.", "Utföraren behöver ett namn.")
    name = _limit(name, NAME_MAX, "name", "Namnet")
    email = f.email.strip()
    if email and not EMAIL.match(email):
        raise ValidationError(
            f"{email!r} does not look like an e-mail address (name@example.se).",
            f"{email!r} ser inte ut som en e-postadress (namn@exempel.se).",
        )
    if f.contract_from and f.contract_to and f.contract_to < f.contract_from:
        raise ValidationError(
            "The contract cannot end before it starts.",
            "Avtalet kan inte sluta innan det börjar.",
        )
    return ProviderFields(
        name=name,
        org_number=normalise_org_number(f.org_number),
        contact_person=_limit(f.contact_person, CONTACT_MAX, "contact person", "Kontaktpersonen"),
        phone=_limit(f.phone, CONTACT_MAX, "phone number", "Telefonnumret"),
        email=_limit(email, CONTACT_MAX, "e-mail address", "E-postadressen"),
        procured_for=_limit(
            f.procured_for,
            PROCURED_FOR_MAX,
            "text on what it is procured for",
            "Texten om uppdraget",
        ),
        contract_from=f.contract_from,
        contract_to=f.contract_to,
    )


def _check_unique(uow: UnitOfWork, f: ProviderFields, own_id: str | None) -> None:
    """Names are unique whatever their case; an organisation number once in the register.
    The register is small and writers are serialised on the audit head, so reading it here
    is both cheap and safe."""
    rows = uow.session.execute(select(Provider.id, Provider.name, Provider.org_number)).all()
    for pid, name, number in rows:
        if pid == own_id:
            continue
        if name.casefold() == f.name.casefold():
            raise ValidationError(
                f"The provider {name!r} already exists.", f"Utföraren {name!r} finns redan."
            )
        if f.org_number and number == f.org_number:
            raise ValidationError(
                f"The organisation number {number} is already registered for {name!r}.",
                f"Organisationsnumret {number} finns redan, för {name!r}.",
            )


def _seal_contact(uow: UnitOfWork, provider: Provider, f: ProviderFields) -> None:
    provider.contact_enc = uow.seal(
        "providers",
        "contact_enc",
        provider.id,
        {"person": f.contact_person, "phone": f.phone, "email": f.email},
    )


def _set_plain(provider: Provider, f: ProviderFields) -> None:
    provider.name = f.name
    provider.org_number = f.org_number or None
    provider.procured_for = f.procured_for or None
    provider.contract_from = f.contract_from
    provider.contract_to = f.contract_to


# --- writing -----------------------------------------------------------------------------------


def add_provider(
    uow: UnitOfWork,
    name: str,
    *,
    org_number: str = "",
    contact_person: str = "",
    phone: str = "",
    email: str = "",
    procured_for: str = "",
    contract_from: date | None = None,
    contract_to: date | None = None,
) -> ProviderInfo:
    f = clean_fields(
        ProviderFields(
            name, org_number, contact_person, phone, email, procured_for, contract_from, contract_to
        )
    )
    uow.lock_head()
    _check_unique(uow, f, None)
    provider = Provider(id=new_id(), active=True, updated_by=uow.ctx.user_id)
    _set_plain(provider, f)
    _seal_contact(uow, provider, f)
    uow.session.add(provider)
    uow.audit(audit.RECORD_CREATE, object_type="provider", object_id=provider.id)
    uow.session.flush()
    return info_of(uow, provider)


def _load(uow: UnitOfWork, provider_id: str) -> Provider:
    provider = uow.first(uow.locking(select(Provider).where(Provider.id == provider_id)))
    if provider is None:
        raise NotFoundError(
            "The provider is not in the register (any more).",
            "Utföraren finns inte (längre) i registret.",
        )
    assert isinstance(provider, Provider)
    return provider


def edit_provider(
    uow: UnitOfWork, provider_id: str, expected_version: int, new: ProviderFields
) -> ProviderInfo:
    """Change what was typed about a provider, if nobody changed it since ``expected_version``
    was read. Only a change writes; the audit entry names the changed fields."""
    f = clean_fields(new)
    provider = _load(uow, provider_id)
    old = info_of(uow, provider).fields
    changed = [name for name in FIELD_NAMES if getattr(old, name) != getattr(f, name)]
    uow.check_version(provider, expected_version, "provider", provider.name, changed)
    if not changed:
        return info_of(uow, provider)
    _check_unique(uow, f, provider.id)
    _set_plain(provider, f)
    if any(name in CONTACT_FIELDS for name in changed):
        _seal_contact(uow, provider, f)
    provider.updated_by = uow.ctx.user_id
    uow.audit(
        audit.RECORD_UPDATE, object_type="provider", object_id=provider.id, detail=",".join(changed)
    )
    uow.session.flush()
    return info_of(uow, provider)


def retire_provider(
    uow: UnitOfWork,
    provider_id: str,
    expected_version: int,
    *,
    on: date | None = None,
    reason: str = "",
) -> ProviderInfo:
    """No longer offered for new actions and consents, from ``on`` (today by default; not a
    later day: a contract that ends later has its end date instead)."""
    today = date.today()  # the user's day, not UTC's
    day = on or today
    if day > today:
        raise ValidationError(
            "A provider is retired from today or an earlier day. For a contract that ends "
            "later, set the contract's end date.",
            "En utförare avslutas från i dag eller ett tidigare datum. Sätt avtalets slutdatum "
            "om avtalet slutar senare.",
        )
    reason = _limit(reason, REASON_MAX, "reason", "Skälet")
    provider = _load(uow, provider_id)
    uow.check_version(provider, expected_version, "provider", provider.name, ["active"])
    if not provider.active:
        raise ValidationError(
            f"{provider.name!r} is already retired.", f"{provider.name!r} är redan avslutad."
        )
    provider.active = False
    provider.retired_on = day
    provider.retired_reason_enc = (
        uow.seal("providers", "retired_reason_enc", provider.id, reason) if reason else None
    )
    provider.updated_by = uow.ctx.user_id
    uow.audit(audit.RECORD_UPDATE, object_type="provider", object_id=provider.id, detail="retire")
    uow.session.flush()
    return info_of(uow, provider)


def reactivate_provider(uow: UnitOfWork, provider_id: str, expected_version: int) -> ProviderInfo:
    provider = _load(uow, provider_id)
    uow.check_version(provider, expected_version, "provider", provider.name, ["active"])
    if provider.active:
        raise ValidationError(
            f"{provider.name!r} is already active.", f"{provider.name!r} är redan aktiv."
        )
    provider.active = True
    provider.retired_on = None
    provider.retired_reason_enc = None
    provider.updated_by = uow.ctx.user_id
    uow.audit(
        audit.RECORD_UPDATE, object_type="provider", object_id=provider.id, detail="reactivate"
    )
    uow.session.flush()
    return info_of(uow, provider)


# --- reading -----------------------------------------------------------------------------------


def list_providers(uow: UnitOfWork, *, include_inactive: bool = False) -> list[ProviderInfo]:
    query = select(Provider).order_by(Provider.name)
    if not include_inactive:
        query = query.where(Provider.active.is_(True))
    return [info_of(uow, p) for p in uow.session.execute(query).scalars()]


def get_provider(
    uow: UnitOfWork, *, provider_id: str | None = None, name: str | None = None
) -> ProviderInfo:
    """By id, or by name (exactly as stored, else the one whose name matches whatever the
    case)."""
    wanted = " ".join((name or "").split())
    if provider_id:
        provider = uow.session.execute(
            select(Provider).where(Provider.id == provider_id)
        ).scalar_one_or_none()
    else:
        provider = uow.session.execute(
            select(Provider).where(Provider.name == wanted)
        ).scalar_one_or_none()
        if provider is None and wanted:
            folded = [
                p
                for p in uow.session.execute(select(Provider)).scalars()
                if p.name.casefold() == wanted.casefold()
            ]
            provider = folded[0] if len(folded) == 1 else None
    if provider is None:
        raise NotFoundError(
            f"No provider named {name or provider_id!r}.",
            f"Det finns ingen utförare som heter {name or provider_id!r}.",
        )
    return info_of(uow, provider)
