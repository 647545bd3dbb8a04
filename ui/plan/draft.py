"""A plan editor's unsaved state as a draft payload (JSON-safe), and back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assessment_app.records.plans import Action, Goal


@dataclass
class PlanContent:
    goals: list[Goal]
    actions: list[Action]
    follow_up_on: date | None
    next_meeting: str
    note: str


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def to_payload(content: PlanContent, base_version: int) -> dict[str, Any]:
    return {
        "base_version": base_version,
        "goals": [{"id": g.id, "area_id": g.area_id, "text": g.text} for g in content.goals],
        "actions": [
            {
                "id": a.id,
                "goal_id": a.goal_id,
                "what": a.what,
                "responsible_kind": a.responsible_kind,
                "responsible_name": a.responsible_name,
                "provider_id": a.provider_id,
                "due_on": _day(a.due_on),
                "status": a.status,
                "follow_up": a.follow_up,
                "outcome": a.outcome,
            }
            for a in content.actions
        ],
        "follow_up_on": _day(content.follow_up_on),
        "next_meeting": content.next_meeting,
        "note": content.note,
    }


def from_payload(payload: dict[str, Any]) -> PlanContent:
    goals = [
        Goal(str(g.get("area_id", "")), str(g.get("text", "")), str(g["id"]))
        for g in payload.get("goals", [])
        if isinstance(g, dict) and g.get("id")
    ]
    actions = [
        Action(
            what=str(a.get("what", "")),
            responsible_kind=str(a.get("responsible_kind", "individual")),
            goal_id=a.get("goal_id"),
            responsible_name=str(a.get("responsible_name", "")),
            provider_id=a.get("provider_id"),
            due_on=_parse_day(a.get("due_on")),
            status=str(a.get("status", "planned")),
            follow_up=str(a.get("follow_up", "")),
            outcome=str(a.get("outcome", "")),
            id=str(a["id"]),
        )
        for a in payload.get("actions", [])
        if isinstance(a, dict) and a.get("id")
    ]
    return PlanContent(
        goals,
        actions,
        _parse_day(payload.get("follow_up_on")),
        str(payload.get("next_meeting", "")),
        str(payload.get("note", "")),
    )


def same_content(payload: dict[str, Any], content: PlanContent) -> bool:
    """True when the draft holds nothing that is not already in ``content``."""
    mine = to_payload(content, 0)
    return all(payload.get(key) == mine[key] for key in mine if key != "base_version")
