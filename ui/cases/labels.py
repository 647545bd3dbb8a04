"""Swedish display text for the core's codes (status, protection level, referral source...)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def case_status(code: str) -> str:
    return {
        "open": QCoreApplication.translate("labels", "Öppet"),
        "close_requested": QCoreApplication.translate("labels", "Avslut begärt"),
        "closed": QCoreApplication.translate("labels", "Avslutat"),
    }.get(code, code)


def protection_level(code: str) -> str:
    return {
        "none": QCoreApplication.translate("labels", "Ingen"),
        "sekretessmarkering": QCoreApplication.translate("labels", "Sekretessmarkering"),
        "skyddad_folkbokforing": QCoreApplication.translate("labels", "Skyddad folkbokföring"),
        "fingerade_personuppgifter": QCoreApplication.translate(
            "labels", "Fingerade personuppgifter"
        ),
    }.get(code, code)


def referral_source(code: str | None) -> str:
    return {
        None: QCoreApplication.translate("labels", "Ej angiven"),
        "self": QCoreApplication.translate("labels", "Personen själv"),
        "police": QCoreApplication.translate("labels", "Polisen"),
        "kriminalvarden": QCoreApplication.translate("labels", "Kriminalvården"),
        "provider": QCoreApplication.translate("labels", "Extern aktör"),
        "other": QCoreApplication.translate("labels", "Annan"),
    }.get(code, code or "")


def recipient_kind(code: str) -> str:
    return {
        "police": QCoreApplication.translate("labels", "Polisen"),
        "kriminalvarden": QCoreApplication.translate("labels", "Kriminalvården"),
        "forsakringskassan": QCoreApplication.translate("labels", "Försäkringskassan"),
        "healthcare": QCoreApplication.translate("labels", "Hälso- och sjukvården"),
        "arbetsformedlingen": QCoreApplication.translate("labels", "Arbetsförmedlingen"),
        "provider": QCoreApplication.translate("labels", "Extern aktör"),
        "other": QCoreApplication.translate("labels", "Annan mottagare"),
    }.get(code, code)


def responsible_kind(code: str) -> str:
    return {
        "individual": QCoreApplication.translate("labels", "Den enskilde"),
        "social_services": QCoreApplication.translate("labels", "Socialtjänsten"),
        "provider": QCoreApplication.translate("labels", "Extern aktör"),
        "police": QCoreApplication.translate("labels", "Polisen"),
        "authority": QCoreApplication.translate("labels", "Annan myndighet"),
    }.get(code, code)


def action_status(code: str) -> str:
    return {
        "planned": QCoreApplication.translate("labels", "Planerad"),
        "in_progress": QCoreApplication.translate("labels", "Pågår"),
        "done": QCoreApplication.translate("labels", "Klar"),
        "cancelled": QCoreApplication.translate("labels", "Avbruten"),
    }.get(code, code)


def review_state(code: str) -> str:
    return {
        "draft": QCoreApplication.translate("labels", "Utkast"),
        "submitted": QCoreApplication.translate("labels", "Inskickad för granskning"),
        "approved": QCoreApplication.translate("labels", "Godkänd"),
        "returned": QCoreApplication.translate("labels", "Återlämnad"),
        "superseded": QCoreApplication.translate("labels", "Ersatt av ny version"),
    }.get(code, code)


def assessment_kind(code: str) -> str:
    return {
        "initial": QCoreApplication.translate("labels", "Kartläggning"),
        "follow_up": QCoreApplication.translate("labels", "Uppföljning"),
    }.get(code, code)


def assessment_status(code: str) -> str:
    return {
        "in_progress": QCoreApplication.translate("labels", "Pågår"),
        "complete": QCoreApplication.translate("labels", "Avslutad"),
    }.get(code, code)


def role(code: str) -> str:
    return {
        "caseworker": QCoreApplication.translate("labels", "Handläggare"),
        "supervisor": QCoreApplication.translate("labels", "Arbetsledare"),
        "administrator": QCoreApplication.translate("labels", "Administratör"),
    }.get(code, code)
