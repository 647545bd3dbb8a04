"""The command line as administrators and scripts use it, in a real subprocess; the desktop
app's start (through its entry point) also in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADMIN_PW


def run(
    args: list[str], env_extra: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSESSMENT_PASSWORD")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "assessment_app", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=300,
    )


@pytest.fixture
def cli_db(db_url: str) -> str:
    out = run(
        ["--database", db_url, "init", "--admin", "admin", "--unit", "Enhet Nord"],
        {"ASSESSMENT_PASSWORD": ADMIN_PW},
    )
    assert out.returncode == 0, out.stderr
    assert "ÅTERSTÄLLNINGSNYCKEL" in out.stdout
    for name, role in (("anna", "caseworker"), ("chef", "supervisor")):
        added = run(
            [
                "--database",
                db_url,
                "--user",
                "admin",
                "user",
                "add",
                name,
                "--role",
                role,
                "--unit",
                "Enhet Nord",
                "--permanent-password",
            ],
            {"ASSESSMENT_PASSWORD": ADMIN_PW, "ASSESSMENT_NEW_PASSWORD": "worker-pw-123"},
        )
        assert added.returncode == 0, added.stderr
    return db_url


def test_full_cli_flow(cli_db: str, tmp_path: Path) -> None:
    pw = {"ASSESSMENT_PASSWORD": "worker-pw-123"}
    demo = run(["--database", cli_db, "--user", "chef", "demo", "--cases", "3", "--seed", "1"], pw)
    assert demo.returncode == 0, demo.stderr
    refs = demo.stdout.split()
    assert len(refs) == 3 and all(r.startswith("AV-") for r in refs)
    out = tmp_path / "utdrag.json"
    sa = run(
        ["--database", cli_db, "--user", "chef", "subject-access", refs[0], "--out", str(out)], pw
    )
    assert sa.returncode == 0, sa.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["cases"][0]["case_ref"] == refs[0]
    assert data["individual"]["name"] and data["cases"][0]["assessments"]
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    listed = run(
        ["--database", cli_db, "--user", "admin", "user", "list"], {"ASSESSMENT_PASSWORD": ADMIN_PW}
    )
    assert "anna" in listed.stdout and "caseworker" in listed.stdout
    disabled = run(
        ["--database", cli_db, "--user", "admin", "user", "disable", "anna"],
        {"ASSESSMENT_PASSWORD": ADMIN_PW},
    )
    assert disabled.returncode == 0
    refused = run(["--database", cli_db, "--user", "anna", "user", "list"], pw)
    assert refused.returncode == 2 and "avstängt" in refused.stderr
    rotated = run(
        ["--database", cli_db, "--user", "admin", "keys", "rotate"],
        {"ASSESSMENT_PASSWORD": ADMIN_PW},
    )
    assert rotated.returncode == 0, rotated.stderr
    sa2 = run(
        [
            "--database",
            cli_db,
            "--user",
            "chef",
            "subject-access",
            refs[0],
            "--out",
            str(tmp_path / "after.json"),
        ],
        pw,
    )
    assert sa2.returncode == 0, sa2.stderr
    after = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
    assert after["individual"] == data["individual"]
    assert after["cases"][0]["plans"] == data["cases"][0]["plans"]
    verify = run(
        ["--database", cli_db, "--user", "admin", "audit", "verify"],
        {"ASSESSMENT_PASSWORD": ADMIN_PW},
    )
    assert verify.returncode == 0 and verify.stdout.startswith("OK:"), verify.stderr
    upgrade = run(["--database", cli_db, "db", "upgrade"])
    assert upgrade.returncode == 0 and "senaste" in upgrade.stdout


def test_user_remove_rotate_replaces_the_keys(cli_db: str, tmp_path: Path) -> None:
    pw = {"ASSESSMENT_PASSWORD": "worker-pw-123"}
    admin = {"ASSESSMENT_PASSWORD": ADMIN_PW}
    demo = run(["--database", cli_db, "--user", "chef", "demo", "--cases", "2", "--seed", "2"], pw)
    assert demo.returncode == 0, demo.stderr
    ref = demo.stdout.split()[0]
    plain = run(["--database", cli_db, "--user", "admin", "user", "remove", "anna"], admin)
    assert plain.returncode == 0 and "--rotate anna" in plain.stdout, plain.stderr
    rotated = run(
        ["--database", cli_db, "--user", "admin", "user", "remove", "anna", "--rotate"], admin
    )
    assert rotated.returncode == 0, rotated.stderr
    assert "Huvudnyckeln och alla nycklar under den är utbytta" in rotated.stdout
    out = tmp_path / "utdrag.json"
    sa = run(["--database", cli_db, "--user", "chef", "subject-access", ref, "--out", str(out)], pw)
    assert sa.returncode == 0, sa.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["individual"]["name"]
    verify = run(["--database", cli_db, "--user", "admin", "audit", "verify"], admin)
    assert verify.returncode == 0 and verify.stdout.startswith("OK:"), verify.stderr
    nothing = run(["--database", cli_db, "--user", "admin", "keys", "rotate", "--resume"], admin)
    assert nothing.returncode == 2 and "Inget nyckelbyte pågår" in nothing.stderr
    # the same report in English under --lang en
    english = run(
        ["--lang", "en", "--database", cli_db, "--user", "admin", "keys", "rotate", "--master"],
        admin,
    )
    assert english.returncode == 0, english.stderr
    assert "The master key and every key under it are replaced" in english.stdout
    assert "Huvudnyckeln" not in english.stdout


def test_user_remove_rotate_of_an_administrator_replaces_the_recovery_key(cli_db: str) -> None:
    admin = {"ASSESSMENT_PASSWORD": ADMIN_PW}
    for name in ("it2", "it3"):
        added = run(
            [
                "--database",
                cli_db,
                "--user",
                "admin",
                "user",
                "add",
                name,
                "--role",
                "administrator",
                "--unit",
                "Enhet Nord",
                "--permanent-password",
            ],
            {**admin, "ASSESSMENT_NEW_PASSWORD": "it-admin-pw-123"},
        )
        assert added.returncode == 0, added.stderr
    disabled = run(["--database", cli_db, "--user", "admin", "user", "disable", "chef"], admin)
    assert disabled.returncode == 0, disabled.stderr
    rotated = run(
        ["--database", cli_db, "--user", "admin", "user", "remove", "it2", "--rotate"], admin
    )
    assert rotated.returncode == 0, rotated.stderr
    assert "Ny återställningsnyckel" in rotated.stdout  # an administrator: by default
    assert "fick ingen ny nyckel" in rotated.stdout and "kontot är avstängt" in rotated.stdout
    assert "('user reset NAMN'): chef" in rotated.stdout  # disabled: no new key, listed
    kept = run(
        [
            "--database",
            cli_db,
            "--user",
            "admin",
            "user",
            "remove",
            "it3",
            "--rotate",
            "--no-new-recovery-key",
        ],
        admin,
    )
    assert kept.returncode == 0, kept.stderr
    assert "återställningsnyckel" not in kept.stdout
    alone = run(
        ["--database", cli_db, "--user", "admin", "user", "remove", "anna", "--new-recovery-key"],
        admin,
    )
    assert alone.returncode == 2 and "kräver --rotate" in alone.stderr
    assert "Traceback" not in alone.stderr


def test_bad_inputs_give_clear_messages(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    missing = run(
        ["--database", db, "--user", "admin", "user", "list"], {"ASSESSMENT_PASSWORD": ADMIN_PW}
    )
    assert missing.returncode == 2 and "Det finns ingen databas" in missing.stderr
    assert not (tmp_path / "r.sqlite3").exists()
    assert "Traceback" not in missing.stderr
    no_pw = run(["--database", db, "init", "--admin", "admin"], stdin="")
    assert no_pw.returncode == 2 and "ASSESSMENT_PASSWORD" in no_pw.stderr
    ok = run(["--database", db, "init", "--admin", "admin"], {"ASSESSMENT_PASSWORD": ADMIN_PW})
    assert ok.returncode == 0
    again = run(["--database", db, "init", "--admin", "admin"], {"ASSESSMENT_PASSWORD": ADMIN_PW})
    assert again.returncode == 2 and "finns redan" in again.stderr
    wrong = run(
        ["--database", db, "--user", "admin", "user", "list"],
        {"ASSESSMENT_PASSWORD": "wrong-password"},
    )
    assert wrong.returncode == 2 and "Fel användarnamn eller lösenord" in wrong.stderr
    english = run(
        ["--lang", "en", "--database", db, "--user", "admin", "user", "list"],
        {"ASSESSMENT_PASSWORD": "wrong-password"},
    )
    assert "Wrong user name or password" in english.stderr
    no_user = run(["--database", db, "user", "list"], {"ASSESSMENT_PASSWORD": ADMIN_PW})
    assert no_user.returncode == 2 and "--user" in no_user.stderr
    (tmp_path / "junk.sqlite3").write_bytes(b"junk" * 100)
    junk = run(
        [
            "--database",
            f"sqlite:///{tmp_path / 'junk.sqlite3'}",
            "--user",
            "admin",
            "audit",
            "verify",
        ],
        {"ASSESSMENT_PASSWORD": ADMIN_PW},
    )
    assert junk.returncode == 2 and "inte en databas" in junk.stderr
    assert (tmp_path / "junk.sqlite3").read_bytes() == b"junk" * 100


def test_audit_verify_reports_tampering(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "r.sqlite3"
    db = f"sqlite:///{path}"
    assert (
        run(
            ["--database", db, "init", "--admin", "admin"], {"ASSESSMENT_PASSWORD": ADMIN_PW}
        ).returncode
        == 0
    )
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_events SET detail = 'edited' WHERE seq = 1")
    out = run(
        ["--database", db, "--user", "admin", "audit", "verify"], {"ASSESSMENT_PASSWORD": ADMIN_PW}
    )
    assert out.returncode == 1
    assert "post 1 är ändrad" in out.stderr and "Första felaktiga post: 1" in out.stderr


def test_help_without_gui_or_version() -> None:
    out = run(["--version"])
    assert out.returncode == 0 and "assessment-app" in out.stdout


def test_export_pdf_command(tmp_path: Path) -> None:
    from pypdf import PdfReader

    db = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    admin = {"ASSESSMENT_PASSWORD": ADMIN_PW}
    assert run(["--database", db, "init", "--admin", "admin", "--unit", "U"], admin).returncode == 0
    assert (
        run(
            [
                "--database",
                db,
                "--user",
                "admin",
                "user",
                "add",
                "chef",
                "--role",
                "supervisor",
                "--unit",
                "U",
                "--permanent-password",
            ],
            {**admin, "ASSESSMENT_NEW_PASSWORD": "worker-pw-123"},
        ).returncode
        == 0
    )
    pw = {"ASSESSMENT_PASSWORD": "worker-pw-123"}
    ref = run(
        ["--database", db, "--user", "chef", "demo", "--cases", "1", "--seed", "3"], pw
    ).stdout.split()[0]
    sa = tmp_path / "sa.json"
    run(["--database", db, "--user", "chef", "subject-access", ref, "--out", str(sa)], pw)
    provider = json.loads(sa.read_text())["cases"][0]["consents"][0]["provider_name"]
    out = tmp_path / "individ.pdf"
    done = run(
        [
            "--database",
            db,
            "--user",
            "chef",
            "export-pdf",
            ref,
            "--audience",
            "individual",
            "--out",
            str(out),
        ],
        pw,
    )
    assert done.returncode == 0, done.stderr
    assert ref in PdfReader(out).pages[0].extract_text()
    prov = tmp_path / "utforare.pdf"
    to_provider = [
        "--database",
        db,
        "--user",
        "chef",
        "export-pdf",
        ref,
        "--audience",
        "provider",
        "--provider",
        provider,
        "--language",
        "en",
        "--out",
        str(prov),
    ]
    refused = run(to_provider, pw)  # the demo plan is a draft: not without a reason
    assert refused.returncode == 2 and "inte beslutad" in refused.stderr
    assert not prov.exists()
    done = run([*to_provider, "--unapproved-reason", "Start i morgon"], pw)
    assert done.returncode == 0, done.stderr
    assert provider in "".join(p.extract_text() for p in PdfReader(prov).pages)
    missing = run(
        [
            "--database",
            db,
            "--user",
            "chef",
            "export-pdf",
            ref,
            "--audience",
            "provider",
            "--provider",
            "Finns Inte AB",
            "--out",
            str(tmp_path / "n.pdf"),
        ],
        pw,
    )
    assert missing.returncode == 2 and "Finns Inte AB" in missing.stderr
    assert not (tmp_path / "n.pdf").exists()
    no_name = run(
        [
            "--database",
            db,
            "--user",
            "chef",
            "export-pdf",
            ref,
            "--audience",
            "provider",
            "--out",
            str(tmp_path / "n.pdf"),
        ],
        pw,
    )
    assert no_name.returncode == 2 and "--provider" in no_name.stderr


def test_template_check_command(tmp_path: Path) -> None:
    shipped = sorted(
        str(p)
        for p in (Path(__file__).resolve().parents[2] / "resources" / "templates").glob("*.yaml")
    )
    ok = run(["template", "check", *shipped])
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("OK: kartlaggning-avhopp v1: 14 areas, ")
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nversion: [unclosed\n", encoding="utf-8")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02\xff" * 10)
    bad = run(["template", "check", str(broken), str(binary)])
    assert bad.returncode != 0
    assert "broken.yaml" in bad.stdout + bad.stderr and "binary.yaml" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stdout + bad.stderr


# --- starting the desktop app: the front end comes from the "assessment_app.frontends" entry
# point (pyproject.toml), never from an import in the core ---------------------------------------

REPO = Path(__file__).resolve().parents[2]
FRONTENDS = "assessment_app.frontends"


def _entry_points_returning(monkeypatch: pytest.MonkeyPatch, *values: str) -> None:
    """Pretend the installed metadata declares these ``desktop`` front ends (none if empty)."""
    from importlib import metadata

    found = metadata.EntryPoints(
        metadata.EntryPoint(name="desktop", value=value, group=FRONTENDS) for value in values
    )

    def entry_points(**params: str) -> metadata.EntryPoints:
        assert params == {"group": FRONTENDS}
        return found

    monkeypatch.setattr(metadata, "entry_points", entry_points)


def test_pyproject_declares_the_desktop_front_end() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"][FRONTENDS] == {"desktop": "ui.app:run_app"}


def _installed_from_this_tree(dist: Any) -> bool:
    if Path(str(dist.locate_file(""))).resolve() == REPO:  # an egg-info in the source tree
        return True
    direct = dist.read_text("direct_url.json")  # an (editable) install elsewhere
    return bool(direct) and json.loads(direct).get("url") == REPO.as_uri()


def test_the_installed_metadata_finds_the_desktop_app() -> None:
    from importlib import metadata

    from assessment_app.cli.main import find_frontend

    dist = metadata.distribution("assessment-app")
    if not _installed_from_this_tree(dist):
        pytest.skip("the installed assessment-app metadata is another source tree's")
    declared = dist.entry_points.select(group=FRONTENDS, name="desktop")
    assert declared, "stale install: run `pip install -e .` to record the front-end entry point"
    from ui.app import run_app

    assert find_frontend() is run_app


def test_a_front_end_from_the_entry_point_gets_the_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assessment_app.cli.main import main

    (tmp_path / "fake_front_end.py").write_text(
        "calls = []\n"
        "def run(url, *, self_test, language):\n"
        "    calls.append((url, self_test, language))\n"
        "    return 7\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("ASSESSMENT_LANGUAGE", raising=False)
    _entry_points_returning(monkeypatch, "fake_front_end:run")
    assert main(["--database", "sqlite:///a.sqlite3", "--lang", "en"]) == 7
    assert main(["--database", "sqlite:///b.sqlite3", "--self-test"]) == 7
    import fake_front_end  # type: ignore[import-not-found]

    assert fake_front_end.calls == [
        ("sqlite:///a.sqlite3", False, "en"),
        ("sqlite:///b.sqlite3", True, None),
    ]


@pytest.mark.parametrize("installed", [(), ("no_such_front_end_module:run_app",)])
def test_without_a_usable_front_end(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], installed: tuple[str, ...]
) -> None:
    """No front end installed, or one that cannot be imported: the messages of a build
    without ui/ (a core-only install)."""
    from assessment_app.cli.main import main

    _entry_points_returning(monkeypatch, *installed)
    assert main(["--self-test"]) == 1
    assert "The desktop app (ui/) is not available in this build." in capsys.readouterr().err
    assert main([]) == 0
    assert capsys.readouterr().out.startswith("usage: assessment-app")


def test_a_front_end_passed_in_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from assessment_app.cli.main import main

    _entry_points_returning(monkeypatch)  # not consulted
    calls: list[tuple[str, bool, str | None]] = []

    def front_end(url: str, *, self_test: bool, language: str | None) -> int:
        calls.append((url, self_test, language))
        return 0

    monkeypatch.delenv("ASSESSMENT_LANGUAGE", raising=False)
    assert main(["--database", "sqlite:///c.sqlite3"], frontend=front_end) == 0
    assert calls == [("sqlite:///c.sqlite3", False, None)]


def test_starting_the_app_loads_no_command_module() -> None:
    """The fast start: no command means no command module, no SQLAlchemy, no storage layer."""
    code = (
        "import sys\n"
        "from assessment_app.cli.main import main\n"
        "main(['--database', 'sqlite:///x.sqlite3'], frontend=lambda url, **options: 0)\n"
        "heavy = ('sqlalchemy', 'assessment_app.accounts', 'assessment_app.db.engine')\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m.startswith('assessment_app.cli.commands') or m in heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_audit_verify_speaks_english_under_lang_en(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "r.sqlite3"
    db = f"sqlite:///{path}"
    admin = {"ASSESSMENT_PASSWORD": ADMIN_PW}
    assert run(["--database", db, "init", "--admin", "admin"], admin).returncode == 0
    verify = ["--database", db, "--user", "admin", "--lang", "en", "audit", "verify"]
    out = run(verify, admin)
    assert out.returncode == 0 and "audit entries, the chain is whole" in out.stdout
    assert "loggposter" not in out.stdout
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_events SET detail = 'edited' WHERE seq = 1")
    out = run(verify, admin)
    assert out.returncode == 1
    assert "entry 1 was altered" in out.stderr and "First bad entry: 1" in out.stderr
    assert "FEL" not in out.stderr and "Första" not in out.stderr
    swedish = run([a for a in verify if a not in ("--lang", "en")], admin)
    assert "post 1 är ändrad" in swedish.stderr and "Första felaktiga post: 1" in swedish.stderr


def test_a_truncated_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    db = f"sqlite:///{path}"
    admin = {"ASSESSMENT_PASSWORD": ADMIN_PW}
    assert run(["--database", db, "init", "--admin", "admin"], admin).returncode == 0
    for extra in ("-wal", "-shm"):
        (tmp_path / f"r.sqlite3{extra}").unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # cut short (a copy that did not finish)
    before = path.read_bytes()
    out = run(["--database", db, "--user", "admin", "--lang", "en", "audit", "verify"], admin)
    assert out.returncode == 2 and "left untouched" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.sqlite3"]  # no -wal, no -shm
