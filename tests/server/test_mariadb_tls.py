"""The TLS rule against a real MariaDB server speaking TLS with a certificate of our own CA.

The test starts a second, private MariaDB server (``mariadb-install-db`` + ``mariadbd`` in a
temp data folder, on a free port) with ``--ssl-ca/--ssl-cert/--ssl-key`` from a CA made here.
It listens on 127.0.0.2 (and 127.0.0.3): loopback addresses, but not ones the app treats as
"this computer" (127.0.0.1, ::1, localhost), so the app's rule for a server elsewhere applies;
the server certificate names 127.0.0.2. Skipped where the MariaDB server programs are not installed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL

from assessment_app import accounts
from assessment_app.db.connection import ALLOW_INSECURE_ENV, SERVER_CA_ENV
from assessment_app.db.engine import Database
from assessment_app.errors import ConfigurationError, ServerUnavailableError
from tests.conftest import ADMIN_PW, IN_CI
from tests.server.tls_certs import ca_and_server_cert

HOST = "127.0.0.2"
OTHER_HOST = "127.0.0.3"  # the same server, by an address its certificate does not name
APP_PW = "tls-app-password-1"


def _ca_and_cert(folder: Path, address: str) -> tuple[Path, Path, Path]:
    """A fresh CA and a server certificate (and key, mode 0600) for ``address``, as files."""
    made = ca_and_server_cert(folder, address)
    paths = made.ca_path, folder / "server.pem", folder / "server.key"
    paths[1].write_bytes(made.cert_pem)
    paths[2].write_bytes(made.key_pem)
    os.chmod(paths[2], 0o600)
    return paths


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class TlsServer:
    url: URL  # the app role on 127.0.0.2, no TLS options yet
    ca: Path
    folder: Path


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI requires the MariaDB TLS test: {reason}")
    pytest.skip(reason)


@pytest.fixture
def mariadb_tls() -> Iterator[TlsServer]:
    import pymysql

    server = shutil.which("mariadbd") or shutil.which("mysqld", path="/usr/sbin:/usr/bin")
    install = shutil.which("mariadb-install-db")
    if not server or not install:
        _unavailable("the MariaDB server programs (mariadbd, mariadb-install-db) are not here")
    assert server and install
    folder = Path(tempfile.mkdtemp(prefix="aa-mdb-"))  # short: a socket path has a limit
    try:
        ca, cert, key = _ca_and_cert(folder / "tls", HOST)
        data, sock = folder / "data", folder / "s.sock"
        user = ["--user=root"] if os.geteuid() == 0 else []
        made = subprocess.run(
            [install, "--no-defaults", f"--datadir={data}", "--skip-test-db",
             "--auth-root-authentication-method=normal", *user],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if made.returncode != 0:
            pytest.fail(f"mariadb-install-db failed: {made.stderr[-2000:]}")
        port = _free_port()
        proc = subprocess.Popen(
            [server, "--no-defaults", f"--datadir={data}", f"--socket={sock}", f"--port={port}",
             f"--bind-address={HOST},{OTHER_HOST}", f"--pid-file={folder / 'm.pid'}",
             f"--log-error={folder / 'error.log'}", f"--ssl-ca={ca}", f"--ssl-cert={cert}",
             f"--ssl-key={key}", "--innodb-buffer-pool-size=16M", "--skip-log-bin",
             "--skip-name-resolve", *user],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    root = pymysql.connect(unix_socket=str(sock), user="root", autocommit=True)
                    break
                except pymysql.err.OperationalError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log = (folder / "error.log").read_text(errors="replace")[-2000:]
                        pytest.fail(f"the private MariaDB server did not start: {log}")
                    time.sleep(0.2)
            with root.cursor() as cur:
                cur.execute("CREATE DATABASE aa CHARACTER SET utf8mb4")
                cur.execute(f"CREATE USER 'aa'@'%' IDENTIFIED BY '{APP_PW}' REQUIRE SSL")
                cur.execute("GRANT ALL PRIVILEGES ON aa.* TO 'aa'@'%'")
            root.close()
            url = URL.create(
                "mysql+pymysql", username="aa", password=APP_PW, host=HOST, port=port,
                database="aa",
            )  # fmt: skip
            yield TlsServer(url, ca, folder)
        finally:
            proc.terminate()
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _tls_version(db: Database) -> str:
    with db.engine.connect() as conn:
        row = conn.execute(text("SHOW SESSION STATUS LIKE 'Ssl_version'")).one()
    return str(row[1])


@pytest.mark.server
def test_mariadb_elsewhere_needs_the_ca_and_verifies_it(
    mariadb_tls: TlsServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SERVER_CA_ENV, raising=False)
    monkeypatch.delenv(ALLOW_INSECURE_ENV, raising=False)
    plain = mariadb_tls.url
    shown = plain.render_as_string(hide_password=False)
    # Not this computer, no CA: refused before any connection, with what to add.
    with pytest.raises(ConfigurationError, match="ssl_ca") as refused:
        Database.create(shown)
    assert "ssl_ca=/sökväg/ca.pem" in refused.value.user_message
    # The trap: ssl_verify_* would make PyMySQL drop the CA file; refused too.
    with pytest.raises(ConfigurationError, match="ssl_verify_identity"):
        Database.create(
            plain.update_query_dict({"ssl_ca": str(mariadb_tls.ca), "ssl_verify_identity": "true"})
        )

    # With our CA: the app sets up its database over TLS and works.
    good = plain.update_query_dict({"ssl_ca": str(mariadb_tls.ca)})
    db = Database.create(good)
    assert _tls_version(db).startswith("TLS")
    accounts.initialise(db, "admin", ADMIN_PW, unit_name="Enhet Nord")
    assert accounts.sign_in(db, "admin", ADMIN_PW).role == "administrator"
    db.dispose()

    # The CA from ASSESSMENT_SERVER_CA instead of the URL.
    monkeypatch.setenv(SERVER_CA_ENV, str(mariadb_tls.ca))
    db = Database.open(shown)
    assert _tls_version(db).startswith("TLS")
    assert accounts.sign_in(db, "admin", ADMIN_PW).username == "admin"
    db.dispose()
    monkeypatch.delenv(SERVER_CA_ENV)

    # Another CA: the server's certificate is refused, and the message says so.
    other_ca, _, _ = _ca_and_cert(tmp_path / "other", HOST)
    with pytest.raises(ServerUnavailableError) as wrong:
        Database.open(plain.update_query_dict({"ssl_ca": str(other_ca)}))
    assert "certifikat som inte godkändes" in wrong.value.user_message
    assert "Traceback" not in wrong.value.user_message

    # The certificate names 127.0.0.2 only: the same server by another address is refused by
    # the host-name check, even with the right CA.
    with pytest.raises(ServerUnavailableError) as misnamed:
        Database.open(good.set(host=OTHER_HOST))
    assert "certifikat som inte godkändes" in misnamed.value.user_message
