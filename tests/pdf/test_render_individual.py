"""The individual's plan: plain sections, large type, radar chart, signatures."""

from __future__ import annotations

import dataclasses
from typing import Any

from assessment_app.pdf import ContactItem, GoalItem, PlanDocument, RatingItem, sample_plan
from assessment_app.pdf.individual import IndividualPlanRenderer

CONTACTS = "Din kontakt hos socialtjänsten"
SECTIONS_SV = (
    "Min handlingsplan",
    "Handlingsplan för Åsa Öberg",
    "Mina mål",
    "Det här gör jag",
    "Det här gör socialtjänsten",
    "Det här gör andra",
    "Viktiga datum",
    "Din kontakt hos socialtjänsten",
    "Nästa möte",
    "Mina områden",
    "Övrigt",
    "Underskrifter",
    "Min underskrift",
    "Socialsekreterarens underskrift",
    "Datum",
)


def test_sections_in_reading_order(individual_pdf: Any) -> None:
    text = individual_pdf.text
    position = 0
    for section in SECTIONS_SV:
        found = text.find(section, position)
        assert found >= 0, f"{section!r} missing or out of order"
        position = found + len(section)


def test_goals_actions_and_contacts_are_printed(individual_pdf: Any) -> None:
    doc = sample_plan()
    for goal in doc.goals:
        assert individual_pdf.contains(goal.area_title)
        assert individual_pdf.contains(goal.goal_text)
        for action in goal.actions:
            assert individual_pdf.contains(action.what), action.what
    for contact in doc.contacts:
        assert individual_pdf.contains(contact.name)
        assert contact.phone is None or individual_pdf.contains(contact.phone)
    assert individual_pdf.contains("onsdag 19 mars 2025 kl. 14.00")
    assert individual_pdf.contains("Nya Vägar Stöd AB")
    assert individual_pdf.contains("Åsa Öberg")


def test_actions_land_in_the_section_of_who_does_them(individual_pdf: Any) -> None:
    text = individual_pdf.text
    mine = text.index("Det här gör jag")
    theirs = text.index("Det här gör socialtjänsten")
    others = text.index("Det här gör andra")
    assert mine < text.index("Jag ringer 112 direkt om jag blir hotad.") < theirs
    assert theirs < text.index("Vi gör en säkerhetsplan tillsammans.") < others
    assert others < text.index("Polisen gör en hotbedömning.")


def test_body_text_is_at_least_twelve_points(individual_plan: PlanDocument) -> None:
    renderer = IndividualPlanRenderer(individual_plan)
    styles = renderer.styles
    for style in (styles.body, styles.item, styles.entry, styles.cell, styles.notice):
        assert style.fontSize >= 12, style.name


def test_no_address_in_the_individual_plan(individual_pdf: Any) -> None:
    assert not individual_pdf.contains("Storgatan")
    assert not individual_pdf.contains("Skyddad identitet – adress")


def test_protected_identity_notice(render: Any) -> None:
    pdf = render(sample_plan(protected_identity=True))
    assert pdf.contains("Skyddad identitet – adress lämnas inte ut")
    assert "Storgatan" not in pdf.compact


def test_radar_on_and_off(render: Any) -> None:
    caption = "Ju längre ut från mitten, desto större behov av hjälp."
    with_radar = render(sample_plan(show_radar=True))
    without = render(sample_plan(show_radar=False))
    assert with_radar.contains(caption)
    assert not without.contains(caption)
    # The ratings table is there either way.
    for pdf in (with_radar, without):
        assert pdf.contains("Min skattning")
        assert pdf.contains("4 – Mycket stort behov")


def test_radar_with_missing_ratings(render: Any) -> None:
    doc = sample_plan()
    ratings = tuple(
        dataclasses.replace(r, own=None if i % 3 == 0 else r.own, worker=None if i == 5 else 0)
        for i, r in enumerate(doc.ratings)
    )
    pdf = render(dataclasses.replace(doc, ratings=ratings))
    assert pdf.contains("Ju längre ut från mitten")
    assert pdf.contains("Inte skattat")


def test_no_radar_for_fewer_than_three_areas(render: Any) -> None:
    doc = sample_plan()
    pdf = render(dataclasses.replace(doc, ratings=doc.ratings[:2]))
    assert not pdf.contains("Ju längre ut från mitten")
    assert pdf.contains(doc.ratings[1].area_title)


def test_no_radar_when_nothing_is_rated(render: Any) -> None:
    ratings = (RatingItem(area_id=f"a{i}", area_title=f"Område {i}") for i in range(5))
    pdf = render(dataclasses.replace(sample_plan(), ratings=tuple(ratings)))
    assert not pdf.contains("Ju längre ut från mitten")


def test_empty_plan_still_renders(render: Any) -> None:
    doc = dataclasses.replace(
        sample_plan(),
        goals=(),
        contacts=(),
        ratings=(),
        next_meeting=None,
        meeting_place=None,
        follow_up_dates=(),
        note=None,
    )
    pdf = render(doc)
    assert pdf.contains("Inget just nu.")
    assert pdf.contains("Vi har inte bokat nästa möte än.")
    assert not pdf.contains("Mina områden")
    assert pdf.contains("Underskrifter")


def test_english_version(render: Any) -> None:
    pdf = render(sample_plan("individual", "en"))
    for expected in (
        "My action plan",
        "Action plan for Åsa Öberg",
        "My goals",
        "What I will do",
        "What the social services will do",
        "What others will do",
        "Important dates",
        "Your contact at the social services",
        "Next meeting",
        "Wednesday 19 March 2025 at 14:00",
        "My areas",
        "Signatures",
        "Version 3 – Approved",
        "Printed 2025-03-12",
        "Case SOC-2025-0142",
        f"Page 1 of {pdf.page_count}",
        "I call 112 at once if I am threatened.",
    ):
        assert pdf.contains(expected), expected
    assert not pdf.contains("Mina mål")
    assert pdf.metadata()["/Title"] == "Action plan"
    assert pdf.metadata()["/Subject"] == "Action plan for the individual"


def test_important_dates_list_meetings_and_own_deadlines(individual_pdf: Any) -> None:
    text = individual_pdf.text
    start = text.index("Viktiga datum")
    end = text.index(CONTACTS, start)
    dates = text[start:end]
    assert "Nästa möte, kl. 14.00" in dates
    assert "Vi följer upp planen tillsammans" in dates
    assert "26 april 2025" in dates and "10 juni 2025" in dates
    assert "Jag ringer 112 direkt om jag blir hotad." in dates
    # Done tasks and other people's tasks are not in the person's own date list.
    assert "Jag ställer mig i bostadskön." not in dates
    assert "Polisen gör en hotbedömning." not in dates


# --- goals, the next meeting, contacts, areas: what the person reads -------------------------


def test_a_goal_is_printed_once_under_its_area_and_an_unworded_one_says_so(render: Any) -> None:
    goals = (
        GoalItem(area_id="housing", area_title="Boende", goal_text="Ett eget boende"),
        GoalItem(area_id="substance_use", area_title="Alkohol och droger", goal_text="  "),
    )
    pdf = render(dataclasses.replace(sample_plan(), goals=goals))
    text = pdf.text
    start, end = text.index("Mina mål"), text.index("Det här gör jag")
    mine = text[start:end]
    assert mine.count("Ett eget boende") == 1
    assert mine.index("Boende") < mine.index("Ett eget boende")
    assert "Alkohol och droger (målet är inte formulerat än)" in mine
    assert "Mål:" not in mine  # the area is the heading; no label before the goal


def _meeting_part(pdf: Any) -> str:
    text = pdf.text
    start = text.index("Nästa möte", text.index(CONTACTS))
    return text[start : text.index("Mina områden", start)]


def test_the_next_meeting_in_plain_words_with_its_place(individual_pdf: Any) -> None:
    part = _meeting_part(individual_pdf)
    assert "Vi ses onsdag 19 mars 2025 kl. 14.00." in part
    assert "Plats: Socialkontoret, Furuhällsplan 1, rum 12" in part
    assert "inte bokat" not in part


def test_no_meeting_booked_and_a_place_without_a_time(render: Any) -> None:
    none = render(dataclasses.replace(sample_plan(), next_meeting=None, meeting_place=None))
    assert "Vi har inte bokat nästa möte än. Vi hör av oss till dig." in _meeting_part(none)
    assert "Plats:" not in none.text
    written = render(
        dataclasses.replace(sample_plan(), next_meeting=None, meeting_place="Tisdag kl 10")
    )
    part = _meeting_part(written)  # an older plan's free text, as it was written
    assert "Tisdag kl 10" in part and "Vi ses" not in part and "Plats:" not in part


def test_contacts_print_what_is_given_and_never_a_bare_label(render: Any) -> None:
    worker = ContactItem(role="Handläggare", name="Anna Andersson", phone="08-123", email="a@k.se")
    unit = ContactItem(role="Socialtjänsten", name="Vuxenenheten", address="Torget 1, Bro")
    full = render(dataclasses.replace(sample_plan(), contacts=(worker, unit)))
    part = full.text[
        full.text.index(CONTACTS) : full.text.index("Nästa möte", full.text.index(CONTACTS))
    ]
    assert "Ring eller mejla om du har frågor." in part
    assert "Handläggare: Anna Andersson Telefon: 08-123 · E-post: a@k.se" in part
    assert "Socialtjänsten: Vuxenenheten Besöksadress: Torget 1, Bro" in part
    bare = ContactItem(role="Handläggare", name="Anna Andersson", phone=" ", email=None)
    nothing = render(dataclasses.replace(sample_plan(), contacts=(bare,)))
    text = nothing.text
    part = text[text.index(CONTACTS) : text.index("Nästa möte", text.index(CONTACTS))]
    assert "Ring" not in part and "mejla" not in part
    # How to reach the unit instead, plainly: no unit is named here, so "socialtjänsten".
    flat = " ".join(part.split())
    assert "Vi har inget telefonnummer eller någon e-postadress att skriva här." in flat
    assert "kontakta Upplands-Bro kommun och fråga efter socialtjänsten" in flat
    named = render(
        dataclasses.replace(
            sample_plan(),
            contacts=(bare, ContactItem(role="Socialtjänsten", name="Vuxenenheten", office=True)),
        )
    )
    flat = " ".join(named.text.split())
    assert "kontakta Upplands-Bro kommun och fråga efter Vuxenenheten, eller fråga när vi ses." in (
        flat
    )
    for label in ("Telefon", "E-post", "Besöksadress"):
        assert label not in part
    phone_only = render(
        dataclasses.replace(
            sample_plan(),
            contacts=(unit, worker.__class__(role="Handläggare", name="A", phone="08-1")),
        )
    )
    assert "Ring om du har frågor." in phone_only.text


def test_areas_left_out_are_said_in_one_sentence(render: Any) -> None:
    sentence = "Här visas bara de områden som vi har pratat om och skattat."
    shown = render(dataclasses.replace(sample_plan(), areas_left_out=8))
    assert shown.contains(sentence)
    assert not render(sample_plan()).contains(sentence)
