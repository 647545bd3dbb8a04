"""Installation settings: municipality, printing, and presets municipal IT can set.

Three JSON files are merged, later ones winning key by key:

1. ``settings.json`` next to the installed program (written by municipal IT at deployment;
   for a source checkout, next to the repository's ``pyproject.toml``),
2. ``settings.json`` in the user's config folder,
3. the file named by ``ASSESSMENT_SETTINGS``.

Missing keys take neutral defaults; a broken file is reported, never silently ignored.
Keys: municipality_name, logo_path, confidentiality_text, contact_phone, server_url, language,
idle_lock_minutes, provider_managers, stats_min_cell.

``provider_managers`` says who may manage the provider register; a right, so it is read only
from IT's file and ``ASSESSMENT_SETTINGS``, never from a user's own settings file. So is
``stats_min_cell`` (the statistics' disclosure threshold).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessment_app.config import config_dir
from assessment_app.errors import ConfigurationError

DEFAULT_MUNICIPALITY = "Socialtjänsten"
DEFAULT_CONFIDENTIALITY = "Sekretess enligt 26 kap. 1 § OSL"
DEFAULT_PROVIDER_MANAGERS = ("administrator",)


@dataclass(frozen=True)
class PrintSettings:
    municipality_name: str = DEFAULT_MUNICIPALITY
    logo_path: Path | None = None
    confidentiality_text: str = DEFAULT_CONFIDENTIALITY
    contact_phone: str = ""


@dataclass(frozen=True)
class Presets:
    """What IT may preset for the app (a user's own settings can override them)."""

    server_url: str | None = None
    language: str | None = None
    idle_lock_minutes: int | None = None


def install_settings_file() -> Path:
    """``settings.json`` next to the installed program (or the repository, from source)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent / "settings.json"
    return Path(__file__).resolve().parent.parent / "settings.json"


def settings_files(*, own: bool = True) -> list[Path]:
    """The files in the order they are merged; ``own=False`` leaves out the user's own file
    (for settings that grant rights, which a user must not give themselves)."""
    files = [install_settings_file()]
    if own:
        files.append(config_dir() / "settings.json")
    override = os.environ.get("ASSESSMENT_SETTINGS")
    if override:
        files.append(Path(override))
    return files


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigurationError(
            f"The settings file {path} cannot be read ({type(exc).__name__}); fix or remove it.",
            f"Inställningsfilen {path} går inte att läsa ({type(exc).__name__}); "
            "rätta eller ta bort den.",
        ) from None
    if not isinstance(data, dict):
        raise ConfigurationError(
            f"The settings file {path} must hold a JSON object.",
            f"Inställningsfilen {path} ska innehålla ett JSON-objekt.",
        )
    return data


def load_settings(paths: list[Path] | None = None) -> dict[str, Any]:
    """All settings files merged, later files winning key by key."""
    merged: dict[str, Any] = {}
    for path in paths if paths is not None else settings_files():
        if path.exists():
            data = _read(path)
            logo = data.get("logo_path")
            if isinstance(logo, str) and logo and not Path(logo).is_absolute():
                data["logo_path"] = str(path.resolve().parent / logo)  # relative to its file
            merged.update(data)
    return merged


def load_presets(paths: list[Path] | None = None) -> Presets:
    data = load_settings(paths)
    minutes = data.get("idle_lock_minutes")
    language = data.get("language")
    return Presets(
        server_url=str(data["server_url"]) if data.get("server_url") else None,
        language=language if language in ("sv", "en") else None,
        idle_lock_minutes=minutes
        if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0
        else None,
    )


def load_print_settings(paths: list[Path] | None = None) -> PrintSettings:
    data = load_settings(paths)
    logo = data.get("logo_path")
    return PrintSettings(
        municipality_name=str(data.get("municipality_name") or DEFAULT_MUNICIPALITY),
        logo_path=Path(logo) if logo else None,
        confidentiality_text=str(data.get("confidentiality_text") or DEFAULT_CONFIDENTIALITY),
        contact_phone=str(data.get("contact_phone") or ""),
    )


@dataclass(frozen=True)
class CaseRules:
    """Rules the municipality sets for its units (``settings.json``; a unit may differ under
    ``"units": {"<unit name>": {...}}``).

    - ``urgent_escalation_hours``: an urgent flag still open after this long is escalated;
    - ``allow_self_approval``: a one-person unit may let a supervisor approve a plan they wrote
      or edited themselves (every such approval is marked and audited); default no;
    - ``close_requires_supervisor``: closing a case is a supervisor's decision; default no;
    - ``consent_warning_days``: a consent that ends within this many days is shown as ending.

    Read from the installation's files only (:func:`load_case_rules`).
    """

    urgent_escalation_hours: int = 24
    allow_self_approval: bool = False
    close_requires_supervisor: bool = False
    consent_warning_days: int = 30


def _positive_int(value: object, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return default


def load_case_rules(unit: str | None = None, paths: list[Path] | None = None) -> CaseRules:
    """The unit's rules, read only from the installation's files (IT's ``settings.json`` and
    ``ASSESSMENT_SETTINGS``), never the user's own: a worker must not relax four-eyes rules."""
    data = load_settings(paths if paths is not None else settings_files(own=False))
    units = data.get("units")
    own = units.get(unit, {}) if isinstance(units, dict) and unit else {}
    merged = {**data, **(own if isinstance(own, dict) else {})}
    defaults = CaseRules()
    return CaseRules(
        urgent_escalation_hours=_positive_int(
            merged.get("urgent_escalation_hours"), defaults.urgent_escalation_hours
        ),
        allow_self_approval=merged.get("allow_self_approval") is True,
        close_requires_supervisor=merged.get("close_requires_supervisor") is True,
        consent_warning_days=_positive_int(
            merged.get("consent_warning_days"), defaults.consent_warning_days
        ),
    )


def load_provider_managers(paths: list[Path] | None = None) -> tuple[str, ...]:
    """The roles that may manage the provider register (``provider_managers``, a list of
    roles). Administrators always may; unknown roles are not used; a value that is not a list
    of roles leaves the default."""
    from assessment_app.context import ROLES  # not at the top: start-up reads this module

    data = load_settings(paths if paths is not None else settings_files(own=False))
    value = data.get("provider_managers")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return DEFAULT_PROVIDER_MANAGERS
    roles = [r for r in ROLES if r in value or r in DEFAULT_PROVIDER_MANAGERS]
    return tuple(roles)


def load_stats_min_cell(paths: list[Path] | None = None) -> int:
    """The smallest number of people a statistics cell may show (``stats_min_cell``; default
    5, never below 3). A disclosure rule, so read from the installation's files only."""
    from assessment_app.stats.disclosure import MIN_CELL_DEFAULT, MIN_CELL_FLOOR

    data = load_settings(paths if paths is not None else settings_files(own=False))
    value = data.get("stats_min_cell")
    if isinstance(value, bool) or not isinstance(value, int):
        return MIN_CELL_DEFAULT
    return max(MIN_CELL_FLOOR, value)
