"""``assessment-app user add`` gives a temporary password; ``user passwd`` changes one's own
(issue 12, point 8), in a real subprocess."""

from __future__ import annotations

from tests.conftest import ADMIN_PW
from tests.core.test_cli import run

ADMIN = {"ASSESSMENT_PASSWORD": ADMIN_PW}
TEMP = {"ASSESSMENT_PASSWORD": "temporary-pw-1"}


def test_temporary_password_then_passwd(sqlite_url: str) -> None:
    db = ("--database", sqlite_url)
    assert run([*db, "init", "--admin", "admin", "--unit", "Nord"], ADMIN).returncode == 0
    added = run(
        [*db, "--user", "admin", "user", "add", "nina", "--role", "caseworker", "--unit", "Nord"],
        {**ADMIN, "ASSESSMENT_NEW_PASSWORD": "temporary-pw-1"},
    )
    assert added.returncode == 0, added.stderr
    assert "tillfälligt" in added.stdout

    refused = run([*db, "--user", "nina", "review", "list"], TEMP)
    assert refused.returncode == 2 and "user passwd" in refused.stderr
    assert "Traceback" not in refused.stderr

    wrong = run(
        [*db, "--user", "nina", "user", "passwd"],
        {**TEMP, "ASSESSMENT_NEW_PASSWORD": "temporary-pw-1"},
    )
    assert wrong.returncode == 2 and "skilja sig" in wrong.stderr

    changed = run(
        [*db, "--user", "nina", "user", "passwd"],
        {**TEMP, "ASSESSMENT_NEW_PASSWORD": "ninas-own-pw-2"},
    )
    assert changed.returncode == 0, changed.stderr
    assert "Lösenordet för nina är bytt." in changed.stdout
    old = run([*db, "--user", "nina", "review", "list"], TEMP)
    assert old.returncode == 2 and "Fel användarnamn eller lösenord" in old.stderr
    works = run(
        [*db, "--user", "nina", "review", "list"], {"ASSESSMENT_PASSWORD": "ninas-own-pw-2"}
    )
    assert works.returncode == 0, works.stderr
