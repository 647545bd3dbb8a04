"""Starting a follow-up assessment and linking it to the scheduled follow-up it fulfils."""

from __future__ import annotations

from assessment_app.context import Context
from assessment_app.records import assessments, followups
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.records.followups import FollowUpInfo
from ui.services import TemplateSource


def start_follow_up(ctx: Context, templates: TemplateSource, case_id: str) -> AssessmentInfo:
    """A follow-up assessment on the newest template version (the areas are matched by id
    when it is compared with earlier assessments made on older versions)."""
    template = templates.latest()
    return assessments.start_assessment(
        ctx, case_id, template.id, template.version, kind="follow_up"
    )


def next_open(ctx: Context, case_id: str) -> FollowUpInfo | None:
    """The scheduled follow-up a new follow-up assessment fulfils: the earliest one not done."""
    pending = [f for f in followups.list_for_case(ctx, case_id) if f.done_on is None]
    return min(pending, key=lambda f: f.due_on) if pending else None


def complete_scheduled_follow_up(
    ctx: Context, case_id: str, assessment_id: str
) -> FollowUpInfo | None:
    """Mark the scheduled follow-up done with the completed assessment (None if none was
    scheduled, or one is already linked to this assessment)."""
    if any(f.assessment_id == assessment_id for f in followups.list_for_case(ctx, case_id)):
        return None
    target = next_open(ctx, case_id)
    if target is None:
        return None
    followups.mark_done(ctx, target.id, target.version, assessment_id=assessment_id)
    return target
