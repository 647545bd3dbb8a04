"""Consents to share information (samtycke), per named recipient, with a scope of areas.

A consent lasts as long as it says: from ``given_on`` to ``valid_until`` (the last day it
holds; None is "until withdrawn", *tills vidare*), unless it is withdrawn earlier. An expired
consent shares nothing, exactly like a withdrawn one: :func:`provider_scope` (what the provider
PDF uses) only counts consents valid on the day.

How it was given is a plain code (``written``, or ``oral`` with a witness whose name and role
are in the encrypted details). Contact details (kontaktuppgifter: address, phone, e-mail) are a
consent item of their own (``includes_contact``). A scanned signed copy (PDF, JPEG or PNG, at
most 10 MB) may be attached: it is sealed with the data key, bound to its row, in
``consent_documents``; reading it out is audited.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from sqlalchemy import select
from sqlalchemy.orm import load_only

from assessment_app import audit, bounds
from assessment_app.crypto.aead import Sealed
from assessment_app.db.models import Case, Consent, ConsentDocument, Provider
from assessment_app.db.types import new_id
from assessment_app.errors import IntegrityError, NotFoundError, ValidationError
from assessment_app.records.access import case_filter, not_found

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
GIVEN_HOW = ("written", "oral")

MAX_DOCUMENT_BYTES: Final = 10 * 1024 * 1024
# The file types a scanned copy may have, known by their first bytes (never by the file name).
DOCUMENT_TYPES: Final = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
DOCUMENT_SUFFIXES: Final = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
DOCUMENT_TABLE, DOCUMENT_COLUMN = "consent_documents", "content_enc"
# A copy is stored in parts of this size, one row each (see ConsentDocument).
PART_BYTES: Final = 4 * 1024 * 1024

# A consent that ended this many days ago still shows in the supervisor's queue.
RECENTLY_ENDED_DAYS: Final = 14

# What a consent is on a day (see ConsentInfo.state_on).
VALID, ENDING, EXPIRED, WITHDRAWN, NOT_YET, RENEWED = (
    "valid",
    "ending",
    "expired",
    "withdrawn",
    "not_yet",
    "renewed",
)


class Keep:
    """ "Leave as it is" for an optional argument whose None means something (tills vidare)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = Keep()


@dataclass(frozen=True)
class ConsentDocumentInfo:
    """The scanned copy beside a consent: what it is, never what it says."""

    id: str
    consent_id: str
    mime_type: str
    size: int
    created_at: datetime

    @property
    def suffix(self) -> str:
        return DOCUMENT_SUFFIXES.get(self.mime_type, "")


@dataclass(frozen=True)
class ConsentInfo:
    """One consent as the screens and documents see it.

    - ``valid_until``: the last day the consent holds; None means until withdrawn.
    - ``given_how``: ``written`` or ``oral``; an oral consent names its witness
      (``witness_name``, ``witness_role``).
    - ``includes_contact``: the separate consent item for contact details (kontaktuppgifter:
      address, phone, e-mail). A document for a provider may print the person's contact
      details only when this is set on the provider's valid consent (and never a protected
      identity's address); default False.
    - ``document``: the attached scanned copy, if any (its bytes are read only on request).
    """

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
    valid_until: date | None = None
    given_how: str = "written"
    witness_name: str = ""
    witness_role: str = ""
    includes_contact: bool = False
    document: ConsentDocumentInfo | None = None
    # The safety-plan item: the safety plan's police version may be given to this recipient
    # (only a consent to the police counts; see records/safety.police_consent).
    includes_safety_plan: bool = False

    def valid_on(self, day: date) -> bool:
        """Given on or before ``day``, not past its last day, and not withdrawn by then."""
        return (
            self.given_on <= day
            and (self.valid_until is None or day <= self.valid_until)
            and (self.withdrawn_on is None or self.withdrawn_on > day)
        )

    def state_on(self, day: date, warning_days: int) -> str:
        """``withdrawn``, ``expired``, ``not_yet``, ``ending`` (its last day is within
        ``warning_days``) or ``valid``."""
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return WITHDRAWN
        if self.valid_until is not None and self.valid_until < day:
            return EXPIRED
        if self.given_on > day:
            return NOT_YET
        if self.valid_until is not None and (self.valid_until - day).days <= warning_days:
            return ENDING
        return VALID

    def same_recipient(self, other: ConsentInfo) -> bool:
        return (
            self.recipient_kind == other.recipient_kind
            and self.provider_id == other.provider_id
            and self.recipient_name.strip().casefold() == other.recipient_name.strip().casefold()
        )


def renewed_by(consent: ConsentInfo, others: Sequence[ConsentInfo]) -> ConsentInfo | None:
    """A later consent to the same recipient that lasts beyond this one's last day."""
    if consent.valid_until is None:
        return None
    for other in others:
        if (
            other.id != consent.id
            and not other.damaged
            and other.withdrawn_on is None
            and other.same_recipient(consent)
            and (other.valid_until is None or other.valid_until > consent.valid_until)
        ):
            return other
    return None


def renewed_ids(uow: UnitOfWork, case_ids: Iterable[str]) -> set[str]:
    """The consents of these cases that a later consent to the same recipient carries on
    (:func:`renewed_by`): they neither end nor warn any more (the supervisor's queue, the
    reminders). Withdrawn consents are not looked at (they renew nothing)."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return set()
    per_case: dict[str, list[ConsentInfo]] = {}
    for c in uow.session.execute(
        select(Consent).where(Consent.case_id.in_(wanted), Consent.withdrawn_on.is_(None))
    ).scalars():
        per_case.setdefault(c.case_id, []).append(info_of(uow, c, None))
    return {c.id for infos in per_case.values() for c in infos if renewed_by(c, infos) is not None}


def states_on(consents: Sequence[ConsentInfo], day: date, warning_days: int) -> dict[str, str]:
    """Each consent's state (consent id -> state); an ending or expired consent that a later
    one to the same recipient carries on is ``renewed``."""
    result = {}
    for c in consents:
        state = c.state_on(day, warning_days)
        if state in (ENDING, EXPIRED) and renewed_by(c, consents) is not None:
            state = RENEWED
        result[c.id] = state
    return result


def info_of(
    uow: UnitOfWork,
    c: Consent,
    provider_name: str | None,
    document: ConsentDocumentInfo | None = None,
) -> ConsentInfo:
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
        valid_until=c.valid_until,
        given_how=c.given_how or "written",
        witness_name=str(d.get("witness_name", "")),
        witness_role=str(d.get("witness_role", "")),
        includes_contact=d.get("includes_contact") is True and not damaged,
        document=document,
        includes_safety_plan=d.get("includes_safety_plan") is True and not damaged,
    )


# --- checks -------------------------------------------------------------------------------------


def _check_texts(
    recipient_name: str | None, note: str | None, witness_name: str | None, witness_role: str | None
) -> None:
    bounds.check_all(
        (
            (recipient_name, bounds.NAME, "The recipient's name", "Mottagarens namn"),
            (note, bounds.FREE_TEXT, "The note", "Anteckningen"),
            (witness_name, bounds.NAME, "The witness's name", "Vittnets namn"),
            (witness_role, bounds.NAME, "The witness's role", "Vittnets roll"),
        )
    )


def _check_scope(scope_areas: Sequence[str]) -> None:
    if not scope_areas:
        raise ValidationError(
            "Choose at least one area the consent covers.",
            "Välj minst ett område som samtycket gäller.",
        )


def _check_period(given_on: date, valid_until: date | None) -> None:
    if valid_until is not None and valid_until < given_on:
        raise ValidationError(
            "The consent cannot end before the day it was given.",
            "Samtycket kan inte upphöra före den dag det gavs.",
        )


def _check_how(given_how: str, witness_name: str) -> None:
    if given_how not in GIVEN_HOW:
        raise ValidationError(
            f"Unknown way of giving consent {given_how!r}.",
            f"Okänt sätt att ge samtycke {given_how!r}.",
        )
    if given_how == "oral" and not witness_name.strip():
        raise ValidationError(
            "An oral consent needs a witness: give the witness's name.",
            "Ett muntligt samtycke behöver ett vittne: ange vittnets namn.",
        )


def _check_safety_plan(recipient_kind: str, includes_safety_plan: bool) -> None:
    if includes_safety_plan and recipient_kind != "police":
        raise ValidationError(
            "Only the police contact may get the safety plan.",
            "Bara polisens kontaktperson kan få skyddsplanen.",
        )


def _witness(given_how: str, name: str, role: str) -> dict[str, str]:
    """A written consent keeps no witness."""
    if given_how != "oral":
        return {"witness_name": "", "witness_role": ""}
    return {"witness_name": name.strip(), "witness_role": role.strip()}


# --- writes -------------------------------------------------------------------------------------


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
    valid_until: date | None = None,
    given_how: str = "written",
    witness_name: str = "",
    witness_role: str = "",
    includes_contact: bool = False,
    includes_safety_plan: bool = False,
) -> ConsentInfo:
    if recipient_kind not in RECIPIENT_KINDS:
        raise ValidationError(
            f"Unknown recipient {recipient_kind!r}.", f"Okänd mottagare {recipient_kind!r}."
        )
    if recipient_kind == "provider" and not provider_id:
        raise ValidationError(
            "Choose which provider the consent is for.", "Välj vilken utförare samtycket gäller."
        )
    _check_scope(scope_areas)
    _check_safety_plan(recipient_kind, includes_safety_plan)
    _check_texts(recipient_name, note, witness_name, witness_role)
    given_on = given_on or date.today()
    _check_period(given_on, valid_until)
    _check_how(given_how, witness_name)
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
        given_on=given_on,
        valid_until=valid_until,
        given_how=given_how,
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
            "includes_contact": bool(includes_contact),
            "includes_safety_plan": bool(includes_safety_plan),
            **_witness(given_how, witness_name, witness_role),
        },
    )
    session.add(consent)
    uow.audit(audit.RECORD_CREATE, object_type="consent", object_id=consent.id)
    session.flush()
    return info_of(uow, consent, provider_name)


def _provider_name(uow: UnitOfWork, consent: Consent) -> str | None:
    if not consent.provider_id:
        return None
    name: str | None = uow.session.execute(
        select(Provider.name).where(Provider.id == consent.provider_id)
    ).scalar()
    return name


def update_consent(
    uow: UnitOfWork,
    consent_id: str,
    expected_version: int,
    *,
    valid_until: date | Keep | None = KEEP,
    scope_areas: Sequence[str] | None = None,
    includes_contact: bool | None = None,
    given_how: str | None = None,
    witness_name: str | None = None,
    witness_role: str | None = None,
    note: str | None = None,
    includes_safety_plan: bool | None = None,
) -> ConsentInfo:
    """Change a consent that still holds: its last day (None: until withdrawn), the areas, the
    contact-details item, how it was given (and the witness), the note. Only what is passed
    (and differs) is written; the audit entry names the fields, never their values."""
    _check_texts(None, note, witness_name, witness_role)
    consent, _case = uow.record(Consent, consent_id, "consent")
    uow.check_version(consent, expected_version, "consent", consent.id, None)
    if consent.withdrawn_on is not None:
        raise ValidationError(
            "A withdrawn consent cannot be changed; record a new one instead.",
            "Ett återkallat samtycke kan inte ändras; registrera ett nytt i stället.",
        )
    details = uow.ctx.open("consents", "details_enc", consent.id, consent.details_enc, uow.session)
    old = dict(details) if isinstance(details, dict) else {}
    new = dict(old)
    columns: dict[str, object] = {}
    changed: list[str] = []
    if not isinstance(valid_until, Keep):
        _check_period(consent.given_on, valid_until)
        if valid_until != consent.valid_until:
            columns["valid_until"] = valid_until
            changed.append("valid_until")
    if scope_areas is not None:
        _check_scope(scope_areas)
        new["scope_areas"] = sorted(set(scope_areas))
        if new["scope_areas"] != old.get("scope_areas"):
            changed.append("scope")
    if includes_contact is not None:
        new["includes_contact"] = bool(includes_contact)
        if new["includes_contact"] != (old.get("includes_contact") is True):
            changed.append("contact")
    if includes_safety_plan is not None:
        _check_safety_plan(consent.recipient_kind, includes_safety_plan)
        new["includes_safety_plan"] = bool(includes_safety_plan)
        if new["includes_safety_plan"] != (old.get("includes_safety_plan") is True):
            changed.append("safety_plan")
    if given_how is not None or witness_name is not None or witness_role is not None:
        how = given_how if given_how is not None else consent.given_how
        name = witness_name if witness_name is not None else str(old.get("witness_name", ""))
        role = witness_role if witness_role is not None else str(old.get("witness_role", ""))
        _check_how(how, name)
        new.update(_witness(how, name, role))
        if how != consent.given_how:
            columns["given_how"] = how
        if how != consent.given_how or any(
            new.get(k, "") != old.get(k, "") for k in ("witness_name", "witness_role")
        ):
            changed.append("given_how")
    if note is not None:
        new["note"] = note
        if note != old.get("note", ""):
            changed.append("note")
    if changed:
        for key, value in columns.items():
            setattr(consent, key, value)
        if new != old:
            consent.details_enc = uow.seal("consents", "details_enc", consent.id, new)
        consent.updated_by = uow.ctx.user_id
        uow.audit(
            audit.RECORD_UPDATE,
            object_type="consent",
            object_id=consent.id,
            detail=",".join(changed),
        )
        uow.session.flush()
    return info_of(uow, consent, _provider_name(uow, consent), _document_info(uow, consent.id))


def update_scope(
    uow: UnitOfWork, consent_id: str, expected_version: int, scope_areas: Sequence[str]
) -> ConsentInfo:
    if not scope_areas:
        raise ValidationError(
            "A consent covers at least one area; withdraw it instead.",
            "Ett samtycke gäller minst ett område; återkalla det i stället.",
        )
    return update_consent(uow, consent_id, expected_version, scope_areas=scope_areas)


def withdraw(
    uow: UnitOfWork, consent_id: str, expected_version: int, withdrawn_on: date | None = None
) -> None:
    consent, _case = uow.record(Consent, consent_id, "consent")
    uow.check_version(consent, expected_version, "consent", consent.id, ["withdrawn"])
    consent.withdrawn_on = withdrawn_on or date.today()
    consent.updated_by = uow.ctx.user_id
    uow.audit(audit.RECORD_UPDATE, object_type="consent", object_id=consent.id, detail="withdrawn")


# --- reads --------------------------------------------------------------------------------------

_DOCUMENT_COLUMNS = (
    ConsentDocument.id,
    ConsentDocument.consent_id,
    ConsentDocument.mime_type,
    ConsentDocument.size,
    ConsentDocument.created_at,
)


def _document_info(uow: UnitOfWork, consent_id: str) -> ConsentDocumentInfo | None:
    row = uow.session.execute(
        select(*_DOCUMENT_COLUMNS).where(
            ConsentDocument.consent_id == consent_id, ConsentDocument.part == 0
        )
    ).first()
    return ConsentDocumentInfo(*row) if row is not None else None


def list_consents(uow: UnitOfWork, case_id: str) -> list[ConsentInfo]:
    """The case's consents, oldest first, each with its copy's description (not its bytes)."""
    case = uow.case(case_id=case_id)
    rows = uow.session.execute(
        select(Consent, Provider.name, *_DOCUMENT_COLUMNS)
        .outerjoin(Provider, Provider.id == Consent.provider_id)
        .outerjoin(
            ConsentDocument,
            (ConsentDocument.consent_id == Consent.id) & (ConsentDocument.part == 0),
        )
        .where(Consent.case_id == case.id)
        .order_by(Consent.given_on, Consent.id)
    ).all()
    result = []
    for c, name, doc_id, consent_id, mime, size, created in rows:
        doc = ConsentDocumentInfo(doc_id, consent_id, mime, size, created) if doc_id else None
        result.append(info_of(uow, c, name, doc))
    return result


def provider_scope(
    consents: Sequence[ConsentInfo], provider_id: str, day: date
) -> ConsentInfo | None:
    """The union of the valid, undamaged consents for one provider on ``day``, or None.

    Expired and withdrawn consents count for nothing. ``includes_contact`` is set when any of
    the valid consents includes contact details; ``valid_until`` is the last day of the one
    that lasts longest (None when one holds until withdrawn).
    """
    valid = [
        c for c in consents if c.provider_id == provider_id and c.valid_on(day) and not c.damaged
    ]
    if not valid:
        return None
    areas = sorted({a for c in valid for a in c.scope_areas})
    first = valid[0]
    ends = [c.valid_until for c in valid]
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
        valid_until=None if None in ends else max(e for e in ends if e is not None),
        given_how=first.given_how,
        includes_contact=any(c.includes_contact for c in valid),
    )


def valid_provider_consent(
    uow: UnitOfWork, case_id: str, provider_id: str, on: date | None = None
) -> ConsentInfo | None:
    """The union of valid consents for this provider on ``on`` (today), or None if none holds
    (none given, or every one withdrawn or past its last day)."""
    return provider_scope(list_consents(uow, case_id), provider_id, on or date.today())


# --- consents that end (the supervisor's queue) -------------------------------------------------


@dataclass(frozen=True)
class EndingConsent:
    """A consent that ends soon or ended lately: case reference and recipient kind, no names."""

    consent_id: str
    case_id: str
    case_ref: str
    recipient_kind: str
    valid_until: date
    days_left: int  # negative: ended that many days ago

    @property
    def ended(self) -> bool:
        return self.days_left < 0


def ending_consents(
    uow: UnitOfWork, today: date, warning_days: int, ended_days: int = RECENTLY_ENDED_DAYS
) -> list[EndingConsent]:
    """Consents in the open cases this user reaches whose last day is within ``warning_days``
    from ``today`` or at most ``ended_days`` ago, not withdrawn and not carried on by a later
    consent to the same recipient; by end date."""
    rows = uow.session.execute(
        select(Consent, Case.case_ref)
        .join(Case, Case.id == Consent.case_id)
        .where(
            case_filter(uow.ctx),
            Case.status == "open",
            Consent.withdrawn_on.is_(None),
            Consent.valid_until.is_not(None),
            Consent.valid_until >= today - timedelta(days=ended_days),
            Consent.valid_until <= today + timedelta(days=warning_days),
        )
        .order_by(Consent.valid_until, Case.case_ref, Consent.id)
    ).all()
    if not rows:
        return []
    renewed = renewed_ids(uow, {c.case_id for c, _ref in rows})
    result = []
    for c, ref in rows:
        assert c.valid_until is not None
        if c.id in renewed:
            continue
        result.append(
            EndingConsent(
                c.id, c.case_id, ref, c.recipient_kind, c.valid_until, (c.valid_until - today).days
            )
        )
    return result


# --- the scanned copy ---------------------------------------------------------------------------


def document_type(data: bytes) -> str | None:
    """The MIME type of a PDF, JPEG or PNG by its first bytes, else None."""
    for magic, mime in DOCUMENT_TYPES:
        if data.startswith(magic):
            return mime
    return None


def too_large_error() -> ValidationError:
    return ValidationError(
        "The copy is larger than 10 MB; scan it at a lower resolution.",
        "Kopian är större än 10 MB; skanna den med lägre upplösning.",
    )


def check_document(data: bytes) -> str:
    """The copy's MIME type, or a clear refusal (empty, larger than 10 MB, not PDF/JPEG/PNG)."""
    if not data:
        raise ValidationError("The file is empty.", "Filen är tom.")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise too_large_error()
    mime = document_type(data)
    if mime is None:
        raise ValidationError(
            "The copy must be a PDF, JPEG or PNG file.",
            "Kopian måste vara en PDF-, JPEG- eller PNG-fil.",
        )
    return mime


def _part_header(document_id: str, part: int, parts: int) -> bytes:
    """Sealed with each part: which copy it belongs to and its place."""
    return document_id.encode("ascii") + struct.pack(">II", part, parts)


def attach_document(uow: UnitOfWork, consent_id: str, data: bytes) -> ConsentDocumentInfo:
    """Attach (or replace) the consent's scanned signed copy, sealed in parts of at most
    :data:`PART_BYTES`; audited by ids only."""
    mime = check_document(data)
    consent, case = uow.record(Consent, consent_id, "consent")
    session = uow.session
    previous = (
        session.execute(
            select(ConsentDocument)
            .options(load_only(ConsentDocument.id, ConsentDocument.case_id))
            .where(ConsentDocument.consent_id == consent.id)
        )
        .scalars()
        .all()
    )
    for row in previous:
        session.delete(row)
    if previous:
        session.flush()  # the old copy goes before the new one comes
    keyring = uow.ctx.keys.keyring
    slices = [data[i : i + PART_BYTES] for i in range(0, len(data), PART_BYTES)]
    document_id = new_id()
    for n, piece in enumerate(slices):
        row = ConsentDocument(
            id=document_id if n == 0 else new_id(),
            consent_id=consent.id,
            case_id=case.id,
            part=n,
            parts=len(slices),
            mime_type=mime,
            size=len(data),
            created_at=uow.now,
            created_by=uow.ctx.user_id,
        )
        plaintext = _part_header(document_id, n, len(slices)) + piece
        row.content_enc = keyring.seal(DOCUMENT_TABLE, DOCUMENT_COLUMN, row.id, plaintext)
        session.add(row)
        session.flush()  # one part at a time: one statement never carries the whole file
    what = "replaced" if previous else "attached"
    uow.audit(
        audit.RECORD_UPDATE if previous else audit.RECORD_CREATE,
        object_type="consent",
        object_id=consent.id,
        detail=f"document {what} {document_id}",
    )
    session.flush()
    return ConsentDocumentInfo(document_id, consent.id, mime, len(data), uow.now)


def read_document(uow: UnitOfWork, consent_id: str) -> tuple[ConsentDocumentInfo, bytes | None]:
    """The copy and its bytes, to write to a file (audited as an export, ids only).

    A copy that fails its integrity check (a part altered, moved, swapped or missing) gives
    None; the failure is audited instead."""
    consent, _case = uow.record(Consent, consent_id, "consent")
    rows = (
        uow.session.execute(
            select(ConsentDocument)
            .where(ConsentDocument.consent_id == consent.id)
            .order_by(ConsentDocument.part)
        )
        .scalars()
        .all()
    )
    if not rows:
        raise NotFoundError(
            "This consent has no scanned copy.", "Samtycket har ingen inskannad kopia."
        )
    first = rows[0]  # part 0, unless it is missing (then the header check below fails)
    info = ConsentDocumentInfo(first.id, consent.id, first.mime_type, first.size, first.created_at)
    if any(Sealed.parse_key_id(r.content_enc) not in uow.ctx.keys.keyring.key_ids for r in rows):
        uow.ctx.reload_keys(uow.session)  # the data key was rotated by another session
    keyring = uow.ctx.keys.keyring
    pieces: list[bytes] = []
    for n, row in enumerate(rows):
        header = _part_header(first.id, n, first.parts)
        try:
            plaintext = keyring.open(DOCUMENT_TABLE, DOCUMENT_COLUMN, row.id, row.content_enc)
        except IntegrityError:
            plaintext = b""
        if not plaintext.startswith(header):
            uow.damaged(DOCUMENT_TABLE, DOCUMENT_COLUMN, row.id)
            return info, None
        pieces.append(plaintext[len(header) :])
    data = b"".join(pieces)
    if len(rows) != first.parts or len(data) != first.size:
        uow.damaged(DOCUMENT_TABLE, DOCUMENT_COLUMN, first.id)
        return info, None
    uow.audit(
        audit.EXPORT, object_type="consent", object_id=consent.id, detail=f"document {first.id}"
    )
    return info, data
