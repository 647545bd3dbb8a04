"""The tour's steps, in the order a unit starts using the app (tests/tour/run_tour.py)."""

from __future__ import annotations

import time

from tests.tour.run_tour import (
    ADMIN,
    MAIN_TITLE,
    PASSWORDS,
    PROVIDER,
    SUPERVISOR,
    WORKER,
    Tour,
    TourFailed,
)


def first_run(t: Tour) -> None:
    t.wait_window("Kom igång – ny databas")
    t.fill("Vuxenenheten Nord", label="Enhet")
    t.fill(ADMIN, label="Administratörens användarnamn")
    t.fill(PASSWORDS[ADMIN], label="Lösenord")
    t.fill(PASSWORDS[ADMIN], label="Upprepa lösenordet")


def recovery_key(t: Tour) -> None:
    t.click(text="Skapa databasen")
    t.find_when(text="Jag har sparat nyckeln")
    key = t.find(kind="QLineEdit")["text"]
    if len(key) < 20:
        raise TourFailed(f"no recovery key shown ({key!r})")


def sign_in(t: Tour, user: str) -> None:
    t.wait_window("Logga in")
    t.fill(user, label="Användarnamn")
    t.fill(PASSWORDS[user], label="Lösenord")


def run_all(t: Tour) -> None:
    t.step("first-run", lambda: first_run(t))
    t.step("recovery-key", lambda: recovery_key(t))
    def to_sign_in() -> None:
        t.click(text="Jag har sparat nyckeln")
        t.click(text="Fortsätt till inloggningen")
        sign_in(t, ADMIN)
    t.step("sign-in-admin", to_sign_in)
    def admin() -> None:
        t.key("Return")
        t.wait_window(MAIN_TITLE)
        t.wait_screen("AdminPage")
    t.step("admin-users", admin)

    def add_user(user: str, name: str, role: str) -> None:
        t.fill(user, label="Användarnamn", group="Ny användare")
        t.fill(name, label="Namn", group="Ny användare")
        t.choose(role, label="Roll")
        t.fill("Vuxenenheten Nord", label="Enhet", group="Ny användare")
        t.fill(PASSWORDS[user], label="Tillfälligt lösenord")
        t.click(text="Lägg till användaren")
        t.wait(f"{user} in the list", lambda s: any(
            c["kind"] == "QPushButton" and c["text"] == "Lägg till användaren" for c in s["controls"]
        ) and user in t.table_text())

    t.step("users-added", lambda: (
        add_user(WORKER, "Lena Berg", "Handläggare"),
        add_user(SUPERVISOR, "Omar Said", "Arbetsledare"),
    ))

    def provider() -> None:
        t.click(kind="tab", text="Utförare")
        t.find_when(label="Namn", group="")
        t.fill(PROVIDER, label="Namn")
        t.fill("556677-8808", label="Organisationsnummer")
        t.fill("Maria Lind", label="Kontaktperson")
        t.fill("08-123 456 78", label="Telefon")
        t.fill("maria.lind@vagenut.example", label="E-post")
        t.fill("boendestöd, mentorskap", label="Upphandlad för")
        t.click(text="Lägg till utföraren")
        t.wait("the provider in the register", lambda s: PROVIDER in t.table_text())

    t.step("provider-register", provider)
    time.sleep(1)
