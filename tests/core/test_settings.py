from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment_app.errors import ConfigurationError
from assessment_app.settings import (
    DEFAULT_CONFIDENTIALITY,
    load_presets,
    load_print_settings,
    load_provider_managers,
)


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_defaults_without_files(tmp_path: Path) -> None:
    s = load_print_settings([tmp_path / "missing.json"])
    assert s.confidentiality_text == DEFAULT_CONFIDENTIALITY and s.logo_path is None


def test_later_files_win_key_by_key(tmp_path: Path) -> None:
    install = write(
        tmp_path / "install.json",
        {
            "municipality_name": "Upplands-Bro kommun",
            "server_url": "postgresql://db/bistand",
            "idle_lock_minutes": 5,
            "language": "sv",
            "contact_phone": "08-581 690 00",
        },
    )
    user = write(tmp_path / "user.json", {"language": "en", "idle_lock_minutes": "soon"})
    printing = load_print_settings([install, user])
    assert printing.municipality_name == "Upplands-Bro kommun"
    assert printing.contact_phone == "08-581 690 00"
    presets = load_presets([install, user])
    assert presets.language == "en" and presets.server_url == "postgresql://db/bistand"
    assert presets.idle_lock_minutes is None  # an invalid value is not used


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe"])
def test_broken_file_is_reported(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="latin-1")
    with pytest.raises(ConfigurationError) as info:
        load_print_settings([path])
    assert "settings.json" in info.value.user_message


def test_relative_logo_is_found_next_to_its_settings_file(tmp_path: Path) -> None:
    folder = tmp_path / "install"
    folder.mkdir()
    preset = write(folder / "settings.json", {"logo_path": "logo.png"})
    assert load_print_settings([preset]).logo_path == folder.resolve() / "logo.png"


@pytest.mark.parametrize(
    ("value", "roles"),
    [
        (None, ("administrator",)),
        (["supervisor"], ("supervisor", "administrator")),
        ("supervisor", ("supervisor", "administrator")),
        (["caseworker", "supervisor", "nobody"], ("caseworker", "supervisor", "administrator")),
        ([], ("administrator",)),  # administrators always may
        ({"supervisor": True}, ("administrator",)),  # not a list: the default
    ],
)
def test_provider_managers(tmp_path: Path, value: object, roles: tuple[str, ...]) -> None:
    data = {} if value is None else {"provider_managers": value}
    assert load_provider_managers([write(tmp_path / "s.json", data)]) == roles


def test_case_rules_come_from_the_installation_and_never_the_users_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker who writes ``allow_self_approval`` into their own settings file gains nothing:
    the four-eyes rules are read from IT's file and ASSESSMENT_SETTINGS only."""
    from assessment_app import settings
    from assessment_app.settings import load_case_rules

    own = tmp_path / "config"
    own.mkdir()
    write(own / "settings.json", {"allow_self_approval": True, "urgent_escalation_hours": 1})
    monkeypatch.setattr(settings, "config_dir", lambda: own)
    monkeypatch.setattr(settings, "install_settings_file", lambda: tmp_path / "none.json")
    monkeypatch.delenv("ASSESSMENT_SETTINGS", raising=False)
    assert own / "settings.json" in settings.settings_files()  # the file is where it is read
    rules = load_case_rules("Enhet A")
    assert rules.allow_self_approval is False and rules.urgent_escalation_hours == 24

    it = write(
        tmp_path / "it.json",
        {
            "close_requires_supervisor": True,
            "urgent_escalation_hours": 0,  # not positive: the default
            "units": {"Enhet A": {"allow_self_approval": True, "consent_warning_days": 14}},
        },
    )
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(it))
    a, b = load_case_rules("Enhet A"), load_case_rules("Enhet B")
    assert (a.allow_self_approval, a.consent_warning_days, a.close_requires_supervisor) == (
        True,
        14,
        True,
    )
    assert (b.allow_self_approval, b.consent_warning_days, b.urgent_escalation_hours) == (
        False,
        30,
        24,
    )
