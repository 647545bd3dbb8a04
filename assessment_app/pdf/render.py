"""Entry point: one ``PlanDocument`` in, PDF bytes out.

Qt-free and safe to call from a worker thread (each call builds its own document).
"""

from __future__ import annotations

from typing import Final

from assessment_app.pdf.base import PlanRenderer
from assessment_app.pdf.document import Audience, PlanDocument
from assessment_app.pdf.individual import IndividualPlanRenderer
from assessment_app.pdf.provider import ProviderAssignmentRenderer

RENDERERS: Final[dict[Audience, type[PlanRenderer]]] = {
    "individual": IndividualPlanRenderer,
    "provider": ProviderAssignmentRenderer,
}


def render_plan_pdf(doc: PlanDocument) -> bytes:
    """The PDF for ``doc.audience``; raises ``ExportError`` if it cannot be built."""
    return RENDERERS[doc.audience](doc).render()
