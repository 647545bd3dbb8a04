"""What every screen needs after sign-in, passed in explicitly (nothing global)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ui.settings import AppSettings

if TYPE_CHECKING:  # imported by the first window: keep the heavy core out of the start-up
    from assessment_app.context import Context
    from assessment_app.db.engine import Database
    from assessment_app.templates.model import Template

DEFAULT_TEMPLATE_ID = "kartlaggning-avhopp"


class TemplateSource(Protocol):
    def latest(self) -> Template: ...

    def get(self, template_id: str, version: int) -> Template: ...


class RegistryTemplates:
    """Templates from the core's bundled registry (loaded on first use)."""

    def __init__(self, template_id: str = DEFAULT_TEMPLATE_ID) -> None:
        self.template_id = template_id

    def latest(self) -> Template:
        from assessment_app.templates import default_registry

        template: Template = default_registry().latest(self.template_id)
        return template

    def get(self, template_id: str, version: int) -> Template:
        from assessment_app.templates import default_registry

        template: Template = default_registry().get(template_id, version)
        return template


class StaticTemplates:
    """A fixed set of templates (tests, screenshots)."""

    def __init__(self, *templates: Template) -> None:
        self._templates = {t.key: t for t in templates}
        self._latest = templates[-1]

    def latest(self) -> Template:
        return self._latest

    def get(self, template_id: str, version: int) -> Template:
        return self._templates[(template_id, version)]


@dataclass
class Services:
    db: Database
    ctx: Context
    settings: AppSettings
    templates: TemplateSource
    language: str = "sv"
