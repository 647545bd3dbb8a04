"""Use cases of the action plan: create, open the editor, autosave, save, submit, review,
new version, and the two-versions conflict."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from assessment_app.db.connection import unavailable
from assessment_app.db.models import ActionPlan, Assessment, Case, Consent, Provider
from assessment_app.errors import (
    ServerBusyError,
    ServerUnavailableError,
    StaleConnectionError,
    StaleEditError,
)
from assessment_app.records import assessments, consents, drafts, plans, providers
from assessment_app.records.access import case_filter, not_found
from assessment_app.records.drafts import CONFLICT_SUFFIX, DraftInfo, DraftPayload
from assessment_app.records.plans import PlanContent, PlanEdit, PlanInfo
from assessment_app.records.providers import ProviderInfo
from assessment_app.server import conflicts
from assessment_app.server.local_drafts import LocalDraft
from assessment_app.templates.engine import evaluate
from assessment_app.templates.ratings import AreaRating
from assessment_app.templates.source import area_titles
from assessment_app.workspace.results import Conflict, KeptLocally, NotKept, Saved
from assessment_app.workspace.workspace import may_retry, use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork
    from assessment_app.workspace.workspace import Workspace

log = logging.getLogger(__name__)

DRAFT_KIND = "plan"


def edit_payload(edit: PlanEdit) -> DraftPayload:
    return DraftPayload(edit.base.version, edit.content.to_json())


@dataclass(frozen=True)
class PlanEditorData:
    """Everything the plan editor shows when it opens, read in one transaction."""

    plan: PlanInfo
    case_ref: str
    providers: list[ProviderInfo]  # all, retired ones too (they stay on old plans)
    consented: frozenset[str]  # provider ids with a valid consent today
    area_titles: dict[str, str]
    is_current: bool  # the version in force (only that one prints)
    draft: DraftInfo | None
    copy: DraftInfo | None
    local: LocalDraft | None

    @property
    def provider_names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.providers}


@use_cases
class PlanUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- creating and opening -----------------------------------------------------------------
    def create(self, case_id: str) -> PlanInfo:
        """A new plan, with a goal for each area the latest assessment rated with a need (or
        urgent), in one transaction."""
        with self.ws.write() as uow:
            done = assessments.list_assessments(uow, case_id)
            latest = done[-1] if done else None
            goals: list[plans.Goal] = []
            if latest is not None:
                template = self.ws.template(latest.template_id, latest.template_version)
                ratings = {
                    k: AreaRating(
                        own=v.get("own"),
                        worker=v.get("worker"),
                        reason=v.get("reason", ""),
                        flags=set(v.get("flags", ())),
                    )
                    for k, v in latest.ratings.items()
                }
                result = evaluate(template, latest.answers, ratings)
                need = [aid for aid in template.area_ids() if result.area_summaries[aid].needs_help]
                goals = plans.goals_from_needs(need)
            return plans.create_plan(
                uow, case_id, assessment_id=latest.id if latest else None, goals=goals
            )

    def get(self, plan_id: str) -> PlanInfo:
        with self.ws.read() as uow:
            return plans.get_plan(uow, plan_id)

    def open_editor(self, plan_id: str, *, today: date | None = None) -> PlanEditorData:
        day = today or date.today()
        with self.ws.read() as uow:
            plan, case, template_key, newer = self._load(uow, plan_id)
            info = plans.infos(uow, [plan])[0]
            rows = uow.session.execute(
                select(Provider, Consent)
                .outerjoin(
                    Consent, and_(Consent.provider_id == Provider.id, Consent.case_id == case.id)
                )
                .order_by(Provider.name)
            ).all()
            found = drafts.drafts_for(uow, plan_id, [DRAFT_KIND, DRAFT_KIND + CONFLICT_SUFFIX])
            seen: dict[str, ProviderInfo] = {}
            case_consents = []
            for provider, consent in rows:
                if provider.id not in seen:
                    seen[provider.id] = providers.info_of(uow, provider)
                if consent is not None:
                    case_consents.append(consents.info_of(uow, consent, provider.name))
        consented = frozenset(
            pid for pid in seen if consents.provider_scope(case_consents, pid, day) is not None
        )
        template = self.ws.template(*template_key) if template_key else self.ws.templates.latest()
        draft = found.get(DRAFT_KIND)
        if draft is not None and PlanContent.from_json(draft.payload.content).same_as(info.content):
            draft = None
        return PlanEditorData(
            info,
            case.case_ref,
            list(seen.values()),
            consented,
            area_titles(template, self.ws.language),
            plan.review_state != "superseded" and not newer,
            draft,
            found.get(DRAFT_KIND + CONFLICT_SUFFIX),
            self.ws.offline.pending(DRAFT_KIND, plan_id),
        )

    def _load(
        self, uow: UnitOfWork, plan_id: str
    ) -> tuple[ActionPlan, Case, tuple[str, int] | None, bool]:
        other = aliased(ActionPlan)
        newer = exists().where(
            other.case_id == ActionPlan.case_id,
            other.id != ActionPlan.id,
            other.review_state != "superseded",
            or_(
                other.plan_version > ActionPlan.plan_version,
                and_(
                    other.plan_version == ActionPlan.plan_version,
                    other.updated_at > ActionPlan.updated_at,
                ),
            ),
        )
        row = uow.session.execute(
            select(ActionPlan, Case, Assessment.template_id, Assessment.template_version, newer)
            .join(Case, Case.id == ActionPlan.case_id)
            .outerjoin(Assessment, Assessment.id == ActionPlan.assessment_id)
            .where(ActionPlan.id == plan_id, case_filter(uow.ctx))
        ).first()
        if row is None:
            raise not_found("plan")
        plan, case, template_id, template_version, is_newer = row
        uow.reach(case)
        uow.register_plan(plan)
        key = (template_id, template_version) if template_id else None
        return plan, case, key, bool(is_newer)

    # --- saving -------------------------------------------------------------------------------
    def autosave(self, edit: PlanEdit) -> Saved[datetime] | KeptLocally | NotKept:
        return self.ws.offline.save_draft(
            DRAFT_KIND, edit.plan_id, edit.base.case_id, edit_payload(edit)
        )

    def save(self, edit: PlanEdit) -> Saved[PlanInfo] | KeptLocally | NotKept | Conflict:
        """Save the edit (only what changed since ``edit.base``) and drop the draft."""
        offline = self.ws.offline
        if offline.offline and offline.enabled:
            return offline.keep(
                DRAFT_KIND,
                edit.plan_id,
                edit.base.case_id,
                edit_payload(edit),
                unavailable(self.ws.db),
            )
        try:
            with self.ws.write() as uow:
                plan, content = plans.save_plan(
                    uow, edit.plan_id, edit.base.version, edit.content, base=edit.base.content
                )
                drafts.discard_draft(
                    uow, [DRAFT_KIND], edit.plan_id, base_version=edit.base.version
                )
                saved = plans.saved_info(edit.base, plan, content)
        except StaleEditError as error:
            self._keep_as_draft(edit)
            return Conflict(error)
        except (ServerUnavailableError, ServerBusyError) as error:
            if isinstance(error, StaleConnectionError):
                if may_retry():
                    raise  # run once more (see use_cases)
                error = unavailable(self.ws.db)  # lost again: say what that means
            return offline.keep(
                DRAFT_KIND, edit.plan_id, edit.base.case_id, edit_payload(edit), error
            )
        offline.drop(DRAFT_KIND, edit.plan_id)
        return Saved(saved)

    def _keep_as_draft(self, edit: PlanEdit) -> None:
        try:
            self.autosave(edit)
        except Exception as error:  # the conflict is reported; the screen still holds the work
            log.warning("could not keep the edit as a draft: %s", type(error).__name__)

    def discard_draft(self, plan_id: str) -> None:
        self.ws.offline.discard([DRAFT_KIND], plan_id)

    def discard_copy(self, plan_id: str) -> None:
        self.ws.offline.discard([DRAFT_KIND + CONFLICT_SUFFIX], plan_id)

    # --- two versions -------------------------------------------------------------------------
    def conflict(self, plan_id: str, mine: PlanEdit) -> conflicts.PlanConflict:
        with self.ws.read() as uow:
            return conflicts.plan_conflict(uow, plan_id, mine)

    def conflict_with_copy(self, plan: PlanInfo, copy: DraftInfo) -> conflicts.PlanConflict:
        """A copy kept on this computer: the version it was made from is not known, so every
        difference from the stored plan is offered."""
        unknown_base = replace(
            plan,
            goals=[],
            actions=[],
            follow_up_on=None,
            meeting_at=None,
            meeting_place="",
            meeting_with_providers=False,
            note="",
        )
        mine = PlanEdit(unknown_base, PlanContent.from_json(copy.payload.content))
        return self.conflict(plan.id, mine)

    def save_merged(
        self, plan_id: str, merged: conflicts.MergedPlan
    ) -> Saved[PlanInfo] | KeptLocally | NotKept | Conflict:
        """Save what the person chose in the conflict dialog over the stored version."""
        try:
            with self.ws.write() as uow:
                plan, _content = plans.save_plan(
                    uow, plan_id, merged.expected_version, conflicts.merged_content(merged)
                )
                drafts.discard_draft(uow, [DRAFT_KIND], plan_id)
                info = plans.infos(uow, [plan])[0]
        except StaleEditError as error:
            return Conflict(error)
        except (ServerUnavailableError, ServerBusyError) as error:
            if isinstance(error, StaleConnectionError):
                if may_retry():
                    raise  # run once more (see use_cases)
                error = unavailable(self.ws.db)  # lost again: say what that means
            return NotKept(error)
        return Saved(info)

    # --- review and versions ------------------------------------------------------------------
    def submit(
        self, plan_id: str, expected_version: int, *, unfinished_reason: str = ""
    ) -> PlanInfo:
        """Submit for review; on an assessment that is not finished ``unfinished_reason``
        is required (see :meth:`needs_unfinished_reason`)."""
        with self.ws.write() as uow:
            return plans.submit_for_review(
                uow, plan_id, expected_version, unfinished_reason=unfinished_reason
            )

    def needs_unfinished_reason(self, plan_id: str) -> bool:
        """Whether submitting this plan needs a stated reason (its assessment is not done)."""
        with self.ws.read() as uow:
            plan, _case = uow.plan(plan_id)
            return plans.assessment_unfinished(uow, plan)

    def decide(
        self, plan_id: str, expected_version: int, *, approve: bool, comment: str = ""
    ) -> PlanInfo:
        """Approve or return; four eyes unless the installation allows self-approval
        (``allow_self_approval``, read from the installation's settings only)."""
        allow = self.ws.rules().allow_self_approval
        with self.ws.write() as uow:
            return plans.decide(
                uow,
                plan_id,
                expected_version,
                approve=approve,
                comment=comment,
                allow_self_approval=allow,
            )

    def new_version(self, plan_id: str, expected_version: int | None = None) -> PlanInfo:
        with self.ws.write() as uow:
            return plans.new_version(uow, plan_id, expected_version)

    def unfinished(self, content: PlanContent) -> list[plans.Unfinished]:
        """What stops the plan from being submitted (pure: no database)."""
        return plans.unfinished(content)
