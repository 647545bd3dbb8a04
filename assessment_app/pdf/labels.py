"""Fixed texts of the printed plans, in Swedish and English, and date formatting.

The Swedish is written for the person who gets the plan: plain words, short sentences, "du" and
"jag". Texts are plain strings (no reportlab markup); callers escape them with the user text.
Placeholders use ``str.format`` names and must match across languages (a test checks this).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from assessment_app.pdf.document import Language

TEXTS: Final[dict[Language, dict[str, str]]] = {
    "sv": {
        # Metadata: never personal data.
        "meta_title": "Handlingsplan",
        "meta_subject_individual": "Handlingsplan för den enskilde",
        "meta_subject_provider": "Uppdrag till utförare",
        "meta_keywords": "handlingsplan, sekretess",
        # Header and footer.
        "case_ref": "Ärende {ref}",
        "version_state": "Version {version} – {state}",
        "printed_on": "Utskriven {date}",
        "page_of": "Sida {page} av {total}",
        # Person.
        "name": "Namn",
        "address": "Adress",
        "protected_identity": "Skyddad identitet – adress lämnas inte ut",
        # Individual plan.
        "individual_title": "Min handlingsplan",
        "individual_subtitle": "Handlingsplan för {name}",
        "individual_intro": (
            "Det här är din plan. Här står dina mål och vem som gör vad. "
            "Vi går igenom planen tillsammans när vi ses. Fråga oss om något är oklart."
        ),
        "my_goals": "Mina mål",
        "i_do": "Det här gör jag",
        "social_services_do": "Det här gör socialtjänsten",
        "others_do": "Det här gör andra",
        "dates": "Viktiga datum",
        "contacts": "Din kontakt hos socialtjänsten",
        "contacts_intro": "Ring eller mejla om du har frågor. Hör också av dig om något har hänt.",
        "contacts_intro_phone": "Ring om du har frågor. Hör också av dig om något har hänt.",
        "contacts_intro_email": "Mejla om du har frågor. Hör också av dig om något har hänt.",
        # No phone and no e-mail stored: say how to reach the unit instead.
        "contacts_intro_visit": (
            "Vi har inget telefonnummer eller någon e-postadress att skriva här. Om du har "
            "frågor eller om något har hänt kan du komma till oss på besöksadressen nedan, "
            "eller fråga när vi ses."
        ),
        "contacts_intro_none": (
            "Vi har inget telefonnummer eller någon e-postadress att skriva här. Om du har "
            "frågor eller om något har hänt: kontakta {municipality} och fråga efter {unit}, "
            "eller fråga när vi ses."
        ),
        "reach_municipality": "kommunen",
        "reach_unit": "socialtjänsten",
        "next_meeting": "Nästa möte",
        "no_meeting": "Vi har inte bokat nästa möte än. Vi hör av oss till dig.",
        "meeting_when": "Vi ses {when}.",
        "place": "Plats",
        "goal_not_worded": "(målet är inte formulerat än)",
        "areas_only_talked": "Här visas bara de områden som vi har pratat om och skattat.",
        "my_areas": "Mina områden",
        "areas_intro": (
            "Här ser du hur mycket hjälp du behöver inom varje område. "
            "Du har svarat själv, och socialtjänsten har också gjort en bedömning. "
            "0 betyder inget behov. 4 betyder mycket stort behov."
        ),
        "note": "Övrigt",
        "signatures": "Underskrifter",
        "signatures_intro": "Vi har gjort planen tillsammans.",
        "sign_individual": "Min underskrift",
        "sign_worker": "Socialsekreterarens underskrift",
        "sign_name": "Namnförtydligande",
        "sign_date": "Datum",
        "nothing_now": "Inget just nu.",
        "area": "Område",
        "who": "Vem",
        "due": "Klart senast",
        "follow_up": "Så följer vi upp",
        "outcome": "Resultat",
        "status": "Status",
        "phone": "Telefon",
        "email": "E-post",
        "visiting_address": "Besöksadress",
        "org_number": "Organisationsnummer",
        "role_worker": "Handläggare",
        "role_unit": "Socialtjänsten",
        "date": "Datum",
        "what_happens": "Vad händer",
        "dates_intro": "Här ser du när vi ses och när du ska ha gjort dina saker.",
        "date_follow_up": "Vi följer upp planen tillsammans",
        "date_meeting": "Nästa möte, kl. {time}",
        "radar_own": "Min skattning",
        "radar_worker": "Socialtjänstens skattning",
        "not_rated": "Inte skattat",
        "radar_caption": "Ju längre ut från mitten, desto större behov av hjälp.",
        # Provider assignment.
        "provider_title": "Uppdrag till utförare",
        "provider_subtitle": "Utförare: {provider}",
        "provider_intro": (
            "Det här dokumentet innehåller bara de uppgifter som den enskilde har samtyckt till "
            "att socialtjänsten delar med er, och de uppdrag som ni har fått."
        ),
        "about_individual": "Den enskilde",
        "draft_watermark": "UTKAST – inte beslutad",
        "contact_not_shared": "Kontaktuppgifter lämnas inte ut (inget samtycke till det).",
        "provider_contact": "Kontaktperson hos utföraren",
        "social_services_contacts": "Kontakt hos socialtjänsten",
        "areas_and_tasks": "Områden och uppdrag",
        "goal": "Mål",
        "task": "Uppdrag",
        "no_tasks": "Inga uppdrag för er inom det här området.",
        "follow_ups": "Uppföljning och möten",
        "follow_up_dates": "Uppföljningsdatum",
        "ratings": "Skattningar",
        "ratings_intro": (
            "Behov av hjälp inom de delade områdena, 0 (inget behov) till 4 (mycket stort behov)."
        ),
        "radar_own_provider": "Den enskildes skattning",
        "radar_worker_provider": "Socialtjänstens skattning",
        "none_given": "Inga angivna.",
    },
    "en": {
        "meta_title": "Action plan",
        "meta_subject_individual": "Action plan for the individual",
        "meta_subject_provider": "Assignment for the provider",
        "meta_keywords": "action plan, confidential",
        "case_ref": "Case {ref}",
        "version_state": "Version {version} – {state}",
        "printed_on": "Printed {date}",
        "page_of": "Page {page} of {total}",
        "name": "Name",
        "address": "Address",
        "protected_identity": "Protected identity – address not disclosed",
        "individual_title": "My action plan",
        "individual_subtitle": "Action plan for {name}",
        "individual_intro": (
            "This is your plan. It shows your goals and who does what. "
            "We go through the plan together when we meet. Ask us if anything is unclear."
        ),
        "my_goals": "My goals",
        "i_do": "What I will do",
        "social_services_do": "What the social services will do",
        "others_do": "What others will do",
        "dates": "Important dates",
        "contacts": "Your contact at the social services",
        "contacts_intro": (
            "Call or email if you have questions. Also get in touch if something has happened."
        ),
        "contacts_intro_phone": (
            "Call if you have questions. Also get in touch if something has happened."
        ),
        "contacts_intro_email": (
            "Email if you have questions. Also get in touch if something has happened."
        ),
        "contacts_intro_visit": (
            "We have no phone number or e-mail address to give here. If you have questions or "
            "if something has happened, you can come to see us at the visiting address below, "
            "or ask when we meet."
        ),
        "contacts_intro_none": (
            "We have no phone number or e-mail address to give here. If you have questions or "
            "if something has happened, contact {municipality} and ask for {unit}, or ask "
            "when we meet."
        ),
        "reach_municipality": "the municipality",
        "reach_unit": "the social services",
        "next_meeting": "Next meeting",
        "no_meeting": "We have not booked the next meeting yet. We will contact you.",
        "meeting_when": "We meet on {when}.",
        "place": "Place",
        "goal_not_worded": "(the goal has not been worded yet)",
        "areas_only_talked": "Only the areas we have talked about and rated are shown here.",
        "my_areas": "My areas",
        "areas_intro": (
            "Here you can see how much help you need in each area. "
            "You answered yourself, and the social services also made an assessment. "
            "0 means no need. 4 means a very great need."
        ),
        "note": "Other notes",
        "signatures": "Signatures",
        "signatures_intro": "We made this plan together.",
        "sign_individual": "My signature",
        "sign_worker": "Social worker's signature",
        "sign_name": "Name in block letters",
        "sign_date": "Date",
        "nothing_now": "Nothing at the moment.",
        "area": "Area",
        "who": "Who",
        "due": "Done by",
        "follow_up": "How we follow up",
        "outcome": "Result",
        "status": "Status",
        "phone": "Phone",
        "email": "Email",
        "visiting_address": "Visiting address",
        "org_number": "Organisation number",
        "role_worker": "Caseworker",
        "role_unit": "Social services",
        "date": "Date",
        "what_happens": "What happens",
        "dates_intro": "Here you can see when we meet and when your own tasks should be done.",
        "date_follow_up": "We follow up the plan together",
        "date_meeting": "Next meeting, at {time}",
        "radar_own": "My rating",
        "radar_worker": "Social services' rating",
        "not_rated": "Not rated",
        "radar_caption": "The further out from the centre, the greater the need of help.",
        "provider_title": "Assignment for the provider",
        "provider_subtitle": "Provider: {provider}",
        "provider_intro": (
            "This document holds only the information the individual has consented to the "
            "social services sharing with you, and the tasks you have been given."
        ),
        "about_individual": "The individual",
        "draft_watermark": "DRAFT – not decided",
        "contact_not_shared": "Contact details are not shared (no consent to that).",
        "provider_contact": "Contact person at the provider",
        "social_services_contacts": "Contacts at the social services",
        "areas_and_tasks": "Areas and tasks",
        "goal": "Goal",
        "task": "Task",
        "no_tasks": "No tasks for you in this area.",
        "follow_ups": "Follow-up and meetings",
        "follow_up_dates": "Follow-up dates",
        "ratings": "Ratings",
        "ratings_intro": "Need of help in the shared areas, 0 (no need) to 4 (very great need).",
        "radar_own_provider": "The individual's rating",
        "radar_worker_provider": "Social services' rating",
        "none_given": "None given.",
    },
}

REVIEW_STATE_NAMES: Final[dict[Language, dict[str, str]]] = {
    "sv": {
        "draft": "Utkast",
        "submitted": "Inskickad för granskning",
        "approved": "Godkänd",
        "returned": "Återlämnad",
    },
    "en": {
        "draft": "Draft",
        "submitted": "Submitted for review",
        "approved": "Approved",
        "returned": "Returned",
    },
}

STATUS_NAMES: Final[dict[Language, dict[str, str]]] = {
    "sv": {"planned": "Planerad", "in_progress": "Pågår", "done": "Klar", "cancelled": "Avbruten"},
    "en": {
        "planned": "Planned",
        "in_progress": "In progress",
        "done": "Done",
        "cancelled": "Cancelled",
    },
}

RESPONSIBLE_NAMES: Final[dict[Language, dict[str, str]]] = {
    "sv": {
        "individual": "Den enskilde",
        "social_services": "Socialtjänsten",
        "provider": "Utförare",
        "police": "Polisen",
        "authority": "Myndighet",
    },
    "en": {
        "individual": "The individual",
        "social_services": "Social services",
        "provider": "Provider",
        "police": "Police",
        "authority": "Authority",
    },
}

RATING_WORDS: Final[dict[Language, tuple[str, ...]]] = {
    "sv": ("Inget behov", "Litet behov", "Måttligt behov", "Stort behov", "Mycket stort behov"),
    "en": ("No need", "Slight need", "Moderate need", "Considerable need", "Very great need"),
}

_MONTHS: Final[dict[Language, tuple[str, ...]]] = {
    "sv": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

_WEEKDAYS: Final[dict[Language, tuple[str, ...]]] = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def text(language: Language, key: str, **values: object) -> str:
    """The fixed text ``key`` in ``language``, with placeholders filled (values not escaped)."""
    template = TEXTS[language][key]
    return template.format(**values) if values else template


def format_date(language: Language, value: date) -> str:
    """A date as people write it: "12 mars 2025" / "12 March 2025"."""
    return f"{value.day} {_MONTHS[language][value.month - 1]} {value.year}"


def format_time(language: Language, value: datetime) -> str:
    """A clock time: "14.00" in Swedish, "14:00" in English."""
    return f"{value:%H.%M}" if language == "sv" else f"{value:%H:%M}"


def format_meeting(language: Language, value: datetime) -> str:
    """A meeting time with weekday, e.g. "onsdag 12 mars 2025 kl. 14.00"."""
    weekday = _WEEKDAYS[language][value.weekday()]
    day = format_date(language, value.date())
    at = "kl." if language == "sv" else "at"
    return f"{weekday} {day} {at} {format_time(language, value)}"


def rating_text(language: Language, value: int | None) -> str:
    """A rating as "3 – Stort behov"; a missing one is "Inte skattat", never 0."""
    if value is None:
        return text(language, "not_rated")
    return f"{value} – {RATING_WORDS[language][value]}"
