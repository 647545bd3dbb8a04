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
