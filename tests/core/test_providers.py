"""The provider register on every backend, through the workspace: the fields and their checks,
editing with a version check, retiring and reactivating (a retired provider stays on old plans
and consents but gets no new ones), who may change it, and the audit trail."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from assessment_app import demo
from assessment_app.config import config_dir
from assessment_app.db.models import AuditEvent, Provider
from assessment_app.errors import AccessDeniedError, StaleEditError, ValidationError
from assessment_app.records import consents, plans, providers
from assessment_app.records.plans import PlanContent
from assessment_app.records.providers import ProviderFields
from assessment_app.workspace import Workspace
from tests.conftest import ADMIN_PW, World
from tests.server.helpers import case_with_plan, save_content

TODAY = date.today()


def _admin(world: World) -> Workspace:
    return world.workspace("admin", ADMIN_PW)


def _audit(world: World, provider_id: str) -> list[tuple[str, str | None, str | None]]:
    db = world.db()
    with db.read_session() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.user_id, AuditEvent.detail)
            .where(AuditEvent.object_type == "provider", AuditEvent.object_id == provider_id)
            .order_by(AuditEvent.seq)
        ).all()
    db.dispose()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _raw(world: World, provider_id: str) -> Provider:
    db = world.db()
    with db.read_session() as session:
        row = session.get(Provider, provider_id)
        assert row is not None
        session.expunge(row)
    db.dispose()
    return row


def test_add_with_every_field_normalised_sealed_and_audited(world: World) -> None:
    admin = _admin(world)
    added = admin.admin.add_provider(
        "  Vägen Ut   Stöd AB ",
        org_number="165599000014",  # the 12-digit form
        contact_person=" Karin Lind ",
        phone="08-555 010 10",
        email="karin.lind@vagenut.example.se",
        procured_for="boendestöd, mentorskap",
        contract_from=date(2026, 1, 1),
        contract_to=date(2027, 12, 31),
    )
    assert added.name == "Vägen Ut Stöd AB" and added.org_number == "559900-0014"
    assert (added.contact_person, added.phone) == ("Karin Lind", "08-555 010 10")
    assert added.procured_for == "boendestöd, mentorskap" and added.active
    got = world.workspace("anna").admin.provider(name="vägen ut stöd ab")  # any case
    assert got == added
    assert got.status(date(2026, 6, 1)) == providers.ACTIVE
    assert got.status(date(2025, 12, 31)) == providers.UPCOMING
    assert got.status(date(2028, 1, 1)) == providers.EXPIRED and got.contract_expired(
        date(2028, 1, 1)
    )
    raw = _raw(world, added.id)
    assert raw.org_number == "559900-0014" and raw.contract_to == date(2027, 12, 31)
    assert raw.contact_enc is not None
    for secret in (b"Karin", b"555 010", b"vagenut"):
        assert secret not in raw.contact_enc
    [(action, user_id, detail)] = _audit(world, added.id)
    assert action == "record.create" and user_id == admin.ctx.user_id and detail is None
    # Only the name is needed.
    bare = admin.admin.add_provider("Nystart")
    assert (bare.org_number, bare.contract_from, bare.status()) == ("", None, providers.ACTIVE)


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        (ProviderFields(" "), "behöver ett namn"),
        (ProviderFields("X", org_number="559900-0015"), "inget giltigt organisationsnummer"),
        (ProviderFields("X", org_number="55990"), "inget giltigt organisationsnummer"),
        (ProviderFields("X", org_number="811228-9874"), "personnummer"),  # a sole trader
        (ProviderFields("X", email="karin.example.se"), "e-postadress"),
        (ProviderFields("X", email="karin@example"), "e-postadress"),
        (
            ProviderFields("X", contract_from=date(2026, 5, 1), contract_to=date(2026, 4, 30)),
            "sluta innan det börjar",
        ),
        (ProviderFields("X" * 201), "för lång"),
        (ProviderFields("Vägen Ut AB"), "finns redan"),
        (ProviderFields("vägen ut ab"), "finns redan"),  # whatever the case
        (ProviderFields("Annan AB", org_number="5599000014"), "finns redan, för 'Vägen Ut AB'"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_stored(
    sqlite_world: World, fields: ProviderFields, says: str
) -> None:
    admin = _admin(sqlite_world).admin
    admin.add_provider("Vägen Ut AB", org_number="559900-0014")
    with pytest.raises(ValidationError) as refused:
        admin.add_provider(
            fields.name,
            org_number=fields.org_number,
            email=fields.email,
            contract_from=fields.contract_from,
            contract_to=fields.contract_to,
        )
    assert says in refused.value.user_message
    assert refused.value.message_en and refused.value.message_en != refused.value.user_message
    assert [p.name for p in admin.providers(include_inactive=True)] == ["Vägen Ut AB"]


def test_edit_checks_the_version_and_audits_the_changed_fields(world: World) -> None:
    admin = _admin(world)
    other = world.workspace("admin", ADMIN_PW)
    first = admin.admin.add_provider("Vägen Ut AB", contact_person="Eva", phone="08-1")
    edited = admin.admin.edit_provider(
        first.id,
        first.version,
        replace(first.fields, org_number="5599000014", email="eva@example.se"),
    )
    assert edited.version == first.version + 1
    assert (edited.org_number, edited.email, edited.contact_person) == (
        "559900-0014",
        "eva@example.se",
        "Eva",
    )
    # Someone still holding the first version: refused, naming who changed it; nothing written.
    with pytest.raises(StaleEditError) as stale:
        other.admin.edit_provider(first.id, first.version, first.fields)
    assert stale.value.changed_by == "admin" and "Utföraren" in stale.value.user_message
    # Nothing changed: nothing written, no audit entry.
    same = admin.admin.edit_provider(edited.id, edited.version, edited.fields)
    assert same.version == edited.version
    renamed = admin.admin.edit_provider(
        edited.id, edited.version, replace(edited.fields, name="Vägen Ut Stöd AB")
    )
    assert admin.admin.provider(provider_id=first.id).name == "Vägen Ut Stöd AB"
    assert [(a, d) for a, _u, d in _audit(world, first.id)] == [
        ("record.create", None),
        ("record.update", "org_number,email"),  # names of fields, never their values
        ("record.update", "name"),
    ]
    # The name and number stay unique when edited.
    admin.admin.add_provider("Nystart", org_number="802400-0021")
    for clash in ({"name": "NYSTART"}, {"org_number": "8024000021"}):
        with pytest.raises(ValidationError):
            admin.admin.edit_provider(renamed.id, renamed.version, replace(renamed.fields, **clash))
    # Its own name in another case is not a clash.
    cased = admin.admin.edit_provider(
        renamed.id, renamed.version, replace(renamed.fields, name="VÄGEN UT STÖD AB")
    )
    assert cased.name == "VÄGEN UT STÖD AB"


def test_retired_provider_stays_where_it_is_and_gets_nothing_new(world: World) -> None:
    register = _admin(world).admin
    anna = world.workspace("anna")
    vagen = register.add_provider("Vägen Ut AB")
    row, plan = case_with_plan(anna)
    given = anna.cases.give_consent(row.id, "provider", ["housing"], provider_id=vagen.id)
    goal = plan.goals[0]
    plan = save_content(
        anna,
        plan,
        PlanContent(
            plan.goals,
            [plans.Action("Boendestöd", "provider", goal_id=goal.id, provider_id=vagen.id)],
        ),
    )
    with pytest.raises(ValidationError) as later:
        register.retire_provider(vagen.id, vagen.version, on=TODAY + timedelta(days=1))
    assert "slutdatum" in later.value.user_message
    retired = register.retire_provider(
        vagen.id, vagen.version, on=date(2026, 3, 31), reason="Avtalet sades upp av kommunen"
    )
    assert (retired.active, retired.retired_on, retired.status()) == (
        False,
        date(2026, 3, 31),
        providers.RETIRED,
    )
    assert retired.retired_reason == "Avtalet sades upp av kommunen"
    assert b"sades upp" not in (_raw(world, vagen.id).retired_reason_enc or b"")
    with pytest.raises(ValidationError):
        register.retire_provider(retired.id, retired.version)  # already retired
    # Not offered any more...
    assert vagen.id not in [p.id for p in register.providers()]
    assert vagen.id not in [p.id for p in anna.cases.consents(row.id).providers]
    with pytest.raises(ValidationError) as refused:
        anna.cases.give_consent(row.id, "provider", ["housing"], provider_id=vagen.id)
    assert "avslutad" in refused.value.user_message
    new_action = plans.Action("Mer stöd", "provider", goal_id=goal.id, provider_id=vagen.id)
    other_row, other_plan = case_with_plan(anna, "Per Persson")
    with pytest.raises(ValidationError):
        save_content(anna, other_plan, PlanContent(other_plan.goals, [new_action]))
    # ...but kept where it was: the old consent (with its name), the plan's action, its PDF.
    view = anna.cases.consents(row.id)
    assert [(c.provider_id, c.provider_name) for c in view.consents] == [(vagen.id, "Vägen Ut AB")]
    anna.cases.update_consent_scope(given.id, given.version, ["housing", "occupation"])
    kept = anna.plans.save(
        plans.PlanEdit(plan, PlanContent(plan.goals, plan.actions, meeting_place="Tisdag"))
    )
    assert kept.value.actions[0].provider_id == vagen.id  # type: ignore[union-attr]
    editor = anna.plans.open_editor(plan.id)
    assert editor.provider_names[vagen.id] == "Vägen Ut AB"
    assert vagen.id in editor.consented
    built = anna.documents.build(
        row.case_ref, "provider", provider_name="Vägen Ut AB", unapproved_reason="Start i dag"
    )
    assert built.provider_id == vagen.id and built.document.provider_name == "Vägen Ut AB"
    # Reactivated: offered again.
    back = register.reactivate_provider(retired.id, retired.version)
    assert back.active and back.retired_on is None and back.retired_reason == ""
    assert vagen.id in [p.id for p in anna.cases.consents(other_row.id).providers]
    with pytest.raises(ValidationError):
        register.reactivate_provider(back.id, back.version)  # already active
    assert [d for _a, _u, d in _audit(world, vagen.id)] == [None, "retire", "reactivate"]
    with anna.read() as uow:
        assert consents.valid_provider_consent(uow, row.id, vagen.id) is not None


def test_only_administrators_and_the_roles_the_installation_names_may_change_it(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chef, anna = world.workspace("chef"), world.workspace("anna")
    assert _admin(world).admin.may_manage_providers()
    assert not chef.admin.may_manage_providers()
    with pytest.raises(AccessDeniedError) as denied:
        chef.admin.add_provider("Nystart")
    assert "provider_managers" in denied.value.user_message
    # A user's own settings file cannot give the right...
    config_dir().mkdir(parents=True, exist_ok=True)
    own = config_dir() / "settings.json"
    own.write_text(json.dumps({"provider_managers": ["supervisor", "caseworker"]}), "utf-8")
    assert not chef.admin.may_manage_providers()
    # ...the installation's can (here through ASSESSMENT_SETTINGS).
    install = tmp_path / "install.json"
    install.write_text(json.dumps({"provider_managers": ["supervisor"]}), "utf-8")
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(install))
    assert chef.admin.may_manage_providers() and not anna.admin.may_manage_providers()
    added = chef.admin.add_provider("Nystart")
    retired = chef.admin.retire_provider(added.id, added.version)
    with pytest.raises(AccessDeniedError):
        anna.admin.reactivate_provider(retired.id, retired.version)
    with pytest.raises(AccessDeniedError):
        anna.admin.edit_provider(retired.id, retired.version, retired.fields)
    assert [p.name for p in anna.admin.providers(include_inactive=True)] == ["Nystart"]
    assert _admin(world).admin.may_manage_providers()  # administrators always may


def test_demo_providers_have_the_new_fields_and_a_retired_one_is_left_alone(
    sqlite_world: World,
) -> None:
    chef = sqlite_world.workspace("chef")
    first = demo.ensure_providers(chef)
    assert [p.name for p in first] == [name for name, _, _ in demo.DEMO_PROVIDERS]
    assert all(p.org_number and p.procured_for and p.contract_to for p in first)
    assert all(p.status() == providers.ACTIVE for p in first)
    register = _admin(sqlite_world).admin
    register.retire_provider(first[0].id, first[0].version)
    again = demo.ensure_providers(chef)  # not added a second time, and not offered
    assert [p.id for p in again] == [p.id for p in first[1:]]
    assert len(register.providers(include_inactive=True)) == 3
    assert list(demo.generate(chef, 2, seed=3))  # demo cases still work
