"""Consents last as long as they say: the last day (or until withdrawn), written or oral with a
witness, the separate contact-details item; an expired consent stops the provider document
like a withdrawn one; the supervisor's queue lists consents that end."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from assessment_app.db.models import AuditEvent, Case, Consent
from assessment_app.errors import ConsentMissingError, StaleEditError, ValidationError
from assessment_app.records import consents
from assessment_app.records.consents import provider_scope
from assessment_app.settings import PrintSettings
from assessment_app.workspace import Workspace
from tests.conftest import ADMIN_PW, World
from tests.core.test_plan_export import make_case

SETTINGS = PrintSettings(municipality_name="Upplands-Bro kommun")
GIVEN = date(2026, 1, 1)
LAST = date(2026, 6, 30)


def _case(world: World) -> tuple[Workspace, str, str]:
    anna = world.workspace("anna")
    admin = world.workspace("admin", ADMIN_PW)
    provider = admin.admin.add_provider("Vägen Ut AB", contact_person="Eva Ek", phone="08-1")
    row = anna.cases.create(name="Åsa Öberg")
    return anna, row.id, provider.id


def _audit(world: World, object_id: str) -> list[tuple[str, str | None]]:
    with world.db().sessions() as session:
        return [
            (e.action, e.detail)
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.object_id == object_id).order_by(AuditEvent.seq)
            ).scalars()
        ]


def test_validity_edges_withdrawn_and_expired(world: World) -> None:
    anna, case_id, provider_id = _case(world)
    c = anna.cases.give_consent(
        case_id,
        "provider",
        ["housing"],
        provider_id=provider_id,
        given_on=GIVEN,
        valid_until=LAST,
    )
    [stored] = anna.cases.consents(case_id).consents
    assert (stored.valid_until, stored.given_how) == (LAST, "written")
    assert not stored.valid_on(GIVEN - timedelta(days=1))
    assert stored.valid_on(GIVEN)
    assert stored.valid_on(LAST - timedelta(days=1))
    assert stored.valid_on(LAST)  # the last day still holds
    assert not stored.valid_on(LAST + timedelta(days=1))
    view = anna.cases.consents(case_id).consents
    assert provider_scope(view, provider_id, LAST) is not None
    assert provider_scope(view, provider_id, LAST + timedelta(days=1)) is None
    # The states the case view shows.
    assert stored.state_on(LAST - timedelta(days=31), 30) == consents.VALID
    assert stored.state_on(LAST - timedelta(days=30), 30) == consents.ENDING
    assert stored.state_on(LAST, 30) == consents.ENDING
    assert stored.state_on(LAST + timedelta(days=1), 30) == consents.EXPIRED
    assert stored.state_on(GIVEN - timedelta(days=1), 30) == consents.NOT_YET

    # Withdrawn before the last day: from the withdrawal on it holds no more.
    anna.cases.withdraw_consent(c.id, c.version, withdrawn_on=date(2026, 3, 1))
    [withdrawn] = anna.cases.consents(case_id).consents
    assert withdrawn.valid_on(date(2026, 2, 28)) and not withdrawn.valid_on(date(2026, 3, 1))
    assert withdrawn.state_on(date(2026, 3, 1), 30) == consents.WITHDRAWN
    assert withdrawn.state_on(LAST + timedelta(days=1), 30) == consents.WITHDRAWN

    # "Until withdrawn" has no last day.
    open_ended = anna.cases.give_consent(case_id, "police", ["housing"], given_on=GIVEN)
    assert open_ended.valid_until is None and open_ended.valid_on(date(2099, 1, 1))
    assert open_ended.state_on(date(2099, 1, 1), 30) == consents.VALID


def test_a_consent_cannot_end_before_it_was_given(world: World) -> None:
    anna, case_id, _ = _case(world)
    with pytest.raises(ValidationError) as refused:
        anna.cases.give_consent(
            case_id, "police", ["housing"], given_on=GIVEN, valid_until=GIVEN - timedelta(days=1)
        )
    assert "upphöra före" in refused.value.user_message
    same_day = anna.cases.give_consent(
        case_id, "police", ["housing"], given_on=GIVEN, valid_until=GIVEN
    )
    assert same_day.valid_on(GIVEN) and not same_day.valid_on(GIVEN + timedelta(days=1))
    assert len(anna.cases.consents(case_id).consents) == 1


def test_oral_consent_needs_a_witness_and_keeps_it_encrypted(world: World) -> None:
    anna, case_id, _ = _case(world)
    for name in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            anna.cases.give_consent(
                case_id, "kriminalvarden", ["housing"], given_how="oral", witness_name=name
            )
        assert "vittne" in refused.value.user_message
    with pytest.raises(ValidationError):
        anna.cases.give_consent(case_id, "police", ["housing"], given_how="by_pigeon")
    assert anna.cases.consents(case_id).consents == []

    c = anna.cases.give_consent(
        case_id,
        "kriminalvarden",
        ["housing"],
        given_how="oral",
        witness_name="Vittne Vittnesson",
        witness_role="Socialsekreterare",
    )
    [stored] = anna.cases.consents(case_id).consents
    assert (stored.given_how, stored.witness_name, stored.witness_role) == (
        "oral",
        "Vittne Vittnesson",
        "Socialsekreterare",
    )
    with world.db().sessions() as session:
        row = session.get(Consent, c.id)
        assert row is not None and row.given_how == "oral"
        assert b"Vittnesson" not in row.details_enc

    # A written consent keeps no witness, even if one was typed.
    written = anna.cases.give_consent(
        case_id, "police", ["housing"], given_how="written", witness_name="Ingen"
    )
    assert written.witness_name == ""
    # Turning an oral consent into a written one drops the witness; back again needs one.
    changed = anna.cases.update_consent(c.id, stored.version, given_how="written")
    assert (changed.given_how, changed.witness_name) == ("written", "")
    with pytest.raises(ValidationError):
        anna.cases.update_consent(c.id, changed.version, given_how="oral")
    assert _audit(world, c.id)[-1] == ("record.update", "given_how")


def test_contact_details_are_a_consent_item_of_their_own(world: World) -> None:
    anna, case_id, provider_id = _case(world)
    without = anna.cases.give_consent(case_id, "provider", ["housing"], provider_id=provider_id)
    assert without.includes_contact is False
    day = date.today()
    scope = provider_scope(anna.cases.consents(case_id).consents, provider_id, day)
    assert scope is not None and scope.includes_contact is False
    with_contact = anna.cases.give_consent(
        case_id, "provider", ["substances"], provider_id=provider_id, includes_contact=True
    )
    stored = {c.id: c for c in anna.cases.consents(case_id).consents}
    assert stored[with_contact.id].includes_contact is True
    assert stored[without.id].includes_contact is False
    scope = provider_scope(list(stored.values()), provider_id, day)
    assert scope is not None and scope.includes_contact  # one valid consent includes it
    assert scope.scope_areas == ("housing", "substances")
    # Withdrawing the consent with the contact item takes the contact details away.
    anna.cases.withdraw_consent(with_contact.id, with_contact.version, withdrawn_on=day)
    scope = provider_scope(anna.cases.consents(case_id).consents, provider_id, day)
    assert scope is not None and not scope.includes_contact
    # The item is changed through update_consent, audited by field name only.
    updated = anna.cases.update_consent(without.id, without.version, includes_contact=True)
    assert updated.includes_contact and updated.version == without.version + 1
    assert _audit(world, without.id)[-1] == ("record.update", "contact")


def test_update_consent_changes_the_end_date_through_the_unit_of_work(world: World) -> None:
    anna, case_id, provider_id = _case(world)
    c = anna.cases.give_consent(
        case_id, "provider", ["housing"], provider_id=provider_id, given_on=GIVEN
    )
    old = datetime(2020, 1, 1, tzinfo=UTC)
    with world.db().session() as session:  # the retention clock back, to see it move
        session.execute(update(Case).where(Case.id == case_id).values(last_entry_at=old))
    longer = anna.cases.update_consent(c.id, c.version, valid_until=LAST)
    assert longer.valid_until == LAST and longer.version == c.version + 1
    assert longer.provider_name == "Vägen Ut AB"  # the info is whole after a change
    [stored] = anna.cases.consents(case_id).consents
    assert stored.valid_until == LAST and stored.scope_areas == ("housing",)
    with world.db().sessions() as session:
        clock = session.execute(select(Case.last_entry_at).where(Case.id == case_id)).scalar_one()
    assert clock.date() >= date.today() - timedelta(days=1)
    # Nothing to change: nothing written, nothing audited.
    same = anna.cases.update_consent(c.id, longer.version, valid_until=LAST)
    assert same.version == longer.version
    # Back to "until withdrawn", and scope and note in one change.
    forever = anna.cases.update_consent(
        c.id, longer.version, valid_until=None, scope_areas=["housing", "substances"], note="Ny"
    )
    assert forever.valid_until is None and forever.scope_areas == ("housing", "substances")
    assert forever.note == "Ny"
    assert [d for a, d in _audit(world, c.id) if a == "record.update"] == [
        "valid_until",
        "valid_until,scope,note",
    ]
    with pytest.raises(ValidationError):
        anna.cases.update_consent(c.id, forever.version, valid_until=GIVEN - timedelta(days=1))
    with pytest.raises(ValidationError):
        anna.cases.update_consent(c.id, forever.version, scope_areas=[])
    with pytest.raises(StaleEditError) as stale:
        anna.cases.update_consent(c.id, c.version, valid_until=LAST)
    assert stale.value.record_type == "consent"
    anna.cases.withdraw_consent(c.id, forever.version)
    with pytest.raises(ValidationError) as refused:
        anna.cases.update_consent(c.id, forever.version + 1, valid_until=LAST)
    assert "återkallat" in refused.value.user_message
    # Another caseworker does not reach the case at all.
    bo = world.workspace("bo")
    from assessment_app.errors import NotFoundError

    with pytest.raises(NotFoundError):
        bo.cases.update_consent(c.id, forever.version + 1, valid_until=LAST)


def test_an_expired_consent_stops_the_provider_document(world: World, tmp_path: Path) -> None:
    anna, ref, vagen, _ = make_case(world)
    case = anna.cases.open(case_ref=ref)
    [c] = anna.cases.consents(case.id).consents
    anna.cases.update_consent(c.id, c.version, valid_until=LAST)
    on_last_day = anna.documents.build(
        ref, "provider", provider_name=vagen, settings=SETTINGS, today=LAST
    )
    assert on_last_day.omitted_actions == 1
    day_after = LAST + timedelta(days=1)
    with pytest.raises(ConsentMissingError):
        anna.documents.build(
            ref, "provider", provider_name=vagen, settings=SETTINGS, today=day_after
        )
    with pytest.raises(ConsentMissingError):
        anna.documents.prepare(
            ref, "provider", provider_name=vagen, settings=SETTINGS, today=day_after
        )
    # The export is refused and leaves no file.
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ConsentMissingError):
        anna.documents.export(
            ref,
            "provider",
            out_dir / "x.pdf",
            provider_name=vagen,
            settings=SETTINGS,
            today=day_after,
        )
    assert list(out_dir.iterdir()) == []
    # The plan editor and the supervisor's view say the same (no valid consent today).
    with anna.read() as uow:
        assert consents.valid_provider_consent(uow, case.id, c.provider_id or "", on=LAST)
        assert (
            consents.valid_provider_consent(uow, case.id, c.provider_id or "", on=day_after) is None
        )


# --- the supervisor's queue ---------------------------------------------------------------------

TODAY = date(2026, 9, 15)


def test_the_queue_lists_consents_that_end_by_case_reference(world: World) -> None:
    anna, case_id, provider_id = _case(world)
    other = anna.cases.create(name="Bo Bengtsson")
    closed = anna.cases.create(name="Cia Carlsson")

    def give(case: str, kind: str, until: date | None, **kw: Any) -> str:
        return anna.cases.give_consent(
            case, kind, ["housing"], given_on=date(2026, 1, 1), valid_until=until, **kw
        ).id

    in_30 = give(case_id, "police", TODAY + timedelta(days=30))
    in_31 = give(case_id, "kriminalvarden", TODAY + timedelta(days=31))  # beyond the warning
    today_last = give(other.id, "provider", TODAY, provider_id=provider_id)
    ended_14 = give(other.id, "healthcare", TODAY - timedelta(days=14), recipient_name="VC")
    ended_15 = give(other.id, "other", TODAY - timedelta(days=15))  # too long ago
    forever = give(other.id, "arbetsformedlingen", None)
    withdrawn = anna.cases.give_consent(
        case_id,
        "forsakringskassan",
        ["housing"],
        given_on=GIVEN,
        valid_until=TODAY + timedelta(days=3),
    )
    anna.cases.withdraw_consent(withdrawn.id, withdrawn.version)
    # Renewed: a later consent to the same recipient lasts beyond this one.
    renewed = give(case_id, "healthcare", TODAY + timedelta(days=5), recipient_name="Psykiatrin")
    give(case_id, "healthcare", date(2027, 12, 31), recipient_name="psykiatrin ")
    # Not renewed: the later one is for another recipient of the same kind.
    not_renewed = give(
        other.id, "healthcare", TODAY + timedelta(days=2), recipient_name="Beroendevården"
    )
    in_closed = give(closed.id, "police", TODAY + timedelta(days=1))
    c = anna.cases.open(closed.id)
    anna.cases.close(closed.id, c.version, "Klart")

    chef = world.workspace("chef")
    queue = chef.review.queue(TODAY)
    rows = [
        (e.consent_id, e.case_ref, e.recipient_kind, e.valid_until) for e in queue.ending_consents
    ]
    ids = [r[0] for r in rows]
    assert ids == [ended_14, today_last, not_renewed, in_30]  # by end date
    for excluded in (in_31, ended_15, forever, withdrawn.id, renewed, in_closed):
        assert excluded not in ids
    refs = {e.consent_id: e.case_ref for e in queue.ending_consents}
    assert refs[in_30] == anna.cases.open(case_id).case_ref and refs[ended_14] == other.case_ref
    by_id = {e.consent_id: e for e in queue.ending_consents}
    assert by_id[ended_14].days_left == -14 and by_id[ended_14].ended
    assert by_id[today_last].days_left == 0 and not by_id[today_last].ended
    assert by_id[in_30].recipient_kind == "police"
    assert queue.total == len(queue.ending_consents)  # nothing else is waiting
    # No names: the rows hold ids, a reference, a kind and dates only.
    text = repr(queue.ending_consents)
    for name in ("Åsa", "Bo Bengtsson", "Psykiatrin", "Beroendevården", "VC", "Vägen"):
        assert name not in text
    # Another unit's supervisor sees none of them; a caseworker has no queue.
    assert world.workspace("syd").review.queue(TODAY).ending_consents == []


def test_the_units_warning_days_are_used(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, case_id, _ = _case(world)
    in_40 = anna.cases.give_consent(
        case_id, "police", ["housing"], given_on=GIVEN, valid_until=TODAY + timedelta(days=40)
    )
    chef = world.workspace("chef")
    assert chef.review.queue(TODAY).ending_consents == []
    assert chef.rules().consent_warning_days == 30
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"units": {"Enhet Nord": {"consent_warning_days": 45}}}))
    monkeypatch.setenv("ASSESSMENT_SETTINGS", str(settings))
    chef = world.workspace("chef")  # the rules are read once per sign-in
    assert [e.consent_id for e in chef.review.queue(TODAY).ending_consents] == [in_40.id]
    anna = world.workspace("anna")
    assert anna.cases.consents(case_id).warning_days == 45


def test_a_transferred_case_keeps_how_long_its_consents_hold(
    sqlite_world: World, tmp_path: Path
) -> None:
    from tests.conftest import make_world

    anna, case_id, _ = _case(sqlite_world)
    anna.cases.give_consent(
        case_id,
        "kriminalvarden",
        ["housing"],
        given_on=GIVEN,
        valid_until=LAST,
        given_how="oral",
        witness_name="Vera Vittne",
        includes_contact=True,
    )
    ref = anna.cases.open(case_id).case_ref
    out = tmp_path / "arende.aatransfer"
    passphrase = "korv-med-bröd-och-senap"
    anna.admin.export_case(ref, out, passphrase)
    target = make_world(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    bo = target.workspace("bo")
    result = bo.admin.import_case(out, passphrase)
    moved = bo.cases.open(case_ref=result.case_ref)
    [c] = bo.cases.consents(moved.id).consents
    # An expired consent must not come back as "until withdrawn" on the other side.
    assert (c.valid_until, c.given_how, c.witness_name, c.includes_contact) == (
        LAST,
        "oral",
        "Vera Vittne",
        True,
    )
    assert not c.valid_on(LAST + timedelta(days=1))


def test_the_registerutdrag_says_how_long_and_how(sqlite_world: World, tmp_path: Path) -> None:
    from pypdf import PdfReader

    anna, case_id, _ = _case(sqlite_world)
    anna.cases.give_consent(
        case_id,
        "police",
        ["housing"],
        given_on=GIVEN,
        valid_until=LAST,
        given_how="oral",
        witness_name="Vera Vittne",
        witness_role="Socialsekreterare",
        includes_contact=True,
        document=b"%PDF-1.4 scanned",
    )
    ref = anna.cases.open(case_id).case_ref
    out = tmp_path / "utdrag.pdf"
    anna.documents.subject_access_pdf(ref, out)
    text = " ".join((p.extract_text() or "") for p in PdfReader(out).pages)
    text = " ".join(text.split())
    for expected in (
        "Gäller till och med 30 juni 2026",
        "Muntligt, vittne: Vera Vittne (Socialsekreterare)",
        "Kontaktuppgifter Får lämnas ut",
        "Inskannad kopia Finns",
    ):
        assert expected in text
