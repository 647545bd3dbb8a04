"""Fixed texts exist in both languages with the same placeholders."""

from __future__ import annotations

import string
from datetime import date, datetime
from typing import get_args

import pytest

from assessment_app.pdf import labels
from assessment_app.pdf.document import ACTION_STATUSES, REVIEW_STATES, Language, ResponsibleKind


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert labels.TEXTS["sv"].keys() == labels.TEXTS["en"].keys()


@pytest.mark.parametrize("key", sorted(labels.TEXTS["sv"]))
def test_placeholders_match_across_languages(key: str) -> None:
    assert _placeholders(labels.TEXTS["sv"][key]) == _placeholders(labels.TEXTS["en"][key])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_code_has_a_name(language: Language) -> None:
    assert set(labels.REVIEW_STATE_NAMES[language]) == set(REVIEW_STATES)
    assert set(labels.STATUS_NAMES[language]) == set(ACTION_STATUSES)
    assert set(labels.RESPONSIBLE_NAMES[language]) == set(get_args(ResponsibleKind))
    assert len(labels.RATING_WORDS[language]) == 5


def test_swedish_review_states() -> None:
    assert labels.REVIEW_STATE_NAMES["sv"] == {
        "draft": "Utkast",
        "submitted": "Inskickad för granskning",
        "approved": "Godkänd",
        "returned": "Återlämnad",
    }


def test_plain_swedish_headings() -> None:
    sv = labels.TEXTS["sv"]
    assert sv["my_goals"] == "Mina mål"
    assert sv["i_do"] == "Det här gör jag"
    assert sv["social_services_do"] == "Det här gör socialtjänsten"
    assert sv["others_do"] == "Det här gör andra"
    assert sv["next_meeting"] == "Nästa möte"
    assert sv["signatures"] == "Underskrifter"
    assert sv["protected_identity"] == "Skyddad identitet – adress lämnas inte ut"


def test_dates_and_times() -> None:
    assert labels.format_date("sv", date(2025, 3, 12)) == "12 mars 2025"
    assert labels.format_date("en", date(2025, 3, 12)) == "12 March 2025"
    meeting = datetime(2025, 3, 19, 14, 5)
    assert labels.format_meeting("sv", meeting) == "onsdag 19 mars 2025 kl. 14.05"
    assert labels.format_meeting("en", meeting) == "Wednesday 19 March 2025 at 14:05"


def test_rating_text_keeps_missing_apart_from_zero() -> None:
    assert labels.rating_text("sv", 0) == "0 – Inget behov"
    assert labels.rating_text("sv", None) == "Inte skattat"
    assert labels.rating_text("en", 4) == "4 – Very great need"
