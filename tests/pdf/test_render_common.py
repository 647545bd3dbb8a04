"""What every printout must get right: fonts, metadata, header/footer, paging, escaping."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from assessment_app.errors import ExportError
from assessment_app.pdf import ActionItem, GoalItem, PlanDocument, render_plan_pdf, sample_plan
from assessment_app.pdf.sample import SAMPLE_PROVIDER

BOTH = [
    pytest.param("individual", "sv", id="individual-sv"),
    pytest.param("individual", "en", id="individual-en"),
    pytest.param("provider", "sv", id="provider-sv"),
    pytest.param("provider", "en", id="provider-en"),
]
AUDIENCES = [pytest.param("individual", id="individual"), pytest.param("provider", id="provider")]
STANDARD_FONTS = (b"Helvetica", b"Times-", b"Courier", b"Symbol", b"ZapfDingbats")


@pytest.mark.parametrize(("audience", "language"), BOTH)
def test_fonts_are_embedded_dejavu_only(render: Any, audience: Any, language: Any) -> None:
    pdf = render(sample_plan(audience, language))
    fonts = list(pdf.fonts())
    assert fonts
    for font in fonts:
        assert "DejaVuSans" in str(font["/BaseFont"])
        if font.get("/Subtype") == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    for name in STANDARD_FONTS:
        assert name not in pdf.data


@pytest.mark.parametrize(("audience", "language"), BOTH)
def test_metadata_holds_no_personal_data(render: Any, audience: Any, language: Any) -> None:
    doc = sample_plan(audience, language, protected_identity=False)
    meta = render(doc).metadata()
    assert meta["/Title"] == ("Handlingsplan" if language == "sv" else "Action plan")
    assert meta["/Author"] == doc.municipality_name
    assert meta["/Subject"]
    assert meta["/Keywords"]
    assert meta["/Creator"].startswith("assessment-app")
    forbidden = ("Åsa", "Öberg", doc.case_ref, "Storgatan", "Kim", "Lindqvist", "Johan")
    for value in meta.values():
        for word in forbidden:
            assert word not in value, (word, value)


@pytest.mark.parametrize(("audience", "language"), BOTH)
def test_header_and_footer_on_every_page(render: Any, audience: Any, language: Any) -> None:
    pdf = render(sample_plan(audience, language))
    assert pdf.page_count >= 2
    if language == "sv":
        expected = ["Ärende SOC-2025-0142", "Version 3 – Godkänd", "Utskriven 2025-03-12"]
        page_label = "Sida {} av {}"
    else:
        expected = ["Case SOC-2025-0142", "Version 3 – Approved", "Printed 2025-03-12"]
        page_label = "Page {} of {}"
    expected += ["Upplands-Bro kommun", "Sekretess enligt 26 kap. 1 § OSL"]
    for number, page in enumerate(pdf.pages, start=1):
        flat = " ".join(page.split())
        for item in [*expected, page_label.format(number, pdf.page_count)]:
            assert item in flat, (number, item)
        other = page_label.format(number, pdf.page_count + 1)
        assert other not in flat


@pytest.mark.parametrize(
    ("state", "sv", "en"),
    [
        ("draft", "Utkast", "Draft"),
        ("submitted", "Inskickad för granskning", "Submitted for review"),
        ("approved", "Godkänd", "Approved"),
        ("returned", "Återlämnad", "Returned"),
    ],
)
def test_review_state_in_footer(render: Any, state: str, sv: str, en: str) -> None:
    doc = dataclasses.replace(sample_plan("provider", areas=["housing"]), review_state=state)
    assert render(doc).contains(f"Version 3 – {sv}")
    english = dataclasses.replace(sample_plan("provider", "en", areas=["housing"]))
    assert render(dataclasses.replace(english, review_state=state)).contains(f"Version 3 – {en}")


def test_custom_and_blank_confidentiality_text(render: Any) -> None:
    doc = sample_plan("provider", areas=["housing"])
    custom = render(dataclasses.replace(doc, confidentiality_text="Sekretess – särskild"))
    assert custom.contains("Sekretess – särskild")
    blank = render(dataclasses.replace(doc, confidentiality_text=" "))
    assert blank.contains("Sekretess enligt 26 kap. 1 § OSL")


def _png(path: Path) -> Path:
    Image.new("RGB", (240, 80), (31, 78, 121)).save(path)
    return path


@pytest.mark.parametrize("audience", AUDIENCES)
def test_logo_on_every_page(render: Any, tmp_path: Path, audience: Any) -> None:
    pdf = render(sample_plan(audience, logo_path=_png(tmp_path / "logo.png")))
    assert pdf.page_count >= 2
    for index in range(pdf.page_count):
        assert pdf.image_count(index) == 1
    assert pdf.contains("Upplands-Bro kommun")


def test_no_logo_means_name_only(render: Any, individual_pdf: Any) -> None:
    assert all(individual_pdf.image_count(i) == 0 for i in range(individual_pdf.page_count))


@pytest.mark.parametrize("content", [None, b"not a png"])
def test_unreadable_logo_falls_back_to_the_name(
    render: Any, tmp_path: Path, content: bytes | None, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "logo.png"
    if content is not None:
        path.write_bytes(content)
    pdf = render(sample_plan("provider", areas=["housing"], logo_path=path))
    assert pdf.image_count(0) == 0
    assert pdf.contains("Upplands-Bro kommun")
    assert "logo.png" in caplog.text


NASTY = '<b>&</b> <para> &amp; ]]> "citat" \'x\' <font name="Helvetica">'


@pytest.mark.parametrize("audience", AUDIENCES)
def test_user_text_is_escaped(render: Any, audience: Any) -> None:
    doc = sample_plan(audience, areas=["housing", "finances", "family"])
    goal = doc.goals[0]
    action = ActionItem(
        what=f"Åtgärd {NASTY}",
        responsible_kind="provider",
        responsible_name=SAMPLE_PROVIDER,
        due_date=date(2025, 4, 1),
        follow_up=f"Uppföljning {NASTY}",
    )
    goal = dataclasses.replace(goal, goal_text=f"Mål {NASTY}\nandra raden", actions=(action,))
    doc = dataclasses.replace(
        doc,
        goals=(goal, *doc.goals[1:]),
        note=f"Notering {NASTY}",
        municipality_name="Kommun <&>",
        case_ref="SOC <1> & 2",
        individual_name="Åsa <Öberg> & co",
        contacts=(dataclasses.replace(doc.contacts[0], name=f"Namn {NASTY}"),),
    )
    pdf = render(doc)
    for expected in (
        f"Åtgärd {NASTY}",
        f"Uppföljning {NASTY}",
        f"Mål {NASTY}",
        "andra raden",
        f"Notering {NASTY}",
        f"Namn {NASTY}",
        "Kommun <&>",
        "SOC <1> & 2",
        "Åsa <Öberg> & co",
    ):
        assert pdf.contains(expected), expected
    assert b"Helvetica" not in pdf.data


def _long_note() -> str:
    unbroken = "".join(chr(ord("a") + i % 26) for i in range(4000))
    words = " ".join(["ord"] * 1000)
    return f"Början. {unbroken}\n{words}\nÅÄÖ{unbroken.upper()}{'x' * 2000} Slut."


@pytest.mark.parametrize("audience", AUDIENCES)
def test_ten_thousand_character_note_paginates(render: Any, audience: Any) -> None:
    note = _long_note()
    assert len(note) >= 10_000
    doc = dataclasses.replace(sample_plan(audience), note=note)
    pdf = render(doc)
    assert "".join(note.split()) in pdf.body_compact(doc)
    for number in range(1, pdf.page_count + 1):
        assert pdf.contains(f"Sida {number} av {pdf.page_count}")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_long_unbroken_text_in_goal_and_task(render: Any, audience: Any) -> None:
    long_word = "Z" * 6000
    doc = sample_plan(audience, areas=["housing"])
    action = ActionItem(
        what=f"Uppdrag {long_word}",
        responsible_kind="provider",
        responsible_name=SAMPLE_PROVIDER,
        follow_up=long_word.lower(),
    )
    goal = dataclasses.replace(doc.goals[0], goal_text=long_word, actions=(action,))
    doc = dataclasses.replace(doc, goals=(goal,))
    pdf = render(doc)
    body = pdf.body_compact(doc)
    # Nothing is cut off: every character of the goal, the task and its follow-up is there.
    # (In the provider's table the columns of a row split over pages interleave in the text.)
    assert body.count("Z") == 2 * len(long_word)
    assert body.count("z") >= len(long_word)
    assert pdf.page_count > 2


def _many_actions(audience: str, count: int = 200) -> PlanDocument:
    doc = sample_plan(audience)  # type: ignore[arg-type]
    kinds = ("individual", "social_services", "provider", "police", "authority")
    goals = []
    for area_index, goal in enumerate(doc.goals):
        actions = []
        for i in range(area_index, count, len(doc.goals)):
            kind = "provider" if audience == "provider" else kinds[i % len(kinds)]
            actions.append(
                ActionItem(
                    what=f"Åtgärd nummer {i:03d} med en lite längre beskrivning av vad som ska "
                    "göras och hur det går till.",
                    responsible_kind=kind,  # type: ignore[arg-type]
                    responsible_name=SAMPLE_PROVIDER if kind == "provider" else "Någon",
                    due_date=doc.printed_on + timedelta(days=i),
                    follow_up="Vi följer upp varje vecka.",
                )
            )
        goals.append(dataclasses.replace(goal, actions=tuple(actions)))
    return dataclasses.replace(doc, goals=tuple(goals))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_two_hundred_actions_paginate(render: Any, audience: str) -> None:
    doc = _many_actions(audience)
    assert sum(len(goal.actions) for goal in doc.goals) == 200
    pdf = render(doc)
    for i in range(200):
        assert pdf.contains(f"Åtgärd nummer {i:03d} med en lite längre beskrivning"), i
    assert pdf.contains(f"Sida {pdf.page_count} av {pdf.page_count}")
    assert pdf.page_count >= 8


def test_very_long_header_texts_are_shortened(render: Any) -> None:
    doc = dataclasses.replace(
        sample_plan("provider", areas=["housing"]),
        municipality_name="Mycket långt kommunnamn " * 20,
        case_ref="REF-" + "9" * 300,
        confidentiality_text="Sekretess " * 40,
    )
    pdf = render(doc)
    assert pdf.contains("Mycket långt kommunnamn")
    assert "…" in pdf.pages[0]


def test_render_is_repeatable_and_font_registration_is_cached() -> None:
    from assessment_app.pdf import fonts

    doc = sample_plan("provider", areas=["housing"])
    first = render_plan_pdf(doc)
    assert fonts.register_fonts() is fonts.register_fonts()
    assert render_plan_pdf(doc)[:8] == first[:8] == b"%PDF-1.4"


def test_missing_font_is_an_export_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from assessment_app.pdf import fonts

    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setenv("ASSESSMENT_RESOURCES", str(tmp_path))
    with pytest.raises(ExportError) as caught:
        fonts.register_fonts()
    assert "DejaVuSans.ttf" in caught.value.user_message
    assert "typsnitt" in caught.value.user_message


def test_goal_without_actions_and_empty_texts(render: Any) -> None:
    goal = GoalItem(area_id="housing", area_title="Boende", goal_text="")
    doc = dataclasses.replace(sample_plan("individual"), goals=(goal,), note="  ")
    pdf = render(doc)
    assert pdf.contains("Inget just nu.")
    assert not pdf.contains("Övrigt")


@pytest.mark.parametrize(
    "value",
    [
        "emoji 😀 漢字 עברית",
        "lone \ud800 surrogate",
        "nbsp\u00a0zero\u200bwidth\u00adsoft",
        "\x00\x1b control\x7f",
        "tab\there\r\nand\u2028lines",
    ],
)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_odd_characters_do_not_break_rendering(render: Any, audience: Any, value: str) -> None:
    doc = sample_plan(audience, areas=["housing", "finances", "family"])
    ratings = tuple(
        dataclasses.replace(r, area_title=f"{r.area_title} {value}") for r in doc.ratings
    )
    goals = tuple(dataclasses.replace(g, area_title=f"{g.area_title} {value}") for g in doc.goals)
    doc = dataclasses.replace(
        doc,
        note=value,
        individual_name=value,
        case_ref=value,
        municipality_name=value,
        ratings=ratings,
        goals=goals,
    )
    pdf = render(doc)
    assert pdf.page_count >= 1
    assert b"Helvetica" not in pdf.data
