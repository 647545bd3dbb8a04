"""Lifecycle settings: the retention rule and the backup reminder interval.

Read from the ``"retention"`` object of the installation's settings files (merged as
:func:`assessment_app.settings.load_settings` does). Missing keys take the defaults below;
a bad value is reported, never ignored, because a wrong retention rule deletes records.

Example ``settings.json``::

    {"retention": {"years": 5, "keep_birth_days": [5, 15, 25], "backup_every_days": 7}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from assessment_app.errors import ConfigurationError
from assessment_app.settings import load_settings

DEFAULT_YEARS = 5
DEFAULT_KEEP_BIRTH_DAYS = (5, 15, 25)
DEFAULT_BACKUP_EVERY_DAYS = 7


def _bad(key: str, rule_en: str, rule_sv: str) -> ConfigurationError:
    return ConfigurationError(
        f"The retention setting {key!r} is invalid: {rule_en}.",
        f"Gallringsinställningen {key!r} är felaktig: {rule_sv}.",
    )


@dataclass(frozen=True)
class RetentionSettings:
    """How long records are kept after the last entry, and who is excepted.

    ``keep_birth_days``: people born on these days of a month are kept (the research
    exception; for a samordningsnummer the day is the number's day minus 60).
    """

    years: int = DEFAULT_YEARS
    keep_birth_days: tuple[int, ...] = DEFAULT_KEEP_BIRTH_DAYS
    backup_every_days: int = DEFAULT_BACKUP_EVERY_DAYS

    def __post_init__(self) -> None:
        if isinstance(self.years, bool) or not isinstance(self.years, int):
            raise _bad("years", "it must be a whole number", "det ska vara ett heltal")
        if not 1 <= self.years <= 100:
            raise _bad("years", "use 1 to 100", "ange 1 till 100")
        days = self.keep_birth_days
        if not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 31 for d in days):
            raise _bad(
                "keep_birth_days",
                "use days of the month, 1 to 31",
                "ange dagar i månaden, 1 till 31",
            )
        object.__setattr__(self, "keep_birth_days", tuple(sorted(set(days))))
        every = self.backup_every_days
        if isinstance(every, bool) or not isinstance(every, int) or not 1 <= every <= 365:
            raise _bad("backup_every_days", "use 1 to 365", "ange 1 till 365")

    @property
    def rule(self) -> str:
        """The rule as recorded in the audit trail, e.g. ``rule 5y keep-days 5,15,25``."""
        days = ",".join(str(d) for d in self.keep_birth_days) or "none"
        return f"rule {self.years}y keep-days {days}"

    def with_years(self, years: int | None) -> RetentionSettings:
        if years is None:
            return self
        return RetentionSettings(years, self.keep_birth_days, self.backup_every_days)


def retention_settings_from(data: Mapping[str, object]) -> RetentionSettings:
    """Settings from the ``"retention"`` object of a settings file."""
    years = data.get("years", DEFAULT_YEARS)
    days = data.get("keep_birth_days", list(DEFAULT_KEEP_BIRTH_DAYS))
    every = data.get("backup_every_days", DEFAULT_BACKUP_EVERY_DAYS)
    if not isinstance(days, list):
        raise _bad(
            "keep_birth_days", "it must be a list of days", "det ska vara en lista med dagar"
        )
    return RetentionSettings(years, tuple(days), every)  # type: ignore[arg-type]


def load_retention_settings(paths: list[Path] | None = None) -> RetentionSettings:
    """The ``"retention"`` object of the merged settings files (defaults when absent)."""
    section = load_settings(paths).get("retention")
    if section is None:
        return RetentionSettings()
    if not isinstance(section, dict):
        raise _bad("retention", "it must be a JSON object", "det ska vara ett JSON-objekt")
    return retention_settings_from(section)
