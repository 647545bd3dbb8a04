"""From a stored safety plan to the PDF view model, with the rules of each copy.

**The person's own copy** (``individual``) is written in plain language and holds nothing that
helps someone who finds it: no name, no personnummer, no address (the individual's contact
details are never read here), no code word, no threat picture or risk level, nobody else at
risk, and no named place, number or practical step unless the worker ticked "print for the
person" on it (a step may be about other people or a move). The
numbers to call now (112 first) and the unit's emergency contact always print.

**The police contact's copy** (``police``) needs a consent to the police, valid today, that
includes the safety-plan item (:func:`records.safety.police_consent`); without it nothing is
built (:class:`~assessment_app.errors.ConsentMissingError`). It holds the whole plan and the
person's name and personnummer, still never an address; the version, its review date and the
consent it is given under (when given, until when); a version not approved says so plainly on
the first page (:func:`police_notice`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from assessment_app import personnummer as pnr
from assessment_app.errors import ConsentMissingError, NotFoundError
from assessment_app.pdf.labels import format_date
from assessment_app.pdf.safety import SafetyAudience, SafetyDocument, Section
from assessment_app.records import cases, consents, safety
from assessment_app.records.safety import Number, SafetyPlanInfo

if TYPE_CHECKING:
    from assessment_app.records.consents import ConsentInfo
    from assessment_app.settings import PrintSettings
    from assessment_app.workspace.unit import UnitOfWork

THREAT_KIND_SV = {
    "violence": "våld",
    "threats": "hot",
    "extortion": "utpressning",
    "stalking": "förföljelse",
    "digital": "hot eller kontroll på nätet",
    "weapons": "vapen",
    "other": "annat",
}
RISK_SV = {"low": "Låg", "raised": "Förhöjd", "high": "Hög"}
RELATION_SV = {
    "child": "Barn",
    "partner": "Partner",
    "parent": "Förälder",
    "sibling": "Syskon",
    "other": "Annan",
}
PLACE_SV = {
    "safe_place": "Säker plats",
    "safe_town": "Säker ort",
    "meeting_place": "Säker mötesplats",
    "unsafe_place": "Plats att undvika",
    "unsafe_town": "Ort att undvika",
}
STEP_SV = {
    "protected_address": "Skyddade personuppgifter",
    "school_transfer": "Byte av skola",
    "moving": "Flytt",
    "change_phone": "Byte av telefon och nummer",
    "change_accounts": "Byte av konton och lösenord",
    "digital_footprint": "Spår på nätet",
    "other": "Annat",
}
OWNER_SV = {
    "individual": "Du",
    "social_services": "Socialtjänsten",
    "provider": "Utföraren",
    "police": "Polisen",
    "authority": "Myndighet",
}
OWNER_POLICE_SV = {**OWNER_SV, "individual": "Den enskilde"}
STATUS_SV = {"planned": "Planerad", "in_progress": "Pågår", "done": "Klar", "cancelled": "Avbruten"}
REVIEW_SV = {
    "draft": "utkast",
    "submitted": "inskickad för granskning",
    "approved": "godkänd",
    "returned": "återlämnad",
    "superseded": "ersatt",
}


@dataclass(frozen=True)
class BuiltSafetyDocument:
    case_id: str
    safety_plan_id: str
    plan_version: int
    audience: SafetyAudience
    document: SafetyDocument


def audit_detail(built: BuiltSafetyDocument, channel: str = "save") -> str:
    return f"safety_plan {built.audience} v{built.plan_version} {channel}"


def _day(value: date | None) -> str:
    return format_date("sv", value) if value else ""


def _numbers(numbers: list[Number]) -> tuple[str, ...]:
    return tuple(f"{n.label}: {n.number}" if n.label.strip() else n.number for n in numbers)


def _call_now(info: SafetyPlanInfo) -> list[Number]:
    """The numbers to call now, 112 first (added when the plan lacks it)."""
    numbers = [n for n in info.content.call_now if n.number.strip()]
    emergency = [n for n in numbers if n.number.replace(" ", "") == "112"]
    rest = [n for n in numbers if n not in emergency]
    if not emergency:
        emergency = [Number("Vid fara (polis, ambulans, räddningstjänst)", "112")]
    return [*emergency, *rest]


def _steps(
    info: SafetyPlanInfo, owners: dict[str, str], *, chosen_only: bool = False
) -> tuple[str, ...]:
    """The steps not cancelled; ``chosen_only`` (the person's copy): only those ticked for it,
    each with its owner's kind ("Du", "Socialtjänsten", ...) and never the owner's name, which
    may be someone else at risk or a provider whose name tells where the person lives."""
    out = []
    for s in info.content.steps:
        if s.status == "cancelled" or (chosen_only and not s.for_individual):
            continue
        kind = owners.get(s.owner_kind, s.owner_kind)
        who = kind if chosen_only else (s.owner_name.strip() or kind)
        parts = [s.what.strip(), f"Ansvarig: {who}"]
        if s.due_on:
            parts.append(f"Klart senast {_day(s.due_on)}")
        parts.append(STATUS_SV.get(s.status, s.status))
        out.append(" – ".join(parts))
    return tuple(out)


EMERGENCY_LINE = "Vid fara – ring 112 (polis, ambulans, räddningstjänst)"


def _call_line(n: Number) -> str:
    """One number to call, in plain words for the person: 112 under its own label only when the
    worker wrote one of their own (not the "Vid fara …" a plan starts with)."""
    label = n.label.strip()
    if n.number.replace(" ", "") == "112":
        if not label or label.casefold().startswith("vid fara"):
            return EMERGENCY_LINE
        return f"{label} – ring 112"
    return f"{label}: ring {n.number}" if label else f"Ring {n.number}"


def individual_sections(info: SafetyPlanInfo) -> tuple[Section, ...]:
    c = info.content
    now = [_call_line(n) for n in _call_now(info)]
    if c.unit_emergency_contact.strip():
        now.append(f"Socialtjänsten: {c.unit_emergency_contact.strip()}")
    sections = [
        Section(
            "Om du är i fara nu",
            notice="Är du i fara just nu? Ring 112.",
            items=tuple(now),
        )
    ]
    keep = [c.reach_how.strip()] if c.reach_how.strip() else []
    if c.code_word.strip():
        keep.append("Ni har kommit överens om ett kodord. Det står inte här. Kom ihåg det.")
    safe_numbers = [n for n in c.safe_numbers if n.for_individual and n.number.strip()]
    sections.append(
        Section(
            "Så håller vi kontakt",
            paragraphs=tuple(keep),
            items=tuple(f"Säkert nummer – {x}" for x in _numbers(safe_numbers)),
        )
    )
    if c.if_contact_breaks.strip():
        sections.append(Section("Om kontakten bryts", paragraphs=(c.if_contact_breaks.strip(),)))
    chosen = [p for p in c.places if p.for_individual]
    safe = [p for p in chosen if p.safe]
    avoid = [p for p in chosen if not p.safe]
    if safe:
        sections.append(
            Section(
                "Säkra platser",
                items=tuple(f"{PLACE_SV.get(p.kind, p.kind)}: {p.name}" for p in safe),
            )
        )
    if avoid:
        sections.append(
            Section(
                "Undvik",
                items=tuple(f"{PLACE_SV.get(p.kind, p.kind)}: {p.name}" for p in avoid),
            )
        )
    steps = _steps(info, OWNER_SV, chosen_only=True)
    if steps:
        sections.append(Section("Det här ska göras", items=steps))
    if info.review_due_on:
        sections.append(
            Section(
                "Vi går igenom planen igen",
                paragraphs=(
                    f"Senast {_day(info.review_due_on)}. Säg till om något ändras före dess.",
                ),
            )
        )
    return tuple(sections)


DRAFT_NOTICE_POLICE = (
    "UTKAST – INTE GRANSKAT. Den här versionen av skyddsplanen är inte granskad och godkänd av "
    "en arbetsledare än. Uppgifterna kan komma att ändras."
)
RETURNED_NOTICE_POLICE = (
    "INTE GODKÄNT. Den här versionen av skyddsplanen har granskats och lämnats tillbaka för "
    "ändring av en arbetsledare. Uppgifterna kan komma att ändras."
)
SUPERSEDED_NOTICE_POLICE = (
    "ERSATT. Den här versionen av skyddsplanen är ersatt av en nyare version. Fråga "
    "socialtjänsten efter den gällande."
)


def police_notice(info: SafetyPlanInfo) -> str:
    """What the first page of the police copy says about the version's review: nothing for an
    approved version; a plain warning for a draft, a submitted or a returned one, or one
    that has been replaced."""
    if info.review_state == "approved":
        return ""
    if info.review_state == "superseded":
        return SUPERSEDED_NOTICE_POLICE
    if info.review_state == "returned":
        return RETURNED_NOTICE_POLICE
    return DRAFT_NOTICE_POLICE


def police_sections(
    info: SafetyPlanInfo,
    name: str,
    personnummer: str | None,
    protection_level: str,
    consent: ConsentInfo | None = None,
) -> tuple[Section, ...]:
    """The police contact's copy. ``consent``: the consent it is given under (when it was
    given and until when it holds; no names)."""
    c, t = info.content, info.content.threat
    person_rows: list[tuple[str, str]] = [
        ("Namn", name),
        ("Personnummer", pnr.display(personnummer) if personnummer else "Saknas"),
    ]
    if protection_level != "none":
        person_rows.append(("Skydd", "Skyddade personuppgifter: adressen lämnas inte ut"))
    kinds = ", ".join(THREAT_KIND_SV.get(k, k) for k in t.kinds)
    recent = _day(t.last_incident_on) or t.recency
    state = REVIEW_SV.get(info.review_state, info.review_state)
    plan_rows: list[tuple[str, str]] = [
        ("Version", f"{info.plan_version} ({state})"),
        ("Ses över senast", _day(info.review_due_on) or "Inte angivet"),
    ]
    if consent is not None:
        plan_rows.append(("Samtycket till polisen gavs", _day(consent.given_on)))
        plan_rows.append(
            (
                "Samtycket gäller till",
                _day(consent.valid_until) if consent.valid_until else "Tills det återkallas",
            )
        )
    sections = [
        Section("Personen", rows=tuple(person_rows)),
        Section("Planen och samtycket", notice=police_notice(info), rows=tuple(plan_rows)),
        Section(
            "Hotbild",
            rows=(
                ("Från vem", t.who),
                ("Senaste händelsen", recent),
                ("Typ av hot", kinds),
                ("Beskrivning", t.description),
                (
                    "Polisens hotbedömning",
                    "Gjord" if t.police_assessment_done else "Inte gjord",
                ),
                ("Bedömningen gjordes", _day(t.police_assessment_on)),
                ("Av", t.police_assessment_by),
                (
                    "Kontakt hos polisen",
                    " ".join(x for x in (t.police_contact_name, t.police_contact_phone) if x),
                ),
            ),
        ),
        Section(
            "Risknivå (handläggarens bedömning)",
            rows=(("Risknivå", RISK_SV.get(c.risk_level, "Inte angiven")), ("Skäl", c.risk_reason)),
        ),
        Section(
            "Kontakt och signaler",
            rows=(
                ("Säkra sätt att nå personen", c.reach_how),
                ("Kodord", c.code_word),
                ("Om kontakten bryts", c.if_contact_breaks),
            ),
            items=tuple(f"Säkert nummer – {x}" for x in _numbers(c.safe_numbers)),
        ),
    ]
    if c.places:
        sections.append(
            Section(
                "Platser och orter",
                items=tuple(
                    f"{PLACE_SV.get(p.kind, p.kind)}: {p.name}" + (f" ({p.note})" if p.note else "")
                    for p in c.places
                ),
            )
        )
    if c.others_at_risk:
        sections.append(
            Section(
                "Andra som kan vara i fara",
                items=tuple(
                    f"{RELATION_SV.get(o.relation, o.relation)}: {o.description or '–'}. "
                    f"Skydd: {o.protection or '–'}"
                    for o in c.others_at_risk
                ),
            )
        )
    steps = _steps(info, OWNER_POLICE_SV)
    if steps:
        sections.append(Section("Praktiska åtgärder", items=steps))
    now = list(_numbers(_call_now(info)))
    if c.unit_emergency_contact.strip():
        now.append(f"Socialtjänstens jourkontakt: {c.unit_emergency_contact.strip()}")
    sections.append(Section("Vid akut fara", items=tuple(now)))
    return tuple(sections)


def build_document(
    uow: UnitOfWork,
    case_id: str,
    audience: SafetyAudience,
    settings: PrintSettings,
    *,
    safety_plan_id: str | None = None,
    today: date | None = None,
) -> BuiltSafetyDocument:
    """The document for ``audience`` from the plan in force (or the version asked for)."""
    day = today or date.today()
    case = uow.case(case_id=case_id)
    if safety_plan_id is not None:
        info = safety.get(uow, safety_plan_id)
        if info.case_id != case.id:
            raise NotFoundError("No such safety plan.", "Skyddsplanen finns inte.")
    else:
        found = safety.current(uow, case.id)
        if found is None:
            raise NotFoundError("The case has no safety plan.", "Ärendet har ingen skyddsplan.")
        info = found
    if info.damaged:
        raise NotFoundError(
            "The safety plan cannot be read; nothing was printed.",
            "Skyddsplanen går inte att läsa; inget skrevs ut.",
        )
    state = REVIEW_SV.get(info.review_state, info.review_state)
    footer = f"Version {info.plan_version} ({state}) · utskriven {day.isoformat()}"
    if audience == "police":
        consent = safety.police_consent(consents.list_consents(uow, case.id), day)
        if consent is None:
            raise ConsentMissingError(
                "There is no valid consent to give the safety plan to the police; nothing was "
                "exported.",
                "Det finns inget giltigt samtycke till att lämna skyddsplanen till polisen; "
                "inget dokument skapades.",
            )
        opened = cases.open_case(uow, case_id=case.id)  # a read: not audited here
        person = opened.individual
        document = SafetyDocument(
            "police",
            "Skyddsplan",
            f"För polisens kontaktperson · ärende {case.case_ref}",
            settings.municipality_name,
            settings.confidentiality_text,
            day,
            f"Skyddsplan {case.case_ref} · {footer}",
            police_sections(
                info, person.name, person.personnummer, person.protection_level, consent
            ),
            "Lämnas ut med den enskildes samtycke. Får inte lämnas vidare.",
        )
    else:
        document = SafetyDocument(
            "individual",
            "Din plan för att vara trygg",
            "Det här har vi kommit överens om. Förvara papperet där ingen annan hittar det.",
            settings.municipality_name,
            settings.confidentiality_text,
            day,
            footer,
            individual_sections(info),
            "Du kan alltid ringa 112 om du är i fara.",
        )
    return BuiltSafetyDocument(case.id, info.id, info.plan_version, audience, document)
