"""Use cases of the interview (kartläggning): start, open, autosave, save, complete."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from assessment_app.db.connection import unavailable
from assessment_app.errors import (
    ServerBusyError,
    ServerUnavailableError,
    StaleConnectionError,
    StaleEditError,
)
from assessment_app.records import assessments, drafts, followups
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.records.drafts import CONFLICT_SUFFIX, DraftInfo, DraftPayload
from assessment_app.server.local_drafts import LocalDraft
from assessment_app.templates.instrument_files import InstrumentRegistry
from assessment_app.templates.instruments import Previous, is_complete
from assessment_app.templates.mapping import AnswerMapping, map_answers
from assessment_app.templates.model import Template
from assessment_app.workspace.results import Conflict, KeptLocally, NotKept, Saved
from assessment_app.workspace.workspace import may_retry, use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.workspace import Workspace

log = logging.getLogger(__name__)

DRAFT_KIND = "assessment"


@dataclass(frozen=True)
class AssessmentEdit:
    """What the interview holds: answers and ratings on top of the version it loaded."""

    assessment_id: str
    case_id: str
    template_id: str
    template_version: int
    base_version: int
    answers: dict[str, Any]
    ratings: dict[str, dict[str, Any]]
    area: str | None = None
    instruments: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Scored instruments: id -> ``version``, ``answers`` (item -> option) and ``sex``."""

    @classmethod
    def of(
        cls,
        info: AssessmentInfo,
        answers: dict[str, Any],
        ratings: dict[str, dict[str, Any]],
        area: str | None = None,
        instruments: dict[str, dict[str, Any]] | None = None,
    ) -> AssessmentEdit:
        """``instruments`` None keeps what the assessment holds."""
        return cls(
            info.id,
            info.case_id,
            info.template_id,
            info.template_version,
            info.version,
            answers,
            ratings,
            area,
            dict(info.instruments) if instruments is None else instruments,
        )

    def payload(self) -> DraftPayload:
        content: dict[str, Any] = {
            "answers": self.answers,
            "ratings": self.ratings,
            "area": self.area,
        }
        if self.instruments:
            content["instruments"] = self.instruments
        return DraftPayload(self.base_version, content)

    @staticmethod
    def instruments_of(payload: DraftPayload) -> dict[str, dict[str, Any]]:
        """The instruments in a draft ({} in drafts from before instruments)."""
        found = payload.content.get("instruments")
        if not isinstance(found, dict):
            return {}
        return {k: dict(v) for k, v in found.items() if isinstance(k, str) and isinstance(v, dict)}

    @staticmethod
    def content_of(payload: DraftPayload) -> tuple[dict[str, Any], dict[str, Any], str | None]:
        c = payload.content
        answers = c.get("answers")
        ratings = c.get("ratings")
        area = c.get("area")
        return (
            dict(answers) if isinstance(answers, dict) else {},
            dict(ratings) if isinstance(ratings, dict) else {},
            area if isinstance(area, str) else None,
        )


@dataclass(frozen=True)
class InterviewOpened:
    info: AssessmentInfo
    template: Template
    draft: DraftInfo | None  # autosaved on the server and not yet saved into the assessment
    copy: DraftInfo | None  # kept on this computer earlier; it met a newer draft on the server
    local: LocalDraft | None  # still only on this computer (the server was away)
    previous_instruments: dict[str, Previous] = field(default_factory=dict)
    """Each instrument's result in the latest earlier assessment of the case (follow-up)."""
    instruments: InstrumentRegistry | None = None
    """The installed instruments (loaded here, off the screen's thread)."""


@dataclass(frozen=True)
class Completed:
    info: AssessmentInfo
    follow_up_id: str | None = None  # the scheduled follow-up this completion fulfilled
    notes: list[str] = field(default_factory=list)


@use_cases
class InterviewUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def start(self, case_id: str, kind: str = "initial") -> AssessmentInfo:
        """A new assessment on the newest template (follow-ups too: areas are matched by id
        when compared with earlier assessments made on older versions)."""
        template = self.ws.templates.latest()
        with self.ws.write() as uow:
            return assessments.start_assessment(
                uow, case_id, template.id, template.version, kind=kind
            )

    def open(self, assessment_id: str) -> InterviewOpened:
        with self.ws.read() as uow:
            info = assessments.get_assessment(uow, assessment_id)
            found = drafts.drafts_for(
                uow, assessment_id, [DRAFT_KIND, DRAFT_KIND + CONFLICT_SUFFIX]
            )
            earlier = assessments.previous_instruments(uow, info)
        template = self.ws.template(info.template_id, info.template_version)
        draft = found.get(DRAFT_KIND)
        if draft is not None:
            answers, ratings, _area = AssessmentEdit.content_of(draft.payload)
            same_instruments = _same_instruments(
                AssessmentEdit.instruments_of(draft.payload), info.instruments
            )
            if answers == info.answers and ratings == info.ratings and same_instruments:
                draft = None  # nothing in it that is not saved already
        return InterviewOpened(
            info,
            template,
            draft,
            found.get(DRAFT_KIND + CONFLICT_SUFFIX),
            self.ws.offline.pending(DRAFT_KIND, assessment_id),
            {
                instrument_id: self._previous(instrument_id, on, entry)
                for instrument_id, (on, entry) in earlier.items()
            },
            self.ws.instruments,
        )

    def _previous(self, instrument_id: str, on: date, entry: dict[str, Any]) -> Previous:
        """An earlier result, with how its band read in the instrument version it was made
        with (no label when that version is no longer installed)."""
        band = entry.get("band") if isinstance(entry.get("band"), str) else None
        version, sex = entry.get("version"), entry.get("sex")
        inst = self.ws.instruments.get(instrument_id, version) if isinstance(version, int) else None
        found = inst.band(band, sex if isinstance(sex, str) else None) if inst and band else None
        return Previous(
            instrument_id,
            on.isoformat(),
            int(entry["total"]),
            is_complete(entry),
            band,
            found.label if found is not None else None,
        )

    def template_move(self, assessment_id: str) -> AnswerMapping | None:
        """What moving this follow-up to the newest version of its questions would do (which
        answers are carried to which question, which are new), or None when it cannot move
        (not a follow-up in progress, or already on the newest version). Nothing is written."""
        with self.ws.read() as uow:
            info = assessments.get_assessment(uow, assessment_id)
        newest = self.ws.templates.latest()
        if (
            info.kind != "follow_up"
            or info.status == "complete"
            or info.damaged
            or info.template_id != newest.id
            or info.template_version >= newest.version
        ):
            return None
        source = self.ws.template(info.template_id, info.template_version)
        return map_answers(source, newest, info.answers, info.ratings)

    def move_to_newest(
        self, assessment_id: str, expected_version: int
    ) -> tuple[AssessmentInfo, AnswerMapping]:
        """Move a follow-up in progress to the newest version of its questions, carrying over
        the answers that mean the same there; returns the mapping to show."""
        with self.ws.read() as uow:
            info = assessments.get_assessment(uow, assessment_id)
        source = self.ws.template(info.template_id, info.template_version)
        newest = self.ws.templates.latest()
        with self.ws.write() as uow:
            return assessments.move_to_template(
                uow, assessment_id, expected_version, source, newest
            )

    def get(self, assessment_id: str) -> AssessmentInfo:
        with self.ws.read() as uow:
            return assessments.get_assessment(uow, assessment_id)

    def autosave(self, edit: AssessmentEdit) -> Saved[datetime] | KeptLocally | NotKept:
        return self.ws.offline.save_draft(
            DRAFT_KIND, edit.assessment_id, edit.case_id, edit.payload()
        )

    def save(
        self, edit: AssessmentEdit, *, complete: bool = False
    ) -> Saved[Completed] | KeptLocally | NotKept | Conflict:
        """Save into the assessment (and drop the draft); with ``complete`` also check the
        template's completion rules and mark the scheduled follow-up it fulfils as done, all
        in one transaction."""
        template = self.ws.template(edit.template_id, edit.template_version)
        offline = self.ws.offline
        if offline.offline and offline.enabled:
            reason = _unavailable(self.ws)
            return offline.keep(
                DRAFT_KIND, edit.assessment_id, edit.case_id, edit.payload(), reason
            )
        try:
            with self.ws.write() as uow:
                info = assessments.save_assessment(
                    uow,
                    edit.assessment_id,
                    edit.base_version,
                    edit.answers,
                    edit.ratings,
                    complete=complete,
                    template=template,
                    instruments=edit.instruments,
                )
                follow_up_id = None
                if complete and info.kind == "follow_up":
                    follow_up_id = _fulfil_follow_up(uow, info)
                drafts.discard_draft(
                    uow, [DRAFT_KIND], edit.assessment_id, base_version=edit.base_version
                )
        except StaleEditError as error:
            self._keep_as_draft(edit)
            return Conflict(error)
        except (ServerUnavailableError, ServerBusyError) as error:
            if isinstance(error, StaleConnectionError):
                if may_retry():
                    raise  # run once more (see use_cases)
                error = unavailable(self.ws.db)  # lost again: say what that means
            return offline.keep(DRAFT_KIND, edit.assessment_id, edit.case_id, edit.payload(), error)
        offline.drop(DRAFT_KIND, edit.assessment_id)
        return Saved(Completed(info, follow_up_id))

    def _keep_as_draft(self, edit: AssessmentEdit) -> None:
        """A save that met a newer version: the work stays as this user's draft."""
        try:
            self.autosave(edit)
        except Exception as error:  # the conflict is reported; the screen still holds the work
            log.warning("could not keep the edit as a draft: %s", type(error).__name__)

    def discard_draft(self, assessment_id: str) -> None:
        self.ws.offline.discard([DRAFT_KIND], assessment_id)

    def discard_copy(self, assessment_id: str) -> None:
        self.ws.offline.discard([DRAFT_KIND + CONFLICT_SUFFIX], assessment_id)


def _same_instruments(draft: dict[str, dict[str, Any]], stored: dict[str, dict[str, Any]]) -> bool:
    """The draft's instruments hold the same answers and cut-offs as the stored ones."""

    def key(found: dict[str, dict[str, Any]]) -> dict[str, tuple[Any, Any]]:
        return {k: (v.get("answers") or {}, v.get("sex")) for k, v in found.items()}

    return key(draft) == key(stored)


def _unavailable(ws: Workspace) -> ServerUnavailableError:

    return unavailable(ws.db)


def _fulfil_follow_up(uow: Any, info: AssessmentInfo) -> str | None:
    scheduled = followups.list_for_case(uow, info.case_id)
    if any(f.assessment_id == info.id for f in scheduled):
        return None
    pending = [f for f in scheduled if f.done_on is None]
    if not pending:
        return None
    target = min(pending, key=lambda f: f.due_on)
    followups.mark_done(uow, target.id, target.version, assessment_id=info.id)
    return target.id
