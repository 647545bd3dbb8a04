"""The individual's plan: plain sections, large type, radar chart, signatures."""

from __future__ import annotations

import dataclasses
from typing import Any

from assessment_app.pdf import PlanDocument, RatingItem, sample_plan
from assessment_app.pdf.individual import IndividualPlanRenderer

SECTIONS_SV = (
    "Min handlingsplan",
    "Handlingsplan för Åsa Öberg",
    "Mina mål",
    "Det här gör jag",
    "Det här gör socialtjänsten",
    "Det här gör andra",
    "Viktiga datum",
    "Kontakt",
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
        "Contacts",
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
    end = text.index("Kontakt", start)
    dates = text[start:end]
    assert "Nästa möte, kl. 14.00" in dates
    assert "Vi följer upp planen tillsammans" in dates
    assert "26 april 2025" in dates and "10 juni 2025" in dates
    assert "Jag ringer 112 direkt om jag blir hotad." in dates
    # Done tasks and other people's tasks are not in the person's own date list.
    assert "Jag ställer mig i bostadskön." not in dates
    assert "Polisen gör en hotbedömning." not in dates
