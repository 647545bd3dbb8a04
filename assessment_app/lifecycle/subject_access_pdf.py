"""The registerutdrag (subject access export) as a readable PDF in plain Swedish.

It renders exactly the content of :func:`assessment_app.records.subject_access.export` (the
JSON export), with question ids, codes and ratings turned into words. It reuses the plan PDFs'
fonts, styles, markup escaping and numbered canvas. The PDF's metadata holds no personal data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.platypus import (
    Flowable,
    Spacer,
    Table,
    TableStyle,
)

from assessment_app import APP_NAME, __version__
from assessment_app import personnummer as pnr
from assessment_app.damage import DAMAGED, is_json_marker
from assessment_app.pdf.labels import (
    RESPONSIBLE_NAMES,
    REVIEW_STATE_NAMES,
    STATUS_NAMES,
    format_date,
    rating_text,
)
from assessment_app.pdf.markup import one_line, para
from assessment_app.pdf.paragraph import TextParagraph
from assessment_app.pdf.simple import SimpleDocumentRenderer
from assessment_app.pdf.styles import table_style
from assessment_app.settings import PrintSettings
from assessment_app.templates import FLAG_LABELS, Template, default_registry
from assessment_app.templates.loader import TemplateLoadError, TemplateNotFoundError

PROTECTION = {
    "none": "Inget särskilt skydd",
    "sekretessmarkering": "Sekretessmarkering",
    "skyddad_folkbokforing": "Skyddad folkbokföring",
    "fingerade_personuppgifter": "Fingerade personuppgifter",
}
REFERRAL = {
    "self": "Du tog själv kontakt",
    "police": "Polisen",
    "kriminalvarden": "Kriminalvården",
    "provider": "En utförare",
    "other": "Annan",
}
RECIPIENT = {
    "police": "Polisen",
    "kriminalvarden": "Kriminalvården",
    "forsakringskassan": "Försäkringskassan",
    "healthcare": "Hälso- och sjukvården",
    "arbetsformedlingen": "Arbetsförmedlingen",
    "provider": "Utförare",
    "other": "Annan mottagare",
}
CASE_STATUS = {"open": "Pågående", "closed": "Avslutat"}
ASSESSMENT_KIND = {"initial": "Kartläggning", "follow_up": "Uppföljande kartläggning"}
ASSESSMENT_STATUS = {"in_progress": "Pågår", "complete": "Klar"}
ACTIONS = {
    "case.create": "Ärendet skapades",
    "case.open": "Ärendet öppnades och lästes",
    "case.update": "Ärendet ändrades",
    "record.create": "En uppgift lades till",
    "record.update": "En uppgift ändrades",
    "record.delete": "En uppgift togs bort",
    "export": "Uppgifter togs ut (utskrift eller utdrag)",
    "review": "Planen granskades",
    "review.self_approval": "Planen godkändes av den som skrev eller ändrade den",
    "review.unfinished_assessment": "Planen skickades in innan kartläggningen var klar",
    "export.unapproved": "En plan som inte var beslutad lämnades till en utförare",
    "integrity.failure": "En lagrad uppgift gick inte att läsa",
}
CONTACT_FIELDS = (
    ("address", "Adress"),
    ("postal_code", "Postnummer"),
    ("city", "Ort"),
    ("phone", "Telefon"),
    ("email", "E-post"),
)
INTRO = (
    "Det här är ett registerutdrag enligt artikel 15 i dataskyddsförordningen. Det visar alla "
    "uppgifter om dig som socialtjänsten har sparat i det här systemet: dina personuppgifter, "
    "dina ärenden, samtycken, kartläggningar, handlingsplaner, uppföljningar, osparade utkast "
    "och vem som har öppnat eller ändrat ärendet och när. Hör av dig till socialtjänsten om "
    "något är fel eller oklart."
)
NOTHING = "Inget sparat."


def _damaged(value: object) -> bool:
    return is_json_marker(value)


def _text(value: object) -> str:
    if _damaged(value):
        return DAMAGED
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items()) or "–"
    return str(value)


def _word(words: dict[str, str], value: object) -> object:
    """The word for a code; a damaged value stays marked."""
    if _damaged(value):
        return value
    return words.get(value, value) if isinstance(value, str) else value


def _pnr(value: object) -> str:
    if isinstance(value, str) and len(value) == 12 and value.isdigit():
        return pnr.display(value)
    return _text(value) if value else "Inget registrerat"


def _date(value: object) -> str:
    if not isinstance(value, str) or not value:
        return "–"
    try:
        return format_date("sv", date.fromisoformat(value[:10]))
    except ValueError:
        return value


def _datetime(value: object) -> str:
    if not isinstance(value, str) or len(value) < 16:
        return _text(value)
    return f"{value[:10]} {value[11:16]}"


def _consent_how(c: dict[str, Any]) -> str:
    if c.get("given_how") != "oral":
        return "Skriftligt"
    role = f" ({_text(c['witness_role'])})" if c.get("witness_role") else ""
    return (
        f"Muntligt, vittne: {_text(c.get('witness_name')) if c.get('witness_name') else ''}{role}"
    )


class SubjectAccessRenderer(SimpleDocumentRenderer):
    """One registerutdrag (the export dict) to PDF bytes."""

    def __init__(
        self, data: dict[str, Any], settings: PrintSettings, printed_on: date | None = None
    ) -> None:
        super().__init__(10.5)
        self.data = data
        self.settings = settings
        self.printed_on = printed_on or date.today()
        self._templates: dict[str, Template | None] = {}

    # --- helpers ---------------------------------------------------------------------------

    def facts(self, rows: list[tuple[str, object]]) -> Table:
        """A two-column table of label and value."""
        cells = [
            [
                TextParagraph(para(k), self.styles.cell_head),
                TextParagraph(para(_text(v)), self.styles.cell),
            ]
            for k, v in rows
        ]
        # splitInRow: a long value (a note at its bound) may go on over a page break.
        table = Table(
            cells, colWidths=[self.frame_width * 0.32, self.frame_width * 0.68], splitInRow=1
        )
        table.setStyle(TableStyle(table_style(self.fonts, self.base_font_size, header=False)))
        return table

    def grid(self, head: list[str], rows: Sequence[Sequence[object]], widths: list[float]) -> Table:
        cells = [[TextParagraph(para(h), self.styles.cell_head) for h in head]]
        cells += [[TextParagraph(para(_text(c)), self.styles.cell) for c in r] for r in rows]
        table = Table(
            cells,
            colWidths=[self.frame_width * w for w in widths],
            repeatRows=1,
            splitInRow=1,
        )
        table.setStyle(TableStyle(table_style(self.fonts, self.base_font_size)))
        return table

    def template(self, name: object) -> Template | None:
        key = str(name or "")
        if key not in self._templates:
            found: Template | None = None
            template_id, _, version = key.rpartition(" v")
            if template_id and version.isdigit():
                try:
                    found = default_registry().get(template_id, int(version))
                except (TemplateNotFoundError, TemplateLoadError, KeyError):
                    found = None
            self._templates[key] = found
        return self._templates[key]

    def area_title(self, area_id: object, template: Template | None = None) -> str:
        if _damaged(area_id):
            return DAMAGED
        templates = [template] if template else []
        templates += [t for t in self._templates.values() if t is not None]
        if not templates:
            templates = [default_registry().latest("kartlaggning-avhopp")]
        for t in templates:
            try:
                return t.area(str(area_id)).title.text("sv")
            except KeyError:
                continue
        return str(area_id)

    # --- story -----------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        out: list[Flowable] = [
            self.p("Registerutdrag", "title"),
            self.p(f"Utskrivet {format_date('sv', self.printed_on)}", "subtitle"),
            self.p(INTRO),
        ]
        damaged = int(self.data.get("damaged_values") or 0)
        if damaged:
            out.append(
                self.p(
                    f"{damaged} lagrade uppgifter gick inte att läsa. De är markerade "
                    f"{DAMAGED} där de hör hemma; hör av dig till socialtjänsten om dem.",
                    "notice",
                )
            )
        person = self.data.get("individual") or {}
        if person.get("protection_level", "none") != "none":
            out.append(
                self.p(
                    "Personen har skyddade personuppgifter. Kontrollera vem som tar emot "
                    "utdraget innan det lämnas ut.",
                    "notice",
                )
            )
        out.append(self.p("Dina personuppgifter", "h2"))
        contact = person.get("contact") or {}
        rows: list[tuple[str, object]] = [
            ("Namn", person.get("name")),
            ("Personnummer", _pnr(person.get("personnummer"))),
        ]
        if _damaged(contact):
            rows.append(("Kontaktuppgifter", DAMAGED))
        else:
            rows += [(label, contact.get(key)) for key, label in CONTACT_FIELDS if contact.get(key)]
        rows.append(
            ("Skydd av personuppgifter", PROTECTION.get(str(person.get("protection_level"))))
        )
        out.append(self.facts(rows))
        for case in self.data.get("cases", []):
            out += self.case_story(case)
        out.append(Spacer(1, 6))
        out.append(
            self.p(
                "Det här utdraget är sekretessbelagt och innehåller känsliga uppgifter. "
                "Förvara det på ett säkert ställe.",
                "small",
            )
        )
        return out

    def case_story(self, case: dict[str, Any]) -> list[Flowable]:
        out: list[Flowable] = [self.p(f"Ärende {case.get('case_ref', '')}", "h2")]
        out.append(
            self.facts(
                [
                    ("Status", CASE_STATUS.get(case.get("status") or "", case.get("status"))),
                    ("Öppnat", _date(case.get("opened_on"))),
                    ("Avslutat", _date(case.get("closed_on"))),
                    ("Skäl till att ärendet avslutades", case.get("close_reason")),
                    ("Handläggare", case.get("caseworker")),
                    ("Enhet", case.get("unit")),
                    ("Kontakten kom från", _word(REFERRAL, case.get("referral_source"))),
                    ("Anteckningar", case.get("notes")),
                ]
            )
        )
        out += self.consents(case.get("consents") or [])
        out += self.assessments(case.get("assessments") or [])
        out += self.plans(case.get("plans") or [])
        out += self.safety_plans(case.get("safety_plans") or [])
        out.append(self.p("Uppföljningar", "h3"))
        follow_ups = case.get("follow_ups") or []
        if follow_ups:
            out.append(
                self.grid(
                    ["Planerad", "Gjord"],
                    [[_date(f.get("due_on")), _date(f.get("done_on"))] for f in follow_ups],
                    [0.5, 0.5],
                )
            )
        else:
            out.append(self.p(NOTHING))
        out += self.urgent(case.get("urgent_flags") or [])
        out += self.drafts(case.get("drafts") or [])
        out.append(self.p("Vem har öppnat eller ändrat ärendet", "h3"))
        log_rows = [
            [
                _datetime(e.get("at")),
                e.get("user") or "–",
                ACTIONS.get(e.get("action"), e.get("action")),
            ]
            for e in case.get("access_log") or []
        ]
        out.append(
            self.grid(["När", "Vem (användare)", "Vad"], log_rows, [0.25, 0.25, 0.5])
            if log_rows
            else self.p(NOTHING)
        )
        return out

    def consents(self, consents: list[dict[str, Any]]) -> list[Flowable]:
        out: list[Flowable] = [self.p("Samtycken", "h3")]
        if not consents:
            return [*out, self.p(NOTHING)]
        for c in consents:
            kind = RECIPIENT.get(c.get("recipient_kind") or "", c.get("recipient_kind"))
            name = _text(c.get("provider_name") or c.get("recipient_name"))
            scope = c.get("scope_areas")
            areas: object = (
                DAMAGED if _damaged(scope) else [self.area_title(a) for a in scope or []]
            )
            contact_allowed = c.get("includes_contact")
            out.append(
                self.facts(
                    [
                        ("Mottagare", f"{kind}: {name}" if name != "–" else kind),
                        ("Gäller områdena", areas),
                        ("Givet", _date(c.get("given_on"))),
                        (
                            "Gäller till och med",
                            _date(c["valid_until"]) if c.get("valid_until") else "Tills vidare",
                        ),
                        ("Hur det gavs", _consent_how(c)),
                        (
                            "Kontaktuppgifter",
                            DAMAGED
                            if _damaged(contact_allowed)
                            else "Får lämnas ut"
                            if contact_allowed
                            else "Lämnas inte ut",
                        ),
                        ("Återkallat", _date(c.get("withdrawn_on"))),
                        ("Inskannad kopia", "Finns" if c.get("document") else "Ingen"),
                        ("Anteckning", c.get("note")),
                    ]
                )
            )
            out.append(Spacer(1, 4))
        return out

    def answer_text(self, template: Template | None, qid: str, value: object) -> tuple[str, str]:
        if template is None or not template.has_question(qid):
            return qid, _text(value)
        q = template.question(qid)
        label = q.label.text("sv")
        if q.options:
            values = value if isinstance(value, list) else [value]
            words = []
            for v in values:
                option = q.option(str(v)) if isinstance(v, str) else None
                words.append(option.label.text("sv") if option else _text(v))
            return label, ", ".join(words)
        return label, _text(value)

    def assessments(self, assessments: list[dict[str, Any]]) -> list[Flowable]:
        out: list[Flowable] = []
        if not assessments:
            return [self.p("Kartläggningar", "h3"), self.p(NOTHING)]
        for a in assessments:
            template = self.template(a.get("template"))
            title = ASSESSMENT_KIND.get(a.get("kind") or "", "Kartläggning")
            status = ASSESSMENT_STATUS.get(a.get("status") or "", a.get("status"))
            out.append(self.p(f"{title} {_date(a.get('conducted_on'))} ({status})", "h3"))
            answers = a.get("answers") or {}
            if _damaged(answers):
                out.append(self.facts([("Svar", DAMAGED)]))
                answers = {}
            order = {q.id: n for n, q in enumerate(template.all_questions())} if template else {}
            ids = sorted(answers, key=lambda qid: (order.get(qid, len(order)), qid))
            rows = [self.answer_text(template, qid, answers[qid]) for qid in ids]
            if rows:
                out.append(self.grid(["Fråga", "Svar"], [list(r) for r in rows], [0.45, 0.55]))
            elif not _damaged(a.get("answers")):
                out.append(self.p("Inga svar sparade."))
            ratings = a.get("ratings") or {}
            if _damaged(ratings):
                out.append(self.facts([("Skattningar", DAMAGED)]))
                ratings = {}
            if ratings:
                out.append(Spacer(1, 4))
                rating_rows: list[list[object]] = []
                for area_id, r in ratings.items():
                    r = r if isinstance(r, dict) else {}
                    flags = [
                        FLAG_LABELS[f].text("sv") for f in r.get("flags") or [] if f in FLAG_LABELS
                    ]
                    rating_rows.append(
                        [
                            self.area_title(area_id, template),
                            rating_text("sv", r.get("own")),
                            rating_text("sv", r.get("worker")),
                            "; ".join(x for x in [r.get("reason") or "", *flags] if x),
                        ]
                    )
                out.append(
                    self.grid(
                        ["Område", "Din skattning", "Socialtjänstens bedömning", "Kommentar"],
                        rating_rows,
                        [0.28, 0.22, 0.22, 0.28],
                    )
                )
            instrument_rows = self.instrument_rows(a.get("instruments"))
            if instrument_rows:
                out.append(Spacer(1, 4))
                out.append(
                    self.grid(["Formulär", "Poäng", "Tolkning"], instrument_rows, [0.3, 0.2, 0.5])
                )
        return out

    def safety_plans(self, versions: list[dict[str, Any]]) -> list[Flowable]:
        """Every version of the safety plan, as stored (the code word too: it is the person's)."""
        if not versions:
            return []
        from assessment_app.safety_export import PLACE_SV, RELATION_SV, RISK_SV, STEP_SV

        states = {**REVIEW_STATE_NAMES["sv"], "superseded": "Ersatt av en nyare version"}
        out: list[Flowable] = []
        for v in versions:
            state = states.get(v.get("review_state") or "", v.get("review_state"))
            out.append(self.p(f"Skyddsplan version {v.get('plan_version')} ({state})", "h3"))
            c = v.get("content")
            if not isinstance(c, dict):
                out.append(self.facts([("Innehåll", _text(c))]))
                out += self.reviews(v.get("reviews") or [])
                continue
            t = c.get("threat") or {}
            rows: list[tuple[str, object]] = [
                ("Ses över senast", _date(v.get("review_due_on"))),
                ("Hotet kommer från", t.get("who")),
                (
                    "Senaste händelsen",
                    _date(t.get("last_incident_on"))
                    if t.get("last_incident_on")
                    else t.get("recency"),
                ),
                ("Beskrivning av hotet", t.get("description")),
                ("Polisens hotbedömning", "Gjord" if t.get("police_assessment_done") else "Nej"),
                ("Kontakt hos polisen", t.get("police_contact_name")),
                ("Risknivå", RISK_SV.get(c.get("risk_level") or "", "Inte angiven")),
                ("Skäl till risknivån", c.get("risk_reason")),
                ("Säkra sätt att nå dig", c.get("reach_how")),
                ("Kodord", c.get("code_word")),
                ("Om kontakten bryts", c.get("if_contact_breaks")),
                ("Socialtjänstens jourkontakt", c.get("unit_emergency_contact")),
            ]
            rows += [
                (PLACE_SV.get(p.get("kind") or "", "Plats"), p.get("name"))
                for p in c.get("places") or []
            ]
            rows += [
                (
                    RELATION_SV.get(o.get("relation") or "", "Annan"),
                    f"{o.get('description') or ''} – skydd: {o.get('protection') or ''}",
                )
                for o in c.get("others_at_risk") or []
            ]
            rows += [
                (
                    STEP_SV.get(s.get("kind") or "", "Åtgärd"),
                    f"{s.get('what') or ''} ({_date(s.get('due_on'))})",
                )
                for s in c.get("steps") or []
            ]
            rows += [
                ("Nummer", f"{n.get('label') or ''} {n.get('number') or ''}".strip())
                for n in [*(c.get("safe_numbers") or []), *(c.get("call_now") or [])]
            ]
            out.append(self.facts(rows))
            out += self.reviews(v.get("reviews") or [])
        return out

    def instrument_rows(self, found: object) -> list[list[object]]:
        """Scored instruments (AUDIT, DUDIT): name, total and what it was read as."""
        from assessment_app.templates.instrument_files import default_instruments

        if _damaged(found):
            return [["Formulär", DAMAGED, ""]]
        if not isinstance(found, dict):
            return []
        registry = default_instruments()
        rows: list[list[object]] = []
        for instrument_id, entry in found.items():
            if not isinstance(entry, dict):
                continue
            version = entry.get("version")
            inst = registry.get(instrument_id, version) if isinstance(version, int) else None
            title = inst.title.text("sv") if inst else str(instrument_id)
            band = inst.band(entry.get("band"), entry.get("sex")) if inst else None
            total = f"{_text(entry.get('total'))} av {inst.total.max}" if inst else ""
            if entry.get("answered") != entry.get("items"):
                total += f" ({_text(entry.get('answered'))} av {_text(entry.get('items'))} frågor)"
            rows.append([title, total, band.label.text("sv") if band else ""])
        return rows

    def plans(self, plans: list[dict[str, Any]]) -> list[Flowable]:
        out: list[Flowable] = []
        if not plans:
            return [self.p("Handlingsplaner", "h3"), self.p(NOTHING)]
        states = {**REVIEW_STATE_NAMES["sv"], "superseded": "Ersatt av en nyare version"}
        for plan in plans:
            state = states.get(plan.get("review_state") or "", plan.get("review_state"))
            out.append(self.p(f"Handlingsplan version {plan.get('plan_version')} ({state})", "h3"))
            out.append(
                self.facts(
                    [
                        ("Uppföljning", _date(plan.get("follow_up_on"))),
                        ("Nästa möte", plan.get("next_meeting")),
                        ("Övrigt", plan.get("note")),
                    ]
                )
            )
            goals = [
                [self.area_title(g.get("area_id")), g.get("text")] for g in plan.get("goals") or []
            ]
            if goals:
                out.append(Spacer(1, 4))
                out.append(self.grid(["Område", "Mål"], goals, [0.3, 0.7]))
            actions = [
                [
                    a.get("what"),
                    a.get("responsible_name")
                    or _word(RESPONSIBLE_NAMES["sv"], a.get("responsible_kind") or "–"),
                    _date(a.get("due_on")),
                    STATUS_NAMES["sv"].get(a.get("status") or "", a.get("status")),
                    "; ".join(_text(x) for x in (a.get("follow_up"), a.get("outcome")) if x),
                ]
                for a in plan.get("actions") or []
            ]
            if actions:
                out.append(Spacer(1, 4))
                out.append(
                    self.grid(
                        ["Insats", "Vem", "Klart senast", "Status", "Uppföljning och resultat"],
                        actions,
                        [0.32, 0.18, 0.15, 0.12, 0.23],
                    )
                )
            out += self.reviews(plan.get("reviews") or [])
        return out

    def reviews(self, reviews: list[dict[str, Any]]) -> list[Flowable]:
        """The review decisions of a plan or a safety plan: when, who, what, the comment."""
        rows = [
            [
                _datetime(r.get("at")),
                r.get("by") or "–",
                str(
                    {
                        "submitted": "Skickad för granskning",
                        "approved": "Godkänd",
                        "returned": "Återlämnad",
                        "released": "Lämnad till utförare före beslut",
                    }.get(r.get("decision") or "", r.get("decision") or "–")
                )
                + (
                    " (av den som skrev eller ändrade planen)"
                    if r.get("mark") == "self_approval"
                    else ""
                ),
                r.get("comment"),
            ]
            for r in reviews
        ]
        if not rows:
            return []
        return [
            Spacer(1, 4),
            self.grid(["När", "Vem", "Beslut", "Kommentar"], rows, [0.2, 0.18, 0.22, 0.4]),
        ]

    def urgent(self, flags: list[dict[str, Any]]) -> list[Flowable]:
        """Answers that needed quick action, and what was done."""
        if not flags:
            return []
        out: list[Flowable] = [self.p("Svar som krävde snabb åtgärd", "h3")]
        rows = [
            [
                _datetime(f.get("raised_at")),
                f.get("message") or self.area_title(f.get("area_id")),
                "Hanterad" if f.get("status") == "handled" else "Öppen",
                "; ".join(_text(x) for x in (f.get("actions"), f.get("note")) if x),
            ]
            for f in flags
        ]
        out.append(
            self.grid(["När", "Vad", "Läge", "Vad som gjordes"], rows, [0.18, 0.37, 0.13, 0.32])
        )
        return out

    def drafts(self, drafts: list[dict[str, Any]]) -> list[Flowable]:
        out: list[Flowable] = [self.p("Osparade utkast", "h3")]
        if not drafts:
            return [*out, self.p(NOTHING)]
        for d in drafts:
            content = d.get("content")
            text = (
                json.dumps(content, ensure_ascii=False, indent=1)
                if isinstance(content, (dict, list)) and not _damaged(content)
                else _text(content)
            )
            out.append(
                self.facts(
                    [
                        ("Utkast", d.get("kind")),
                        ("Senast ändrat", _datetime(d.get("updated_at"))),
                        ("Innehåll", text),
                    ]
                )
            )
        return out

    # --- page ------------------------------------------------------------------------------

    def page_texts(self) -> tuple[str, str, str]:
        return (
            self.settings.municipality_name,
            self.settings.confidentiality_text,
            f"Registerutdrag · utskrivet {self.printed_on.isoformat()}",
        )

    def metadata(self) -> dict[str, Any]:
        """Document info: never a name, personnummer or case reference."""
        return {
            "title": "Registerutdrag",
            "author": one_line(self.settings.municipality_name),
            "subject": "Registerutdrag enligt dataskyddsförordningen artikel 15",
            "keywords": "registerutdrag, sekretess",
            "creator": f"{APP_NAME} {__version__}",
            "producer": APP_NAME,
        }


def render_subject_access_pdf(
    data: dict[str, Any], settings: PrintSettings | None = None, printed_on: date | None = None
) -> bytes:
    return SubjectAccessRenderer(data, settings or PrintSettings(), printed_on).render()
