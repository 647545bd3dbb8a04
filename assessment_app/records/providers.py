"""The register of procured external providers (organisations, so their names are plain)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from assessment_app import audit
from assessment_app.context import Context
from assessment_app.db.models import Provider
from assessment_app.db.types import new_id
from assessment_app.errors import NotFoundError, ValidationError


@dataclass(frozen=True)
class ProviderInfo:
    id: str
    name: str
    contact_person: str
    phone: str
    email: str
    active: bool
    version: int


def _info(ctx: Context, p: Provider) -> ProviderInfo:
    contact = ctx.open("providers", "contact_enc", p.id, p.contact_enc) if p.contact_enc else {}
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
    ctx: Context, name: str, *, contact_person: str = "", phone: str = "", email: str = ""
) -> ProviderInfo:
    name = name.strip()
    if not name:
        raise ValidationError("The provider needs a name.", "Utföraren behöver ett namn.")
    with ctx.transaction() as session:
        if session.execute(select(Provider.id).where(Provider.name == name)).scalar():
            raise ValidationError(
                f"The provider {name!r} already exists.", f"Utföraren {name!r} finns redan."
            )
        provider = Provider(id=new_id(), name=name, updated_by=ctx.user_id)
        provider.contact_enc = ctx.seal(
            "providers",
            "contact_enc",
            provider.id,
            {"person": contact_person, "phone": phone, "email": email},
        )
        session.add(provider)
        session.flush()
        ctx.audit(session, audit.RECORD_CREATE, object_type="provider", object_id=provider.id)
        return _info(ctx, provider)


def list_providers(ctx: Context, *, include_inactive: bool = False) -> list[ProviderInfo]:
    with ctx.reading() as session:
        query = select(Provider).order_by(Provider.name)
        if not include_inactive:
            query = query.where(Provider.active.is_(True))
        return [_info(ctx, p) for p in session.execute(query).scalars()]


def get_provider(
    ctx: Context, *, provider_id: str | None = None, name: str | None = None
) -> ProviderInfo:
    with ctx.transaction() as session:
        query = select(Provider)
        query = (
            query.where(Provider.id == provider_id)
            if provider_id
            else query.where(Provider.name == (name or "").strip())
        )
        provider = session.execute(query).scalar_one_or_none()
        if provider is None:
            raise NotFoundError(
                f"No provider named {name or provider_id!r}.",
                f"Det finns ingen utförare som heter {name or provider_id!r}.",
            )
        return _info(ctx, provider)
