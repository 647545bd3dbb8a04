"""Where the use-case layer gets interview templates: the bundled registry, or a fixed set."""

from __future__ import annotations

from typing import Protocol

from assessment_app.templates.model import Template

DEFAULT_TEMPLATE_ID = "kartlaggning-avhopp"


class TemplateSource(Protocol):
    def latest(self) -> Template: ...

    def get(self, template_id: str, version: int) -> Template: ...


class RegistryTemplates:
    """Templates from the bundled registry (loaded on first use)."""

    def __init__(self, template_id: str = DEFAULT_TEMPLATE_ID) -> None:
        self.template_id = template_id

    def latest(self) -> Template:
        from assessment_app.templates.loader import default_registry

        return default_registry().latest(self.template_id)

    def get(self, template_id: str, version: int) -> Template:
        from assessment_app.templates.loader import default_registry

        return default_registry().get(template_id, version)


class StaticTemplates:
    """A fixed set of templates (tests, screenshots)."""

    def __init__(self, *templates: Template) -> None:
        self._templates = {t.key: t for t in templates}
        self._latest = templates[-1]

    def latest(self) -> Template:
        return self._latest

    def get(self, template_id: str, version: int) -> Template:
        return self._templates[(template_id, version)]


def area_titles(template: Template, language: str) -> dict[str, str]:
    return {a.id: a.title.text(language) for a in template.areas}
