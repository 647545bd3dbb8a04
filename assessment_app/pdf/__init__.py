"""Qt-free PDF printouts of action plans: one for the individual, one per provider.

Build a ``PlanDocument`` (the database side does, filtered to consent for a provider), call
``render_plan_pdf`` for the bytes and ``write_pdf_atomic`` to save them. ``sample_plan`` gives
a complete fictitious plan for previews.
"""

from assessment_app.pdf.atomic import write_pdf_atomic
from assessment_app.pdf.document import (
    DEFAULT_CONFIDENTIALITY_TEXT,
    ActionItem,
    ContactItem,
    GoalItem,
    PlanDocument,
    RatingItem,
)
from assessment_app.pdf.render import render_plan_pdf
from assessment_app.pdf.sample import sample_plan

__all__ = [
    "DEFAULT_CONFIDENTIALITY_TEXT",
    "ActionItem",
    "ContactItem",
    "GoalItem",
    "PlanDocument",
    "RatingItem",
    "render_plan_pdf",
    "sample_plan",
    "write_pdf_atomic",
]
