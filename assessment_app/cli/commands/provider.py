"""``assessment-app provider ACTION``: the register of procured providers (utförare).

add, list, edit, retire and reactivate. Changing the register needs an administrator, or a
role the installation's ``provider_managers`` setting names; listing it does not. A provider is
named by its name (any case). In ``edit`` an empty value (``--phone ""``) clears the field.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from typing import Any

from assessment_app.cli.common import say, workspace
from assessment_app.records import providers
from assessment_app.records.providers import ProviderInfo

# The options every form of the provider takes: (flag, field, help).
FIELD_OPTIONS = (
    ("--org-number", "org_number", "organisationsnummer, NNNNNN-NNNN"),
    ("--contact-person", "contact_person", "the contact person at the provider"),
    ("--phone", "phone", "the contact's phone number"),
    ("--email", "email", "the contact's e-mail address"),
    ("--procured-for", "procured_for", 'what it is procured for, e.g. "boendestöd, mentorskap"'),
)
DATE_OPTIONS = (
    ("--contract-from", "contract_from", "the contract's first day, YYYY-MM-DD"),
    ("--contract-to", "contract_to", "the contract's last day, YYYY-MM-DD"),
)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError("use YYYY-MM-DD / ange ÅÅÅÅ-MM-DD") from None


def _day_or_clear(value: str) -> date | str:
    """A date, or "" to clear it (``edit``)."""
    return "" if not value.strip() else _day(value)


def _field_options(p: argparse.ArgumentParser, *, clearing: bool) -> None:
    for flag, dest, help_text in FIELD_OPTIONS:
        p.add_argument(flag, dest=dest, metavar="TEXT", help=help_text)
    for flag, dest, help_text in DATE_OPTIONS:
        p.add_argument(
            flag,
            dest=dest,
            metavar="DATE",
            type=_day_or_clear if clearing else _day,
            help=help_text + (' ("" clears it)' if clearing else ""),
        )


def register(sub: Any) -> None:
    group = sub.add_parser("provider", help="the register of procured providers").add_subparsers(
        dest="provider_cmd", metavar="ACTION"
    )
    group.required = True
    p = group.add_parser("add", help="add a provider to the register")
    p.add_argument("name")
    _field_options(p, clearing=False)
    p.set_defaults(handler=cmd_provider_add)
    p = group.add_parser("list", help="list the providers (active ones; --all: retired too)")
    p.add_argument("--all", action="store_true", help="also the retired providers")
    p.set_defaults(handler=cmd_provider_list)
    p = group.add_parser("edit", help="change what the register says about a provider")
    p.add_argument("name")
    p.add_argument("--name", dest="new_name", metavar="NEW", help="a new name")
    _field_options(p, clearing=True)
    p.set_defaults(handler=cmd_provider_edit)
    p = group.add_parser(
        "retire", help="retire a provider: kept on old plans and consents, not offered for new"
    )
    p.add_argument("name")
    p.add_argument("--on", type=_day, metavar="DATE", help="from this day (default today)")
    p.add_argument("--reason", default="", metavar="TEXT", help="why (optional)")
    p.set_defaults(handler=cmd_provider_retire)
    p = group.add_parser("reactivate", help="offer a retired provider again")
    p.add_argument("name")
    p.set_defaults(handler=cmd_provider_reactivate)


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The field options that were given (an empty value clears the field)."""
    given: dict[str, Any] = {}
    for _flag, dest, _help in FIELD_OPTIONS:
        value = getattr(args, dest)
        if value is not None:
            given[dest] = value
    for _flag, dest, _help in DATE_OPTIONS:
        value = getattr(args, dest)
        if value is not None:
            given[dest] = value or None
    return given


def cmd_provider_add(args: argparse.Namespace) -> int:
    info = workspace(args).admin.add_provider(args.name, **_given(args))
    print(
        say(
            args,
            f"Utföraren {info.name} är tillagd i registret.",
            f"The provider {info.name} was added to the register.",
        )
    )
    return 0


def _contract(p: ProviderInfo) -> str:
    if p.contract_from is None and p.contract_to is None:
        return "-"
    return f"{p.contract_from or '…'} – {p.contract_to or '…'}"


def _status(args: argparse.Namespace, p: ProviderInfo, today: date) -> str:
    status = p.status(today)
    if status == providers.RETIRED:
        on = f" {p.retired_on}" if p.retired_on else ""
        return say(args, f"avslutad{on}", f"retired{on}")
    if status == providers.EXPIRED:
        return say(args, "avtalet har löpt ut", "contract expired")
    if status == providers.UPCOMING:
        return say(args, "avtalet har inte börjat", "contract not started")
    return say(args, "aktiv", "active")


def cmd_provider_list(args: argparse.Namespace) -> int:
    rows = workspace(args).admin.providers(include_inactive=args.all)
    today = date.today()
    heads = say(
        args,
        "UTFÖRARE|ORG.NR|UPPHANDLAD FÖR|AVTAL|STATUS",
        "PROVIDER|ORG. NO.|PROCURED FOR|CONTRACT|STATUS",
    ).split("|")
    table = [
        [p.name, p.org_number or "-", p.procured_for or "-", _contract(p), _status(args, p, today)]
        for p in rows
    ]
    widths = [max([len(h), *(len(r[i]) for r in table)]) for i, h in enumerate(heads)]
    for line in [heads, *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    if not rows:
        print(say(args, "(registret är tomt)", "(the register is empty)"))
    return 0


def cmd_provider_edit(args: argparse.Namespace) -> int:
    admin = workspace(args).admin
    info = admin.provider(name=args.name)
    changes = _given(args)
    if args.new_name is not None:
        changes["name"] = args.new_name
    saved = admin.edit_provider(info.id, info.version, replace(info.fields, **changes))
    if saved.version == info.version:
        print(say(args, f"Inget att ändra för {info.name}.", f"Nothing to change for {info.name}."))
    else:
        print(
            say(
                args,
                f"Utföraren {saved.name} är ändrad.",
                f"The provider {saved.name} was changed.",
            )
        )
    return 0


def cmd_provider_retire(args: argparse.Namespace) -> int:
    admin = workspace(args).admin
    info = admin.provider(name=args.name)
    saved = admin.retire_provider(info.id, info.version, on=args.on, reason=args.reason)
    print(
        say(
            args,
            f"Utföraren {saved.name} är avslutad från {saved.retired_on}: den finns kvar på "
            "gamla planer och samtycken men erbjuds inte för nya.",
            f"The provider {saved.name} is retired from {saved.retired_on}: it stays on old "
            "plans and consents but is not offered for new ones.",
        )
    )
    return 0


def cmd_provider_reactivate(args: argparse.Namespace) -> int:
    admin = workspace(args).admin
    info = admin.provider(name=args.name)
    saved = admin.reactivate_provider(info.id, info.version)
    print(
        say(
            args,
            f"Utföraren {saved.name} är aktiv igen.",
            f"The provider {saved.name} is active again.",
        )
    )
    return 0
