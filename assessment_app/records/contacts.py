"""Contact details printed on the plans: a worker's own work phone and e-mail, and a unit's
phone, e-mail and visiting address.

A worker's details are personal data of the worker and sealed (``users.contact_enc``); a
unit's are an organisation's, in plain columns. A user sets their own; an administrator sets a
unit's, and any user's (for a worker who has not, or cannot). Everyone signed in may read their
unit's (it is what the public is given). Every change is audited (never the values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from assessment_app import audit
from assessment_app.db.models import Unit, User
from assessment_app.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

PHONE_MAX = 40
EMAIL_MAX = 200
ADDRESS_MAX = 200
_PHONE = re.compile(r"^\+?[0-9][0-9 ()/–-]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class WorkerContact:
    """A worker's work phone and e-mail ("" when not given)."""

    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class UnitContact:
    """How the public reaches a unit ("" for what is not given)."""

    unit_id: str
    name: str
    phone: str = ""
    email: str = ""
    visiting_address: str = ""
    version: int = 1

    @property
    def empty(self) -> bool:
        return not (self.phone or self.email or self.visiting_address)


# --- checks ----------------------------------------------------------------------------------


def clean_phone(value: str) -> str:
    """A phone number as people write it ("08-123 456 78", "+46 8 123 456 78"), or ""."""
    phone = " ".join(value.split())
    if not phone:
        return ""
    if len(phone) > PHONE_MAX or not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3:
        raise ValidationError(
            "Write the phone number with digits (spaces, dashes and a leading + are fine).",
            "Skriv telefonnumret med siffror (mellanslag, bindestreck och + först går bra).",
        )
    return phone


def clean_email(value: str) -> str:
    """An e-mail address ("namn@kommun.se"), or ""."""
    email = value.strip()
    if not email:
        return ""
    if len(email) > EMAIL_MAX or not _EMAIL.match(email):
        raise ValidationError(
            "The e-mail address does not look right; write it as name@example.se.",
            "E-postadressen ser inte rätt ut; skriv den som namn@exempel.se.",
        )
    return email


def clean_address(value: str) -> str:
    """A visiting address on one line, or ""."""
    address = ", ".join(part.strip() for part in value.splitlines() if part.strip())
    address = " ".join(address.split())
    if len(address) > ADDRESS_MAX:
        raise ValidationError(
            f"The visiting address is too long (at most {ADDRESS_MAX} characters).",
            f"Besöksadressen är för lång (högst {ADDRESS_MAX} tecken).",
        )
    return address


# --- reading ---------------------------------------------------------------------------------


def worker_contact_of(uow: UnitOfWork, user: User) -> WorkerContact:
    value = uow.open("users", "contact_enc", user.id, user.contact_enc, {})
    v = value if isinstance(value, dict) else {}
    return WorkerContact(str(v.get("phone") or ""), str(v.get("email") or ""))


def unit_contact_of(unit: Unit) -> UnitContact:
    return UnitContact(
        unit.id,
        unit.name,
        unit.phone or "",
        unit.email or "",
        unit.visiting_address or "",
        unit.version,
    )


def _me(uow: UnitOfWork) -> User:
    user = uow.session.execute(select(User).where(User.id == uow.ctx.user_id)).scalar()
    if user is None:
        raise NotFoundError("Your user account was not found.", "Ditt konto finns inte.")
    return user


def my_contact(uow: UnitOfWork) -> WorkerContact:
    """The signed-in user's own work phone and e-mail."""
    return worker_contact_of(uow, _me(uow))


def _user(uow: UnitOfWork, username: str) -> User:
    user = uow.session.execute(select(User).where(User.username == username.strip())).scalar()
    if user is None:
        raise NotFoundError("No such user.", "Användaren finns inte.")
    return user


def user_contact(uow: UnitOfWork, username: str) -> WorkerContact:
    """A user's work phone and e-mail (administrators)."""
    uow.ctx.require_role("administrator")
    return worker_contact_of(uow, _user(uow, username))


def _unit(uow: UnitOfWork, unit_id: str) -> Unit:
    unit = uow.session.execute(select(Unit).where(Unit.id == unit_id)).scalar()
    if unit is None:
        raise NotFoundError("No such unit.", "Enheten finns inte.")
    return unit


def unit_contact(uow: UnitOfWork, unit_id: str | None = None) -> UnitContact | None:
    """A unit's contact details; without ``unit_id`` the signed-in user's unit (None if the
    user belongs to none)."""
    unit_id = unit_id or uow.ctx.unit_id
    if unit_id is None:
        return None
    return unit_contact_of(_unit(uow, unit_id))


def list_unit_contacts(uow: UnitOfWork) -> list[UnitContact]:
    """Every active unit with its contact details (for the administrator's form)."""
    uow.ctx.require_role("administrator")
    units = uow.session.execute(
        select(Unit).where(Unit.active.is_(True)).order_by(Unit.name)
    ).scalars()
    return [unit_contact_of(u) for u in units]


# --- writing ---------------------------------------------------------------------------------


def set_my_contact(uow: UnitOfWork, *, phone: str = "", email: str = "") -> WorkerContact:
    """The signed-in user sets their own work phone and e-mail (blank clears them)."""
    contact = WorkerContact(clean_phone(phone), clean_email(email))
    uow.lock_head()
    _store_worker_contact(uow, _me(uow), contact)
    return contact


def _store_worker_contact(uow: UnitOfWork, user: User, contact: WorkerContact) -> None:
    user.contact_enc = (
        uow.seal("users", "contact_enc", user.id, {"phone": contact.phone, "email": contact.email})
        if contact.phone or contact.email
        else None
    )
    user.updated_by = uow.ctx.user_id
    uow.audit(audit.USER_CHANGE, object_type="user", object_id=user.id, detail="contact details")
    uow.session.flush()


def set_user_contact(
    uow: UnitOfWork, username: str, *, phone: str = "", email: str = ""
) -> WorkerContact:
    """An administrator sets a user's work phone and e-mail (blank clears them)."""
    uow.ctx.require_role("administrator")
    contact = WorkerContact(clean_phone(phone), clean_email(email))
    uow.lock_head()
    _store_worker_contact(uow, _user(uow, username), contact)
    return contact


def set_unit_contact(
    uow: UnitOfWork,
    unit_id: str,
    *,
    phone: str = "",
    email: str = "",
    visiting_address: str = "",
) -> UnitContact:
    """An administrator sets how the public reaches a unit (blank clears a detail)."""
    uow.ctx.require_role("administrator")
    cleaned = (clean_phone(phone), clean_email(email), clean_address(visiting_address))
    uow.lock_head()
    unit = _unit(uow, unit_id)
    unit.phone = cleaned[0] or None
    unit.email = cleaned[1] or None
    unit.visiting_address = cleaned[2] or None
    unit.updated_by = uow.ctx.user_id
    uow.audit(audit.USER_CHANGE, object_type="unit", object_id=unit.id, detail="contact details")
    uow.session.flush()
    return unit_contact_of(unit)
