"""Cases and the individuals they are about."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session, aliased

from assessment_app import audit, bounds
from assessment_app import damage as _damage
from assessment_app import personnummer as pnr
from assessment_app.context import Context
from assessment_app.crypto import blind_index
from assessment_app.db.models import Case, CaseShare, Individual, NameToken, Unit, User
from assessment_app.db.types import new_id
from assessment_app.errors import NotFoundError, ValidationError
from assessment_app.records.access import case_filter, not_found

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

PROTECTION_LEVELS = (
    "none",
    "sekretessmarkering",
    "skyddad_folkbokforing",
    "fingerade_personuppgifter",
)
REFERRAL_SOURCES = ("self", "police", "kriminalvarden", "provider", "other")
CASE_STATUSES = ("open", "close_requested", "closed")
CASE_REF_PATTERN = re.compile(r"^AV-(\d{4})-(\d{4,})$")
MASK = "Skyddad identitet"
DAMAGED = _damage.DAMAGED


@dataclass(frozen=True)
class Contact:
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    @classmethod
    def from_json(cls, data: object) -> Contact:
        if not isinstance(data, dict):
            return cls()
        return cls(**{k: str(data.get(k, "")) for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class CaseRow:
    """One case as a list shows it: plain columns only, nothing decrypted."""

    id: str
    case_ref: str
    individual_id: str
    status: str
    assigned_user_id: str | None
    assigned_username: str | None
    unit_id: str | None
    opened_on: date
    next_follow_up_on: date | None
    protection_level: str
    last_entry_at: datetime
    # True when the personnummer was already known: the case belongs to that person's record
    # (one person across cases), whose name and contact details were kept.
    attached: bool = False

    @property
    def protected(self) -> bool:
        return self.protection_level != "none"


@dataclass
class IndividualInfo:
    id: str
    name: str
    personnummer: str | None
    contact: Contact
    protection_level: str
    version: int
    # The fields whose stored value could not be read ("name", "personnummer", "contact"):
    # screens show them as damaged, never as empty.
    damaged: frozenset[str] = frozenset()

    @property
    def protected(self) -> bool:
        return self.protection_level != "none"


@dataclass
class CaseInfo:
    id: str
    case_ref: str
    status: str
    opened_on: date
    closed_on: date | None
    assigned_username: str | None
    unit: str | None
    next_follow_up_on: date | None
    referral_source: str | None
    close_reason: str | None
    notes: str
    version: int
    individual: IndividualInfo
    shared_with: list[str] = field(default_factory=list)


# --- creating --------------------------------------------------------------------------------


def next_case_ref(session: Session, year: int) -> str:
    """The next free reference of the year (the caller holds the write lock: the audit head)."""
    prefix = f"AV-{year}-"
    ref = session.execute(
        select(Case.case_ref)
        .where(Case.case_ref.like(prefix + "%"))
        .order_by(func.length(Case.case_ref).desc(), Case.case_ref.desc())
        .limit(1)
    ).scalar()
    match = CASE_REF_PATTERN.match(ref) if ref else None
    highest = int(match.group(2)) if match else 0
    return f"{prefix}{highest + 1:04d}"


def check_contact(contact: Contact | None) -> None:
    if contact is None:
        return
    bounds.check_all(
        (getattr(contact, key), bounds.SHORT, en, sv)
        for key, en, sv in (
            ("address", "The address", "Adressen"),
            ("postal_code", "The postal code", "Postnumret"),
            ("city", "The city", "Orten"),
            ("phone", "The phone number", "Telefonnumret"),
            ("email", "The e-mail address", "E-postadressen"),
        )
    )


def check_name(name: str) -> None:
    bounds.check(name, bounds.NAME, "The name", "Namnet")


def _validate_protection(level: str) -> None:
    if level not in PROTECTION_LEVELS:
        raise ValidationError(
            f"Unknown protection level {level!r}.", f"Okänd skyddsnivå {level!r}."
        )


def set_name_tokens(session: Session, ctx: Context, individual_id: str, name: str) -> None:
    session.execute(delete(NameToken).where(NameToken.individual_id == individual_id))
    for token in blind_index.name_tokens(ctx.keys.index_key, name):
        session.add(NameToken(individual_id=individual_id, token=token.hex()))


def pnr_index(ctx: Context, pnr12: str) -> str:
    return blind_index.token(ctx.keys.index_key, "pnr", pnr12).hex()


def known_individual(session: Session, ctx: Context, pnr12: str) -> Individual | None:
    """The one record of the person with this personnummer, found by the blind index (not
    through the access rule: a person is one record across every unit's cases)."""
    return session.execute(
        select(Individual)
        .where(Individual.pnr_index == pnr_index(ctx, pnr12))
        .order_by(Individual.created_at, Individual.id)
        .limit(1)
    ).scalar()


def stricter_protection(a: str, b: str) -> str:
    """The stricter of two protection levels."""
    return a if PROTECTION_LEVELS.index(a) >= PROTECTION_LEVELS.index(b) else b


def create_case(
    uow: UnitOfWork,
    *,
    name: str,
    personnummer: str | None = None,
    contact: Contact | None = None,
    protection_level: str = "none",
    referral_source: str | None = None,
    opened_on: date | None = None,
    assigned_to: str | None = None,
    notes: str = "",
    today: date | None = None,
) -> CaseRow:
    ctx, session = uow.ctx, uow.session
    ctx.require_role("caseworker", "supervisor")
    name = unicodedata.normalize("NFC", name).strip()  # one form of "Å" however it was typed
    if not name:
        raise ValidationError("The person's name is needed.", "Personens namn behövs.")
    check_name(name)
    check_contact(contact)
    bounds.check(notes, bounds.FREE_TEXT, "The note", "Anteckningen")
    if personnummer is not None:
        bounds.check(personnummer, 40, "The personnummer", "Personnumret")
    _validate_protection(protection_level)
    if referral_source is not None and referral_source not in REFERRAL_SOURCES:
        raise ValidationError(
            f"Unknown referral source {referral_source!r}.",
            f"Okänd kontaktväg {referral_source!r}.",
        )
    pnr12 = pnr.normalise(personnummer, today) if personnummer and personnummer.strip() else None
    opened_on = opened_on or date.today()
    uow.lock_head()  # writers serialise here, so the case reference below stays free
    assignee = ctx.user_id
    if assigned_to:
        assignee = _user_id(session, assigned_to)
    individual = known_individual(session, ctx, pnr12) if pnr12 else None
    attached = individual is not None
    if individual is None:
        individual = Individual(
            id=new_id(), protection_level=protection_level, updated_by=ctx.user_id, name_enc=b""
        )
        individual.name_enc = uow.seal("individuals", "name_enc", individual.id, name)
        if pnr12:
            individual.pnr_enc = uow.seal("individuals", "pnr_enc", individual.id, pnr12)
            individual.pnr_index = pnr_index(ctx, pnr12)
        if contact is not None:
            individual.contact_enc = uow.seal(
                "individuals", "contact_enc", individual.id, contact.to_json()
            )
    case = Case(
        id=new_id(),
        case_ref=next_case_ref(session, opened_on.year),
        individual_id=individual.id,
        status="open",
        assigned_user_id=assignee,
        unit_id=ctx.unit_id,
        opened_on=opened_on,
        updated_by=ctx.user_id,
        last_entry_at=uow.now,
    )
    case.details_enc = uow.seal(
        "cases", "details_enc", case.id, {"referral_source": referral_source, "notes": notes}
    )
    uow.created(case)
    if not attached:
        session.add(individual)
        session.flush()  # the person first: the case refers to it
    session.add(case)
    session.flush()
    if attached:
        # The person's record is kept as it is (their name and contact details come from it);
        # a stricter protection asked for now is raised on the record, never lowered.
        stricter = stricter_protection(individual.protection_level, protection_level)
        if stricter != individual.protection_level:
            uow.check_version(individual, individual.version, "individual", case.case_ref, [])
            individual.protection_level = stricter
            individual.updated_by = ctx.user_id
            session.flush()
    else:
        set_name_tokens(session, ctx, individual.id, name)
    uow.audit(
        audit.CASE_CREATE,
        object_type="case",
        object_id=case.id,
        detail="known individual" if attached else None,
    )
    username = None
    if assignee:
        username = session.execute(select(User.username).where(User.id == assignee)).scalar()
    return CaseRow(
        case.id,
        case.case_ref,
        case.individual_id,
        case.status,
        case.assigned_user_id,
        username,
        case.unit_id,
        case.opened_on,
        case.next_follow_up_on,
        individual.protection_level,
        case.last_entry_at,
        attached,
    )


def _user_id(session: Session, username: str) -> str:
    user_id = session.execute(select(User.id).where(User.username == username)).scalar()
    if user_id is None:
        raise NotFoundError(
            f"No user named {username!r}.", f"Det finns ingen användare som heter {username!r}."
        )
    return user_id


# --- listing and searching -------------------------------------------------------------------


@dataclass(frozen=True)
class CaseQuery:
    """What a case list asks for. Text matches a personnummer or parts of a name."""

    text: str = ""
    mine_only: bool = False
    unit_only: bool = False
    status: str | None = None
    follow_up: str | None = None  # "due" (within 14 days) | "overdue"
    sort: str = "case_ref"  # case_ref | opened_on | next_follow_up_on | status
    descending: bool = False
    today: date | None = None


SORT_COLUMNS = {
    "case_ref": Case.case_ref,
    "opened_on": Case.opened_on,
    "next_follow_up_on": Case.next_follow_up_on,
    "status": Case.status,
    "last_entry_at": Case.last_entry_at,
}


def _filters(ctx: Context, q: CaseQuery) -> list[ColumnElement[bool]] | None:
    """The WHERE conditions of a case query; None when nothing can match."""
    conditions: list[ColumnElement[bool]] = [case_filter(ctx)]
    text = q.text.strip()
    if text:
        if pnr.looks_like_number(text):
            try:
                pnr12 = pnr.normalise(text, q.today)
            except ValidationError:
                return None
            conditions.append(Individual.pnr_index == pnr_index(ctx, pnr12))
        elif CASE_REF_PATTERN.match(text.upper()):
            conditions.append(Case.case_ref == text.upper())
        else:
            tokens = blind_index.name_query_tokens(ctx.keys.index_key, text)
            if not tokens:
                return None
            for token in tokens:
                conditions.append(
                    Individual.id.in_(
                        select(NameToken.individual_id).where(NameToken.token == token.hex())
                    )
                )
    if q.mine_only:
        conditions.append(Case.assigned_user_id == ctx.user_id)
    if q.unit_only and ctx.unit_id:
        conditions.append(Case.unit_id == ctx.unit_id)
    if q.status:
        conditions.append(Case.status == q.status)
    today = q.today or date.today()
    if q.follow_up == "overdue":
        conditions += [Case.next_follow_up_on < today, Case.status == "open"]
    elif q.follow_up == "due":
        conditions += [
            Case.next_follow_up_on >= today,
            Case.next_follow_up_on <= date.fromordinal(today.toordinal() + 14),
        ]
    return conditions


@dataclass(frozen=True)
class CasePage:
    """One page of a case list, the names of its rows decrypted (protected ones masked)."""

    rows: list[CaseRow]
    names: dict[str, str]  # individual id -> name to show
    total: int
    offset: int


def case_page(uow: UnitOfWork, q: CaseQuery, offset: int = 0, limit: int = 200) -> CasePage:
    """A page of cases with their names and the total count, in one statement."""
    conditions = _filters(uow.ctx, q)
    if conditions is None:
        return CasePage([], {}, 0, offset)
    column = SORT_COLUMNS.get(q.sort, Case.case_ref)
    tie = Case.case_ref.desc() if q.descending else Case.case_ref.asc()
    query = (
        select(
            Case,
            Individual.protection_level,
            Individual.name_enc,
            User.username,
            func.count().over().label("total"),
        )
        .join(Individual, Individual.id == Case.individual_id)
        .outerjoin(User, User.id == Case.assigned_user_id)
        .where(*conditions)
        .order_by(column.desc() if q.descending else column.asc(), tie)
        .offset(offset)
        .limit(limit)
    )
    found = uow.session.execute(query).all()
    if not found and offset > 0:  # past the end: the total still counts
        total = count_cases(uow, q)
        return CasePage([], {}, total, offset)
    rows: list[CaseRow] = []
    names: dict[str, str] = {}
    total = found[0][4] if found else 0
    for c, level, name_enc, username, _total in found:
        row = CaseRow(
            c.id,
            c.case_ref,
            c.individual_id,
            c.status,
            c.assigned_user_id,
            username,
            c.unit_id,
            c.opened_on,
            c.next_follow_up_on,
            level,
            c.last_entry_at,
        )
        rows.append(row)
        if row.protected:
            names[row.individual_id] = MASK
        elif row.individual_id not in names:
            value = uow.open("individuals", "name_enc", row.individual_id, name_enc, DAMAGED)
            names[row.individual_id] = str(value)
    return CasePage(rows, names, int(total), offset)


def list_cases(uow: UnitOfWork, q: CaseQuery, offset: int = 0, limit: int = 200) -> list[CaseRow]:
    return case_page(uow, q, offset, limit).rows


def find_by_personnummer(uow: UnitOfWork, text: str, today: date | None = None) -> list[CaseRow]:
    pnr.normalise(text, today)  # a clear error for an invalid number
    return list_cases(uow, CaseQuery(text=text, today=today))


def count_cases(uow: UnitOfWork, q: CaseQuery) -> int:
    conditions = _filters(uow.ctx, q)
    if conditions is None:
        return 0
    query = select(func.count(Case.id)).join(Individual, Individual.id == Case.individual_id)
    return int(uow.session.execute(query.where(*conditions)).scalar_one())


# --- reading one case ------------------------------------------------------------------------


def _individual(uow: UnitOfWork, ind: Individual) -> IndividualInfo:
    seen = len(uow.damage)
    name = uow.open("individuals", "name_enc", ind.id, ind.name_enc, DAMAGED)
    number = uow.open("individuals", "pnr_enc", ind.id, ind.pnr_enc, None)
    contact = uow.open("individuals", "contact_enc", ind.id, ind.contact_enc, {})
    fields = {"name_enc": "name", "pnr_enc": "personnummer", "contact_enc": "contact"}
    damaged = frozenset(
        fields[d.column] for d in uow.damage[seen:] if d.row_id == ind.id and d.column in fields
    )
    return IndividualInfo(
        ind.id,
        str(name),
        number if isinstance(number, str) else None,
        Contact.from_json(contact),
        ind.protection_level,
        ind.version,
        damaged,
    )


def open_case(
    uow: UnitOfWork, case_ref: str | None = None, *, case_id: str | None = None
) -> CaseInfo:
    """A case as its screen shows it, checked against the access rules and audited.

    One statement reads the case, the person, the worker, the unit and who it is shared with
    (and, in a write, locks the audit head for the entry that records the opening).
    """
    ctx = uow.ctx
    shares = (
        select(func.aggregate_strings(User.username, "\n"))
        .select_from(CaseShare)
        .join(User, User.id == CaseShare.user_id)
        .where(CaseShare.case_id == Case.id)
        .correlate(Case)
        .scalar_subquery()
    )
    assigned = aliased(User)
    query = (
        select(Case, Individual, assigned.username, Unit.name, shares)
        .join(Individual, Individual.id == Case.individual_id)
        .outerjoin(assigned, assigned.id == Case.assigned_user_id)
        .outerjoin(Unit, Unit.id == Case.unit_id)
        .where(case_filter(ctx))
    )
    if case_id is not None:
        query = query.where(Case.id == case_id)
    elif case_ref is not None:
        query = query.where(Case.case_ref == case_ref.strip().upper())
    else:
        raise ValueError("case_id or case_ref")
    found = uow.first(uow.locking(query))
    if found is None:
        raise not_found()
    case, ind, assigned_name, unit, shared = found
    uow.reach(case)
    details = uow.open("cases", "details_enc", case.id, case.details_enc, {})
    details = details if isinstance(details, dict) else {}
    if uow.writing:
        uow.audit(
            audit.CASE_OPEN,
            object_type="case",
            object_id=case.id,
            detail="protected" if ind.protection_level != "none" else None,
        )
    return CaseInfo(
        id=case.id,
        case_ref=case.case_ref,
        status=case.status,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        assigned_username=assigned_name,
        unit=unit,
        next_follow_up_on=case.next_follow_up_on,
        referral_source=details.get("referral_source"),
        close_reason=details.get("close_reason"),
        notes=str(details.get("notes", "")),
        version=case.version,
        individual=_individual(uow, ind),
        shared_with=sorted(shared.split("\n")) if shared else [],
    )


# --- changing --------------------------------------------------------------------------------


def update_individual(
    uow: UnitOfWork,
    case_id: str,
    expected_version: int,
    *,
    name: str | None = None,
    personnummer: str | None = None,
    contact: Contact | None = None,
    protection_level: str | None = None,
    clear_personnummer: bool = False,
) -> IndividualInfo:
    ctx, session = uow.ctx, uow.session
    case = uow.case(case_id=case_id)
    ind = session.get(Individual, case.individual_id)
    assert ind is not None
    changed = [
        n
        for n, v in (
            ("name", name),
            ("personnummer", personnummer),
            ("contact", contact),
            ("protection", protection_level),
        )
        if v is not None
    ]
    uow.check_version(ind, expected_version, "individual", case.case_ref, changed)
    if name is not None:
        check_name(name.strip())
    check_contact(contact)
    if personnummer is not None:
        bounds.check(personnummer, 40, "The personnummer", "Personnumret")
    if name is not None:
        if not name.strip():
            raise ValidationError("The person's name is needed.", "Personens namn behövs.")
        name = unicodedata.normalize("NFC", name).strip()
        ind.name_enc = uow.seal("individuals", "name_enc", ind.id, name)
        set_name_tokens(session, ctx, ind.id, name)
    if personnummer is not None and personnummer.strip():
        pnr12 = pnr.normalise(personnummer)
        other = known_individual(session, ctx, pnr12)
        if other is not None and other.id != ind.id:
            raise ValidationError(
                "Another person's record already has this personnummer: one person has one "
                "record. Open the new case with the personnummer, and it joins that record.",
                "Det finns redan en person med det här personnumret: en person har en "
                "uppgiftspost. Lägg upp ärendet med personnumret så hamnar det hos personen.",
            )
        ind.pnr_enc = uow.seal("individuals", "pnr_enc", ind.id, pnr12)
        ind.pnr_index = pnr_index(ctx, pnr12)
    elif clear_personnummer:
        ind.pnr_enc = None
        ind.pnr_index = None
    if contact is not None:
        ind.contact_enc = uow.seal("individuals", "contact_enc", ind.id, contact.to_json())
    if protection_level is not None:
        _validate_protection(protection_level)
        ind.protection_level = protection_level
    ind.updated_by = ctx.user_id
    session.flush()
    uow.audit(
        audit.RECORD_UPDATE,
        object_type="individual",
        object_id=ind.id,
        detail=",".join(changed),
    )
    return _individual(uow, ind)


def close_case(
    uow: UnitOfWork,
    case_id: str,
    expected_version: int,
    reason: str,
    closed_on: date | None = None,
    *,
    needs_decision: bool = False,
) -> str:
    """Close the case, or, when the unit says closing is a supervisor's decision and the user
    is a caseworker, ask for that decision. Returns the new status."""
    if not reason.strip():
        raise ValidationError("Say why the case is closed.", "Skriv varför ärendet avslutas.")
    bounds.check(reason, bounds.FREE_TEXT, "The reason", "Skälet")
    if needs_decision and uow.ctx.role != "supervisor":
        _set_status(uow, case_id, expected_version, "close_requested", reason, closed_on)
        return "close_requested"
    _set_status(uow, case_id, expected_version, "closed", reason, closed_on or date.today())
    return "closed"


def decide_close(
    uow: UnitOfWork, case_id: str, expected_version: int, *, approve: bool, comment: str = ""
) -> None:
    """The supervisor's decision on a request to close: closed on the requested date, or open
    again with the comment."""
    uow.ctx.require_role("supervisor")
    case = uow.case(case_id=case_id)
    uow.check_version(case, expected_version, "case", case.case_ref, ["status"])
    if case.status != "close_requested":
        raise ValidationError(
            "There is no request to close this case.", "Det finns ingen begäran om att avsluta."
        )
    if not approve and not comment.strip():
        raise ValidationError(
            "Say why the case is not closed.", "Skriv varför ärendet inte avslutas."
        )
    bounds.check(comment, bounds.FREE_TEXT, "The comment", "Kommentaren")
    details = uow.open("cases", "details_enc", case.id, case.details_enc, {})
    details = dict(details) if isinstance(details, dict) else {}
    request = details.get("close_request") if isinstance(details.get("close_request"), dict) else {}
    if approve:
        requested_on = request.get("closed_on") if isinstance(request, dict) else None
        try:
            case.closed_on = date.fromisoformat(str(requested_on)) if requested_on else None
        except ValueError:
            case.closed_on = None
        case.closed_on = case.closed_on or date.today()
        case.status = "closed"
    else:
        case.status = "open"
        details["close_reason"] = None
    details["close_decision"] = {
        "approved": approve,
        "comment": comment.strip(),
        "by": uow.ctx.user_id,
        "at": uow.now.isoformat(),
    }
    details.pop("close_request", None)
    case.details_enc = uow.seal("cases", "details_enc", case.id, details)
    case.updated_by = uow.ctx.user_id
    uow.audit(
        audit.CASE_UPDATE,
        object_type="case",
        object_id=case.id,
        detail="close approved" if approve else "close refused",
    )


def reopen_case(uow: UnitOfWork, case_id: str, expected_version: int) -> None:
    _set_status(uow, case_id, expected_version, "open", None, None)


def _set_status(
    uow: UnitOfWork,
    case_id: str,
    expected: int,
    status: str,
    reason: str | None,
    closed_on: date | None,
) -> None:
    case = uow.case(case_id=case_id)
    uow.check_version(case, expected, "case", case.case_ref, ["status"])
    details = uow.open("cases", "details_enc", case.id, case.details_enc, {})
    details = dict(details) if isinstance(details, dict) else {}
    details["close_reason"] = reason
    if status == "close_requested":
        details["close_request"] = {
            "by": uow.ctx.user_id,
            "at": uow.now.isoformat(),
            "closed_on": (closed_on or date.today()).isoformat(),
        }
        closed_on = None
    else:
        details.pop("close_request", None)
    case.details_enc = uow.seal("cases", "details_enc", case.id, details)
    case.status = status
    case.closed_on = closed_on
    case.updated_by = uow.ctx.user_id
    uow.audit(
        audit.CASE_UPDATE,
        object_type="case",
        object_id=case.id,
        detail={"closed": "closed", "close_requested": "close requested"}.get(status, "reopened"),
    )


def share_case(uow: UnitOfWork, case_id: str, usernames: Sequence[str]) -> None:
    session = uow.session
    case = uow.case(case_id=case_id)
    for username in usernames:
        user_id = _user_id(session, username)
        if session.get(CaseShare, (case.id, user_id)) is None:
            session.add(CaseShare(case_id=case.id, user_id=user_id))
            uow.audit(
                audit.CASE_UPDATE,
                object_type="case",
                object_id=case.id,
                detail=f"shared with user {user_id}",
            )


def history(uow: UnitOfWork, case_id: str) -> list[audit.HistoryEntry]:
    """Who did what with this case and its records, when (from the audit trail)."""
    from assessment_app.db.models import ActionPlan, Assessment, Consent, FollowUp

    session = uow.session
    case = uow.case(case_id=case_id)
    ids: set[str] = {case.individual_id}
    for model in (Assessment, ActionPlan, Consent, FollowUp):
        ids.update(session.execute(select(model.id).where(model.case_id == case.id)).scalars())
    return audit.case_history(session, case.id, ids)
