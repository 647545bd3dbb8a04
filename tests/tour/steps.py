"""The tour's steps, in the order a unit starts using the app (tests/tour/run_tour.py)."""

from __future__ import annotations

import subprocess

from tests.tour.driver import (
    ADMIN,
    MAIN_TITLE,
    OWN_PASSWORDS,
    PASSWORDS,
    PROVIDER,
    SUPERVISOR,
    WORKER,
    Tour,
    TourFailed,
)

MEETING_PLACE = "Socialkontoret, Kungsgatan 5, rum 12"


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


def sign_in(t: Tour, user: str, password: str | None = None) -> None:
    t.wait_window("Logga in")
    t.fill(user, label="Användarnamn")
    t.fill(password or PASSWORDS[user], label="Lösenord")


def change_password(t: Tour, user: str) -> None:
    """The forced "Byt lösenord" at the first sign-in with a temporary password, by keyboard:
    the temporary password has the focus, Tab to the new one and its repeat."""
    t.wait_window("Byt lösenord")
    t.wait(
        "the focus in the temporary password",
        lambda s: (s["focus"] or {}).get("label", "").startswith("Tillfälligt"),
    )
    t.type(PASSWORDS[user])
    t.key("Tab")
    t.type(OWN_PASSWORDS[user])
    t.key("Tab")
    t.type(OWN_PASSWORDS[user])


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
        t.wait(
            f"{user} in the list",
            lambda s: (
                any(
                    c["kind"] == "QPushButton" and c["text"] == "Lägg till användaren"
                    for c in s["controls"]
                )
                and user in t.table_text()
            ),
        )

    t.step(
        "users-added",
        lambda: (
            add_user(WORKER, "Lena Berg", "Handläggare"),
            add_user(SUPERVISOR, "Omar Said", "Arbetsledare"),
        ),
    )

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

    def worker_signs_in() -> None:
        t.click(text="Logga ut")
        sign_in(t, WORKER)
        t.key("Return")
        change_password(t, WORKER)

    t.step("change-password", worker_signs_in)

    def worker_in() -> None:
        t.key("Return")
        t.wait_window(MAIN_TITLE)
        t.wait_screen("CaseListPage")

    t.step("case-list-empty", worker_in)

    def new_case() -> None:
        t.click(text="Nytt ärende")
        t.wait_window("Nytt ärende")
        t.fill("Sara Nilsson", label="Namn")
        t.fill("199001022384", label="Personnummer")
        t.fill("Storgatan 12", label="Adress")
        t.fill("41101", label="Postnummer")
        t.fill("Göteborg", label="Ort")
        t.fill("070-123 45 67", label="Telefon")

    t.step("new-case", new_case)

    def case_page() -> None:
        t.click(text="Skapa ärendet")
        t.wait_window(MAIN_TITLE)
        t.wait_screen("CasePage")

    t.step("case", case_page)

    def consent() -> None:
        t.click(kind="tab", text="Samtycken")
        t.click(text="Nytt samtycke")
        t.wait_window("Nytt samtycke")
        t.choose("Extern aktör", label="Mottagare")
        t.choose(PROVIDER, label="Utförare")
        for area in ("Boende", "Arbete, studier och sysselsättning", "Ekonomi och skulder"):
            t.click(text=area, kind="QCheckBox")
        t.fill("Samtycket lämnat på mötet", label="Anteckning")

    t.step("consent", consent)

    def consent_saved() -> None:
        t.click(text="Ok")
        t.wait_window(MAIN_TITLE)
        t.wait("the consent in the list", lambda s: PROVIDER in t.table_text(s))

    t.step("consent-saved", consent_saved)

    def interview() -> None:
        t.click(kind="tab", text="Kartläggningar")
        t.click(text="Ny kartläggning")
        t.wait_screen("InterviewPage")
        t.click(t.row("Boende"))
        t.click(kind="QRadioButton", text="I andra hand eller som inneboende")
        t.click(kind="QRadioButton", label="2. Har du någonstans att sova")
        t.click(kind="QRadioButton", label="6. Har du hyresskulder")
        t.fill("Ett eget kontrakt, gärna i närheten av mamma.", label="7. Hur skulle du vilja bo")
        t.choose("3", label="Hur mycket hjälp tycker du")
        t.choose("3", label="Din bedömning av behovet")
        t.fill("Andrahandskontraktet går ut i vår.", label="Motivering")

    t.step("interview", interview)

    def interview_saved() -> None:
        t.key("alt+t")  # Spara och s&täng
        t.wait_screen("CasePage")
        t.wait("the assessment in the list", lambda s: bool(t.table_text(s).strip()))

    t.step("interview-saved", interview_saved)

    def plan() -> None:
        t.click(kind="tab", text="Handlingsplaner")
        t.click(text="Ny handlingsplan")
        t.wait_screen("PlanEditorPage")
        # a goal for another area, chosen by keyboard (Alt+O: Nytt mål för området)
        t.key("alt+o")
        t.choose("Arbete", label="Nytt mål för området")
        t.key("alt+m")  # Lägg till mål
        t.find_when(label="Mål för Arbete")
        t.fill("Jag vill ha ett eget kontrakt inom ett år.", label="Mål för Boende")
        t.click(text="Lägg till insats", group="Boende")
        t.fill("Boendestöd två gånger i veckan", label="Insats", group="Boende")
        t.choose("Extern aktör", label="Ansvarig", group="Boende")
        t.choose(PROVIDER, label="Utförare", group="Boende")
        t.fill("Vi går igenom det på nästa möte", label="Så följer vi upp", group="Boende")
        t.fill("Jag vill börja en utbildning i höst.", label="Mål för Arbete")
        t.click(text="Lägg till insats", group="Arbete")
        t.fill("Besök hos studie- och yrkesvägledare", label="Insats", group="Arbete")
        t.choose("Den enskilde", label="Ansvarig", group="Arbete")
        t.fill("Sara", label="Vem som ansvarar", group="Arbete")
        # the next meeting, booked with the pickers: it prints on both copies
        t.click(text="Bokat")
        t.fill(MEETING_PLACE, label="Plats")
        t.click(text="Utförarna är med på mötet")

    t.step("plan", plan)

    def submit() -> None:
        t.key("alt+g")  # Skicka för granskning: the plan is saved first
        t.wait_window("Kartläggningen är inte klar")
        t.type("Boendet brådskar; kartläggningen av övriga områden görs på nästa möte.")
        t.shot("submit-reason")
        t.key("alt+s")  # Skicka in
        t.wait_window(MAIN_TITLE)
        t.wait("the plan submitted", lambda s: t.banner("Planen är skickad", s))

    t.step("plan-submitted", submit)

    def supervisor_signs_in() -> None:
        t.click(text="Logga ut")
        sign_in(t, SUPERVISOR)
        t.key("Return")
        change_password(t, SUPERVISOR)
        t.key("Return")
        t.wait_window(MAIN_TITLE)
        t.key("alt+v")  # Visa ▸ Granskning
        t.key("g")
        t.wait_screen("ReviewQueuePage")
        t.wait(
            "the plan in the queue",
            lambda s: "Sara Nilsson" in t.table_text(s) or "AV-2026-0001" in t.table_text(s),
        )

    t.step("review-queue", supervisor_signs_in)

    def review() -> None:
        t.key("alt+g")  # Granska planen
        t.wait_screen("PlanReviewPage")
        t.find_when(text="Godkänn planen")

    t.step("review-plan", review)

    def approve() -> None:
        t.key("alt+k")  # Kommentar
        t.type("Bra plan. Följ upp boendet om en månad.")
        t.key("alt+g")  # Godkänn planen
        t.find_when(label="Dokument för")

    t.step("approved", approve)

    def save_pdf(recipient: str, name: str, *, picture: bool = False) -> None:
        t.key("alt+d")  # Dokument för
        t.choose(recipient, label="Dokument för")
        t.key("alt+p")  # Spara som PDF
        t.wait_window("Spara handlingsplanen som PDF")
        path = t.work / "pdf" / f"{name}.pdf"
        path.parent.mkdir(exist_ok=True)
        t.key("ctrl+a")
        t.type(str(path))
        if picture:
            t.shot("pdf-save-dialog")
        t.key("Return")
        t.wait_window(MAIN_TITLE)
        t.wait(f"{name}.pdf saved", lambda s: t.banner("Planen sparades som", s) and path.exists())
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=False
        ).stdout
        if MEETING_PLACE not in " ".join(text.split()):
            raise TourFailed(f"the booked meeting is not in {name}.pdf")
        t.pdfs.append(path)

    t.step("pdf-individual", lambda: save_pdf("Den enskilde", "plan-den-enskilde", picture=True))
    t.step("pdf-provider", lambda: save_pdf(f"Utförare: {PROVIDER}", "plan-utforaren"))
    t.render_pdfs()
