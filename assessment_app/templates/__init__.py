"""Interview templates: the structured interview as versioned data, and the engine over it.

Templates are YAML files in ``resources/templates/`` (see ``docs/templates.md``). Nothing here
imports Qt.
"""

from assessment_app.templates.check import check_main
from assessment_app.templates.conditions import ConditionError, is_answered
from assessment_app.templates.engine import (
    AreaStatus,
    AreaSummary,
    EngineResult,
    UrgentItem,
    area_status,
    evaluate,
)
from assessment_app.templates.loader import (
    TemplateLoadError,
    TemplateNotFoundError,
    TemplateProblem,
    TemplateRegistry,
    default_registry,
    load_template,
    read_template,
)
from assessment_app.templates.model import (
    Area,
    ConsentSection,
    Constraint,
    Label,
    Option,
    Question,
    RatingBlock,
    SafetyCritical,
    Scale,
    Section,
    Template,
)
from assessment_app.templates.question_types import QUESTION_TYPES, QuestionType
from assessment_app.templates.ratings import (
    FLAG_LABELS,
    FLAG_NOT_ANSWERED,
    FLAG_NOT_RELEVANT,
    FLAG_URGENT,
    FLAGS,
    OWN_RATING_LABELS,
    RATING_LABELS,
    AreaRating,
)
from assessment_app.templates.versioning import (
    RatingChange,
    added_areas,
    compare_ratings,
    removed_areas,
    shared_areas,
)

__all__ = [
    "FLAGS",
    "FLAG_LABELS",
    "FLAG_NOT_ANSWERED",
    "FLAG_NOT_RELEVANT",
    "FLAG_URGENT",
    "OWN_RATING_LABELS",
    "QUESTION_TYPES",
    "RATING_LABELS",
    "Area",
    "AreaRating",
    "AreaStatus",
    "AreaSummary",
    "ConditionError",
    "ConsentSection",
    "Constraint",
    "EngineResult",
    "Label",
    "Option",
    "Question",
    "QuestionType",
    "RatingBlock",
    "RatingChange",
    "SafetyCritical",
    "Scale",
    "Section",
    "Template",
    "TemplateLoadError",
    "TemplateNotFoundError",
    "TemplateProblem",
    "TemplateRegistry",
    "UrgentItem",
    "added_areas",
    "area_status",
    "check_main",
    "compare_ratings",
    "default_registry",
    "evaluate",
    "is_answered",
    "load_template",
    "read_template",
    "removed_areas",
    "shared_areas",
]
