"""TLS settings in the URL reach the drivers; the server-mode command line end to end."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from assessment_app.db.engine import Database
from assessment_app.errors import ServerUnavailableError
from tests.conftest import ADMIN_PW, PG_ADMIN_URL
from tests.core.test_cli import run
from tests.server.tls_certs import ca_and_server_cert

WORKER = {"ASSESSMENT_PASSWORD": "worker-pw-123"}


def _self_signed_ca(path: Path) -> Path:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kommunens test-CA")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def test_tls_url_options_reach_the_drivers(tmp_path: Path) -> None:
    import ssl

    import pymysql

    pg = make_url(
        "postgresql+psycopg://app@db.kommun.se/aa?sslmode=verify-full&sslrootcert=/etc/aa/ca.pem"
    )
    _, kwargs = create_engine(pg).dialect.create_connect_args(pg)
    assert kwargs["sslmode"] == "verify-full" and kwargs["sslrootcert"] == "/etc/aa/ca.pem"

    ca = _self_signed_ca(tmp_path / "ca.pem")

    def pymysql_tls(query: str) -> ssl.SSLContext:
        url = make_url(f"mysql+pymysql://app@db.kommun.se/aa?{query}")
        _, kwargs = create_engine(url).dialect.create_connect_args(url)
        conn = pymysql.connect(defer_connect=True, **kwargs)  # builds its TLS context only
        return conn.ctx

    def subjects(ctx: ssl.SSLContext) -> list[object]:
        return [c["subject"] for c in ctx.get_ca_certs()]

    ours = ((("commonName", "Kommunens test-CA"),),)
    ctx = pymysql_tls(f"ssl_ca={ca}")
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    assert subjects(ctx) == [ours]
    # The trap the guide warns about: adding ssl_verify_* makes PyMySQL drop the CA file
    # (SQLAlchemy moved it into the ssl dict, which PyMySQL then rebuilds without it).
    trap = pymysql_tls(f"ssl_ca={ca}&ssl_verify_identity=true")
    assert ours not in subjects(trap)


@pytest.mark.server
def test_verify_full_with_a_wrong_ca_is_refused_clearly(tmp_path: Path) -> None:
    """libpq really gets sslmode: a CA file that does not exist stops the connection."""
    url = make_url(PG_ADMIN_URL).update_query_dict(
        {"sslmode": "verify-full", "sslrootcert": str(tmp_path / "missing-ca.pem")}
    )
    with pytest.raises(ServerUnavailableError):
        Database.open(url)


def app(url: str, user: str, env: dict[str, str], *args: str) -> Any:
    return run(["--database", url, "--user", user, *args], env)


def _cli_db(db_url: str) -> None:
    out = run(
        ["--database", db_url, "init", "--admin", "admin", "--unit", "Enhet Nord"],
        {"ASSESSMENT_PASSWORD": ADMIN_PW},
    )
    assert out.returncode == 0, out.stderr
    for name, role in (("anna", "caseworker"), ("chef", "supervisor")):
        added = run(
            ["--database", db_url, "--user", "admin", "user", "add", name, "--role", role,
             "--unit", "Enhet Nord", "--permanent-password"],
            {"ASSESSMENT_PASSWORD": ADMIN_PW, "ASSESSMENT_NEW_PASSWORD": "worker-pw-123"},
        )  # fmt: skip
        assert added.returncode == 0, added.stderr


@pytest.mark.parametrize("server_database", ["postgresql"], indirect=True)
def test_cli_server_mode(server_database: str, sqlite_url: str, tmp_path: Path) -> None:
    _cli_db(server_database)
    _cli_db(sqlite_url)
    admin = {"ASSESSMENT_PASSWORD": ADMIN_PW}
    demo = app(sqlite_url, "anna", WORKER, "demo", "--cases", "1", "--seed", "3")
    ref = demo.stdout.split()[0]

    bundle = tmp_path / "arende.aatransfer"
    phrase = {**WORKER, "ASSESSMENT_TRANSFER_PASSPHRASE": "en-lång-engångsfras"}
    out = app(sqlite_url, "anna", phrase, "transfer", "export", ref, "--out", str(bundle))
    assert out.returncode == 0, out.stderr
    bad = {**phrase, "ASSESSMENT_TRANSFER_PASSPHRASE": "fel-fras-helt-och-hållet"}
    wrong = app(server_database, "anna", bad, "transfer", "import", str(bundle))
    assert wrong.returncode == 2 and "lösenfrasen är fel" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    imported = app(server_database, "anna", phrase, "transfer", "import", str(bundle))
    assert imported.returncode == 0, imported.stderr
    assert f"(från {ref})" in imported.stdout
    closed = app(sqlite_url, "anna", WORKER, "transfer", "close", ref)
    assert closed.returncode == 0 and "överförd till server" in closed.stdout

    queue = app(server_database, "chef", WORKER, "review", "list")
    assert queue.returncode == 0 and "Planer som väntar på granskning (0)" in queue.stdout
    badges = app(server_database, "anna", WORKER, "review", "list")
    assert "Nya beslut om dina planer (0)" in badges.stdout

    log = app(
        server_database, "chef", WORKER, "log", "review", "--user", "anna", "--action",
        "transfer.import",
    )  # fmt: skip
    assert log.returncode == 0, log.stderr
    assert "transfer.import" in log.stdout and "Visar 1 av 1 poster." in log.stdout
    csv_out = tmp_path / "logg.csv"
    exported = app(server_database, "chef", WORKER, "log", "review", "--out", str(csv_out))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(csv_out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][0] == "Tidpunkt" and any(r[3] == "log.review" for r in rows[1:])

    removed = app(server_database, "admin", admin, "user", "remove", "anna")
    assert removed.returncode == 0, removed.stderr
    refused = app(server_database, "anna", WORKER, "review", "list")
    assert refused.returncode == 2 and "avstängt" in refused.stderr
    new_pw = {**admin, "ASSESSMENT_NEW_PASSWORD": "a-new-password-77"}
    reset = app(server_database, "admin", new_pw, "user", "reset", "anna")
    assert reset.returncode == 0, reset.stderr
    temporary = {"ASSESSMENT_PASSWORD": "a-new-password-77"}
    refused = app(server_database, "anna", temporary, "review", "list")
    assert refused.returncode == 2 and "tillfälligt lösenord" in refused.stderr
    changed = app(
        server_database, "anna", {**temporary, "ASSESSMENT_NEW_PASSWORD": "annas-own-pw-88"},
        "user", "passwd",
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    back = app(
        server_database, "anna", {"ASSESSMENT_PASSWORD": "annas-own-pw-88"}, "review", "list"
    )
    assert back.returncode == 0, back.stderr


def test_set_password_without_a_keyring_says_so(tmp_path: Path) -> None:
    out = run(
        ["server", "set-password", "postgresql+psycopg://app@db.kommun.se/aa"],
        {
            "ASSESSMENT_SERVER_PASSWORD": "x",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )
    assert out.returncode == 2 and "nyckelring" in out.stderr and "Traceback" not in out.stderr
    refused = run(
        ["server", "set-password", "postgresql+psycopg://app:pw@db.kommun.se/aa"],
        {"ASSESSMENT_SERVER_PASSWORD": "x"},
    )
    assert refused.returncode == 2 and "utan lösenord" in refused.stderr


# --- the rule against a real PostgreSQL speaking TLS with our own CA --------------------------

TLS_HOST = "db.aa-test.invalid"  # a remote-looking name; libpq connects to hostaddr instead


def _ca_and_server_cert(folder: Path, host: str) -> tuple[Path, bytes, bytes]:
    """A fresh CA (written to ``folder``) and a server certificate for ``host`` signed by it."""
    made = ca_and_server_cert(folder, host)
    return made.ca_path, made.cert_pem, made.key_pem


@pytest.fixture
def pg_with_tls(tmp_path: Path) -> Iterator[Path]:
    """The local PostgreSQL switched to TLS with a certificate of our own CA for ``TLS_HOST``.

    Only SQL as a superuser, no restart: adminpack's ``pg_file_write`` (in a scratch database)
    has the server itself write the files into its data folder, so they belong to its account
    with mode 0600 as PostgreSQL requires of a key; ``ALTER SYSTEM`` points ``ssl_cert_file``
    and ``ssl_key_file`` at them and ``pg_reload_conf()`` applies it. Everything is put back
    and the files removed afterwards. Skipped where the server, a superuser or adminpack is
    not at hand.
    """
    import uuid

    import psycopg
    from sqlalchemy import text

    ca_path, cert_pem, key_pem = _ca_and_server_cert(tmp_path / "tls", TLS_HOST)
    scratch = f"aa_test_tls_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            superuser = conn.execute(
                text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            ).scalar()
            if superuser is not True:
                pytest.skip("needs a PostgreSQL superuser to switch TLS on")
            before = {
                name: str(conn.execute(text(f"SHOW {name}")).scalar())
                for name in ("ssl", "ssl_cert_file", "ssl_key_file")
            }
            data_dir = str(conn.execute(text("SHOW data_directory")).scalar())
            conn.execute(text(f'CREATE DATABASE "{scratch}"'))
    except Exception as error:  # the server is not there
        pytest.skip(f"PostgreSQL not reachable ({type(error).__name__})")
    files = make_url(PG_ADMIN_URL).set(database=scratch)
    tools = create_engine(files, isolation_level="AUTOCOMMIT")
    cert_file, key_file = f"{data_dir}/{scratch}.crt", f"{data_dir}/{scratch}.key"
    plain = make_url(PG_ADMIN_URL)
    dsn = {"host": plain.host, "port": plain.port or 5432, "user": plain.username,
           "dbname": plain.database, "password": plain.password or None}  # fmt: skip

    def tls_answers() -> bool:
        try:
            psycopg.connect(**dsn, sslmode="require", connect_timeout=3).close()
            return True
        except psycopg.OperationalError:
            return False

    def settle(conn: Any, want_tls: bool) -> None:
        conn.execute(text("SELECT pg_reload_conf()"))
        for _ in range(200):  # the postmaster applies a reload a moment later
            if tls_answers() == want_tls:
                return
            conn.execute(text("SELECT pg_sleep(0.05)"))
        pytest.fail(f"PostgreSQL did not switch TLS {'on' if want_tls else 'back'}")

    tls_before = tls_answers()
    try:
        with tools.connect() as conn:
            try:
                conn.execute(text("CREATE EXTENSION adminpack"))
            except Exception:
                pytest.skip("adminpack is not installed on the PostgreSQL server")
            for name, pem in ((cert_file, cert_pem), (key_file, key_pem)):
                conn.execute(
                    text("SELECT pg_file_write(:name, :pem, false)"),
                    {"name": name, "pem": pem.decode("ascii")},
                )
            conn.execute(text(f"ALTER SYSTEM SET ssl_cert_file = '{cert_file}'"))
            conn.execute(text(f"ALTER SYSTEM SET ssl_key_file = '{key_file}'"))
            conn.execute(text("ALTER SYSTEM SET ssl = on"))
            settle(conn, True)
            try:
                yield ca_path
            finally:
                for name in ("ssl", "ssl_cert_file", "ssl_key_file"):
                    conn.execute(text(f"ALTER SYSTEM RESET {name}"))
                settle(conn, tls_before)
                assert str(conn.execute(text("SHOW ssl")).scalar()) == before["ssl"]
                for name in (cert_file, key_file):
                    conn.execute(text("SELECT pg_file_unlink(:name)"), {"name": name})
    finally:
        tools.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.server
def test_verify_full_against_a_real_tls_server(
    pg_with_tls: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    from assessment_app.db.connection import SERVER_CA_ENV, secure_server_url
    from assessment_app.errors import ConfigurationError

    monkeypatch.delenv(SERVER_CA_ENV, raising=False)
    monkeypatch.delenv("ASSESSMENT_ALLOW_INSECURE_SERVER", raising=False)
    base = make_url(PG_ADMIN_URL).set(host=TLS_HOST).update_query_dict({"hostaddr": "127.0.0.1"})

    def ssl_in_use(url: Any) -> bool:
        engine = create_engine(secure_server_url(url))
        try:
            with engine.connect() as conn:
                return bool(
                    conn.execute(
                        text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    ).scalar()
                )
        finally:
            engine.dispose()

    # Remote name without verification: refused before connecting.
    with pytest.raises(ConfigurationError):
        ssl_in_use(base.update_query_dict({"sslmode": "require"}))
    # verify-full with our CA: the chain and the name check out, and the line is encrypted.
    good = base.update_query_dict({"sslmode": "verify-full", "sslrootcert": str(pg_with_tls)})
    assert ssl_in_use(good)
    # The CA from ASSESSMENT_SERVER_CA instead of the URL.
    monkeypatch.setenv(SERVER_CA_ENV, str(pg_with_tls))
    assert ssl_in_use(base)
    monkeypatch.delenv(SERVER_CA_ENV)
    # Another CA: libpq refuses the server's certificate.
    other_ca, _, _ = _ca_and_server_cert(tmp_path / "other", TLS_HOST)
    with pytest.raises(OperationalError, match=r"SSL error|certificate verify failed"):
        ssl_in_use(good.update_query_dict({"sslrootcert": str(other_ca)}))
    # ... and the app says so in words, not as "cannot reach the server".
    with pytest.raises(ServerUnavailableError) as refused:
        Database.open(good.update_query_dict({"sslrootcert": str(other_ca)}))
    assert "certifikat som inte godkändes" in refused.value.user_message
    # A host name the certificate does not name: refused by the host-name check.
    with pytest.raises(OperationalError, match="does not match host name"):
        ssl_in_use(good.set(host="other.aa-test.invalid"))
    # A local connection is left as it is (plain where the client asks for plain).
    assert not ssl_in_use(make_url(PG_ADMIN_URL).update_query_dict({"sslmode": "disable"}))
