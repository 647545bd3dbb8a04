"""Swedish personal identity numbers: validation, normalisation, display.

Validation of ordinary personnummer is python-stdnum's. Samordningsnummer (coordination
numbers: day of birth + 60) are not handled by stdnum, so they are checked here with stdnum's
Luhn implementation and the real date. Everything is normalised to 12 digits
``YYYYMMDDNNNN`` before it is stored or looked up.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import personnummer as stdnum_pnr

from assessment_app.errors import InvalidPersonnummerError

_SHAPE = re.compile(r"^([0-9]{6}|[0-9]{8})([-+]?)([0-9]{4})$")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_INVISIBLE = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff]")


def clean(text: str) -> str:
    """The number as typed, in one form: compatibility characters folded (NFKC: full-width
    digits and signs), every kind of decimal digit as 0-9, every dash as "-", no spaces or
    invisible characters. Validation and the search index both start from this, so one number
    typed in different ways is one person."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    digits = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in folded)
    return _INVISIBLE.sub("", digits)


def looks_like_number(text: str) -> bool:
    """True for text that is meant as a personnummer (10 or 12 digits, maybe with - or +)."""
    compact = re.sub(r"[-+]", "", clean(text))
    return compact.isascii() and compact.isdigit() and len(compact) in (10, 12)


def _invalid(reason_en: str, reason_sv: str) -> InvalidPersonnummerError:
    return InvalidPersonnummerError(
        f"That is not a valid personnummer or samordningsnummer: {reason_en}. "
        "Use ÅÅÅÅMMDD-NNNN, or leave it empty for a person without one.",
        f"Det är inte ett giltigt personnummer eller samordningsnummer: {reason_sv}. "
        "Skriv ÅÅÅÅMMDD-NNNN, eller lämna fältet tomt för en person som saknar nummer.",
    )


def normalise(text: str, today: date | None = None) -> str:
    """Return the 12-digit form, or raise :class:`InvalidPersonnummerError`."""
    today = today or date.today()
    compact = clean(text)
    match = _SHAPE.match(compact)
    if not match:
        raise _invalid("it should have 10 or 12 digits", "det ska ha 10 eller 12 siffror")
    birth, sep, serial = match.groups()
    if len(birth) == 6:
        yy = int(birth[:2])
        century = today.year // 100
        if yy > today.year % 100:
            century -= 1
        if sep == "+":
            century -= 1
        birth = f"{century:02d}{birth}"
    year, month, day = int(birth[:4]), int(birth[4:6]), int(birth[6:8])
    coordination = day > 60
    try:
        date(year, month, day - 60 if coordination else day)
    except ValueError:
        raise _invalid(
            "the date part is not a real date", "datumdelen är inget riktigt datum"
        ) from None
    digits10 = birth[2:] + serial
    if coordination:
        if not luhn.is_valid(digits10):
            raise _invalid("the check digit is wrong", "kontrollsiffran stämmer inte")
    else:
        try:
            stdnum_pnr.validate(f"{birth}-{serial}")
        except StdnumError:
            raise _invalid("the check digit is wrong", "kontrollsiffran stämmer inte") from None
    if date(year, month, day - 60 if coordination else day) > today:
        raise _invalid("the date is in the future", "datumet ligger i framtiden")
    return birth + serial


def is_coordination_number(pnr12: str) -> bool:
    return int(pnr12[6:8]) > 60


def display(pnr12: str) -> str:
    return f"{pnr12[:8]}-{pnr12[8:]}"


def masked(pnr12: str) -> str:
    return f"{pnr12[:8]}-****"
