"""A server connection off this computer verifies the server's certificate, or is refused."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.engine import make_url

from assessment_app.db.connection import (
    ALLOW_INSECURE_ENV,
    SERVER_CA_ENV,
    is_local_server,
    secure_server_url,
)
from assessment_app.db.engine import Database
from assessment_app.errors import ConfigurationError


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (SERVER_CA_ENV, ALLOW_INSECURE_ENV, "PGHOST"):
        monkeypatch.delenv(name, raising=False)


REMOTE_REFUSED = [
    "postgresql+psycopg://app@db.kommun.se/aa",
    "postgresql+psycopg://app@db.kommun.se/aa?sslmode=require",
    "postgresql+psycopg://app@db.kommun.se/aa?sslmode=verify-ca&sslrootcert=/ca.pem",
    "postgresql+psycopg://app@10.1.2.3:5432/aa?sslmode=prefer",
    "postgresql+psycopg://app@/aa?host=db.kommun.se",
    "postgresql+psycopg://app@/aa?host=/run/postgresql,db.kommun.se",
    "mysql+pymysql://app@db.kommun.se/aa",
    "mysql+pymysql://app@db.kommun.se/aa?ssl_ca=/ca.pem&ssl_verify_identity=true",
    "mysql+pymysql://app@db.kommun.se/aa?ssl_ca=/ca.pem&ssl_verify_cert=false",
]


@pytest.mark.parametrize("url", REMOTE_REFUSED)
def test_a_remote_server_without_verification_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        secure_server_url(make_url(url))
    error = caught.value
    assert SERVER_CA_ENV in error.message_en and SERVER_CA_ENV in error.user_message
    assert "kontrollerar inte serverns certifikat" in error.user_message
    assert "docs/server-setup.md" in error.message_en


def test_the_refusal_comes_before_any_connection() -> None:
    """Database.open and create refuse without reaching for the network (the host is fake)."""
    for call in (Database.open, Database.create):
        with pytest.raises(ConfigurationError):
            call("postgresql+psycopg://app@db.invalid/aa?sslmode=require")


def test_the_password_is_not_in_the_refusal() -> None:
    with pytest.raises(ConfigurationError) as caught:
        secure_server_url(make_url("postgresql+psycopg://app:hemligt@db.kommun.se/aa"))
    assert "hemligt" not in caught.value.message_en + caught.value.user_message


REMOTE_ACCEPTED = [
    "postgresql+psycopg://app@db.kommun.se/aa?sslmode=verify-full&sslrootcert=/ca.pem",
    "postgresql+psycopg://app@db.kommun.se/aa?sslmode=verify-full",  # PGSSLROOTCERT/root.crt
    "mysql+pymysql://app@db.kommun.se/aa?ssl_ca=/ca.pem",
]


@pytest.mark.parametrize("url", REMOTE_ACCEPTED)
def test_a_verified_remote_server_is_accepted_unchanged(url: str) -> None:
    parsed = make_url(url)
    assert secure_server_url(parsed) == parsed


LOCAL = [
    "postgresql+psycopg://app@127.0.0.1:5432/aa",
    "postgresql+psycopg://app@localhost/aa?sslmode=disable",
    "postgresql+psycopg://app@[::1]:5432/aa",
    "postgresql+psycopg://app@/aa",
    "postgresql+psycopg://app@/aa?host=/run/postgresql",
    "mysql+pymysql://root@127.0.0.1:3306/aa",
    "mysql+pymysql://app@db.kommun.se/aa?unix_socket=/run/mysqld/mysqld.sock",
    "sqlite:////tmp/x.sqlite3",
]


@pytest.mark.parametrize("url", LOCAL)
def test_a_local_connection_stays_as_it_is(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_CA_ENV, "/etc/aa/ca.pem")
    parsed = make_url(url)
    assert is_local_server(parsed)
    assert secure_server_url(parsed) == parsed


def test_pghost_pointing_away_counts_as_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGHOST", "db.kommun.se")
    with pytest.raises(ConfigurationError):
        secure_server_url(make_url("postgresql+psycopg://app@/aa"))


def test_the_ca_setting_fills_in_what_the_url_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_CA_ENV, "/etc/aa/ca.pem")
    pg = secure_server_url(make_url("postgresql+psycopg://app@db.kommun.se/aa"))
    assert pg.query["sslmode"] == "verify-full" and pg.query["sslrootcert"] == "/etc/aa/ca.pem"
    my = secure_server_url(make_url("mysql+pymysql://app@db.kommun.se/aa"))
    assert my.query["ssl_ca"] == "/etc/aa/ca.pem"
    # A weaker mode written in the URL is not overridden, and so still refused.
    with pytest.raises(ConfigurationError):
        secure_server_url(make_url("postgresql+psycopg://app@db.kommun.se/aa?sslmode=require"))


def test_the_lab_opt_out_is_loud(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "1")
    url = make_url("postgresql+psycopg://app@lab.test/aa")
    with caplog.at_level(logging.WARNING):
        assert secure_server_url(url) == url
    assert any("INSECURE" in r.getMessage() and ALLOW_INSECURE_ENV in r.getMessage()
               for r in caplog.records)  # fmt: skip
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "yes")  # only exactly 1 opts out
    with pytest.raises(ConfigurationError):
        secure_server_url(url)
