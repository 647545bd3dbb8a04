"""A released template version is never edited in place: a change is a new version file.

Assessments pin (template id, version) and must open years later with the same questions.
When a new version is released, add its fingerprint here.
"""

from __future__ import annotations

from assessment_app.templates import default_registry

RELEASED = {
    ("kartlaggning-avhopp", 1): "a723b259d60169a8819dd69670b5e5b44cd96e2a8a976de2bcab4f765ba57dc8",
    ("kartlaggning-avhopp", 2): "1d5378effafd477b7e9341c68a6819dbf50fb046efd54b9b6457c902668702fc",
}


def test_released_versions_are_unchanged() -> None:
    registry = default_registry()
    for (template_id, version), fingerprint in RELEASED.items():
        assert registry.get(template_id, version).fingerprint() == fingerprint, (
            f"{template_id} v{version} was edited in place; make a new version file instead"
        )
