"""``assessment-app provider``: the provider register from the command line, in a real
subprocess, as municipal IT uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PW
from tests.core.test_cli import run

ADMIN = {"ASSESSMENT_PASSWORD": ADMIN_PW}
WORKER = {"ASSESSMENT_PASSWORD": "worker-pw-123"}


@pytest.fixture
def db(sqlite_url: str) -> str:
    out = run(["--database", sqlite_url, "init", "--admin", "admin", "--unit", "Nord"], ADMIN)
    assert out.returncode == 0, out.stderr
    added = run(
        [
            *("--database", sqlite_url, "--user", "admin", "user", "add", "chef"),
            "--role",
            "supervisor",
            "--permanent-password",
        ],
        {**ADMIN, "ASSESSMENT_NEW_PASSWORD": "worker-pw-123"},
    )
    assert added.returncode == 0, added.stderr
    return sqlite_url


def provider(  # type: ignore[no-untyped-def]
    db: str, *args: str, user: str = "admin", env: dict[str, str] | None = None, lang: str = "sv"
):
    return run(["--database", db, "--user", user, "--lang", lang, "provider", *args], env or ADMIN)


def _lines(out: str) -> dict[str, str]:
    """The listed rows by provider name."""
    return {line.split("  ")[0]: line for line in out.splitlines()[1:]}


def test_add_list_edit_retire_reactivate(db: str) -> None:
    added = provider(
        db,
        "add",
        "Vägen Ut Stöd AB",
        "--org-number",
        "5599000014",
        "--contact-person",
        "Karin Lind",
        "--phone",
        "08-555 010 10",
        "--email",
        "karin@example.se",
        "--procured-for",
        "boendestöd, mentorskap",
        "--contract-from",
        "2026-01-01",
        "--contract-to",
        "2099-12-31",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Utföraren Vägen Ut Stöd AB är tillagd i registret."
    old = provider(db, "add", "Gamla Avtalet AB", "--contract-to", "2025-06-30")
    assert old.returncode == 0, old.stderr
    listed = provider(db, "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("UTFÖRARE")
    rows = _lines(listed.stdout)
    assert "559900-0014" in rows["Vägen Ut Stöd AB"]  # normalised
    assert "boendestöd, mentorskap" in rows["Vägen Ut Stöd AB"]
    assert "2026-01-01 – 2099-12-31" in rows["Vägen Ut Stöd AB"]
    assert rows["Vägen Ut Stöd AB"].endswith("aktiv")
    assert rows["Gamla Avtalet AB"].endswith("avtalet har löpt ut")

    edited = provider(db, "edit", "vägen ut stöd ab", "--name", "Vägen Ut AB", "--phone", "")
    assert edited.returncode == 0, edited.stderr
    assert "Vägen Ut AB är ändrad" in edited.stdout
    unchanged = provider(db, "edit", "Vägen Ut AB")
    assert "Inget att ändra" in unchanged.stdout

    retired = provider(db, "retire", "Gamla Avtalet AB", "--on", "2025-07-01", "--reason", "Slut")
    assert retired.returncode == 0, retired.stderr
    assert "avslutad från 2025-07-01" in retired.stdout
    assert "Gamla Avtalet AB" not in provider(db, "list").stdout
    everything = provider(db, "list", "--all", lang="en")
    rows = _lines(everything.stdout)
    assert everything.stdout.startswith("PROVIDER")
    assert rows["Gamla Avtalet AB"].endswith("retired 2025-07-01")
    assert rows["Vägen Ut AB"].endswith("active")
    again = provider(db, "reactivate", "Gamla Avtalet AB", lang="en")
    assert again.returncode == 0 and again.stdout.strip() == (
        "The provider Gamla Avtalet AB is active again."
    )
    verify = run(["--database", db, "--user", "admin", "audit", "verify"], ADMIN)
    assert verify.returncode == 0 and verify.stdout.startswith("OK:"), verify.stderr


BAD_INPUT = (
    (["add", "Fel AB", "--org-number", "5599000015"], "inget giltigt organisationsnummer"),
    (["add", "Fel AB", "--org-number", "811228-9874"], "personnummer"),
    (["add", "Fel AB", "--email", "fel.example.se"], "e-postadress"),
    (
        ["add", "Fel AB", "--contract-from", "2026-05-01", "--contract-to", "2026-04-01"],
        "sluta innan det börjar",
    ),
    (["add", "Fel AB", "--contract-to", "2026-13-01"], "ÅÅÅÅ-MM-DD"),
    (["edit", "Finns Inte"], "ingen utförare som heter 'Finns Inte'"),
    (["retire", "Finns Inte"], "ingen utförare som heter 'Finns Inte'"),
    (["retire", "Nystart", "--on", "2999-01-01"], "slutdatum"),
    (["reactivate", "Nystart"], "redan aktiv"),
    (["add", "nystart"], "finns redan"),
)


def test_bad_input_gives_a_clear_message(db: str) -> None:
    assert provider(db, "add", "Nystart").returncode == 0
    for args, says in BAD_INPUT:
        out = provider(db, *args)
        assert out.returncode == 2 and says in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr
    assert provider(db, "list", "--all").stdout.count("\n") == 2  # heading and Nystart only


def test_who_may_change_the_register(db: str, tmp_path: Path) -> None:
    refused = provider(db, "add", "Nystart", user="chef", env=WORKER)
    assert refused.returncode == 2 and "provider_managers" in refused.stderr
    assert provider(db, "list", user="chef", env=WORKER).returncode == 0  # reading is for all
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"provider_managers": ["supervisor"]}), encoding="utf-8")
    allowed = provider(
        db, "add", "Nystart", user="chef", env={**WORKER, "ASSESSMENT_SETTINGS": str(settings)}
    )
    assert allowed.returncode == 0, allowed.stderr
    assert "Nystart" in provider(db, "list").stdout
