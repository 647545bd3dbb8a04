"""The register of procured external providers (organisations, so their names are plain)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from assessment_app import audit
from assessment_app.db.models import Provider
from assessment_app.db.types import new_id
from assessment_app.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork


@dataclass(frozen=True)
class ProviderInfo:
    id: str
    name: str
    contact_person: str
    phone: str
    email: str
    active: bool
    version: int


def info_of(uow: UnitOfWork, p: Provider) -> ProviderInfo:
    contact = uow.open("providers", "contact_enc", p.id, p.contact_enc, {})
    c = contact if isinstance(contact, dict) else {}
    return ProviderInfo(
        p.id,
        p.name,
        str(c.get("person", "")),
        str(c.get("phone", "")),
        str(c.get("email", "")),
        p.active,
        p.version,
    )


def add_provider(
    uow: UnitOfWork, name: str, *, contact_person: str = "", phone: str = "", email: str = ""
) -> ProviderInfo:
    name = name.strip()
    if not name:
        raise ValidationError("The provider needs a name.", "Utföraren behöver ett namn.")
    session = uow.session
    uow.lock_head()
    if session.execute(select(Provider.id).where(Provider.name == name)).scalar():
        raise ValidationError(
            f"The provider {name!r} already exists.", f"Utföraren {name!r} finns redan."
        )
    provider = Provider(id=new_id(), name=name, updated_by=uow.ctx.user_id)
    provider.contact_enc = uow.seal(
        "providers",
        "contact_enc",
        provider.id,
        {"person": contact_person, "phone": phone, "email": email},
    )
    session.add(provider)
    uow.audit(audit.RECORD_CREATE, object_type="provider", object_id=provider.id)
    session.flush()
    return info_of(uow, provider)


def list_providers(uow: UnitOfWork, *, include_inactive: bool = False) -> list[ProviderInfo]:
    query = select(Provider).order_by(Provider.name)
    if not include_inactive:
        query = query.where(Provider.active.is_(True))
    return [info_of(uow, p) for p in uow.session.execute(query).scalars()]


def get_provider(
    uow: UnitOfWork, *, provider_id: str | None = None, name: str | None = None
) -> ProviderInfo:
    query = select(Provider)
    query = (
        query.where(Provider.id == provider_id)
        if provider_id
        else query.where(Provider.name == (name or "").strip())
    )
    provider = uow.session.execute(query).scalar_one_or_none()
    if provider is None:
        raise NotFoundError(
            f"No provider named {name or provider_id!r}.",
            f"Det finns ingen utförare som heter {name or provider_id!r}.",
        )
    return info_of(uow, provider)
