"""Starting a follow-up assessment and the scheduled follow-up it fulfils.

These take the signed-in user's workspace and call the core, so they run in the background
(through :func:`ui.tasks.run_task`), never on the UI thread. Completing a follow-up assessment
with ``ws.interviews.save(edit, complete=True)`` marks the scheduled follow-up done in the
same transaction; :func:`complete_scheduled_follow_up` is only for a caller that completed it
some other way (it does nothing when one is already linked to the assessment)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessment_app.records.assessments import AssessmentInfo
from assessment_app.records.followups import FollowUpInfo

if TYPE_CHECKING:
    from assessment_app.workspace import Workspace


def start_follow_up(ws: Workspace, case_id: str) -> AssessmentInfo:
    """A follow-up assessment on the newest template version (the areas are matched by id
    when it is compared with earlier assessments made on older versions)."""
    return ws.interviews.start(case_id, "follow_up")


def next_open(ws: Workspace, case_id: str) -> FollowUpInfo | None:
    """The scheduled follow-up a new follow-up assessment fulfils: the earliest one not done."""
    pending = [f for f in ws.cases.follow_ups(case_id) if f.done_on is None]
    return min(pending, key=lambda f: f.due_on) if pending else None


def complete_scheduled_follow_up(
    ws: Workspace, case_id: str, assessment_id: str
) -> FollowUpInfo | None:
    """Mark the scheduled follow-up done with the completed assessment (None if none was
    scheduled, or one is already linked to this assessment)."""
    if any(f.assessment_id == assessment_id for f in ws.cases.follow_ups(case_id)):
        return None
    target = next_open(ws, case_id)
    if target is None:
        return None
    ws.cases.mark_follow_up_done(target.id, target.version, assessment_id=assessment_id)
    return target
