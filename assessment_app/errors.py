"""Domain errors. Every message is safe to show a user and holds no personal data.

``user_message`` is Swedish (the app's default language); ``message_en`` is the English
translation. ``str(error)`` gives the English text so logs and tracebacks stay readable for
developers, and neither ever carries names, personnummer or answers.
"""

from __future__ import annotations


class AppError(Exception):
    """Base of every error the core raises on purpose."""

    exit_code = 2

    def __init__(self, message_en: str, message_sv: str | None = None) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.user_message = message_sv or message_en

    def localized(self, language: str) -> str:
        return self.user_message if language == "sv" else self.message_en


class ConfigurationError(AppError):
    pass


class DatabaseOpenError(AppError):
    """The database could not be opened; nothing was created or changed."""


class NotADatabaseError(DatabaseOpenError):
    pass


class DatabaseMissingError(DatabaseOpenError):
    pass


class DatabaseExistsError(DatabaseOpenError):
    pass


class DatabaseTooNewError(DatabaseOpenError):
    pass


class DatabaseNeedsUpgradeError(DatabaseOpenError):
    pass


class ServerUnavailableError(DatabaseOpenError):
    pass


class StaleConnectionError(ServerUnavailableError):
    """A pooled connection had died (the server restarted, or ended it) but the server answers
    again: the use case can simply be run once more on a fresh connection."""


class ServerBusyError(AppError):
    """The server is there but did not finish in time (a lock held elsewhere, overload)."""


class DatabaseLockedError(AppError):
    """A local database file stayed locked by another writer for longer than the app waits."""


class AuthenticationError(AppError):
    pass


class DamagedKeyWrapError(AuthenticationError):
    """The stored password key wrap does not open although the password matched its check
    value (or the wrap is malformed): damage, not a wrong password; no lockout."""


class KeySubstitutionError(DamagedKeyWrapError):
    """A master key sealed to a public key that is not this wrap's own: the public key was
    changed in the database before a master-key rotation (possibly to obtain the new key)."""


def key_substitution() -> KeySubstitutionError:
    return KeySubstitutionError(
        "The password was right, but the key sealed to this account was made for another key "
        "pair: the account's public key was changed in the database. This has been recorded; "
        "tell the administrator, who sets a new password and should investigate.",
        "Lösenordet var rätt, men nyckeln till kontot gjordes för ett annat nyckelpar: kontots "
        "publika nyckel har ändrats i databasen. Det har loggats; kontakta administratören, som "
        "sätter ett nytt lösenord och bör utreda saken.",
    )


class WrongPasswordError(AuthenticationError):
    pass


class AccountLockedError(AuthenticationError):
    pass


class AccountDisabledError(AuthenticationError):
    pass


class KeysChangedError(AuthenticationError):
    """The database's master key was replaced after this session signed in (someone left and
    the keys were rotated): the session's keys no longer fit; sign in again."""

    def __init__(self) -> None:
        super().__init__(
            "The database's keys were replaced after you signed in. Sign in again.",
            "Databasens nycklar har bytts ut sedan du loggade in. Logga in igen.",
        )


class KeyRotationRunningError(AuthenticationError):
    """A master-key rotation is under way: only an administrator may sign in (to finish it)."""

    def __init__(self) -> None:
        super().__init__(
            "The keys are being replaced. Try again in a while, or ask an administrator to "
            "finish the key rotation ('keys rotate --resume').",
            "Nycklarna håller på att bytas ut. Försök igen om en stund, eller be en "
            "administratör att slutföra nyckelbytet ('keys rotate --resume').",
        )


class WrongRecoveryKeyError(AuthenticationError):
    pass


class AccessDeniedError(AppError):
    pass


class PasswordChangeRequiredError(AccessDeniedError):
    """Signed in with a temporary password: it must be changed before anything else."""

    def __init__(self) -> None:
        super().__init__(
            "You signed in with a temporary password: choose your own password first "
            "(in the app, or with 'assessment-app user passwd').",
            "Du loggade in med ett tillfälligt lösenord: välj ett eget lösenord först "
            "(i programmet, eller med 'assessment-app user passwd').",
        )


class NotFoundError(AppError):
    pass


class ValidationError(AppError):
    pass


class InvalidPersonnummerError(ValidationError):
    pass


RECORD_NAMES_SV = {
    "individual": "Personuppgifterna",
    "case": "Ärendet",
    "plan": "Handlingsplanen",
    "safety plan": "Skyddsplanen",
    "assessment": "Kartläggningen",
    "consent": "Samtycket",
    "follow-up": "Uppföljningen",
    "provider": "Utföraren",
    "record": "Uppgifterna",
}
FIELD_NAMES_SV = {
    "name": "namn",
    "personnummer": "personnummer",
    "contact": "kontaktuppgifter",
    "protection": "skyddad identitet",
    "status": "status",
    "goals": "mål",
    "actions": "insatser",
    "answers": "svar",
    "ratings": "skattningar",
    "review_state": "granskning",
    "scope": "omfattning",
    "withdrawn": "återkallelse",
    "valid_until": "giltighetstid",
    "given_how": "hur samtycket gavs",
    "note": "anteckning",
    "content": "innehåll",
    "done": "genomförd",
    "org_number": "organisationsnummer",
    "contact_person": "kontaktperson",
    "phone": "telefon",
    "email": "e-post",
    "procured_for": "upphandlad för",
    "contract_from": "avtalets början",
    "contract_to": "avtalets slut",
    "active": "aktiv/avslutad",
}


class StaleEditError(AppError):
    """Someone saved the same record after it was loaded here; nothing was overwritten."""

    def __init__(
        self,
        record_type: str,
        record_id: str,
        expected_version: int,
        current_version: int | None,
        changed_by: str | None,
        changed_at: str | None,
        changed_fields: list[str] | None = None,
        *,
        deleted: bool = False,
    ) -> None:
        who = changed_by or "another user"
        who_sv = changed_by or "en annan användare"
        when = f" at {changed_at}" if changed_at else ""
        when_sv = f" {changed_at}" if changed_at else ""
        fields = f" (changed: {', '.join(changed_fields)})" if changed_fields else ""
        fields_sv = (
            f" (ändrat: {', '.join(FIELD_NAMES_SV.get(f, f) for f in changed_fields)})"
            if changed_fields
            else ""
        )
        what_sv = f"{RECORD_NAMES_SV.get(record_type, record_type)} {record_id}".strip()
        if current_version is None and not deleted:
            en = (
                "Someone else saved this record at the same moment. Nothing was overwritten; "
                "reload to see their change, then save yours again."
            )
            sv = (
                "Någon annan sparade samma uppgifter i samma stund. Inget skrevs över; ladda om "
                "för att se deras ändring och spara sedan din igen."
            )
        elif deleted:
            en = f"The {record_type} {record_id} was deleted by {who}{when} after you opened it."
            sv = f"{what_sv} togs bort av {who_sv}{when_sv} efter att du öppnade den."
        else:
            en = (
                f"The {record_type} {record_id} was changed by {who}{when} after you opened it "
                f"(your version {expected_version}, saved version {current_version}){fields}. "
                "Nothing was overwritten; reload to see the other change."
            )
            sv = (
                f"{what_sv} ändrades av {who_sv}{when_sv} efter att du öppnade den "
                f"(din version {expected_version}, sparad version {current_version}){fields_sv}. "
                "Inget skrevs över; ladda om för att se den andra ändringen."
            )
        super().__init__(en, sv)
        self.record_type = record_type
        self.record_id = record_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_fields = changed_fields or []


class IntegrityError(AppError):
    """A stored value failed authentication: it was altered, moved or damaged."""

    def __init__(self, table: str, column: str, row_id: str) -> None:
        super().__init__(
            f"Stored value {table}.{column} of record {row_id} failed its integrity check "
            "(altered, moved or damaged). Other values are unaffected.",
            f"Det lagrade värdet {table}.{column} i post {row_id} klarade inte "
            "integritetskontrollen (ändrat, flyttat eller skadat). Övriga värden påverkas inte.",
        )
        self.table = table
        self.column = column
        self.row_id = row_id


class KeyringUnavailableError(AppError):
    pass


class TemplateError(AppError):
    pass


class ExportError(AppError):
    pass


class ConsentMissingError(ExportError):
    pass


class PlanNotApprovedError(ExportError):
    """A provider's document asked for from a plan that is not approved, without the stated
    reason that an explicit override needs."""
