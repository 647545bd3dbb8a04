from __future__ import annotations

from datetime import date

import pytest

from assessment_app import personnummer as pnr
from assessment_app.errors import InvalidPersonnummerError

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("811228-9874", "198112289874"),
        ("8112289874", "198112289874"),
        ("19811228-9874", "198112289874"),
        ("198112289874", "198112289874"),
        (" 811228-9874 ", "198112289874"),
        ("121212+1212", "191212121212"),  # over 100 years old
        ("20121212-1212", "201212121212"),
    ],
)
def test_valid_numbers_normalise(text: str, expected: str) -> None:
    assert pnr.normalise(text, TODAY) == expected


def test_samordningsnummer() -> None:
    from stdnum import luhn

    base = "701063239"
    number = f"701063-239{luhn.calc_check_digit(base)}"
    normal = pnr.normalise(number, TODAY)
    assert normal.startswith("19701063") and pnr.is_coordination_number(normal)


@pytest.mark.parametrize(
    "text",
    [
        "811228-9875",
        "19811328-9874",
        "123",
        "abcdefghij",
        "811228*9874",
        "20301228-9874",
        "19810230-1234",
        "",
    ],
)
def test_invalid_numbers_are_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(InvalidPersonnummerError) as info:
        pnr.normalise(text, TODAY)
    assert "personnummer" in info.value.user_message
    assert "personnummer" in info.value.message_en


def test_display_and_mask() -> None:
    assert pnr.display("198112289874") == "19811228-9874"
    assert pnr.masked("198112289874") == "19811228-****"


NUMBER = "198112189876"
VARIANTS = [
    "１９８１１２１８９８７６",  # full-width digits
    "１９８１１２１８－９８７６",  # full-width digits and hyphen
    "19811218‐9876",  # a Unicode hyphen
    "811218−9876",  # a minus sign
    "1981 1218 9876",  # spaces
    "19811218\u200b9876",  # an invisible zero-width space pasted along
    "١٩٨١١٢١٨٩٨٧٦",  # Arabic-Indic digits
]


@pytest.mark.parametrize("typed", VARIANTS)
def test_every_way_of_typing_a_number_is_the_same_number(typed: str) -> None:
    assert pnr.normalise(typed, date(2026, 12, 1)) == NUMBER


def test_letters_that_look_like_digits_are_refused() -> None:
    with pytest.raises(InvalidPersonnummerError):
        pnr.normalise("19811218-98７b", date(2026, 12, 1))


def test_variants_are_stored_and_found_as_the_same_number(world) -> None:  # type: ignore[no-untyped-def]
    from assessment_app.records.cases import CaseQuery

    anna = world.workspace("anna")
    row = anna.cases.create(name="Bredd Siffra", personnummer=VARIANTS[0])
    assert anna.cases.open(row.id).individual.personnummer == NUMBER
    for typed in [NUMBER, *VARIANTS]:
        found = anna.cases.page(CaseQuery(text=typed)).rows
        assert [r.id for r in found] == [row.id], typed


def test_names_typed_in_compatibility_forms_are_found(world) -> None:  # type: ignore[no-untyped-def]
    from assessment_app.records.cases import CaseQuery

    anna = world.workspace("anna")
    row = anna.cases.create(name="Åsa Öberg")
    for typed in ("ÅSA", "ÖBERG", "Ｏ\u0308ｂｅｒｇ"):  # full-width, a combining diaeresis
        assert [r.id for r in anna.cases.page(CaseQuery(text=typed)).rows] == [row.id], typed
