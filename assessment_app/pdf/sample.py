"""A complete, fictitious plan for previews, demos, benchmarks and tests.

``sample_plan()`` builds a fully filled 14-area ``PlanDocument`` in Swedish or English: every
area has a goal, actions for the individual, the social services and others (two providers, the
police, other authorities), both ratings, contacts, dates and a note. The person, case and
providers are invented. The CLI or settings dialog can use it to show what a printout looks like
without touching a real case.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final, NamedTuple

from assessment_app.pdf.document import (
    ActionItem,
    Audience,
    ContactItem,
    GoalItem,
    Language,
    PlanDocument,
    RatingItem,
    ResponsibleKind,
)

SAMPLE_PRINTED_ON: Final = date(2025, 3, 12)
SAMPLE_PROVIDER: Final = "Nya Vägar Stöd AB"
OTHER_PROVIDER: Final = "Jobbspåret ekonomisk förening"


class _Action(NamedTuple):
    kind: ResponsibleKind
    name: str
    sv: str
    en: str
    days: int
    status: str = "planned"


class _Area(NamedTuple):
    area_id: str
    sv: str
    en: str
    goal_sv: str
    goal_en: str
    own: int
    worker: int
    actions: tuple[_Action, ...]


_SS = "Socialtjänsten"
_ME = "Åsa Öberg"
_POLICE = "Lokalpolisområde Upplands-Bro"

AREAS: Final[tuple[_Area, ...]] = (
    _Area("motivation", "Motivation och vilja till förändring", "Motivation and readiness",
          "Jag vill leva ett liv utan brott och ha en vanlig vardag.",
          "I want to live a life without crime and have an ordinary everyday life.", 1, 1, (
              _Action("individual", _ME, "Jag skriver ner varför jag vill förändra mitt liv.",
                      "I write down why I want to change my life.", 14, "in_progress"),
              _Action("social_services", _SS, "Vi träffas varje vecka och pratar om planen.",
                      "We meet every week and talk about the plan.", 30),
              _Action("provider", SAMPLE_PROVIDER, "Mentor med egen erfarenhet träffar Åsa.",
                      "A mentor with own experience meets Åsa.", 21))),
    _Area("safety", "Hot och säkerhet", "Threat and safety",
          "Jag ska känna mig trygg där jag bor.", "I want to feel safe where I live.", 3, 4, (
              _Action("individual", _ME, "Jag ringer 112 direkt om jag blir hotad.",
                      "I call 112 at once if I am threatened.", 0),
              _Action("social_services", _SS, "Vi gör en säkerhetsplan tillsammans.",
                      "We make a safety plan together.", 7, "in_progress"),
              _Action("police", _POLICE, "Polisen gör en hotbedömning.",
                      "The police make a threat assessment.", 10))),
    _Area("protected_identity", "Skyddad identitet och flytt", "Protected identity and relocation",
          "Jag ska kunna flytta till en ort där ingen känner igen mig.",
          "I want to move to a town where nobody knows me.", 3, 3, (
              _Action("individual", _ME, "Jag ser över vad som finns om mig på nätet.",
                      "I check what there is about me online.", 14),
              _Action("social_services", _SS, "Vi hjälper till med ansökan om skyddade uppgifter.",
                      "We help with the application for protected personal data.", 21),
              _Action("authority", "Skatteverket", "Skatteverket prövar ansökan.",
                      "The Swedish Tax Agency considers the application.", 60))),
    _Area("housing", "Boende", "Housing",
          "Jag ska ha ett eget boende med eget kontrakt.",
          "I want a home of my own with my own lease.", 4, 3, (
              _Action("individual", _ME, "Jag ställer mig i bostadskön.",
                      "I join the housing queue.", 7, "done"),
              _Action("social_services", _SS, "Vi ordnar ett tillfälligt boende.",
                      "We arrange temporary housing.", 3, "in_progress"),
              _Action("provider", SAMPLE_PROVIDER, "Stöd vid visningar och kontakt med värdar.",
                      "Support at viewings and with landlords.", 45))),
    _Area("network", "Kriminellt nätverk och livsstil", "Criminal network and lifestyle",
          "Jag ska inte ha kontakt med mitt gamla gäng.",
          "I will have no contact with my old group.", 3, 3, (
              _Action("individual", _ME, "Jag byter telefonnummer och tar bort gamla kontakter.",
                      "I change my phone number and delete old contacts.", 5),
              _Action("social_services", _SS, "Vi pratar om hur jag säger nej.",
                      "We talk about how I say no.", 30),
              _Action("provider", SAMPLE_PROVIDER, "Samtal om att lämna livsstilen.",
                      "Talks about leaving the lifestyle.", 30))),
    _Area("legal", "Rättslig situation", "Legal situation",
          "Jag ska sköta min övervakning utan anmärkningar.",
          "I will keep to my probation without remarks.", 2, 2, (
              _Action("individual", _ME, "Jag går på alla möten med frivården.",
                      "I go to every meeting with the probation service.", 30, "in_progress"),
              _Action("social_services", _SS, "Vi har kontakt med frivården om planen.",
                      "We keep in touch with the probation service about the plan.", 30),
              _Action("authority", "Kriminalvården", "Frivården följer upp övervakningen.",
                      "The probation service follows up the probation.", 90))),
    _Area("thinking", "Tankar och beteende", "Thinking and behaviour",
          "Jag ska hantera ilska utan våld.", "I will handle anger without violence.", 2, 3, (
              _Action("individual", _ME, "Jag övar på att ta en paus när jag blir arg.",
                      "I practise taking a break when I get angry.", 14),
              _Action("social_services", _SS, "Vi erbjuder ett program om ilska och impulser.",
                      "We offer a programme about anger and impulses.", 40),
              _Action("provider", SAMPLE_PROVIDER, "Samtal en gång i veckan.",
                      "Talks once a week.", 60))),
    _Area("substance_use", "Alkohol och droger", "Substance use",
          "Jag ska vara drogfri.", "I will be drug free.", 2, 2, (
              _Action("individual", _ME, "Jag lämnar drogtest när vi har bestämt det.",
                      "I take drug tests when we have agreed to.", 7, "in_progress"),
              _Action("social_services", _SS, "Vi ordnar kontakt med beroendemottagningen.",
                      "We arrange contact with the addiction clinic.", 14),
              _Action("authority", "Beroendemottagningen", "Bedömning av behandling.",
                      "Assessment for treatment.", 30))),
    _Area("health", "Fysisk och psykisk hälsa", "Physical and mental health",
          "Jag ska sova bättre och må bättre.", "I want to sleep better and feel better.", 2, 2, (
              _Action("individual", _ME, "Jag bokar tid på vårdcentralen.",
                      "I book an appointment at the health centre.", 10),
              _Action("social_services", _SS, "Vi följer med till första besöket om jag vill.",
                      "We come along to the first visit if I want.", 20),
              _Action("authority", "Vårdcentralen", "Läkaren gör en hälsokontroll.",
                      "The doctor does a health check.", 25))),
    _Area("finances", "Ekonomi och skulder", "Finances and debts",
          "Jag ska få koll på mina skulder.", "I want to get control of my debts.", 3, 3, (
              _Action("individual", _ME, "Jag samlar alla räkningar i en pärm.",
                      "I collect all bills in a folder.", 14),
              _Action("social_services", _SS, "Vi bokar tid hos budget- och skuldrådgivningen.",
                      "We book a meeting with the budget and debt advisers.", 21),
              _Action("provider", SAMPLE_PROVIDER, "Hjälp att göra en budget.",
                      "Help to make a budget.", 30))),
    _Area("occupation", "Arbete, studier och sysselsättning", "Work, education and daily activity",
          "Jag ska ha en praktikplats.", "I want to have a work placement.", 2, 2, (
              _Action("individual", _ME, "Jag skriver ett CV.", "I write a CV.", 21),
              _Action("social_services", _SS, "Vi anmäler mig till Arbetsförmedlingen.",
                      "We register me with the Public Employment Service.", 14),
              _Action("provider", OTHER_PROVIDER, "Matchning mot praktikplats.",
                      "Matching with a work placement.", 60))),
    _Area("family", "Familj och nära relationer", "Family and close relationships",
          "Jag vill ha bra kontakt med mina barn.",
          "I want a good relationship with my children.", 2, 2, (
              _Action("individual", _ME, "Jag träffar barnen varannan helg.",
                      "I see the children every other weekend.", 14, "in_progress"),
              _Action("social_services", _SS, "Vi erbjuder föräldrastöd.",
                      "We offer parenting support.", 30),
              _Action("provider", SAMPLE_PROVIDER, "Stöd inför möten med familjen.",
                      "Support before family meetings.", 30))),
    _Area("social_network", "Socialt nätverk och fritid", "Social network and leisure",
          "Jag ska ha en fritidsaktivitet varje vecka.",
          "I will have a leisure activity every week.", 3, 2, (
              _Action("individual", _ME, "Jag provar på gym eller simning.",
                      "I try the gym or swimming.", 14),
              _Action("social_services", _SS, "Vi tipsar om föreningar i den nya kommunen.",
                      "We suggest clubs in the new municipality.", 30),
              _Action("provider", SAMPLE_PROVIDER, "Följer med på första träningen.",
                      "Comes along to the first session.", 30))),
    _Area("practical", "Praktiskt liv och myndigheter", "Practical life and authorities",
          "Jag ska ha giltig id-handling och BankID.",
          "I will have a valid ID and BankID.", 1, 2, (
              _Action("individual", _ME, "Jag ansöker om id-kort.", "I apply for an ID card.", 7),
              _Action("social_services", _SS, "Vi hjälper till med blanketter.",
                      "We help with forms.", 7, "done"),
              _Action("authority", "Försäkringskassan", "Handläggning av ansökan.",
                      "Processing of the application.", 45))),
)  # fmt: skip

AREA_IDS: Final = tuple(area.area_id for area in AREAS)

_NOTES: Final[dict[Audience, dict[Language, str]]] = {
    "individual": {
        "sv": "Ta med id-kort och dina räkningar till nästa möte.",
        "en": "Bring your ID card and your bills to the next meeting.",
    },
    "provider": {
        "sv": "Åsa vill helst bli kontaktad på förmiddagen. Ring inte från dolt nummer.",
        "en": "Åsa prefers to be contacted in the morning. Do not call from a hidden number.",
    },
}

_FOLLOW_UP = {
    "sv": "Vi pratar om hur det går på nästa möte.",
    "en": "We talk about how it is going at the next meeting.",
}


def sample_plan(
    audience: Audience = "individual",
    language: Language = "sv",
    *,
    areas: Iterable[str] | None = None,
    protected_identity: bool = False,
    show_radar: bool = True,
    logo_path: Path | None = None,
) -> PlanDocument:
    """A fully filled plan; ``areas`` limits it to those area ids (as consent would)."""
    wanted = set(AREA_IDS if areas is None else areas)
    english = language == "en"
    start = SAMPLE_PRINTED_ON
    chosen = [area for area in AREAS if area.area_id in wanted]
    goals = tuple(
        GoalItem(
            area_id=area.area_id,
            area_title=area.en if english else area.sv,
            goal_text=area.goal_en if english else area.goal_sv,
            actions=tuple(
                ActionItem(
                    what=action.en if english else action.sv,
                    responsible_kind=action.kind,
                    responsible_name=action.name,
                    due_date=start + timedelta(days=action.days),
                    status=action.status,
                    follow_up=_FOLLOW_UP[language],
                    outcome=("Klart." if not english else "Done.")
                    if action.status == "done"
                    else None,
                )
                for action in area.actions
            ),
        )
        for area in chosen
    )
    ratings = tuple(
        RatingItem(
            area_id=area.area_id,
            area_title=area.en if english else area.sv,
            own=area.own,
            worker=area.worker,
        )
        for area in chosen
    )
    worker = "Social worker" if english else "Socialsekreterare"
    contacts = (
        ContactItem(
            role=worker, name="Johan Ek", phone="08-581 690 00", email="johan.ek@example.se"
        ),
        ContactItem(
            role="Social services" if english else "Socialtjänsten",
            name="Vuxenenheten",
            phone="08-581 690 10",
            address="Furuhällsplan 1, Bro",
            office=True,
        ),
        ContactItem(role="Mentor", name="Kim Lindqvist", phone="070-123 45 67"),
        ContactItem(
            role="Police" if english else "Polisen",
            name="Kommunpolisen",
            phone="114 14",
        ),
        ContactItem(
            role="On-call social services" if english else "Socialjouren",
            name="Socialjouren Stockholms län",
            phone="08-123 123 00",
        ),
    )
    return PlanDocument(
        audience=audience,
        language=language,
        municipality_name="Upplands-Bro kommun",
        logo_path=logo_path,
        case_ref="SOC-2025-0142",
        printed_on=start,
        plan_version=3,
        review_state="approved",
        individual_name="Åsa Öberg",
        individual_address="Storgatan 12 B, 196 30 Kungsängen",
        protected_identity=protected_identity,
        goals=goals,
        contacts=contacts,
        next_meeting=datetime(2025, 3, 19, 14, 0),
        meeting_place="Socialkontoret, Furuhällsplan 1, rum 12",
        follow_up_dates=(start + timedelta(days=45), start + timedelta(days=90)),
        ratings=ratings,
        show_radar=show_radar,
        provider_name=SAMPLE_PROVIDER if audience == "provider" else None,
        provider_contact=ContactItem(
            role="Mentor" if english else "Kontaktperson",
            name="Kim Lindqvist",
            phone="070-123 45 67",
            email="kim.lindqvist@example.se",
            org_number="556677-8899",
        )
        if audience == "provider"
        else None,
        note=_NOTES[audience][language],
    )
